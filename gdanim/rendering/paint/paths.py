"""The moving path of one run on a 2-D panel: line, markers coloured by iteration, head,
start, and a marker where the run diverged. The divergence marker is shared with the 1-D panel."""
from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D


def escape(xy: np.ndarray, loss: np.ndarray, xlim, ylim):
    """Where a path leaves the box for good with its loss growing: (step k, point on the
    edge where segment k−1 → k crosses it), or None if it ends inside, started outside or
    is getting better out there."""
    (x0, x1), (y0, y1) = sorted(xlim), sorted(ylim)
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    if inside[-1] or not inside.any():
        return None
    k = int(np.flatnonzero(inside)[-1]) + 1
    if not loss[-1] > loss[k - 1]:
        return None
    a, b = xy[k - 1], xy[k]
    d = b - a
    t = 1.0
    for lo, hi, i in ((x0, x1, 0), (y0, y1, 1)):     # the first edge the segment reaches
        if d[i] > 0:
            t = min(t, (hi - a[i]) / d[i])
        elif d[i] < 0:
            t = min(t, (lo - a[i]) / d[i])
    return k, a + max(t, 0.0) * d


class DivergenceMarker:
    """A cross where a run left the panel for good (on the edge: 'left at step k') or its numbers
    blew up inside it (at its last finite point: 'diverged at step d'), shown from that step on; a
    panel's status box (``status``) adds when the numbers of a run that left blew up. A path is
    drawn up to the edge where it left (``cut``), not across the panel beyond it."""

    def __init__(self, painter, traj, xy: np.ndarray, loss: np.ndarray, xlim, ylim, slot: int = 0,
                 label: str | None = None):
        ax, theme = painter.ax, painter.theme
        self.traj, self.xy, self.label = traj, xy, label
        self.when, self.where, self.step = None, None, None
        esc = escape(xy, loss, xlim, ylim)
        self.escaped = esc is not None
        if esc is not None:
            k, point = esc
            self.when, self.where, self.step = k, point, k
        elif traj.stop == "diverged":
            self.when, self.where, self.step = traj.steps, xy[-1], traj.diverged_at
        self.cross, = ax.plot([], [], "X", ms=16 * painter.k, color=theme.star, mec=theme.face, zorder=9,
                              clip_on=False)
        self.cross.set_in_layout(False)        # it sits on the edge; the layout ignores it
        # the note points into the panel, away from the edge it sits on
        cx, cy = np.mean(xlim), np.mean(ylim)
        # several runs' notes are stacked so they do not print over each other: a note's slot counts
        # the notes before it on the same side of the panel (10 runs swept, 3 of them leaving)
        if self.where is not None:
            taken = painter.__dict__.setdefault("note_slots", {})
            side = (bool(self.where[0] > cx), bool(self.where[1] > cy))
            slot = taken[side] = taken.get(side, -1) + 1
        off = (-8 if self.where is not None and self.where[0] > cx else 8,
               (-8 - 14 * slot) if self.where is not None and self.where[1] > cy else (8 + 14 * slot))
        self.note = ax.annotate("", xy=(0, 0), xytext=off, textcoords="offset points", color=theme.star,
                                fontweight="bold", zorder=9, fontsize="x-small",
                                ha="right" if off[0] < 0 else "left", va="top" if off[1] < 0 else "bottom",
                                annotation_clip=False, visible=False,
                                path_effects=[patheffects.withStroke(linewidth=3 * painter.k, foreground=theme.face)])
        painter.animate(self.cross, self.note, run=traj.label)

    def text(self, step: int) -> str | None:
        """'diverged at step d', or 'left at step k', once the frame has reached it, else None."""
        if self.when is None or step < self.when:
            return None
        return f"{'left' if self.escaped else 'diverged'} at step {self.step}"

    def cut(self, xy: np.ndarray, first: int, k: int) -> np.ndarray:
        """Rows ``first`` … ``k`` of ``xy`` as drawn: once the run has left the panel for good, its
        path ends on the edge where it left (beyond, each step would cross the panel again)."""
        if self.escaped and k >= self.when:
            return np.vstack([xy[first:self.when], self.where[None, :]])
        return xy[first:k + 1]

    def note_text(self, step: int) -> str:
        said = self.text(step)
        return "" if said is None else (f"{self.label}: {said}" if self.label else said)

    def update(self, step: int) -> None:
        noted = self.text(step) is not None
        self.cross.set_data([self.where[0]] if noted else [], [self.where[1]] if noted else [])
        self.note.set_text(self.note_text(step))
        self.note.set_visible(noted)       # an invisible note takes no room in the layout
        if noted:
            self.note.xy = tuple(self.where)


