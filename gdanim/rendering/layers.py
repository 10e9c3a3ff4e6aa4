"""The figure as two layers, for a format that draws the moving one itself (the explorer's page):
the static layer as pixels, and, at any step, the moving artists in the order a frame draws them.

Handed to formats that consume ``"layers"`` (``grab(layers)``), so they never reach into the
figure's painters or the frame pass.
"""
from __future__ import annotations

import contextlib

import numpy as np

from gdanim.formats.capture import rgb_of, rgb_of_rgba
from gdanim.rendering.scene_figure import SceneFigure


class Layers:
    """``figure`` split into what stays and what moves. ``per_run``: the static artists of one run
    (a swept run's start marker) move too, so a view of one run at a time can leave them out.
    ``background``: the frame pass's cached background, the very static layer when nothing of it
    moves per run (not drawn again)."""

    def __init__(self, figure: SceneFigure, per_run: bool = False, background=None):
        self.figure, self.fig, self.canvas = figure, figure.fig, figure.canvas
        if not figure.full_redraw:
            figure.lift()
        self.owned = [a for p in figure.painters for a in p.statics] if per_run else []
        self.moving = figure.animated() + self.owned
        self.owners: dict[int, str] = {}            # id(artist) → the run it belongs to
        for p in figure.painters:
            self.owners.update(p.owners)
        self.background = background if not figure.full_redraw and not self.owned else None

    @property
    def size(self) -> tuple[int, int]:
        return self.figure.size

    @property
    def total(self) -> int:
        return self.figure.total

    @property
    def lifted(self) -> list:
        """Static artists drawn above a moving one: the page must draw them over it."""
        return list(self.figure.lifted)

    @contextlib.contextmanager
    def apart(self, step: int):
        """The moving artists left out of full draws while the block runs (the figure posed at
        ``step``): a full draw then paints the static layer alone."""
        for a in self.moving:
            a.set_animated(True)
        self.figure.pose(step, 0)
        try:
            yield self
        finally:
            self.focus(None)
            for a in self.moving:
                a.set_animated(False)

    def static_rgb(self) -> np.ndarray:
        """The static layer's pixels (inside ``apart``)."""
        if self.background is not None:
            return rgb_of_rgba(self.background)
        self.canvas.draw()
        return rgb_of(self.canvas)

    def focus(self, label: str | None) -> None:
        """Show the run ``label`` as the chosen one (the explorer's sweep slider)."""
        for p in self.figure.painters:
            p.focus(label)

    def posed_order(self, step: int) -> list:
        """The figure posed at ``step``: every moving artist, of every run, in draw order."""
        self.figure.pose(step, 0)
        return self.figure.redraw_order(self.owned)

    def alike_in_every_run(self) -> set:
        """The ids of the moving artists that no run owns and no chosen run changes (a painter that
        ``focuses`` marks the chosen one): drawn alike whichever run is chosen."""
        return {id(a) for a in self.figure.animated() if id(a) not in self.owners} - self.focused()

    def focused(self) -> set:
        """The ids of the moving artists of the painters that ``focus`` (mark the chosen run):
        posed by the chosen run alone, whatever the step (Painter.focus)."""
        return {id(a) for p in self.figure.painters if getattr(p, "focuses", False) for a in p.animated}
