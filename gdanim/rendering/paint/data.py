"""A plain data panel: one column of the data against another, the classes of 0/1 targets in
their own colours and markers (the correlated features' x1 against x2, CS 189's scatter)."""
from __future__ import annotations

import numpy as np

from gdanim.declare.views import Data
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.modelfit import CLASSES, maths
from gdanim.rendering.paint.registry import paints


@paints(Data)
class DataPainter(Painter):
    def window(self):
        data = self.problem.data
        xname, yname = self.view.columns(self.problem)
        self.ax.set_xlabel(xname, parse_math=maths(data))
        self.ax.set_ylabel(yname + (" (jittered)" if self.view.jitter else ""), parse_math=maths(data))

    def static(self):
        ax, view, data = self.ax, self.view, self.problem.data
        xname, yname = view.columns(self.problem)
        x, y = column(data, xname), column(data, yname)
        if view.jitter:
            y = y + view.jitter * np.random.RandomState(view.jitter_seed).randn(len(y))
        if view.by_target:
            for cls, marker, color, name in CLASSES:
                m = data.y == cls
                ax.scatter(x[m], y[m], s=24 * self.k ** 2, marker=marker, color=color, alpha=0.6,
                           edgecolors="none", label=name, zorder=3)
        else:
            ax.scatter(x, y, s=18 * self.k ** 2, color=self.theme.curve, alpha=0.6, edgecolors="none", zorder=3)

    def keys(self):
        if self.view.by_target:
            self.legend(loc="best")
        self.title("The data")


def column(data, name: str) -> np.ndarray:
    """A feature by name, or the targets (checked: views.Data.check)."""
    if name in data.names:
        return data.x[:, data.names.index(name)]
    return data.y
