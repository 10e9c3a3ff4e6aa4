"""Scenes in Jupyter: a scene shows itself inline (``Scene._repr_html_``) as an HTML5 video,
or as a GIF or PNG, rendered into a temporary folder and embedded as a data URL, so the
notebook is self-contained and nothing is written next to it.

    scene            # last line of a cell: the animation plays inline
    gdanim.notebook.html(scene, "gif", dpi=60)
"""
from __future__ import annotations

import base64
import html as html_
import tempfile
from pathlib import Path

KINDS = {"mp4": "video/mp4", "gif": "image/gif", "png": "image/png"}


def html(scene, fmt: str = "mp4", dpi: int | None = None, max_frames: int | None = None) -> str:
    """The scene rendered as ``fmt`` ("mp4", "gif" or "png") inside an HTML fragment."""
    from .renderer import render_scene
    if fmt not in KINDS:
        raise ValueError(f"fmt must be one of {', '.join(KINDS)}, got {fmt!r}")
    if scene.is_still:
        fmt = "png"
    with tempfile.TemporaryDirectory(prefix="gdanim-nb-") as tmp:
        render_scene(scene, "scene", tmp, (fmt, "alt"), dpi=dpi, max_frames=max_frames)
        data = base64.b64encode((Path(tmp) / f"scene.{fmt}").read_bytes()).decode("ascii")
        alt = html_.escape((Path(tmp) / "scene.alt.txt").read_text(encoding="utf-8").strip())
    src = f"data:{KINDS[fmt]};base64,{data}"
    if fmt == "mp4":
        return (f'<video controls autoplay loop muted playsinline style="max-width:100%" aria-label="{alt}">'
                f'<source src="{src}" type="video/mp4"></video>')
    return f'<img src="{src}" alt="{alt}" style="max-width:100%">'
