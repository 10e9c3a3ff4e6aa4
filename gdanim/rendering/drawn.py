"""What a laid-out figure draws, read off matplotlib's own artists: the tick labels within an
axis' limits, contour labels, the lines drawn as lines, a 3-D surface's faces in pixels. The lint
checks these and the rooms (label_room, note_room, room_3d) make way among them; both read them here.
"""
from __future__ import annotations

import numpy as np


def contour_labels(ax) -> list:
    """The labels clabel put on ``ax``'s contour sets."""
    return [t for c in ax.collections for t in getattr(c, "labelTexts", ())]


def drawn_ticks(axis, minor: bool = False) -> list:
    """The ticks ``axis`` draws: those within its limits (compared on its scale: a log axis' 1e-14
    lies outside limits from 1.6e-13)."""
    scale = axis.get_transform()
    lo, hi = sorted(scale.transform(np.asarray(axis.get_view_interval(), float)))
    span = (hi - lo) * 1e-9
    ticks = [*axis.get_major_ticks(), *(axis.get_minor_ticks() if minor else [])]
    with np.errstate(all="ignore"):
        return [t for t in ticks if lo - span <= scale.transform(np.array([float(t.get_loc())]))[0] <= hi + span]


def tick_labels(ax) -> list:
    """The tick labels ``ax`` draws (within its limits, not empty)."""
    return [t for axis in (ax.xaxis, ax.yaxis) for tick in drawn_ticks(axis)
            for t in (tick.label1, tick.label2) if t.get_visible() and t.get_text().strip()]


def drawn_lines(ax) -> list:
    """The visible Line2D of ``ax`` drawn as lines (a path, a curve, a model), not markers alone."""
    return [line for line in ax.lines if line.get_visible() and line.get_linestyle() not in ("None", "none", "", " ")
            and len(line.get_xydata()) > 1]


def surface_polygons(ax) -> list:
    """The faces of ``ax``'s 3-D surfaces as drawn (in pixels; a draw has projected them)."""
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection
    faces = []
    for coll in ax.collections:
        if isinstance(coll, Poly3DCollection) and coll.get_visible():
            to_px = coll.get_transform()
            faces += [path.transformed(to_px) for path in coll.get_paths() if len(path.vertices)]
    return faces


def covers_surface(box, ax, tol: float) -> bool:
    """Does ``box`` (a legend's) lie on a face of the 3-D panel's surface? It hides the loss's
    shape there: a legend of a 3-D panel goes where the surface is not."""
    inner = box.padded(-tol)
    return any(face.intersects_bbox(inner, filled=True) for face in surface_polygons(ax))


def project(ax) -> None:
    """The 3-D axes' projection for its camera and box as they stand now: a draw computes it
    (Axes3D.draw), and the labels' places follow from it."""
    ax.M = ax.get_proj()
    ax.invM = np.linalg.inv(ax.M)
