"""The heat map of a sweep over two fields: each pair's convergence rate (or final or lowest
loss) as a cell over the two swept values, pairs that did not converge grey, a ring on the chosen
pair (the explorer's sliders move it)."""
from __future__ import annotations

import numpy as np

from gdanim.declare.canon_views import Heatmap
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.registry import paints
from gdanim.rendering.paint.sweep import AXIS_NAMES, spans_decades, summary_loss

METRIC_WORDS = {"rate": "convergence rate", "final": "final loss", "best": "lowest loss"}


def convergence_rate(traj, p_star: float) -> float:
    """((f_T − p*)/(f_0 − p*))^(1/T): the factor each step shrank the loss's distance to its
    minimum by, on average; NaN for a run that diverged, or got no closer (1 or more).

    >>> from types import SimpleNamespace as T
    >>> round(convergence_rate(T(loss=np.array([8.0, 4, 2, 1]), stop="budget"), 0.0), 6)
    0.5
    """
    loss = np.asarray(traj.loss, dtype=float)
    if traj.stop == "diverged" or len(loss) < 2 or not np.all(np.isfinite(loss)):
        return float("nan")
    first, last = loss[0] - p_star, loss[-1] - p_star
    if first <= 0:
        return float("nan")
    rate = max(last, 0.0) / first
    rate = rate ** (1.0 / (len(loss) - 1))
    return float(rate) if rate < 1 else float("nan")


def cell_edges(values, log: bool) -> np.ndarray:
    """The edges of cells centred on ``values``: midway between neighbours (geometrically on a
    log axis), the outer ones as far out as the inner.

    >>> cell_edges([1.0, 2.0, 4.0], False).tolist()
    [0.5, 1.5, 3.0, 5.0]
    """
    v = np.log(np.asarray(values, dtype=float)) if log else np.asarray(values, dtype=float)
    mid = (v[1:] + v[:-1]) / 2
    edges = np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])
    return np.exp(edges) if log else edges


def heat_values(shown, sweep, metric: str, problem) -> np.ndarray:
    """(len(b values), len(a values)) of the metric, NaN where a pair did not converge."""
    na, nb = (len(v) for v in sweep.values)
    by_pair = {s.run.swept[1]: s for s in shown if s.run.swept is not None}
    p_star = float(problem.value(problem.optimum)) if problem.optimum is not None else 0.0
    Z = np.full((nb, na), np.nan)
    for i, a in enumerate(sweep.values[0]):
        for j, b in enumerate(sweep.values[1]):
            s = by_pair.get((a, b))
            if s is not None:
                Z[j, i] = convergence_rate(s.traj, p_star) if metric == "rate" else summary_loss(s.traj, metric)
    return Z


@paints(Heatmap)
class HeatmapPainter(Painter):
    focuses = True

    def window(self):
        ax, view = self.ax, self.view
        self.swept = swept = [s for s in self.shown if s.run.swept is not None]
        over = swept[0].run.swept[0]
        values = [sorted({s.run.swept[1][d] for s in swept}) for d in (0, 1)]
        self.grid = GridOf(over, values)
        self.values = heat_values(swept, self.grid, view.metric, self.problem)
        self.logs = [spans_decades(values[0]) if view.log_x is None else view.log_x,
                     spans_decades(values[1]) if view.log_y is None else view.log_y]
        for scale, setter in zip(self.logs, (ax.set_xscale, ax.set_yscale)):
            if scale:
                setter("log")
        ax.set_xlabel(AXIS_NAMES.get(over[0], over[0]))
        ax.set_ylabel(AXIS_NAMES.get(over[1], over[1]))

    def static(self):
        from matplotlib import colormaps
        from matplotlib.colors import LogNorm
        ax, view, th, Z, values = self.ax, self.view, self.theme, self.values, self.grid.values
        cmap = colormaps[view.heat_cmap or self.cmap].with_extremes(bad=th.grid)
        finite = Z[np.isfinite(Z)]
        norm = None
        if view.metric != "rate" and finite.size and finite.min() > 0 and finite.max() / finite.min() >= 100:
            norm = LogNorm(finite.min(), finite.max())
        self.mesh = ax.pcolormesh(cell_edges(values[0], self.logs[0]), cell_edges(values[1], self.logs[1]),
                                  np.ma.masked_invalid(Z), cmap=cmap, norm=norm, shading="flat", zorder=1)
        said = ("grey: did not converge" if view.metric == "rate" else "grey: diverged") if not np.isfinite(Z).all() else ""
        if view.colorbar:               # the grey cells said in the bar's label, where no cell is covered
            label = METRIC_WORDS[view.metric] + (f" ({said})" if said else "")
            ax.figure.colorbar(self.mesh, ax=ax, label=label, shrink=0.9)
        elif said:
            ax.set_title(said, loc="right", fontsize="x-small", color=th.text)

    def moving(self):
        from matplotlib import patheffects
        ax, th, k = self.ax, self.theme, self.k
        self.where = {s.label: s.run.swept[1] for s in self.swept}
        self.chosen = next(s.label for s in self.swept if s.run.swept[1] == s.run.swept[2])
        a, b = self.where[self.chosen]
        halo = [patheffects.withStroke(linewidth=5 * k, foreground=th.text)]       # seen on dark and light cells
        self.ring, = ax.plot([a], [b], "o", ms=18 * k, mfc="none", mec=th.face, mew=2.5 * k, zorder=6, clip_on=False,
                             path_effects=halo)
        self.readout = ax.annotate("", (a, b), xytext=(12 * k, 12 * k), textcoords="offset points",
                                   fontsize="small", zorder=7, color=th.text,
                                   bbox=dict(boxstyle="round,pad=0.25", fc=th.face, ec="none", alpha=0.85))
        self.animate(self.ring, self.readout)
        self.focus(None)

    def keys(self):
        self.title(METRIC_WORDS[self.view.metric].capitalize())

    def focus(self, label):
        """Ring the pair ``label`` (None: the chosen one) and say its value beside it."""
        label = label if label in self.where else self.chosen
        a, b = self.where[label]
        self.ring.set_data([a], [b])
        i, j = self.grid.values[0].index(a), self.grid.values[1].index(b)
        z = self.values[j, i]
        self.readout.xy = (a, b)
        right = i >= len(self.grid.values[0]) - 2        # near the right edge: the text to the left
        top = j >= len(self.grid.values[1]) - 2
        self.readout.set_position((-12 * self.k if right else 12 * self.k, -12 * self.k if top else 12 * self.k))
        self.readout.set_ha("right" if right else "left")
        self.readout.set_va("top" if top else "bottom")
        self.readout.set_text(f"{z:.3g}" if np.isfinite(z) else "—")


class GridOf:
    """The two swept fields and their values, as the heat map reads them off the runs."""

    def __init__(self, over, values):
        self.over, self.values = tuple(over), [list(v) for v in values]

