"""Scenes in Jupyter: a scene shows itself inline (``Scene._repr_html_``) as its explorer (play,
scrub, sweep, turn: it runs in Jupyter, VS Code and Colab, where an H.264 video may not), or in any
format that can be shown inline (a format with ``media``: MP4, GIF, PNG), rendered into a temporary
folder and embedded as data, so the notebook is self-contained and nothing is written next to it.

    scene            # last line of a cell: the explorer
    gdanim.notebook.html(scene, "mp4")          # the HTML5 video instead
    gdanim.notebook.html(scene, "gif", dpi=60)
"""
from __future__ import annotations

import base64
import itertools
import tempfile
from pathlib import Path

from gdanim import formats
from gdanim.declare.scene import show_with


def inline_formats() -> tuple[str, ...]:
    """Formats a notebook can show: those with a media kind."""
    return tuple(n for n in formats.names() if formats.get(n).media)


def html(scene, fmt: str = "html", dpi: int | None = None, max_frames: int | None = None) -> str:
    """The scene as an HTML fragment: its explorer (``fmt="html"``), or rendered as ``fmt`` (any
    of ``inline_formats()``); a still scene is shown as its PNG still."""
    from gdanim.rendering.renderer import render_scene
    if fmt == "html" and not scene.is_still:
        return explorer(scene, dpi, max_frames)
    inline = inline_formats()
    if fmt == "html":
        fmt = "png"
    if fmt not in inline:
        raise ValueError(f"fmt must be one of {', '.join(inline)}, got {fmt!r}")
    if scene.is_still and formats.get(fmt).media != "still":
        fmt = next(n for n in inline if formats.get(n).media == "still")
    kind, alt_fmt = formats.get(fmt), formats.get("alt")
    with tempfile.TemporaryDirectory(prefix="gdanim-nb-") as tmp:
        render_scene(scene, "scene", tmp, (fmt, "alt"), dpi=dpi, max_frames=max_frames)
        data = base64.b64encode((Path(tmp) / kind.outputs("scene")[0][0]).read_bytes()).decode("ascii")
        alt = (Path(tmp) / alt_fmt.outputs("scene")[0][0]).read_text(encoding="utf-8").strip()
    attrs = (" controls" if kind.mime.startswith("video/") else "") + ' style="max-width:100%"'
    return kind.embed(f"data:{kind.mime};base64,{data}", alt, attrs)


_outputs = itertools.count(1)


def explorer(scene, dpi: int | None = None, max_frames: int | None = None) -> str:
    """The scene's explorer as a notebook output, its script run in place; each output of a kernel
    has an id of its own (gdanim-scene-1, gdanim-scene-2, …), as HTML asks."""
    from gdanim.rendering.renderer import explorer_fragment
    return explorer_fragment(scene, f"gdanim-scene-{next(_outputs)}", dpi, max_frames)


def cell_html(scene) -> str:
    """What a notebook shows for a scene (the last line of a cell): its explorer, with what the CLI
    would say as notes below it; a scene that cannot be drawn (its loss raises, a run is declared
    badly) is said in one line in its place, as by the CLI, not as a traceback through gdanim's
    insides followed by the scene's text repr."""
    import warnings

    from gdanim.core.errors import GdanimError, for_the_lecturer, meaning
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            body = html(scene)
    except GdanimError as exc:
        return said("error", " ".join(str(exc).split()))
    notes = list(dict.fromkeys(meaning(w) for w in caught if for_the_lecturer(w)))
    return body + "".join(said("note", text) for text in notes)


def said(kind: str, text: str) -> str:
    """One line as the CLI says it (``gdanim: note: …``), in a notebook's output."""
    import html as html_
    color = "#b00020" if kind == "error" else "#8a5a00"
    return (f'<div class="gdanim-{kind}" style="font: 13px/1.4 monospace; color: {color}; margin: 4px 0">'
            f"gdanim: {kind}: {html_.escape(text)}</div>")


show_with(cell_html)
