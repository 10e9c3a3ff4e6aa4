"""Encoders: GIF, MP4, PNG, PDF and PDF pages, each writing one file from frames that arrive as
(h, w, 3) uint8 arrays straight from the Agg buffer (or from the posed figure, for vector files);
nothing goes through image files on disk. The formats in gdanim/formats drive them."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from .errors import OutputError
from .frame_schedule import ticks
from .transaction import final_name, os_error


class GifWriter:
    """One palette for the whole animation (computed once from sample frames), no dithering.
    Pixels unchanged since the previous frame are written as the transparent index and the
    frame is laid over the last one (disposal 1), so each frame stores only what moved and
    LZW squeezes the rest to almost nothing."""

    CLEAR = 255          # the palette has 255 colours; index 255 means "as before"

    def __init__(self, path: Path, loop: int = 0):
        self.path, self.loop = path, loop
        self.palette = None
        self.frames, self.durations = [], []
        self.previous = None

    def set_palette(self, samples: list[np.ndarray]) -> None:
        from PIL import Image
        stack = np.concatenate(samples, axis=0)
        self.palette = Image.fromarray(stack).quantize(colors=self.CLEAR, method=Image.Quantize.MEDIANCUT,
                                                       kmeans=0, dither=Image.Dither.NONE)
        pal = self.palette.getpalette()[: 3 * self.CLEAR]
        self.full_palette = pal + [0] * (768 - len(pal))

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        from PIL import Image
        if self.palette is None:
            self.set_palette([rgb])
        idx = np.asarray(Image.fromarray(rgb).quantize(palette=self.palette, dither=Image.Dither.NONE))
        out = idx.copy()
        if self.previous is not None:
            out[idx == self.previous] = self.CLEAR
        self.previous = idx
        frame = Image.fromarray(out, mode="P")
        frame.putpalette(self.full_palette)
        self.frames.append(frame)
        self.durations.append(duration)

    def finish(self) -> None:
        if not self.frames:
            raise OutputError("no frames to write", final_name(self.path))
        ms = [10 * n for n in ticks(self.durations, 0.01)]        # GIF counts in centiseconds
        try:
            self.frames[0].save(self.path, format="GIF", save_all=True, append_images=self.frames[1:],
                                duration=ms, loop=self.loop, optimize=False, disposal=1,
                                transparency=self.CLEAR)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.frames = []


class Mp4Writer:
    """H.264 in MP4 via imageio-ffmpeg's own ffmpeg binary: yuv420p, +faststart, bit-exact
    headers (no encoder version string, no dates), frame size kept exactly (macro_block_size=1;
    the renderer makes it even). A frame shown longer is repeated at the constant rate."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float, crf: int = 18):
        import imageio_ffmpeg
        self.path, self.fps = path, fps
        w, h = size
        if w % 2 or h % 2:
            raise OutputError(f"MP4 frame size must be even, got {w}×{h}", final_name(path))
        self.clock, self.shown = 0.0, 0
        self.gen = imageio_ffmpeg.write_frames(
            str(path), (w, h), fps=fps, codec="libx264", pix_fmt_in="rgb24", pix_fmt_out="yuv420p",
            quality=None, macro_block_size=1, ffmpeg_log_level="quiet",   # failures: see finish()
            output_params=["-crf", str(crf), "-preset", "medium", "-tune", "animation",
                           "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
                           "-flags:v", "+bitexact", "-f", "mp4"],
        )
        try:
            self.gen.send(None)
        except (OSError, RuntimeError) as exc:
            raise OutputError(f"cannot start the MP4 encoder: {exc}", final_name(path)) from None

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        self.clock += duration
        n = max(1, int(round(self.clock * self.fps)) - self.shown)
        self.shown += n
        data = np.ascontiguousarray(rgb)
        try:
            for _ in range(n):
                self.gen.send(data)
        except (OSError, RuntimeError, StopIteration) as exc:
            self.abort()
            raise self.failure(exc) from None

    def finish(self) -> None:
        try:
            self.gen.close()
        except (OSError, RuntimeError) as exc:
            raise self.failure(exc) from None
        if not mp4_complete(self.path):       # imageio-ffmpeg does not report ffmpeg's exit status
            raise self.failure(None)

    def failure(self, exc) -> OutputError:
        """One line for a failed encode: a full disk said as such, else the error's first line."""
        if shutil.disk_usage(self.path.parent).free < 1 << 20:
            return OutputError("disk full while writing", final_name(self.path))
        what = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else \
            "it stopped before the file was complete"
        return OutputError(f"MP4 encoder failed: {what}", final_name(self.path))

    def abort(self) -> None:
        try:
            self.gen.close()
        except Exception:
            pass


def mp4_complete(path: Path) -> bool:
    """Do the MP4's top-level boxes tile the file exactly, with a ``moov`` and an ``mdat``? A
    file cut short (disk full, encoder killed) fails this."""
    size = path.stat().st_size
    seen, pos = set(), 0
    with open(path, "rb") as fh:
        while pos < size:
            fh.seek(pos)
            head = fh.read(16)
            if len(head) < 8:
                return False
            n, kind = int.from_bytes(head[:4], "big"), head[4:8]
            if n == 1:
                n = int.from_bytes(head[8:16], "big")
            elif n == 0:
                n = size - pos
            if n < 8:
                return False
            seen.add(kind)
            pos += n
    return pos == size and {b"moov", b"mdat"} <= seen


def write_png(path: Path, rgb: np.ndarray, dpi: int) -> None:
    """A PNG with no time stamps or software tag: same pixels, same bytes."""
    from PIL import Image
    try:
        Image.fromarray(rgb).save(path, format="PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    except OSError as exc:
        raise os_error(exc, path) from None


PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}


def write_pdf(fig, path: Path) -> None:
    """Vector PDF, TrueType fonts embedded (pdf.fonttype 42 in the render's rc), no dates or
    version strings: a re-render gives the same bytes."""
    try:
        fig.savefig(path, format="pdf", metadata=PDF_METADATA)
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


def write_text(path: Path, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise os_error(exc, path) from None


class PdfPagesWriter:
    """One vector PDF page per figure state (matplotlib's PdfPages): ``grab(fig)`` adds the figure
    as posed now. No dates or producer strings."""

    def __init__(self, path: Path):
        from matplotlib.backends.backend_pdf import PdfPages
        self.path = path
        try:
            self.pdf = PdfPages(path, metadata=PDF_METADATA)
        except OSError as exc:
            raise os_error(exc, path) from None
        self.pages = 0

    def grab(self, fig) -> None:
        try:
            self.pdf.savefig(fig)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.pages += 1

    def finish(self) -> None:
        try:
            self.pdf.close()
        except OSError as exc:
            raise os_error(exc, self.path) from None
