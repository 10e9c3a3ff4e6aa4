"""The renderer: trajectories → one figure → frames → writers.

The static part of every panel is drawn once and cached as a background; each frame restores
it and redraws only the animated artists (``draw_artist``). One frame pass feeds every
requested format. All files are written to temporary names and renamed together at the end.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import run_scene
from .errors import OutputError, SceneError
from .frames import schedule
from .paint import PaintContext, painter_for
from .style import THEMES, rc, run_colors
from .beamer import snippet, timeline
from .captions import alt_text
from .writers import (FORMATS, DEFAULT_FORMATS, GifWriter, Mp4Writer, PngSequence, Transaction, output_dir,
                      write_pdf, write_pdf_pages, write_png, write_text)

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class Figure_:
    """A built figure: the matplotlib Figure, its painters and the status text."""

    def __init__(self, scene, trajectories, dpi):
        theme = THEMES[scene.theme]
        total = max((t.steps for t in trajectories.values()), default=0)
        self.total = total
        scale = min(1.2, max(0.55, scene.font_size / 15))      # marks sized with the text
        ctx = PaintContext(scene, trajectories, run_colors(theme, scene.runs), theme, total, scale)
        w_in, h_in = scene.figsize
        # an even pixel size, as H.264 in yuv420p needs
        w_px, h_px = (int(round(w_in * dpi)) // 2) * 2, (int(round(h_in * dpi)) // 2) * 2
        self.fig = fig = Figure(figsize=(w_px / dpi, h_px / dpi), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(fig)
        rows, cols = scene.layout or (1, len(scene.views))
        self.painters = []
        for k, view in enumerate(scene.views):
            cls = painter_for(view)
            ax = fig.add_subplot(rows, cols, k + 1, projection=cls.projection)
            self.painters.append(cls(ax, view, ctx))
        self.title = fig.suptitle(scene.title, x=0.01, ha="left")
        fit_width(self.title, self.canvas, 0.97 * w_px)
        self.step_text = None
        if not scene.is_still:
            self.step_text = fig.text(0.004, 0.006, "", ha="left", va="bottom", fontsize="small",
                                      color=theme.text, alpha=0.8)
        self.full_redraw = any(p.full_redraw for p in self.painters)

    @property
    def size(self) -> tuple[int, int]:
        w, h = self.canvas.get_width_height()
        return w, h

    def animated(self):
        arts = [a for p in self.painters for a in p.animated]
        return arts + ([self.step_text] if self.step_text is not None else [])

    def set_animated(self, flag: bool):
        for a in self.animated():
            a.set_animated(flag)

    def pose(self, step: int, frame: int) -> None:
        for p in self.painters:
            p.update(step, frame)
        if self.step_text is not None:
            self.step_text.set_text(f"step {min(step, self.total)} / {self.total}")

    def freeze_layout(self) -> None:
        """Lay out once (with the final state drawn, so room is made for it), then fix it."""
        self.pose(self.total, 0)
        self.canvas.draw()
        self.fig.set_layout_engine("none")


def fit_width(text, canvas, width_px: float) -> None:
    """Break a long title into lines that fit the figure (the layout then makes room for them)."""
    import textwrap
    full = text.get_text()
    measured = text.get_window_extent(canvas.get_renderer()).width
    if measured <= width_px or len(full) < 2:
        return
    chars = max(10, int(len(full) * width_px / measured))
    text.set_text(textwrap.fill(full, chars))


class FramePass:
    """Draws frames by blitting onto the cached background (or fully, for a turning camera)."""

    def __init__(self, built: Figure_):
        self.built = built
        built.set_animated(not built.full_redraw)
        built.canvas.draw()
        self.background = built.canvas.copy_from_bbox(built.fig.bbox)

    def draw(self, step: int, frame: int) -> np.ndarray:
        b = self.built
        if b.full_redraw:
            b.pose(step, frame)
            b.canvas.draw()
        else:
            b.canvas.restore_region(self.background)
            b.pose(step, frame)
            # in z-order, as a full draw would layer them (a painter may replace an artist, so
            # the list is asked for anew each frame)
            for a in sorted(b.animated(), key=lambda a: a.get_zorder()):
                b.fig.draw_artist(a)
        return np.asarray(b.canvas.buffer_rgba())[:, :, :3].copy()


def trajectories_of(scene) -> dict:
    return {t.label: t for t in run_scene(scene)}


MOVING = ("gif", "mp4", "png-frames")           # formats fed by the blitted frame pass


def render_scene(scene, name: str, out, formats=DEFAULT_FORMATS, dpi=None, max_frames=None,
                 progress=False) -> list[Path]:
    """Render ``scene`` to ``out/name.*``; returns the paths written. Nothing is replaced
    unless every requested file was written completely."""
    if not NAME.match(name):
        raise OutputError(f"output name {name!r} must be a plain file name", name)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    out = Path(out)
    dpi = dpi or scene.dpi
    trajectories = trajectories_of(scene)
    theme = THEMES[scene.theme]
    with matplotlib.rc_context(rc(theme, scene.font_size)):
        built = Figure_(scene, trajectories, dpi)
        built.freeze_layout()
        stills = still_steps(scene, built.total)
        frames = schedule(built.total, scene.timing, max_frames)
        with output_dir(out):
            txn = Transaction(out)
            try:
                captured = {}
                if not scene.is_still and any(f in formats for f in MOVING):
                    captured = animation_pass(scene, name, built, formats, txn, frames, progress, stills, dpi)
                if "frames" in formats and not scene.is_still:
                    write_frame_pages(scene, name, built, txn, frames)
                write_stills(scene, name, built, formats, txn, stills, captured, dpi)
                if "alt" in formats:
                    write_text(txn.temp(f"{name}.alt.txt"), alt_text(scene, trajectories) + "\n")
                return txn.commit()
            except BaseException:
                txn.abort()
                raise


def still_steps(scene, total: int) -> dict:
    """Still label ('' for the final one) → step."""
    steps = {"": total}
    for label, step in scene.stills.items():
        if step > total:
            raise SceneError(f"still {label!r} asks for step {step}, but the runs end at step {total}")
        steps[label] = step
    return steps


def animation_pass(scene, name, built, formats, txn, frames, progress, stills, dpi) -> dict:
    writers = []
    fp = FramePass(built)
    if "gif" in formats:
        gif = GifWriter(txn.temp(f"{name}.gif"), loop=scene.timing.loop)
        gif.set_palette([fp.draw(frames[0].step, 0), fp.draw(frames[-1].step, frames[-1].index)])
        writers.append(gif)
    if "mp4" in formats:
        writers.append(Mp4Writer(txn.temp(f"{name}.mp4"), built.size, scene.timing.fps))
    if "png-frames" in formats:
        writers.append(PngSequence(txn.temp_dir(f"{name}-frames"), name, dpi))
    captured = {}
    wanted = set(stills.values())
    bar = None
    if progress:
        import click
        bar = click.progressbar(length=len(frames), label=name, file=sys.stderr)
        bar.__enter__()
    try:
        for f in frames:
            rgb = fp.draw(f.step, f.index)
            for w in writers:
                w.grab(rgb, f.duration)
            if f.step in wanted:
                captured[f.step] = rgb
            if bar is not None:
                bar.update(1)
        for w in writers:
            w.finish()
    except BaseException:
        for w in writers:
            if hasattr(w, "abort"):
                w.abort()
        raise
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    return captured


def write_frame_pages(scene, name, built, txn, frames) -> None:
    """NAME-frames.pdf (a vector page per frame) with its LaTeX snippet and timeline."""
    built.set_animated(False)

    def pages():
        for f in frames:
            built.pose(f.step, f.index)
            yield built.fig

    write_pdf_pages(txn.temp(f"{name}-frames.pdf"), pages())
    durations = [f.duration for f in frames]
    w_in, h_in = built.fig.get_size_inches()
    tex = snippet(name, scene.title, durations, w_in * 2.54, h_in * 2.54, scene.timing.fps, scene.timing.loop)
    write_text(txn.temp(f"{name}-frames.tex"), tex)
    if "timeline=" in tex:
        write_text(txn.temp(f"{name}-frames.timeline"), timeline(durations))


def write_stills(scene, name, built, formats, txn, stills, captured, dpi) -> None:
    if not any(f in formats for f in ("pdf", "png")):
        return
    built.set_animated(False)
    for label, step in stills.items():
        stem = name if not label else f"{name}-{label}"
        if "png" in formats:
            if step in captured:
                rgb = captured[step]
            else:
                built.pose(step, 0)
                built.canvas.draw()
                rgb = np.asarray(built.canvas.buffer_rgba())[:, :, :3].copy()
            write_png(txn.temp(f"{stem}.png"), rgb, dpi)
        if "pdf" in formats:
            built.pose(step, 0)
            write_pdf(built.fig, txn.temp(f"{stem}.pdf"))
