"""Basins of attraction: a grid of starts over the panel, each coloured by the minimum the run's
optimizer reaches from it (the runs computed together where they can be), under the loss's
contour lines and the runs' paths (ContourPainter)."""
from __future__ import annotations

import numpy as np

from gdanim.compute.starts import final_points
from gdanim.core.errors import SceneError
from gdanim.declare.canon_views import Basins
from gdanim.rendering.paint.contours import ContourPainter
from gdanim.rendering.paint.registry import paints

SHOWN = 6           # minima named in the legend; the others are "other minima"


def basins_of(ends: np.ndarray, ok: np.ndarray, losses: np.ndarray, tol: float):
    """Each end's minimum (an index, lowest loss first; −1 where the run diverged) and the minima:
    ends within ``tol`` of a minimum's first end are that minimum.

    >>> basins_of(np.array([[0, 0], [3, 2], [0.001, 0]]), np.array([True, True, True]), np.array([1.0, 0, 1]), 0.1)[0].tolist()
    [1, 0, 1]
    """
    label = np.full(len(ends), -1)
    centres, values = [], []
    for k in np.argsort(np.where(ok, losses, np.inf), kind="stable"):
        if not ok[k] or not np.isfinite(losses[k]):
            continue
        near = [c for c, at in enumerate(centres) if np.max(np.abs(ends[k] - at)) <= tol]
        if near:
            label[k] = near[0]
        else:
            label[k] = len(centres)
            centres.append(ends[k])
            values.append(losses[k])
    return label, np.array(centres).reshape(-1, ends.shape[1]), np.array(values)


@paints(Basins)
class BasinsPainter(ContourPainter):
    def draw_background(self):
        from matplotlib import colormaps
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch
        ax, view, th = self.ax, self.view, self.theme
        run = self.template()
        X, Y, pts = self.plane.grid(view.grid)
        ends, ok = final_points(self.problem, run, pts)
        with np.errstate(all="ignore"):
            losses = self.problem.values_on(np.where(np.isfinite(ends), ends, 0.0))
        width = min(self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0])
        with np.errstate(all="ignore"):      # an end is a minimum where the gradient has all but vanished
            still = np.linalg.norm(self.problem.grads_on(np.where(np.isfinite(ends), ends, 0.0)), axis=1)
            steep = np.linalg.norm(self.problem.grads_on(pts), axis=1)
        moving = ok & ~(still <= 1e-3 * np.maximum(steep, 1.0))
        label, centres, values = basins_of(self.plane.xy(ends), ok & ~moving, losses, width / 50)
        label[moving] = -2
        self.basins, self.centres, self.values = label.reshape(X.shape), centres, values
        pastel = colormaps["Set2"].colors           # not the runs' palette: a basin is no run
        if view.color_by == "loss":
            self.swatches = self.by_loss(X, Y, np.where(label == -1, np.nan, losses).reshape(X.shape))
            super().draw_background()
            return
        colours = [pastel[c % len(pastel)] for c in range(min(len(centres), SHOWN))]
        other = th.contour_line
        unfinished = "#f4f4f4"
        cmap = ListedColormap([unfinished, th.grid, *colours, other][: len(colours) + 3] if len(centres) > SHOWN
                              else [unfinished, th.grid, *colours])
        index = np.where(label < 0, label + 2, np.minimum(label, SHOWN) + 2).reshape(X.shape)
        ax.pcolormesh(X, Y, index, cmap=cmap, vmin=-0.5, vmax=cmap.N - 0.5, shading="nearest", alpha=0.45,
                      zorder=0.5, rasterized=True)
        self.swatches = [Patch(facecolor=c, alpha=0.6, label=f"→ ({at[0]:.2f}, {at[1]:.2f})".replace("-", "−"))
                         for c, at in zip(colours, centres)]
        if len(centres) > SHOWN:
            self.swatches.append(Patch(facecolor=other, alpha=0.6, label=f"{len(centres) - SHOWN} other minima"))
        if (label == -1).any():
            self.swatches.append(Patch(facecolor=th.grid, alpha=0.6, label="diverged"))
        if (label == -2).any():
            self.swatches.append(Patch(facecolor=unfinished, edgecolor=th.grid, label="not at a minimum yet"))
        super().draw_background()

    def by_loss(self, X, Y, reached) -> list:
        """Each start coloured by the loss its run reaches (on a square-root scale from 0, so a global
        minimum of 0 stands out from a local one of 1)."""
        from matplotlib import colormaps
        from matplotlib.colors import LogNorm, PowerNorm
        from matplotlib.patches import Patch
        ax, th = self.ax, self.theme
        finite = reached[np.isfinite(reached)]
        low = finite[finite > 0]
        # a loss of 0 beside one of 1 must be told apart: the square root where the losses start at 0
        if finite.size and finite.min() >= 0 and finite.max() > 0:
            norm = PowerNorm(0.5, 0.0, float(finite.max()))
        else:
            norm = LogNorm(low.min(), finite.max()) if low.size and finite.max() / low.min() > 100 else None
        mesh = ax.pcolormesh(X, Y, np.ma.masked_invalid(np.maximum(reached, low.min()) if isinstance(norm, LogNorm) else reached),
                             cmap=colormaps[self.cmap].with_extremes(bad=th.grid), norm=norm, shading="nearest",
                             alpha=0.8, zorder=0.5, rasterized=True)
        ax.figure.colorbar(mesh, ax=ax, label="loss reached", shrink=0.9)
        out = []
        if finite.size:                 # the basin of the lowest minimum reached, outlined
            from matplotlib.lines import Line2D
            best = float(finite.min())
            lowest = np.where(np.isfinite(reached), reached <= best + 1e-6 * max(1.0, abs(best)), False)
            ax.contour(X, Y, lowest.astype(float), levels=[0.5], colors=th.star, linewidths=2.5 * self.k, zorder=2)
            out.append(Line2D([], [], color=th.star, lw=2.5 * self.k, label=f"basin of the lowest ({best:.3g})"))
        if not np.isfinite(reached).all():
            out.append(Patch(facecolor=th.grid, label="diverged"))
        return out

    def keys(self):
        """The runs' (and pins') entries, then the basins'; a title naming the optimizer and budget."""
        self.legend(handles=self.key_handles() + self.swatches, loc="upper right", fontsize="x-small")
        run = self.template()
        self.title(f"Basins of {run.optimizer.describe()}, {run.steps} steps")

    def template(self):
        """The run whose optimizer and budget start from every grid point."""
        view = self.view
        for s in self.shown:
            if view.of is None or s.label == view.of:
                return s.run
        labels = ", ".join(s.label for s in self.shown)
        raise SceneError(f"Basins(of={view.of!r}): no run of that label among those it shows ({labels})")
