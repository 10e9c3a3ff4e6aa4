"""Path over contours: filled and labelled contours of the loss, the optimum as a star,
optionally arrows of −∇L, and every run's path."""
from __future__ import annotations

import numpy as np

from gdanim.core.errors import note
from gdanim.declare.views import Contours
from gdanim.rendering.paint.base import OFF_CHART, Painter, nice_levels, round_sig, status
from gdanim.rendering.paint.constraint import draw_flat
from gdanim.rendering.paint.paths import PathArtist
from gdanim.rendering.paint.registry import paints
from gdanim.rendering.paint.slice_plane import plane_of

GRID = 120
STAR_Z = 7.5        # the minimum over the paths (a path oscillating across it hid it) and under a run's head


@paints(Contours)      # GradientField is a Contours with arrows
class ContourPainter(Painter):
    def window(self):
        ax, view = self.ax, self.view
        self.plane = plane = plane_of(self.problem, view, self.shown, type(view).__name__, self.pins)
        self.xlim, self.ylim = plane.xlim, plane.ylim
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_aspect(aspect_of(view, self.xlim, self.ylim), adjustable="box")
        ax.set_xlabel(plane.labels[0])
        ax.set_ylabel(plane.labels[1])

    def static(self):
        self.star = None
        self.draw_background()
        self.pins_drawn = self.pin_marks(lambda pin: tuple(self.plane.xy(pin.at)[0]))

    def moving(self):
        ax, view, plane = self.ax, self.view, self.plane
        self.paths = []
        single = len(self.shown) == 1
        for slot, s in enumerate(self.shown):
            xy = plane.xy(s.traj.params)
            self.paths.append(PathArtist(self, s.run, s.traj, xy, s.color, by_iteration=single,
                                         markers=view.markers, slot=slot, every=view.mark_every))
        self.info = None
        if single:
            # bottom left, or bottom right where the run leaves the panel by the bottom left
            where = self.paths[0].marker.where
            right = where is not None and where[0] < np.mean(self.xlim) and where[1] < np.mean(self.ylim)
            self.info = ax.text(0.98 if right else 0.02, 0.02, "", transform=ax.transAxes, fontsize="small",
                                zorder=10, ha="right" if right else "left",
                                bbox=dict(boxstyle="round,pad=0.3", fc=self.theme.face, ec="none", alpha=0.8))
            self.animate(self.info)

    def key_handles(self) -> list:
        """What the legend names: the runs (where there are several), the pins, then the minimum
        among other marks and the constraint set."""
        pins = self.pins_drawn
        handles = ([pa.line for pa in self.paths] if len(self.shown) > 1 else []) + pins
        if pins and self.star is not None:          # among other marks, the star is named too
            handles.append(self.star)
        if handles and self.constraint:             # and so is the constraint set
            handles.append(self.constraint[-1])
        return handles

    def keys(self):
        handles = self.key_handles()
        if handles:
            many = len(handles) > 8         # a sweep's ten runs: two short columns, not one tall one
            self.legend(handles=handles, loc="upper right", ncols=2 if many else 1, fontsize="x-small" if many else None)
        self.title(self.problem.title if len(self.shown) != 1 else f"{self.shown[0].label}")

    def draw_background(self):
        ax, view, th = self.ax, self.view, self.theme
        X, Y, pts = self.plane.grid(GRID)
        with np.errstate(all="ignore"):
            Z = self.problem.values_on(pts).reshape(X.shape)
        if not np.all(np.abs(Z) < OFF_CHART):   # a loss that overflows somewhere on the panel: off the chart
            Z = np.clip(Z, -OFF_CHART, OFF_CHART)   # (NaN stays NaN: contourf leaves it blank)
        z = Z[np.isfinite(Z)]
        name = type(view).__name__
        if z.size and z.min() == z.max():           # no level lies within: one band of colour, no lines
            note(f"{name}: the loss is {z[0]:g} everywhere on the panel: it has no contours, and the panel "
                 f"is filled in one colour")
            if view.filled:
                pad = max(abs(float(z[0])) * 0.5, 1.0)
                ax.contourf(X, Y, Z, levels=[z[0] - pad, z[0] + pad], cmap=self.cmap, alpha=th.contour_alpha)
        elif z.size:
            levels = filled_levels(Z, z, view)
            if view.filled:
                # log levels: a colour per band, by the log of the loss (level_norm)
                filled = ax.contourf(X, Y, Z, levels=levels, cmap=self.cmap, alpha=th.contour_alpha, extend="both",
                                     antialiased=True, norm=level_norm(view, levels))
                if view.colorbar:
                    ax.figure.colorbar(filled, ax=ax, label="loss", shrink=0.9)
            if view.line_levels is None:
                line_levels = levels[::2] if len(levels) > 12 else levels
            elif isinstance(view.line_levels, int):
                line_levels = (even_levels if view.even_levels else nice_levels)(Z, view.line_levels)
            else:
                line_levels = np.asarray(view.line_levels, dtype=float)
            lines = ax.contour(X, Y, Z, levels=line_levels, colors=th.contour_line, linewidths=0.8, alpha=0.7)
            if view.labels:
                ax.clabel(lines, inline=True, fontsize="x-small", fmt="%g")
        if view.arrows:
            self.draw_arrows()
        plane = self.plane                  # a set is drawn in a plane of two parameters (axes=, or a Slice of two)
        self.constraint = draw_flat(ax, self.problem, plane.i, plane.j, plane.base, th, self.k) if plane.i is not None else []
        opt = self.problem.optimum
        at = None if opt is None else self.plane.on_plane(opt)
        if at is not None:
            self.star, = ax.plot(*at, "*", ms=20 * self.k, mew=1.2 * self.k, zorder=STAR_Z, label="minimum",
                                 **self.star_style())
        for other in getattr(self.problem, "minima", ())[1:]:       # a test function's other global minima
            at = self.plane.on_plane(other)
            if at is not None:
                ax.plot(*at, "*", ms=20 * self.k, mew=1.2 * self.k, zorder=STAR_Z, **self.star_style())

    def draw_arrows(self):
        n = self.view.arrow_grid
        X, Y, pts = self.plane.grid(n)
        U, V = arrows(self.problem, pts, self.plane.along, self.view, (self.xlim, self.ylim))
        self.ax.quiver(X, Y, U.reshape(X.shape), V.reshape(X.shape), angles="xy", scale_units="xy", scale=1,
                       color=self.view.arrow_color or self.theme.contour_line, alpha=0.75, width=0.0025,
                       zorder=3)

    def update(self, step, frame):
        for pa in self.paths:
            pa.update(step)
        if self.info is not None:
            self.info.set_text(status(self.shown[0].traj, step, self.paths[0].marker))


