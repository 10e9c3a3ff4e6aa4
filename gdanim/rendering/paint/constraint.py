"""A problem's constraint set (problems.Constrained) in a parameter plane: its outline in the
theme's text colour, its inside lightly shaded; on a 3-D surface, the outline on the floor and
lifted onto the surface."""
from __future__ import annotations

import numpy as np

CLOSED_FILL = 0.10                # alpha of the shade inside a closed outline


def outlines(problem, i: int, j: int, base) -> list[np.ndarray]:
    c = getattr(problem, "constraint", None)
    return [] if c is None else c.outline(i, j, base)


def draw_flat(ax, problem, i, j, base, theme, k: float) -> list:
    """The set on a 2-D panel (Contours): the artists drawn, the first labelled with the set."""
    drawn = []
    for n, line in enumerate(outlines(problem, i, j, base)):
        if len(line) > 2 and np.allclose(line[0], line[-1]):
            drawn += ax.fill(line[:, 0], line[:, 1], color=theme.text, alpha=CLOSED_FILL, lw=0, zorder=2.5)
        drawn += ax.plot(line[:, 0], line[:, 1], "-", color=theme.text, lw=2.2 * k, zorder=3.5,
                         label=problem.constraint.describe() if n == 0 else None)
    return drawn


def densified(line: np.ndarray, per_edge: int = 64) -> np.ndarray:
    """The polyline with ``per_edge`` points on each edge, so that lifted onto a surface it follows it."""
    out = [np.linspace(a, b, per_edge, endpoint=False) for a, b in zip(line[:-1], line[1:])]
    return np.vstack(out + [line[-1:]])


def draw_3d(ax, problem, plane, zlim, theme, k: float) -> list:
    """The set on a Surface3D panel: its outline on the floor of the box and on the surface, left
    out (NaN) where it leaves the box, which matplotlib's 3-D axes do not clip."""
    drawn = []
    for line in outlines(problem, plane.i, plane.j, plane.base):
        pts = densified(line) if len(line) <= 16 else line
        full = np.tile(plane.base, (len(pts), 1))
        full[:, plane.i], full[:, plane.j] = pts[:, 0], pts[:, 1]
        with np.errstate(all="ignore"):
            z = np.asarray(problem.values_on(full), dtype=float)
        (x0, x1), (y0, y1) = sorted(plane.xlim), sorted(plane.ylim)
        inside = (pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)
        x, y = np.where(inside, pts[:, 0], np.nan), np.where(inside, pts[:, 1], np.nan)
        z = np.where(inside & (z >= zlim[0]) & (z <= zlim[1]), z, np.nan)
        drawn += ax.plot(x, y, np.full(len(pts), zlim[0]), "-", color=theme.text, lw=1.8 * k, zorder=9)
        drawn += ax.plot(x, y, z, "-", color=theme.text, lw=2.2 * k, zorder=9)
    return drawn
