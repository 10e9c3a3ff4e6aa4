"""Path over contours: filled and labelled contours of the loss, the optimum as a star,
optionally arrows of −∇L, and every run's path."""
from __future__ import annotations

import numpy as np

from ..views import Contours
from .base import OFF_CHART, Painter, Plane, nice_levels, round_sig, status
from .paths import PathArtist
from .registry import paints

GRID = 120


@paints(Contours)      # GradientField is a Contours with arrows
class ContourPainter(Painter):
    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        p = self.problem
        self.plane = plane = Plane(p, view, self.shown, type(view).__name__)
        self.i, self.j = i, j = plane.i, plane.j
        self.base, self.xlim, self.ylim = plane.base, plane.xlim, plane.ylim
        self.draw_background()
        self.paths = []
        single = len(self.shown) == 1
        for slot, s in enumerate(self.shown):
            xy = s.traj.params[:, [i, j]]
            self.paths.append(PathArtist(self, s.run, s.traj, xy, s.color, by_iteration=single,
                                         markers=view.markers, slot=slot))
        if len(self.shown) > 1:
            ax.legend(handles=[pa.line for pa in self.paths], loc="upper right")
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_xlabel(p.names[i])
        ax.set_ylabel(p.names[j])
        default = p.title if not single else f"{self.shown[0].label}"
        self.title(default)
        self.info = None
        if single:
            self.info = ax.text(0.02, 0.02, "", transform=ax.transAxes, fontsize="small", zorder=10,
                                bbox=dict(boxstyle="round,pad=0.3", fc=self.theme.face, ec="none", alpha=0.8))
            self.animate(self.info)

    def draw_background(self):
        ax, view, th = self.ax, self.view, self.theme
        X, Y, pts = self.plane.grid(GRID)
        with np.errstate(all="ignore"):
            Z = self.problem.values_on(pts).reshape(X.shape)
        if not np.all(np.abs(Z) < OFF_CHART):   # a loss that overflows somewhere on the panel: off the chart
            Z = np.clip(Z, -OFF_CHART, OFF_CHART)   # (NaN stays NaN: contourf leaves it blank)
        if isinstance(view.levels, int):
            if view.log_levels:
                zpos = Z[Z > 0]
                levels = np.unique(round_sig(np.geomspace(max(zpos.min(), 1e-12), zpos.max(), view.levels)))
            else:
                levels = nice_levels(Z, view.levels)
        else:
            levels = np.asarray(view.levels, dtype=float)
        if view.filled:
            ax.contourf(X, Y, Z, levels=levels, cmap=th.contour_cmap, alpha=th.contour_alpha, extend="both",
                        antialiased=True)
        lines = ax.contour(X, Y, Z, levels=levels[::2] if len(levels) > 12 else levels,
                           colors=th.contour_line, linewidths=0.8, alpha=0.7)
        if view.labels:
            ax.clabel(lines, inline=True, fontsize="x-small", fmt="%g")
        if view.arrows:
            self.draw_arrows()
        opt = self.problem.optimum
        if opt is not None:
            o = np.asarray(opt)
            if np.allclose(np.delete(o, [self.i, self.j]), np.delete(self.base, [self.i, self.j])):
                ax.plot(o[self.i], o[self.j], "*", ms=20 * self.k, color=th.star, mec=th.face, mew=1.2 * self.k, zorder=4)

    def draw_arrows(self):
        n = self.view.arrow_grid
        X, Y, pts = self.plane.grid(n)
        with np.errstate(all="ignore"):
            G = -self.problem.grads_on(pts)[:, [self.i, self.j]]
        mag = np.hypot(G[:, 0], G[:, 1])
        ok = np.isfinite(mag) & (mag > 0)
        scale = np.zeros_like(mag)
        scale[ok] = np.sqrt(mag[ok] / mag[ok].max()) / mag[ok]      # length ∝ √|∇L|, so small gradients still show
        U = (G[:, 0] * scale).reshape(X.shape)
        V = (G[:, 1] * scale).reshape(X.shape)
        cell = min((self.xlim[1] - self.xlim[0]), (self.ylim[1] - self.ylim[0])) / n
        self.ax.quiver(X, Y, U * cell * 0.9, V * cell * 0.9, angles="xy", scale_units="xy", scale=1,
                       color=self.theme.contour_line, alpha=0.75, width=0.0025, zorder=3)

    def update(self, step, frame):
        for pa in self.paths:
            pa.update(step)
        if self.info is not None:
            self.info.set_text(status(self.shown[0].traj, step, self.paths[0].marker))
