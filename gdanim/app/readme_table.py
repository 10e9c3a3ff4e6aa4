"""The README's generated tables (``make readme``): the scenes, a PNG still each and one line
saying what it teaches, between ``<!-- gallery:start -->`` and ``<!-- gallery:end -->``; and
the output formats, from their registry, between ``<!-- formats:start -->`` and
``<!-- formats:end -->``. (The gallery *page* is gdanim.gallery_page.)"""
from __future__ import annotations

import os
import re
from pathlib import Path

from gdanim.core.errors import OutputError

MARKERS = {"gallery": ("<!-- gallery:start -->", "<!-- gallery:end -->"),
           "formats": ("<!-- formats:start -->", "<!-- formats:end -->")}


def readme_gallery(scene_dir: Path, image_dir: Path, readme: Path, dpi: int = 40) -> int:
    """Render every scene's final still to image_dir and rewrite the README's tables; returns the
    number of scenes. All or nothing: the README's markers are checked first, the stills are drawn
    into a folder of their own, and only when every scene has rendered do they and the README
    take the place of the old ones."""
    import shutil
    import tempfile
    from gdanim.app.loader import load, scene_files
    from gdanim.rendering.renderer import render_scene
    from gdanim.runtime.transaction import os_error
    readme, image_dir = Path(readme), Path(image_dir)
    try:
        text = readme.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OutputError("no such file (the tables are written into a README that has their markers)",
                          str(readme)) from None
    except OSError as exc:
        raise os_error(exc, readme) from None
    for key in MARKERS:
        between(text, key, "", readme)                  # no markers: said before anything is drawn
    image_dir.mkdir(parents=True, exist_ok=True)
    drawn = Path(tempfile.mkdtemp(prefix=".gdanim-readme-", dir=image_dir))
    try:
        rows = []
        for path in scene_files(scene_dir):
            scene = load(path)
            render_scene(scene, path.stem, drawn, ("png",), dpi=dpi)
            rel = os.path.relpath(image_dir / f"{path.stem}.png", readme.parent)
            rows.append(f"| ![{path.stem}]({rel}) | **`{path.stem}`** — {scene.description} |")
        text = between(text, "gallery", "\n".join(["| still | what it teaches |", "|---|---|", *rows]), readme)
        text = between(text, "formats", formats_table(), readme)
        new_readme = drawn / "README.new"
        new_readme.write_text(text, encoding="utf-8")
        os.replace(new_readme, readme)          # first: should it fail, the old stills still fit the old README
        for png in sorted(drawn.glob("*.png")):
            os.replace(png, image_dir / png.name)
    except OSError as exc:
        raise os_error(exc, readme) from None
    finally:
        shutil.rmtree(drawn, ignore_errors=True)
    return len(rows)


def formats_table() -> str:
    """| `--format` | files | for |, one row per registered format."""
    from gdanim import formats
    rows = []
    for name in formats.names():
        fmt = formats.get(name)
        files = ", ".join(f"`{f}`" for f, _ in fmt.outputs("NAME", ("LABEL",)))
        also = f" (also `--format {', '.join(fmt.aliases)}`)" if fmt.aliases else ""
        rows.append(f"| `{name}`{also} | {files} | {fmt.purpose} |")
    return "\n".join(["| `--format` | files | for |", "|---|---|---|", *rows])


def between(text: str, key: str, table: str, readme: Path) -> str:
    start, end = MARKERS[key]
    if start not in text or end not in text:
        raise OutputError(f"no {start} … {end} markers to write the table between", str(readme))
    return re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: f"{start}\n{table}\n{end}", text, flags=re.S)
