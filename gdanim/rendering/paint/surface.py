"""The loss surface in 3-D with the path on it; a fixed camera, or a slow turn; optionally the
Taylor model as a second surface, the gradient on the floor, and pins as labelled markers."""
from __future__ import annotations

import numpy as np

from gdanim.declare.views import Surface3D
from gdanim.rendering.paint.base import Painter, Plane
from gdanim.rendering.paint.registry import paints


@paints(Surface3D)
class SurfacePainter(Painter):
    projection = "3d"

    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        p, th = self.problem, self.theme
        plane = Plane(p, view, self.shown, "Surface3D", self.pins)
        self.i, self.j = i, j = plane.i, plane.j
        xlim, ylim = plane.xlim, plane.ylim
        X, Y, pts = plane.grid(view.npts)
        with np.errstate(all="ignore"):             # NaN where the loss is undefined: noted once (values_on)
            Z = p.values_on(pts).reshape(X.shape)
        zlim = view.zlim or (float(np.nanmin(Z)), float(np.nanmax(Z)))
        paint = dict(color=view.color) if view.color else dict(cmap=self.cmap)
        surface = ax.plot_surface(X, Y, clipped(Z, zlim), alpha=view.alpha, linewidth=0, antialiased=False,
                                  rcount=view.npts, ccount=view.npts, **paint)
        if view.colorbar and not view.color:
            ax.figure.colorbar(surface, ax=ax, label="loss", shrink=0.6, pad=0.1)
        if view.taylor is not None:
            self.draw_taylor(plane, zlim)
        if view.arrows:
            self.draw_arrows(plane, zlim)
        ax.set_xlabel(p.names[i], labelpad=10)
        ax.set_ylabel(p.names[j], labelpad=10)
        ax.set_zlabel("loss", labelpad=10)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_zlim(*zlim)
        self.xlim, self.ylim = xlim, ylim
        self.zlim = view.zlim or (-np.inf, np.inf)        # a path below the grid's lowest point stays
        pins = self.pin_marks(lambda pin: (pin.at[i], pin.at[j], p.value(pin.at)))
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
            star = self.star_style() if pins else dict(color=th.star)
            ax.plot([o[i]], [o[j]], [p.value(o)], "*", ms=16 * self.k, zorder=12,
                    label="minimum" if pins else None, **star)      # among other marks, the star is named too
        if len(self.shown) > 1 or pins:
            self.legend(loc="upper left")
        self.title(p.title)

    def inside(self, x, y, z):
        """The path's points inside the box, the others NaN: matplotlib's 3-D axes do not clip, so a
        path from a start far outside the window would be drawn across the figure."""
        (x0, x1), (y0, y1), (z0, z1) = sorted(self.xlim), sorted(self.ylim), sorted(self.zlim)
        keep = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1) & (z >= z0) & (z <= z1)
        return tuple(np.where(keep, v, np.nan) for v in (x, y, z))

    def draw_taylor(self, plane, zlim):
        """CS 189's Taylor overlay: L* + gᵀΔ + ½ΔᵀHΔ at the point, as a second, warmer surface (on a
        fine grid, 120 × 120, so its edge where the box cuts it stays smooth)."""
        from gdanim.declare.problems import grid_best
        from gdanim.rendering.paint.taylor import taylor_model
        view, p = self.view, self.problem
        at = grid_best(p, plane.xlim, plane.ylim, view.npts) if view.taylor == "grid_best" else np.asarray(view.taylor)
        w, L, g, H, lam, U = taylor_model(p, at)
        n = 120
        X, Y, _ = plane.grid(n)
        D = np.stack([X - w[0], Y - w[1]], axis=-1)
        T = L + D @ g + 0.5 * np.einsum("...i,ij,...j->...", D, H, D)
        self.ax.plot_surface(X, Y, clipped(T, zlim), cmap="plasma_r", alpha=0.5, linewidth=0, antialiased=False,
                             rcount=n, ccount=n)
        self.ax.plot([w[0]], [w[1]], [L], "*", color=self.theme.star, ms=16 * self.k, zorder=12,
                     label=f"Taylor at ({w[0]:.2f}, {w[1]:.2f})")
        self.taylor_point, self.taylor_surface = w, T

    def draw_arrows(self, plane, zlim):
        """The gradient on the floor of the box (CS 189's cones on the ground plane)."""
        from gdanim.rendering.paint.contours import arrows
        n = self.view.arrow_grid
        X, Y, pts = plane.grid(n)
        U, V = arrows(self.problem, pts, (plane.i, plane.j), self.view, (plane.xlim, plane.ylim))
        floor = np.full(X.size, zlim[0])
        self.ax.quiver(X.ravel(), Y.ravel(), floor, U, V, np.zeros_like(U),
                       color=self.view.arrow_color or self.theme.contour_line,
                       alpha=0.7, linewidth=0.8 * self.k, arrow_length_ratio=0.3)

    def update(self, step, frame):
        for traj, line, head in self.lines:
            k = traj.at(step)
            # at most about 100 iterates of a long path, and the current one: a dot for each of 5000
            # steps would be a black rope, and matplotlib projects 3-D lines point by point
            shown = np.unique(np.r_[np.arange(0, k + 1, max(1, traj.steps // 100)), k])
            x, y, z = traj.params[shown, self.i], traj.params[shown, self.j], traj.loss[shown]
            x, y, z = self.inside(x, y, z)
            line.set_data_3d(x, y, z)
            head.set_data_3d(x[-1:], y[-1:], z[-1:])
        if self.full_redraw:
            self.ax.view_init(elev=self.view.elev, azim=self.view.azim + self.view.turn * frame)


def clipped(Z: np.ndarray, zlim) -> np.ndarray:
    """The surface inside the box: matplotlib's 3-D axes do not clip, so what rises above
    ``zlim`` is left out (NaN), as plotly's zaxis range leaves it out."""
    return np.where((Z >= zlim[0] - 1e-12) & (Z <= zlim[1] + 1e-12), Z, np.nan)
