"""The renderer: trajectories → one figure → frames → the requested formats' writers.

The static part of every panel is drawn once and cached as a background; each frame restores
it and redraws only the animated artists (``draw_artist``). One frame pass feeds every format
that consumes frames; formats are looked up in gdanim.formats and never named here. All files
are written to temporary names and renamed together at the end (gdanim.transaction).
"""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

from gdanim.compute.frame_schedule import schedule
from gdanim.compute.runner import run_scene
from gdanim.core.errors import OutputError, SceneError, Stopped
from gdanim.declare import checks
from gdanim.declare.style import THEMES, rc
from gdanim.formats import DEFAULT as DEFAULT_FORMATS
from gdanim.rendering.beside import Beside
from gdanim.rendering.chosen import formats_for
from gdanim.rendering.job import Job
from gdanim.rendering.passes import run_passes
from gdanim.rendering.scene_figure import SceneFigure
from gdanim.runtime.transaction import Transaction, output_dir
from gdanim.runtime.signals import after_commit, signals_held
from gdanim.runtime.cpus import plan

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def trajectories_of(scene) -> dict:
    """label → Trajectory for every run of ``scene``."""
    return {t.label: t for t in run_scene(scene)}


def render_scene(scene, name: str, out, formats=DEFAULT_FORMATS, dpi=None, max_frames=None,
                 progress=False, processes=None, report=None, trajectories=None) -> list[Path]:
    """Render ``scene`` to ``out/name.*`` in the formats named; returns the paths written.
    Nothing is replaced unless every requested file was written completely. ``processes``: how
    many processes draw the animation's frames (1: this one alone); None: GDANIM_PROCESSES if
    set, else every core there are frames enough for (gdanim.runtime.cpus.plan); with more than one,
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
        return fragment(job, job.layers(), uid)


def plain_name(name: str) -> str:
    """'; rename it to X' with X a name NAME takes (accents dropped, the rest made '_'), or ''.

    >>> plain_name("week 2: Säule")
    "; rename it to 'week_2_Saule'"
    """
    import unicodedata
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_.-]", "_", ascii_)).strip("_.-")
    return f"; rename it to {plain!r}" if plain and NAME.match(plain) else ""


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
