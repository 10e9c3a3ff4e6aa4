"""Scenes in Jupyter: a scene shows itself inline (``Scene._repr_html_``) as an HTML5 video, or in
any other format that can be shown inline (a format with ``media``: GIF, PNG), rendered into a
temporary folder and embedded as a data URL, so the notebook is self-contained and nothing is
written next to it.

    scene            # last line of a cell: the animation plays inline
    gdanim.notebook.html(scene, "gif", dpi=60)
"""
from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from . import formats
from .scene import show_with


def inline_formats() -> tuple[str, ...]:
    """Formats a notebook can show: those with a media kind."""
    return tuple(n for n in formats.names() if formats.get(n).media)


def html(scene, fmt: str = "mp4", dpi: int | None = None, max_frames: int | None = None) -> str:
    """The scene rendered as ``fmt`` (any of ``inline_formats()``) inside an HTML fragment; a
    still scene is shown as its still."""
    from .renderer import render_scene
    shown = inline_formats()
    if fmt not in shown:
        raise ValueError(f"fmt must be one of {', '.join(shown)}, got {fmt!r}")
    if scene.is_still and formats.get(fmt).media != "still":
        fmt = next(n for n in shown if formats.get(n).media == "still")
    kind, alt_fmt = formats.get(fmt), formats.get("alt")
    with tempfile.TemporaryDirectory(prefix="gdanim-nb-") as tmp:
        render_scene(scene, "scene", tmp, (fmt, "alt"), dpi=dpi, max_frames=max_frames)
        data = base64.b64encode((Path(tmp) / kind.outputs("scene")[0][0]).read_bytes()).decode("ascii")
        alt = (Path(tmp) / alt_fmt.outputs("scene")[0][0]).read_text(encoding="utf-8").strip()
    attrs = (" controls" if kind.mime.startswith("video/") else "") + ' style="max-width:100%"'
    return kind.embed(f"data:{kind.mime};base64,{data}", alt, attrs)


show_with(html)
