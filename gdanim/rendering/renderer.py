"""The renderer: trajectories → one figure → frames → the requested formats' writers.

The static part of every panel is drawn once and cached as a background; each frame restores
it and redraws only the animated artists (``draw_artist``). One frame pass feeds every format
that consumes frames; formats are looked up in gdanim.formats and never named here. All files
are written to temporary names and renamed together at the end (gdanim.transaction).
"""
from __future__ import annotations

import contextlib
import functools
import re
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gdanim.formats import DEFAULT as DEFAULT_FORMATS, resolve
from gdanim.declare import checks
from gdanim.rendering import legend_fit, legend_spot, room_3d
from gdanim.core.errors import NothingToWrite, OutputError, SceneError, Stopped
from gdanim.compute.frame_schedule import Frame, schedule
from gdanim.formats.capture import draw_order, rgb_of
from gdanim.rendering.paint import PaintContext, Shown, ShownPin, painter_for
from gdanim.compute.runner import run_scene
from gdanim.declare.style import THEMES, pin_colors, rc, run_colors
from gdanim.runtime.transaction import Transaction, after_commit, output_dir, signals_held
from gdanim.runtime.workers import plan

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class SceneFigure:
    """A built figure: the matplotlib Figure, its painters and the status text."""

    def __init__(self, scene, trajectories, dpi):
        theme = THEMES[scene.theme]
        total = max((t.steps for t in trajectories.values()), default=0)
        self.total, self.timing = total, scene.timing
        scale = min(1.2, max(0.55, scene.font_size / 15))      # marks sized with the text
        ctx = PaintContext(theme, total, scale)
        colors = run_colors(theme, scene.runs)
        pin_color = pin_colors(theme, scene.pins, scene.runs)
        self.key_colors = key_colors(theme, [*colors.values(), *pin_color.values()])
        w_px, h_px = frame_size(scene.figsize, dpi)
        self.fig = fig = Figure(figsize=(w_px / dpi, h_px / dpi), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(fig)
        rows, cols = scene.grid
        self.painters = []
        cmaps = loss_colormaps(scene, theme)
        for k, view in enumerate(scene.views):
            cls = painter_for(view)
            ax = fig.add_subplot(rows, cols, k + 1, projection=cls.projection)
            shown = [Shown(r, trajectories[r.label], scene.problem_for(run=r), colors[r.label])
                     for r in scene.runs_for(view)]
            pins = tuple(ShownPin(p.label, p.at, pin_color[p.label], p.marker) for p in scene.pins_for(view))
            self.painters.append(cls(ax, view, scene.problem_for(view), shown, replace(ctx, pins=pins, cmap=cmaps[k])))
        self.title = None
        if scene.figure_title:
            self.title = fig.suptitle(scene.title, x=0.01, ha="left")
            fit_width(self.title, self.canvas, 0.97 * w_px)
        self.step_text = None
        if not scene.is_still:
            self.step_text = fig.text(0.004, 0.006, "", ha="left", va="bottom", fontsize="small",
                                      color=theme.text, alpha=0.8)
        self.full_redraw = any(p.full_redraw for p in self.painters)
        self.lifted: list = []         # static artists a full draw layers over a moving one
        self.legends_under_paths()

    def legends_under_paths(self) -> None:
        """A legend goes just under its panel's moving lines and paths: none hides behind it, and
        it stays in the blitted frames' cached background (redrawing a legend costs 5 ms a frame).
        Moving fills below the lines (ModelFit's shading) stay under it."""
        for painter in self.painters:
            legend = painter.ax.get_legend()
            lines = [a.get_zorder() for a in painter.animated if a.get_zorder() >= 2]
            if legend is not None and lines and legend.get_zorder() >= min(lines):
                legend.set_zorder(min(lines) - 0.01)

    @property
    def size(self) -> tuple[int, int]:
        w, h = self.canvas.get_width_height()
        return w, h

    def animated(self):
        """Everything a blitted frame redraws: the painters' moving artists, the static ones lifted
        above them (``lift``) and the step counter."""
        arts = [a for p in self.painters for a in p.animated] + self.lifted
        return arts + ([self.step_text] if self.step_text is not None else [])

    def lift(self) -> None:
        """Find the static artists that a full draw puts above some moving artist of their axes
        where it can paint (ModelFit's data points over its moving shading, a start marker over a
        path): a blitted frame must draw them again, over the moving ones, or they would end up
        underneath. Legends are not lifted: ``legends_under_paths`` puts them under the moving
        artists instead."""
        from matplotlib.transforms import Bbox
        moving = {id(a) for p in self.painters for a in p.animated}
        renderer = self.canvas.get_renderer()
        self.lifted = []
        for ax in self.fig.axes:
            reach = None            # where the moving artists drawn so far can paint
            for a in draw_order(ax):
                if id(a) in moving:
                    box = (a.get_clip_box() or ax.bbox) if a.get_clip_on() else self.fig.bbox
                    reach = box if reach is None else Bbox.union([reach, box])
                elif reach is not None and a.get_visible() and paints_over(a, reach, renderer):
                    self.lifted.append(a)

    def redraw_order(self, extra=()) -> list:
        """The moving artists (and ``extra`` ones) in the order a full draw paints them, axes by
        axes, then the step counter: what a blitted frame draws over the background."""
        redraw = {id(a) for a in [*self.animated(), *extra]}
        order = [a for ax in self.fig.axes for a in draw_order(ax) if id(a) in redraw]
        return order + ([self.step_text] if self.step_text is not None else [])

    def set_animated(self, flag: bool):
        for a in self.animated():
            a.set_animated(flag)

    def pose(self, step: int, frame: int) -> None:
        for p in self.painters:
            p.update(step, frame)
        if self.step_text is not None:
            self.step_text.set_text(f"step {min(step, self.total)} / {self.total}")

    def cameras_reached(self) -> dict:
        """axes → the (elev, azim) a turning camera reaches over the animation (eight of them,
        evenly, or every 45° of a full turn), for the room its labels need (room_3d)."""
        frames = len(schedule(self.total, self.timing))
        reached = {}
        for p in self.painters:
            turn = getattr(p.view, "turn", 0) if p.full_redraw else 0
            if turn:
                span = min(360.0, abs(turn) * (frames - 1)) * np.sign(turn)
                reached[p.ax] = [(p.view.elev, p.view.azim + span * k / 7) for k in range(8)]
        return reached

    def freeze_layout(self) -> None:
        """Lay out once (with the final state drawn, so room is made for it), then fix it, and
        fix where each legend stands: ``loc="best"`` would otherwise move it with the data drawn
        at each step (in a full draw; blitted frames keep it where the first draw put it)."""
        self.pose(self.total, 0)
        legend_fit.out_of_layout(self.fig)
        room_3d.place_labels(self.fig, self.canvas.get_renderer())     # the layout measures 3-D panels by them
        self.fig.get_layout_engine().execute(self.fig)      # the layout alone, not a whole draw (0.15 s)
        for ax in self.fig.axes:
            ax.apply_aspect()           # the positions the layout gave, as a draw would take them up
        # None, not "none": "none" leaves a placeholder engine, and savefig then draws the whole
        # figure once more before drawing it into the file (a PDF still took 0.1 s longer)
        self.fig.set_layout_engine(None)
        renderer = self.canvas.get_renderer()
        room_3d.make_room(self.fig, renderer, self.cameras_reached())
        legend_fit.fit(self.painters, renderer)
        self.legends_under_paths()
        for painter in self.painters:
            legend = painter.ax.get_legend()
            if legend is not None and painter.projection != "3d":
                legend_spot.place(legend, painter.ax, painter.animated, renderer)
        for ax in self.fig.axes:
            legend = ax.get_legend()
            if legend is not None:
                corner = legend.get_window_extent(renderer).p0
                legend.set_bbox_to_anchor(None)
                legend.set_loc(tuple(ax.transAxes.inverted().transform(corner)))
                legend.borderaxespad = 0


def loss_colormaps(scene, theme) -> list[str]:
    """Each panel's colour map for its loss: one loss gets one colour map in every panel of a
    figure, the first a panel of that loss declares (``cmap=``), else the theme's."""
    declared: dict[int, str] = {}
    for view in scene.views:
        if getattr(view, "cmap", None) is not None:
            declared.setdefault(id(scene.problem_for(view)), view.cmap)
    return [getattr(view, "cmap", None) or declared.get(id(scene.problem_for(view)), theme.contour_cmap)
            for view in scene.views]


def frame_size(figsize, dpi) -> tuple[int, int]:
    """A frame's pixels: the figure's inches at ``dpi``, made even, as H.264 in yuv420p needs."""
    w_in, h_in = figsize
    return (int(round(w_in * dpi)) // 2) * 2, (int(round(h_in * dpi)) // 2) * 2


def key_colors(theme, run_colors) -> list[tuple[int, int, int]]:
    """The figure's own colours as 0–255 RGB: the theme's and each run's (for the GIF's palette)."""
    from matplotlib.colors import to_rgb
    named = (theme.face, theme.text, theme.star, theme.path, theme.curve, theme.contour_line, *run_colors,
             *theme.palette)
    return [tuple(int(round(255 * c)) for c in to_rgb(color)) for color in named]


def paints_over(artist, region, renderer) -> bool:
    """Can ``artist`` paint inside ``region``, widened by 2 px for antialiased edges? An empty
    text paints nothing; an artist whose extent is unknown may paint anywhere."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text
    if isinstance(artist, Text) and not artist.get_text():
        return False
    if isinstance(artist, Axis):           # its tick marks and grid lines lie on and in its axes
        return artist.axes.bbox.overlaps(region.padded(2))
    try:
        extent = artist.get_tightbbox(renderer)
    except Exception:
        return True
    if extent is None or (extent.width == 0 and extent.height == 0):
        return True
    return extent.overlaps(region.padded(2))


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

    def __init__(self, built: SceneFigure):
        self.built = built
        if not built.full_redraw:
            built.lift()
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
            for a in b.redraw_order():      # asked for anew each frame: a painter may replace an artist
                b.fig.draw_artist(a)
        return rgb_of(b.canvas)


def trajectories_of(scene) -> dict:
    """label → Trajectory for every run of ``scene``."""
    return {t.label: t for t in run_scene(scene)}


def confined(name) -> str:
    """``name`` if it names a file in the output folder (no folder of its own, no .. and not
    absolute), else a SceneError: a format of one's own writes only there."""
    if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        import os
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(package):
            frame = frame.f_back                # the format's own line that asked
        error = SceneError(f"a format asked for a file named {name!r}: a format writes only into the output "
                           f"folder, job.temp(NAME) with NAME a file name without a folder")
        raise error.located(frame.f_code.co_filename, frame.f_lineno) if frame is not None else error
    return name


class Job:
    """What a format's writer may use during one render: the output name, the scene and its
    trajectories, the frame schedule and stills, temporary files that become final on commit,
    and pictures drawn on demand."""

    def __init__(self, name, scene, trajectories, figure: SceneFigure, dpi, frames, stills, txn, processes=1):
        self.name, self.scene, self.trajectories = name, scene, trajectories
        self.processes = processes                               # how many processes draw the frames
        self.figure, self.dpi, self.frames, self.stills, self.txn = figure, dpi, frames, stills, txn
        self.timing = scene.timing
        self.size = figure.size                                  # pixels, even
        self.inches = tuple(figure.fig.get_size_inches())
        self.captured: dict[int, np.ndarray] = {}               # step → frame-pass pixels, for stills
        self.writers: list = []
        self.frame_pass = None
        self.drawn: dict[int, np.ndarray] = {}                  # frame index → pixels drawn before the pass

    def temp(self, file_name: str) -> Path:
        """A temporary file that becomes ``out/file_name`` when the render commits; ``file_name``
        is a name in the output folder, never a path elsewhere."""
        return self.txn.temp(confined(file_name))

    def temp_dir(self, folder_name: str) -> Path:
        return self.txn.temp_dir(confined(folder_name))

    def draw(self, frame: Frame) -> np.ndarray:
        """The pixels of ``frame``, blitted (the frame pass starts on first use). What is drawn
        before the frame pass (the GIF's palette samples) is kept for it, not drawn twice."""
        if frame.index not in self.drawn:
            self.drawn[frame.index] = self.blit(frame)
        return self.drawn[frame.index]

    def blit(self, frame: Frame) -> np.ndarray:
        if self.frame_pass is None:
            self.frame_pass = FramePass(self.figure)
        return self.frame_pass.draw(frame.step, frame.index)

    def take(self, frame: Frame) -> np.ndarray:
        """``frame``'s pixels for the frame pass: kept from ``draw`` (and let go), else drawn."""
        rgb = self.drawn.pop(frame.index, None)
        return rgb if rgb is not None else self.blit(frame)

    def pose(self, step: int, frame: int = 0):
        """The matplotlib Figure showing the state after ``step`` (fully drawn, not blitted)."""
        self.figure.pose(step, frame)
        return self.figure.fig

    def frame_of(self, step: int) -> int:
        """The index of the frame that shows ``step`` (or the last one before it): a still of that
        step shows the same state as the animation there, a turning camera included."""
        shown = [f.index for f in self.frames if f.step <= step]
        return shown[-1] if shown else 0

    def still_pixels(self, step: int) -> np.ndarray:
        if step in self.captured:
            return self.captured[step]
        self.pose(step, self.frame_of(step))
        self.figure.canvas.draw()
        return rgb_of(self.figure.canvas)

    def open(self, fmt) -> object:
        writer = fmt.writer(self)
        self.writers.append(writer)
        return writer

    def finish(self) -> None:
        """Finish every writer, in the order they were opened, once every pass has run: the MP4
        encoder finishes its last frames while the stills are drawn, not before."""
        for w in self.writers:
            w.finish()

    def abort(self) -> None:
        for w in self.writers:
            try:
                getattr(w, "abort", lambda: None)()
            except Exception:
                pass


class Shot:
    """One picture handed to a writer: a frame of the animation (``index``, ``duration``) or a
    still (``label``, '' for the final one). ``rgb()`` gives its pixels, ``figure()`` the
    figure posed in that state (for vector output; not for frames of the blitted pass)."""

    def __init__(self, job: Job, step: int, index: int = 0, duration: float = 0.0, label: str = "",
                 pixels: np.ndarray | None = None):
        self.job, self.step, self.index, self.duration, self.label = job, step, index, duration, label
        self.pixels = pixels

    @property
    def stem(self) -> str:
        """The file stem for this shot: NAME, or NAME-LABEL for a labelled still."""
        return self.job.name if not self.label else f"{self.job.name}-{self.label}"

    def rgb(self) -> np.ndarray:
        return self.pixels if self.pixels is not None else self.job.still_pixels(self.step)

    def figure(self):
        return self.job.pose(self.step, self.index)


MOVING = ("frames", "pages")            # what only an animated scene has to give


def render_scene(scene, name: str, out, formats=DEFAULT_FORMATS, dpi=None, max_frames=None,
                 progress=False, processes=None, report=None, trajectories=None) -> list[Path]:
    """Render ``scene`` to ``out/name.*`` in the formats named; returns the paths written.
    Nothing is replaced unless every requested file was written completely. ``processes``: how
    many processes draw the animation's frames (1: this one alone); None: GDANIM_PROCESSES if
    set, else every core there are frames enough for (gdanim.workers.plan); with more than one,
    PDF and beamer are written beside the frames (Beside). The bytes written are the same either
    way. ``report`` is handed the paths as they are put in place (Transaction.commit); with one, a
    stop that lands after that, while the render unwinds, says the new files are in place.
    ``trajectories`` (label → Trajectory): the scene's runs, where the caller computed them."""
    if not NAME.match(name):
        raise OutputError(f"output name {name!r}: the outputs' names go into web pages, LaTeX and make, so they "
                          f"take only the letters A-Z and a-z, digits, '_', '-' and '.', starting with a letter "
                          f"or digit{plain_name(name)}")
    chosen = formats_for(scene, formats, name)
    out = Path(out)
    dpi = dpi or scene.dpi
    checks.pixel_budget(*scene.figsize, dpi)
    if trajectories is None:
        trajectories = trajectories_of(scene)
    theme = THEMES[scene.theme]
    txn = None
    try:
        with matplotlib.rc_context(rc(theme, scene.font_size)):
            figure, stills, frames = laid_out(scene, trajectories, dpi, max_frames)
            with gc_frozen():      # what exists now is not scanned again by every collection
                with output_dir(out):
                    txn = Transaction(out)
                    job = Job(name, scene, trajectories, figure, dpi, frames, stills, txn,
                              processes=plan(len(frames), processes))
                    beside = Beside(job, chosen)
                    try:
                        beside.start()
                        run_passes(job, [f for f in chosen if f not in beside.group], progress)
                        beside.join(progress)
                        job.finish()
                        return txn.commit(report)
                    except BaseException:
                        with signals_held():    # a second stop waits for the clean-up
                            beside.close()
                            job.abort()
                            txn.abort()
                        raise
    except Stopped as stop:
        if report is None or txn is None or not txn.committed or stop.written:
            raise
        raise after_commit(stop, txn.committed) from None


def laid_out(scene, trajectories, dpi, max_frames=None):
    """The scene's figure built and laid out, the steps its stills show and its frames (called in
    the scene's rc context)."""
    figure = SceneFigure(scene, trajectories, dpi)
    figure.freeze_layout()
    return figure, still_steps(scene, figure.total), schedule(figure.total, scene.timing, max_frames)


def explorer_fragment(scene, uid: str, dpi=None, max_frames=None) -> str:
    """The scene's explorer as an HTML fragment with the element id ``uid`` (a notebook output):
    built in memory, no file written."""
    from gdanim.formats.explorer import fragment
    dpi = dpi or scene.dpi
    checks.pixel_budget(*scene.figsize, dpi)
    trajectories = trajectories_of(scene)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        figure, stills, frames = laid_out(scene, trajectories, dpi, max_frames)
        job = Job(uid, scene, trajectories, figure, dpi, frames, stills, txn=None)
        return fragment(job, uid)


def plain_name(name: str) -> str:
    """'; rename it to X' with X a name NAME takes (accents dropped, the rest made '_'), or ''.

    >>> plain_name("week 2: Säule")
    "; rename it to 'week_2_Saule'"
    """
    import unicodedata
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_.-]", "_", ascii_)).strip("_.-")
    return f"; rename it to {plain!r}" if plain and NAME.match(plain) else ""


@contextlib.contextmanager
def gc_frozen():
    """Python's cyclic collector leaves alone what exists when the block starts (matplotlib's
    modules, the laid-out figure: hundreds of thousands of objects) while frames are drawn and
    encoded: it had scanned them all again and again, 5% of a render's CPU. Objects made in the
    block are collected as usual, and the frozen ones are scanned again after it."""
    import gc
    if gc.get_freeze_count():           # frozen already, by whoever runs gdanim: left as it is
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_passes(job: Job, chosen, progress: bool) -> None:
    """Every pass that a chosen format consumes, in the order of PASSES."""
    for consumes, run_pass in PASSES:
        group = [f for f in chosen if f.consumes == consumes]
        if group:
            run_pass(job, group, progress)


class Beside:
    """The formats whose writers only draw the posed figure (PDF, beamer: ``Format.posed_only``),
    written by a process forked before the frame pass instead of after it, when the render has
    cores to spare and other formats to write meanwhile: the operating system shares the cores
    between it, the frame workers and the encoders. The bytes are the same. If the process cannot
    be forked or fails (an error, or it died), its files are removed and the formats are written
    here, where an error is met as it would be without the fork; its warnings are raised here."""

    def __init__(self, job: Job, chosen):
        posed = [f for f in chosen if f.posed_only]
        worth = job.processes > 1 and 0 < len(posed) < len(chosen)
        self.job, self.group = job, (posed if worth else [])
        self.process, self.forked = None, False

    def start(self) -> None:
        if not self.group:
            return
        from gdanim.runtime.workers import SideProcess
        self.forked = True
        try:
            self.process = SideProcess(self.work)
        except OSError:                 # no process to be had (EAGAIN, ENOMEM): written here
            self.group = []

    def work(self) -> list[tuple[str, str]]:
        """In the forked process: write the group's files; the temporary files made, by name."""
        pending = len(self.job.txn.pending)
        run_passes(self.job, self.group, False)
        self.job.finish()
        return [(str(tmp), final.name) for tmp, final in self.job.txn.pending[pending:]]

    def join(self, progress: bool) -> None:
        """Take the files written beside (they commit with the render's), or write them here."""
        if self.process is None:
            return
        from gdanim.runtime.workers import SideProcessFailed
        try:
            written = self.process.join()
        except SideProcessFailed:
            self.close()
            run_passes(self.job, self.group, progress)
            return
        self.process = None
        for tmp, name in written:
            self.job.txn.add(Path(tmp), name)

    def close(self) -> None:
        """Stop the process if it still runs, and remove the files it made (it may be called
        again)."""
        if self.process is not None:
            self.process.close()
            self.process = None
        if self.forked:
            self.job.txn.sweep_strays()


def formats_for(scene, formats, name: str | None = None) -> list:
    """The formats of ``formats`` the scene has: a still scene (nothing moves) has no animation
    formats, and is refused if it is asked for those alone, rather than rendered to nothing."""
    chosen = resolve(formats)
    kept = of_scene(scene, chosen)
    if name is not None:
        own_clashes(scene, name, chosen)
    if chosen and not kept:
        from gdanim.formats import get, names
        has = ",".join(n for n in names() if get(n).consumes not in MOVING)
        asked = ", ".join(f.name for f in chosen)
        raise NothingToWrite(f"a still scene (nothing in it moves) has no {asked}; ask for what it has: "
                             f"--format {has}")
    return kept


def own_clashes(scene, name: str, chosen) -> None:
    """A SceneError if two of the formats ``chosen`` would write the same file for ``scene`` (a
    still named "frames" is NAME-frames.pdf, the beamer format's frames too): one would replace
    the other. Said before anything is written."""
    seen = {}
    for f in of_scene(scene, chosen):
        for file, _ in f.outputs(name, scene.stills):
            try:
                confined(file[:-1] if isinstance(file, str) and file.endswith("/") else file)   # (a folder: NAME/)
            except SceneError:
                raise SceneError(f"format {f.name!r} declares a file named {file!r}: a format writes only into the "
                                 f"output folder, a file name without a folder") from None
            other = seen.setdefault(file, f)
            if other is f:
                continue
            still = next((label for label in sorted(scene.stills) if file.startswith(f"{name}-{label}.")), None)
            if still is not None:
                also = f if other.consumes == "stills" else other
                raise SceneError(f"still {still!r} would be written as {file}, which the {also.name} format writes too, "
                                 f"so one would replace the other: give the still another label"
                                 ).concerning("keyword", "stills")
            raise SceneError(f"the {other.name} and the {f.name} formats would both write {file}, so one would replace "
                             f"the other: render them into folders of their own")


def of_scene(scene, chosen) -> list:
    """The formats of ``chosen`` the scene has: a still scene has no animation formats."""
    return [f for f in chosen if not (scene.is_still and f.consumes in MOVING)]


def output_files(scene, name: str, formats=DEFAULT_FORMATS) -> list[str]:
    """The files ``render_scene(scene, name, out, formats)`` writes into ``out``, by name: a still
    scene has no animation formats (and asked for them alone, writes nothing: formats_for)."""
    return [file for f in of_scene(scene, resolve(formats)) for file, _ in f.outputs(name, scene.stills)]


@functools.cache
def package_files() -> tuple[Path, ...]:
    """gdanim's own code and assets: a render made by an older gdanim is out of date. Listed once
    per command, not once per scene."""
    root = Path(__file__).resolve().parents[1]          # gdanim/
    return tuple(p for p in root.rglob("*") if p.suffix in (".py", ".js", ".css") and "vendor" not in p.parts)


def up_to_date(paths, sources) -> bool:
    """Every file exists and is no older than the newest of ``sources`` (those that exist)."""
    newest = max((Path(s).stat().st_mtime_ns for s in sources if Path(s).exists()), default=0)
    return all(Path(p).exists() and Path(p).stat().st_mtime_ns >= newest for p in paths)


CAMERA_COST = 15        # a 3-D panel's camera position for the explorer, in frames of one panel


def cost(scene) -> int:
    """Roughly how long ``scene`` takes to render, in frames of one panel: its frames times its
    panels, a fixed part (layout, the PDF) and, for a 3-D panel, the explorer's camera positions.
    Only its order matters: the longest renders go first when scenes render side by side."""
    from gdanim.formats.explorer import CAMERAS
    total = max((r.steps for r in scene.runs), default=0)
    frames = 0 if scene.is_still else len(schedule(total, scene.timing))
    panels3d = sum(painter_for(v).projection == "3d" for v in scene.views)
    return 100 + frames * len(scene.views) + CAMERA_COST * CAMERAS * panels3d


def warm_up() -> None:
    """Load what every render needs before processes are forked to render scenes, so that none
    pays for it again (about 0.3 s of CPU each): the formats' and encoders' modules, fontTools'
    subsetter and the PDF backend (with lxml, 0.2 s), contourpy, the ffmpeg binary's check, the
    explorer's script, the font (a first text drawn) and the mathtext parser (a log axis' labels),
    by writing a small PDF nobody keeps; and DejaVu Sans parsed for the PDFs' font subsets."""
    import io
    import numpy.random  # noqa: F401
    from PIL import Image, PngImagePlugin, WebPImagePlugin, GifImagePlugin  # noqa: F401
    import imageio_ffmpeg
    from gdanim.formats import explorer
    from gdanim.encode.encoders import parse_fonts_ahead, write_pdf
    from gdanim.formats import names
    names()
    try:
        imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:                   # no ffmpeg: said by a render that needs it, not here
        pass
    explorer.asset("explorer.js"), explorer.asset("explorer.css")
    fig = Figure(figsize=(1, 1), dpi=20)
    ax = fig.add_subplot()
    ax.contour([[0.0, 1.0], [1.0, 2.0]])
    ax.set_yscale("log")
    ax.set_ylim(0.1, 10)
    fig.text(0.5, 0.5, "step 0 / 1", fontsize="small")
    fig.suptitle("warm-up", fontweight="bold")
    FigureCanvasAgg(fig).draw()
    with matplotlib.rc_context({"pdf.fonttype": 42}):      # embedded through fontTools, as renders do
        parse_fonts_ahead(lambda: write_pdf(fig, io.BytesIO()))


def still_steps(scene, total: int) -> dict:
    """Still label ('' for the final one) → step; a still or a pause past the last step is an error."""
    steps = {"": total}
    for label, step in scene.stills.items():
        if step > total:
            raise SceneError(f"still {label!r} asks for step {step}, but the runs end at step {total}"
                             ).concerning("keyword", "stills")
        steps[label] = step
    for step, _ in scene.timing.pause_on:      # said like a still past the end, not ignored
        if step > total:
            raise SceneError(f"pause_on asks for a pause at step {step}, but the runs end at step {total}"
                             ).concerning("keyword", "pause_on")
    return steps


def frames_pass(job: Job, group, progress: bool) -> None:
    """Every frame, blitted, to every format that consumes frames, in order; the frames of still
    steps are kept, so a PNG still is the very frame the animation shows. The frames are drawn
    by worker processes when there are enough of them and cores to spare (``Frames``)."""
    with Frames(job) as frames:                 # workers start before any encoder does
        writers = [job.open(f) for f in group]
        wanted = set(job.stills.values())
        bar = None
        if progress:
            import click
            bar = click.progressbar(length=len(job.frames), label=job.name, file=sys.stderr)
            bar.__enter__()
        try:
            for f, rgb in zip(job.frames, frames):
                shot = Shot(job, f.step, f.index, f.duration, pixels=rgb)
                for w in writers:
                    w.grab(shot)
                if f.step in wanted:
                    job.captured[f.step] = rgb
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)


