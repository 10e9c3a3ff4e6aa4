"""PNG stills and PNG sequences without time stamps: same pixels, same bytes."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from gdanim.encode.text_files import write_text
from gdanim.runtime.transaction import os_error


def write_png(path: Path, rgb: np.ndarray, dpi: int) -> None:
    """A PNG with no time stamps or software tag: same pixels, same bytes."""
    from PIL import Image
    try:
        Image.fromarray(rgb).save(path, format="PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    except OSError as exc:
        raise os_error(exc, path) from None


class PngSequence:
    """Every frame as its own PNG in a folder, zero-padded (``NAME-0000.png``, …), for
    PowerPoint, Google Slides or a video editor; ``timing.txt`` lists each frame's seconds."""

    def __init__(self, folder: Path, stem: str, dpi: int, digits: int = 4):
        self.folder, self.stem, self.dpi, self.digits = folder, stem, dpi, digits
        self.durations: list[float] = []

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        write_png(self.folder / f"{self.stem}-{len(self.durations):0{self.digits}d}.png", rgb, self.dpi)
        self.durations.append(duration)

    def finish(self) -> None:
        lines = [f"{self.stem}-{i:0{self.digits}d}.png {d:.3f}" for i, d in enumerate(self.durations)]
        write_text(self.folder / "timing.txt", "\n".join(lines) + "\n")
