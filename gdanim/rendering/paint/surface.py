"""The loss surface in 3-D with the path on it; a fixed camera, or a slow turn; optionally the
Taylor model as a second surface, the gradient on the floor, and pins as labelled markers."""
from __future__ import annotations

import numpy as np
from matplotlib import patheffects

from gdanim.declare.views import Surface3D
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.constraint import draw_3d
from gdanim.rendering.paint.registry import paints
from gdanim.rendering.paint.slice_plane import plane_of


@paints(Surface3D)
class SurfacePainter(Painter):
    projection = "3d"
    taylor_star: list = []      # the point the Taylor model is taken at (draw_taylor)

    def window(self):
        ax, view, p, th = self.ax, self.view, self.problem, self.theme
        self.plane = plane = plane_of(p, view, self.shown, "Surface3D", self.pins)
        X, Y, pts = plane.grid(view.npts)
        with np.errstate(all="ignore"):             # NaN where the loss is undefined: noted once (values_on)
            Z = p.values_on(pts).reshape(X.shape)
        self.mesh = X, Y, Z
        self.box_z = zlim = view.zlim or (float(np.nanmin(Z)), float(np.nanmax(Z)))
        from matplotlib.ticker import MaxNLocator
        for axis in (ax.xaxis, ax.yaxis):      # seen at a slant, 5 labels such as −7.5 ran into each other
            axis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
        ax.set_xlabel(plane.labels[0], labelpad=10)
        ax.set_ylabel(plane.labels[1], labelpad=10)
        ax.set_zlabel("loss", labelpad=10)
        self.xlim, self.ylim = plane.xlim, plane.ylim
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_zlim(*zlim)
        self.zlim = view.zlim or (-np.inf, np.inf)        # a path below the grid's lowest point stays
        ax.view_init(elev=view.elev, azim=view.azim)
        for pane in (ax.xaxis.pane, ax.yaxis.pane, ax.zaxis.pane):
            pane.set_facecolor(th.face)
            pane.set_edgecolor(th.grid)
        self.full_redraw = view.turn != 0

    def static(self):
        ax, view, p, th, plane, zlim = self.ax, self.view, self.problem, self.theme, self.plane, self.box_z
        paint = dict(color=view.color) if view.color else dict(cmap=self.cmap)
        surface = ax.plot_surface(*cut(*self.mesh, zlim), alpha=view.alpha, linewidth=0, antialiased=False,
                                  rcount=view.npts, ccount=view.npts, **paint)
        if view.colorbar and not view.color:
            ax.figure.colorbar(surface, ax=ax, label="loss", shrink=0.6, pad=0.1)
        if view.taylor is not None:
            self.draw_taylor(plane, zlim)
        if view.arrows:
            self.draw_arrows(plane, zlim)
        self.constraint = draw_3d(ax, p, plane, zlim, th, self.k) if plane.i is not None else []
        self.pins_drawn = self.pin_marks(lambda pin: (*plane.xy(pin.at)[0], p.value(pin.at)))
        self.star = None
        opt = p.optimum
        at = None if opt is None else plane.on_plane(opt)
        if at is not None:
            star = self.star_style() if self.pins_drawn else dict(color=th.star)
            self.star, = ax.plot([at[0]], [at[1]], [p.value(opt)], "*", ms=16 * self.k, zorder=12,
                                 label="minimum" if self.pins_drawn else None, **star)  # among other marks, named too

    def moving(self):
        ax, th, plane = self.ax, self.theme, self.plane
        self.lines = []
        single = len(self.shown) == 1
        self.paths = {}         # each run's path in the panel's coordinates
        if self.shown and self.view.taylor is None:
            # the paths in front of the surface, as a lecturer draws them by hand (matplotlib's depth
            # sort hid them behind a fold, or drew them over one they should pass behind): the
            # surfaces first, then the paths with a halo, a drop line from the head to the floor
            ax.computed_zorder = False
        halo = [patheffects.withStroke(linewidth=4.5 * self.k, foreground=th.face, alpha=0.8)]
        for run, traj, _, run_color in self.shown:
            self.paths[run.label] = plane.xy(traj.params)
            color = th.path if single else run_color
            line, = ax.plot([], [], [], "-o", color=color, ms=4 * self.k, lw=2 * self.k, zorder=10, label=run.label,
                            path_effects=halo)
            head, = ax.plot([], [], [], "o", color=th.star if single else color, ms=10 * self.k, zorder=11,
                            mec=th.face, mew=1.2 * self.k)
            drop, = ax.plot([], [], [], ":", color=color, lw=1.2 * self.k, zorder=9)
            self.lines.append((traj, line, head, drop, self.paths[run.label]))
            self.animate(drop, line, head, run=run)

    def keys(self):
        if len(self.shown) > 1 or self.pins_drawn:      # the pins, the runs, then the minimum
            named = self.taylor_star + self.pins_drawn + [line for _, line, *_ in self.lines]
            self.legend(handles=named + ([self.star] if self.pins_drawn and self.star is not None else []),
                        loc="upper left")
        elif self.view.taylor is not None:
            named = self.which_is_which()       # in one row: over the cube, not on the surfaces
            self.legend(handles=named, loc="upper left", fontsize="x-small", ncols=len(named))
        self.title(self.problem.title)

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
        model = self.ax.plot_surface(*cut(X, Y, T, zlim), cmap=MODEL_CMAP, alpha=0.5, linewidth=0, antialiased=False,
                                     rcount=n, ccount=n)
        model.set_gid("model")                  # the model, not the loss: a colour map of its own
        self.taylor_star = self.ax.plot([w[0]], [w[1]], [L], "*", color=self.theme.star, ms=16 * self.k, zorder=12,
                                        label=f"Taylor at ({w[0]:.2f}, {w[1]:.2f})")
        self.taylor_point, self.taylor_surface = w, T

    def which_is_which(self) -> list:
        """Legend handles that say which surface is the loss and which the Taylor model, in their
        colours, and the point the model is taken at."""
        from matplotlib import colormaps
        from matplotlib.patches import Patch
        loss = self.view.color or colormaps[self.cmap](0.35)
        return [Patch(color=loss, label="loss"), Patch(color=colormaps[MODEL_CMAP](0.35), label="Taylor model"),
                *self.taylor_star]

    def draw_arrows(self, plane, zlim):
        """The gradient on the floor of the box (CS 189's cones on the ground plane)."""
        from gdanim.rendering.paint.contours import arrows
        n = self.view.arrow_grid
        X, Y, pts = plane.grid(n)
        U, V = arrows(self.problem, pts, plane.along, self.view, (plane.xlim, plane.ylim))
        floor = np.full(X.size, zlim[0])
        self.ax.quiver(X.ravel(), Y.ravel(), floor, U, V, np.zeros_like(U), zorder=0.5,      # under the surface
                       color=self.view.arrow_color or self.theme.contour_line,
                       alpha=0.7, linewidth=0.8 * self.k, arrow_length_ratio=0.3)

    def update(self, step, frame):
        floor = self.ax.get_zlim()[0]
        for traj, line, head, drop, xy in self.lines:
            k = traj.at(step)
            # at most about 100 iterates of a long path, and the current one: a dot for each of 5000
            # steps would be a black rope, and matplotlib projects 3-D lines point by point
            drawn = np.unique(np.r_[np.arange(0, k + 1, max(1, traj.steps // 100)), k])
            x, y, z = xy[drawn, 0], xy[drawn, 1], traj.loss[drawn]
            x, y, z = self.inside(x, y, z)
            line.set_data_3d(x, y, z)
            head.set_data_3d(x[-1:], y[-1:], z[-1:])
            drop.set_data_3d(np.r_[x[-1:], x[-1:]], np.r_[y[-1:], y[-1:]], np.r_[z[-1:], [floor] * len(z[-1:])])
        if self.full_redraw:
            self.ax.view_init(elev=self.view.elev, azim=self.view.azim + self.view.turn * frame)


MODEL_CMAP = "plasma_r"


def cut(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, zlim):
    """The surface inside the box, cut cleanly where it leaves it: matplotlib's 3-D axes do not
    clip, so what rises above ``zlim`` (or falls below) is left out, as plotly's zaxis range leaves
    it out; a grid point just outside, next to one inside, is moved along the grid lines to where
    the surface crosses the limit (the mean of those crossings), so the cut edge follows the level
    line instead of the grid's saw-tooth. Returns (X, Y, Z), NaN where nothing is drawn.

    >>> X, Y = np.meshgrid([0.0, 1.0, 2.0], [0.0, 1.0])
    >>> x, y, z = cut(X, Y, X * 2.0, (0, 3))
    >>> x[0].tolist(), z[0].tolist()
    ([0.0, 1.0, 1.5], [0.0, 2.0, 3.0])
    """
    X, Y, Z = (np.array(a, dtype=float) for a in (X, Y, Z))
    lo, hi = zlim
    with np.errstate(invalid="ignore"):
        inside = (Z >= lo - 1e-12) & (Z <= hi + 1e-12)
    x, y, z = X.copy(), Y.copy(), np.where(inside, Z, np.nan)
    sx, sy, count = np.zeros_like(X), np.zeros_like(Y), np.zeros_like(X)
    level = np.where(Z > hi, hi, lo)                    # the limit an outside point has crossed
    for axis in (0, 1):
        for step in (1, -1):
            nb = lambda a: np.roll(a, step, axis=axis)      # the neighbour along this grid line
            edge = np.zeros_like(inside)
            index = [slice(None)] * 2
            index[axis] = slice(step, None) if step == 1 else slice(None, step)
            edge[tuple(index)] = True                       # (roll wraps round: the far edge has no neighbour)
            use = edge & ~inside & nb(inside) & np.isfinite(Z)
            with np.errstate(all="ignore"):
                t = (level - nb(Z)) / (Z - nb(Z))
                sx += np.where(use, nb(X) + t * (X - nb(X)), 0)
                sy += np.where(use, nb(Y) + t * (Y - nb(Y)), 0)
            count += use
    moved = count > 0
    x[moved], y[moved] = sx[moved] / count[moved], sy[moved] / count[moved]
    z[moved] = level[moved]
    return x, y, z
