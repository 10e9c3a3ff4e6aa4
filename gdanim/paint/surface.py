"""The loss surface in 3-D with the path on it; a fixed camera, or a slow turn."""
from __future__ import annotations

import numpy as np

from ..views import Surface3D
from .base import Painter, Plane
from .registry import paints


@paints(Surface3D)
class SurfacePainter(Painter):
    projection = "3d"

    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        p, th = self.problem, self.theme
        plane = Plane(p, view, self.shown, "Surface3D")
        self.i, self.j = i, j = plane.i, plane.j
        xlim, ylim = plane.xlim, plane.ylim
        X, Y, pts = plane.grid(view.npts)
        Z = p.values_on(pts).reshape(X.shape)
        ax.plot_surface(X, Y, Z, cmap="viridis", alpha=0.55, linewidth=0, antialiased=False, rcount=view.npts,
                        ccount=view.npts)
        ax.set_xlabel(p.names[i], labelpad=10)
        ax.set_ylabel(p.names[j], labelpad=10)
        ax.set_zlabel("loss", labelpad=10)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_zlim(Z.min(), Z.max())
        ax.view_init(elev=view.elev, azim=view.azim)
        for pane in (ax.xaxis.pane, ax.yaxis.pane, ax.zaxis.pane):
            pane.set_facecolor(th.face)
            pane.set_edgecolor(th.grid)
        self.full_redraw = view.turn != 0
        self.lines = []
        single = len(self.shown) == 1
        for run, traj, _, run_color in self.shown:
            color = th.path if single else run_color
            line, = ax.plot([], [], [], "-o", color=color, ms=4 * self.k, lw=2 * self.k, zorder=10, label=run.label)
            head, = ax.plot([], [], [], "o", color=th.star if single else color, ms=10 * self.k, zorder=11)
            self.lines.append((traj, line, head))
            self.animate(line, head, run=run)
        opt = p.optimum
        if opt is not None:
            o = np.asarray(opt)
            ax.plot([o[i]], [o[j]], [p.value(o)], "*", color=th.star, ms=16 * self.k, zorder=12)
        if len(self.shown) > 1:
            ax.legend(loc="upper left")
        self.title(p.title)

    def update(self, step, frame):
        for traj, line, head in self.lines:
            k = traj.at(step)
            x, y, z = traj.params[: k + 1, self.i], traj.params[: k + 1, self.j], traj.loss[: k + 1]
            line.set_data_3d(x, y, z)
            head.set_data_3d(x[-1:], y[-1:], z[-1:])
        if self.full_redraw:
            self.ax.view_init(elev=self.view.elev, azim=self.view.azim + self.view.turn * frame)