class Frames:
    """The pixels of every frame of ``job``, in order: drawn here, one after the other, or by
    ``job.processes`` forked workers (each a copy of this process with the figure laid out and its
    background cached; gdanim.workers), which give the same pixels, so the same bytes. A frame a
    worker could not draw is drawn here, where its error is raised as it would be without workers;
    the frames after it are drawn here too."""

    def __init__(self, job: Job):
        self.job = job
        self.pool = None
        count = job.processes
        if count > 1:
            from gdanim.runtime.workers import Pool
            if job.frame_pass is None:
                job.frame_pass = FramePass(job.figure)
            w, h = job.size
            fp, frames = job.frame_pass, job.frames
            self.pool = Pool(lambda i: fp.draw(frames[i].step, frames[i].index), len(frames), w * h * 3, count)

    def __iter__(self):
        job, done = self.job, 0
        if self.pool is not None:
            from gdanim.runtime.workers import WorkerFailed
            w, h = job.size
            try:
                for data in self.pool.results():
                    job.drawn.pop(job.frames[done].index, None)
                    yield np.frombuffer(data, np.uint8).reshape(h, w, 3)
                    done += 1
            except WorkerFailed:
                self.close()
        for f in job.frames[done:]:
            yield job.take(f)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def pages_pass(job: Job, group, progress: bool) -> None:
    """The figure posed at every frame (fully drawn) for vector pages."""
    job.figure.set_animated(False)
    writers = [job.open(f) for f in group]
    for f in job.frames:
        shot = Shot(job, f.step, f.index, f.duration)
        for w in writers:
            w.grab(shot)


def stills_pass(job: Job, group, progress: bool) -> None:
    """The final state and every declared still."""
    job.figure.set_animated(False)
    writers = [job.open(f) for f in group]
    for label, step in job.stills.items():
        shot = Shot(job, step, job.frame_of(step), label=label)
        for w in writers:
            w.grab(shot)


def nothing_pass(job: Job, group, progress: bool) -> None:
    """Formats that write from the scene and trajectories alone (alt text): they only finish."""
    for f in group:
        job.open(f)


PASSES = (("frames", frames_pass), ("pages", pages_pass), ("stills", stills_pass), ("nothing", nothing_pass))