SHARED_SCALE = 3.0      # spans within this factor of each other: both parameters share a scale


def aspect_of(view, xlim, ylim):
    """The panel's aspect: the view's, else "equal" where the two spans are within SHARED_SCALE of
    each other (a round bowl drawn round, not as flat ellipses that read as ill-conditioning).

    >>> aspect_of(Contours(), (2, 8), (2, 8)), aspect_of(Contours(), (0, 100), (0, 1))
    ('equal', 'auto')
    """
    if view.aspect is not None:
        return view.aspect
    ratio = abs(ylim[1] - ylim[0]) / max(abs(xlim[1] - xlim[0]), 1e-300)
    return "equal" if 1 / SHARED_SCALE <= ratio <= SHARED_SCALE else "auto"


def arrows(problem, pts, along, view, window) -> tuple[np.ndarray, np.ndarray]:
    """The arrows' components at ``pts`` in panel units (``along``: a plane's components of a
    vector, Plane.along): ±∇L (``view.arrow_direction``) times
    ``view.arrow_scale``, or, without a scale, lengths ∝ √|∇L| that fit a grid cell (so small
    gradients still show). Where the gradient is not finite, no arrow."""
    sign = -1.0 if view.arrow_direction == "descent" else 1.0
    with np.errstate(all="ignore"):
        G = sign * along(problem.grads_on(pts))
    G = np.where(np.isfinite(G), G, 0.0)
    if view.arrow_scale is not None:
        return G[:, 0] * view.arrow_scale, G[:, 1] * view.arrow_scale
    mag = np.hypot(G[:, 0], G[:, 1])
    ok = mag > 0
    scale = np.zeros_like(mag)
    if ok.any():
        scale[ok] = np.sqrt(mag[ok] / mag[ok].max()) / mag[ok]
    (x0, x1), (y0, y1) = window
    cell = min(x1 - x0, y1 - y0) / view.arrow_grid
    return G[:, 0] * scale * cell * 0.9, G[:, 1] * scale * cell * 0.9


def filled_levels(Z: np.ndarray, z: np.ndarray, view) -> np.ndarray:
    """The filled levels of a loss that is not constant on the panel (``z``: its finite values):
    the view's own, or n of them as it asks; at least two, increasing, as contourf needs them."""
    n = view.levels
    if not isinstance(n, int):
        return np.asarray(n, dtype=float)
    zpos = z[z > 0]
    if view.log_levels and not zpos.size:
        note(f"{type(view).__name__}(log_levels=True): the loss is not positive anywhere on the panel (from "
             f"{z.min():.3g} to {z.max():.3g}), which log levels cannot show; its levels are spaced as by default")
    if view.log_levels and zpos.size:
        levels = np.unique(round_sig(np.geomspace(max(zpos.min(), 1e-12), zpos.max(), n)))
    elif view.even_levels:
        levels = even_levels(Z, n)
    else:
        levels = nice_levels(Z, n)
    if len(levels) < 2:             # rounded to one, or one asked for: evenly within, unrounded
        levels = np.linspace(z.min(), z.max(), max(n, 2) + 2)[1:-1]
    return levels


def level_norm(view, levels):
    """Colours for the filled levels: by the logarithm of the loss where the levels are spaced
    geometrically (``log_levels``), so each band has a colour of its own (by the loss itself,
    every band below a tenth of the top one was the same purple); else matplotlib's, by the loss."""
    if view.log_levels and len(levels) > 1 and levels[0] > 0:
        from matplotlib.colors import LogNorm
        return LogNorm(vmin=levels[0], vmax=levels[-1])
    return None


def even_levels(Z: np.ndarray, n: int) -> np.ndarray:
    """n levels evenly between the lowest and the highest loss of the panel (both excluded), to
    three significant digits so the labels read well."""
    z = Z[np.isfinite(Z)]
    levels = np.linspace(z.min(), z.max(), n + 2)[1:-1]
    return np.unique(np.array([float(f"{v:.3g}") for v in levels]))