CROSSINGS = 8      # a path as long as this many crossings of its panel is drawn thin and light


def crossings(xy: np.ndarray, xlim, ylim) -> float:
    """How many times over a path crosses its panel: its length in the panel's widths and heights
    (the part inside; a run that flies off counts up to the edge).

    >>> crossings(np.array([[0.0, -1], [0, 1], [0, -1]]), (-1, 1), (-1, 1))
    2.0
    """
    span = np.array([abs(xlim[1] - xlim[0]), abs(ylim[1] - ylim[0])])
    pts = np.clip(xy, [min(xlim), min(ylim)], [max(xlim), max(ylim)]) / np.maximum(span, 1e-300)
    steps = np.diff(pts[np.isfinite(pts).all(axis=1)], axis=0)
    return float(np.hypot(steps[:, 0], steps[:, 1]).sum())


class PathArtist:
    def __init__(self, painter, run, traj, xy: np.ndarray, color: str, by_iteration: bool, markers: bool = True,
                 slot: int = 0, every: int = 1):
        ax, theme = painter.ax, painter.theme
        self.xy, self.traj, self.every = xy, traj, every
        outline = [patheffects.withStroke(linewidth=4.5 * painter.k, foreground=theme.face, alpha=0.8)]
        line_color = theme.path if by_iteration else color
        # a path that goes back and forth over its panel many times (an oscillation that never settles)
        # is drawn as a lecturer draws it: a thin light line, its iterates' dots telling the steps apart
        light = crossings(xy, painter.xlim, painter.ylim) > CROSSINGS
        self.line, = ax.plot([], [], "-", color=line_color, lw=(0.7 if light else 2.0) * painter.k,
                             alpha=0.45 if light else 0.9, zorder=5, path_effects=[] if light else outline,
                             label=run.label)
        self.dots = None
        if markers:
            if by_iteration:
                self.dots = ax.scatter([], [], s=36 * painter.k ** 2, c=[], cmap=theme.iteration_cmap,
                                       norm=Normalize(0, max(painter.ctx.total, 1)), zorder=6,
                                       edgecolors=theme.face, linewidths=0.6)
            else:
                self.dots, = ax.plot([], [], "o", ls="none", ms=np.sqrt(26) * painter.k, color=color, zorder=6,
                                     mec=theme.face, mew=0.6)
        self.head, = ax.plot([], [], "o", ms=11 * painter.k, color=color if not by_iteration else theme.path,
                             mec=theme.face, mew=1.8 * painter.k, zorder=8)
        start, = ax.plot(*xy[0], "o", ms=11 * painter.k, mfc="none", mec=line_color, mew=2.2 * painter.k, zorder=7)
        painter.own(start, run)                 # static, but this run's
        self.marker = DivergenceMarker(painter, traj, xy, traj.loss, painter.xlim, painter.ylim, slot=slot,
                                       label=None if by_iteration else run.label)
        painter.animate(self.line, self.head, *([self.dots] if self.dots else []), run=run)

    def update(self, step: int) -> None:
        k = self.traj.at(step)
        pts = self.marker.cut(self.xy, 0, k)
        self.line.set_data(pts[:, 0], pts[:, 1])
        if self.dots is not None:
            last = min(k, self.marker.when - 1) if self.marker.escaped else k        # iterates in the panel
            drawn = self.xy[: last + 1: self.every]
            if isinstance(self.dots, Line2D):
                self.dots.set_data(drawn[:, 0], drawn[:, 1])
            else:
                self.dots.set_offsets(drawn)
                self.dots.set_array(np.arange(0, last + 1, self.every, dtype=float))
        gone = self.marker.escaped and k >= self.marker.when        # the cross on the edge stands for it
        self.head.set_data(pts[-1:, 0] if not gone else [], pts[-1:, 1] if not gone else [])
        self.marker.update(step)
