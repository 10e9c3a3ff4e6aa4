"""The sweep's summary: final (or best) loss against the swept value, divergence on the top edge,
and a ring on the value the explorer's sweep slider has chosen."""
from __future__ import annotations

import numpy as np

from gdanim.declare.views import SweepSummary
from gdanim.rendering.paint.base import OFF_CHART, Painter
from gdanim.rendering.paint.registry import paints

AXIS_NAMES = {"lr": "learning rate", "batch_size": "batch size", "steps": "steps", "seed": "seed",
              "start": "start point"}


def summary_loss(traj, metric: str) -> float:
    """The run's final loss, or the lowest it reached; NaN where it diverged, overflowed, or blew
    up within its budget (a final loss of 1e18 would flatten every other value into a line)."""
    loss = np.asarray(traj.loss, dtype=float)
    if traj.stop == "diverged" or not np.isfinite(loss[-1]) or abs(loss[-1]) >= OFF_CHART:
        return float("nan")
    if metric == "final" and traj.grows_from() is not None:
        return float("nan")
    finite = loss[np.isfinite(loss)]
    return float(loss[-1] if metric == "final" else finite.min())


def spans_decades(values) -> bool:
    v = np.asarray([x for x in values if np.isfinite(x)], dtype=float)
    return v.size >= 2 and bool(np.all(v > 0)) and v.max() / v.min() >= 10


@paints(SweepSummary)
class SweepPainter(Painter):
    focuses = True

    def window(self):
        ax, view = self.ax, self.view
        self.runs = runs = [s for s in self.shown if s.run.swept is not None]
        self.over = over = runs[0].run.swept[0]
        self.by_place = by_place = over == "start" or isinstance(runs[0].run.swept[1], (bool, str))   # no numbers:
        self.xs = xs = np.array([float(i) if by_place else float(s.run.swept[1])                      # evenly, named
                                 for i, s in enumerate(runs)])
        self.ys = ys = np.array([summary_loss(s.traj, view.metric) for s in runs])
        ok = np.isfinite(ys)
        log_x = False if by_place else spans_decades(xs) if view.log_x is None else view.log_x
        log_y = spans_decades(ys) if view.log_y is None else view.log_y
        if log_x:
            ax.set_xscale("log")
        if log_y:
            ax.set_yscale("log")
        if ok.any():
            lo, hi = ys[ok].min(), ys[ok].max()
            if log_y:
                ax.set_ylim(lo / 2, hi * 4)
            else:
                pad = 0.1 * (hi - lo or abs(hi) or 1)
                ax.set_ylim(lo - pad, hi + 2 * pad)
        if by_place:
            ax.set_xticks(xs, [s.run.label.removeprefix(f"{over} ") for s in runs], rotation=30 if over == "start" else 0)
        if log_x:
            ax.set_xlim(xs.min() / 1.4, xs.max() * 1.4)
        else:
            pad = 0.06 * (xs.max() - xs.min())
            ax.set_xlim(xs.min() - pad, xs.max() + pad)
        ax.set_xlabel(AXIS_NAMES.get(over, over))
        ax.set_ylabel("final loss" if view.metric == "final" else "lowest loss")
        ax.grid(True, alpha=0.5)

    def static(self):
        ax, th, k, xs, ys, runs = self.ax, self.theme, self.k, self.xs, self.ys, self.runs
        ok = np.isfinite(ys)
        ax.plot(xs[ok], ys[ok], "-", color=th.grid, lw=2 * k, zorder=2)
        for x, y, s in zip(xs, ys, runs):
            if np.isfinite(y):
                ax.plot([x], [y], "o", color=s.color, ms=10 * k, mec=th.face, mew=1.2 * k, zorder=4)
        top = ax.get_xaxis_transform()          # x in data, y in axes fractions
        for x, y, s in zip(xs, ys, runs):
            if not np.isfinite(y):
                ax.plot([x], [0.97], "X", color=th.star, ms=14 * k, mec=th.face, transform=top, zorder=5,
                        clip_on=False)
        if not ok.all():        # under the first cross
            first = runs[int(np.flatnonzero(~ok)[0])]
            said = "diverged" if first.traj.stop == "diverged" else "blew up"
            ax.text(xs[~ok][0], 0.91, said, transform=top, color=th.star, fontsize="small",
                    fontweight="bold", va="top", ha="center")

    def moving(self):
        # the explorer's chosen value: a ring (a cross's place on the edge for a diverged run)
        ax, th, k = self.ax, self.theme, self.k
        top = ax.get_xaxis_transform()
        self.rings = {}
        for x, y, s in zip(self.xs, self.ys, self.runs):
            at_y, transform = (y, ax.transData) if np.isfinite(y) else (0.97, top)
            ring, = ax.plot([x], [at_y], "o", ms=20 * k, mfc="none", mec=th.text, mew=2.2 * k, zorder=6,
                            transform=transform, clip_on=False, visible=False)
            self.rings[s.label] = ring
            self.animate(ring, run=s)

    def keys(self):
        self.title("Final loss" if self.view.metric == "final" else "Lowest loss")

    def focus(self, label):
        for lab, ring in self.rings.items():
            ring.set_visible(lab == label)
