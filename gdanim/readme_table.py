"""The README's table of scenes: a PNG still per scene and one line saying what it teaches,
written between the markers ``<!-- gallery:start -->`` and ``<!-- gallery:end -->``
(``make readme``; the gallery *page* is gdanim.gallery_page)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import OutputError

START, END = "<!-- gallery:start -->", "<!-- gallery:end -->"


def readme_gallery(scene_dir: Path, image_dir: Path, readme: Path, dpi: int = 40) -> int:
    """Render every scene's final still to image_dir and rewrite the README section; returns the count."""
    from .loader import load, scene_files
    from .renderer import render_scene
    rows = []
    for path in scene_files(scene_dir):
        scene = load(path)
        render_scene(scene, path.stem, image_dir, ("png",), dpi=dpi)
        rel = os.path.relpath(Path(image_dir) / f"{path.stem}.png", Path(readme).parent)
        rows.append(f"| ![{path.stem}]({rel}) | **`{path.stem}`** — {scene.description} |")
    table = "\n".join(["| still | what it teaches |", "|---|---|", *rows])
    text = Path(readme).read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise OutputError(f"no {START} … {END} markers to write the table between", str(readme))
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda m: f"{START}\n{table}\n{END}", text, flags=re.S)
    Path(readme).write_text(text, encoding="utf-8")
    return len(rows)
