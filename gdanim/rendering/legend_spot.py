"""Where a panel's legend stands: the corner, or the middle of a side, that hides the least of what
the panel shows over the whole animation (the runs' full paths and markers, the data points, the
moving labels), or the painter's own choice where no other place hides less.

matplotlib's ``loc="best"`` weighs only what is drawn when it is asked, and an animation's paths
grow after that; it also tries the middle of the panel, where the minimum usually is."""
from __future__ import annotations

import numpy as np
from matplotlib.transforms import Affine2D

from gdanim.core import compat

# matplotlib's codes: the corners (upper right, upper left, lower left, lower right), then the
# middles of the sides (center right, center left, upper center, lower center), never the centre
CORNERS = (1, 2, 3, 4, 7, 6, 9, 8)
SPACING = 3.0                   # px (at 100 dpi) between the points sampled along a line
PAD = 3.0                       # px around the legend that count as hidden
TEXT_WEIGHT = 10.0              # a text hidden is worse than a path's stretch of the same area: it cannot be read


def place(legend, ax, moving, renderer) -> None:
    """Move ``legend`` (standing at a fixed spot of ``ax``) to the corner that hides least of the
    lines and points in ``ax`` and of the ``moving`` artists' texts, as they stand now (the final
    state); ties keep the painter's choice. A legend placed with ``loc="best"`` is left alone."""
    preferred = compat.legend_loc(legend)
    if not isinstance(preferred, int) or preferred == 0 or legend.get_bbox_to_anchor() is not ax.bbox:
        return                  # "best", or anchored by its painter (beside the panel: legend="outside")
    # weighed in pixels of a 100 dpi figure: the same corner is chosen at any dpi (points along a
    # line grow with the dpi, a text's area with its square)
    to_100 = Affine2D().scale(100 / ax.figure.dpi)
    points = shown_points(ax, renderer, to_100)
    boxes = [b.transformed(to_100) for b in text_boxes(ax, moving, renderer)]
    best, least = preferred, None
    for loc in (preferred, *[c for c in CORNERS if c != preferred]):
        legend.set_loc(loc)
        hidden = hides(legend.get_window_extent(renderer).transformed(to_100), points, boxes)
        if least is None or hidden < least:
            best, least = loc, hidden
    legend.set_loc(best)


def hides(box, points: np.ndarray, boxes) -> float:
    """How much the legend's ``box`` hides: the sampled points under it, and the area of the
    texts under it counted as points at the sampling's spacing, TEXT_WEIGHT times over."""
    x0, y0, x1, y1 = box.x0 - PAD, box.y0 - PAD, box.x1 + PAD, box.y1 + PAD
    inside = 0
    if len(points):
        px, py = points[:, 0], points[:, 1]
        inside = int(np.count_nonzero((px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)))
    covered = sum(max(0.0, min(x1, b.x1) - max(x0, b.x0)) * max(0.0, min(y1, b.y1) - max(y0, b.y0)) for b in boxes)
    return inside + TEXT_WEIGHT * covered / SPACING ** 2


def shown_points(ax, renderer, to_100=None) -> np.ndarray:
    """Pixels along every line of ``ax`` (sampled every SPACING px, within the panel) and at every
    marker of its scatter plots: what a legend there would hide; in the pixels ``to_100`` makes
    of the figure's (those of 100 dpi), if given."""
    from matplotlib.collections import PathCollection
    to_100 = to_100 or Affine2D()
    box = ax.bbox.transformed(to_100)
    parts = [np.empty((0, 2))]
    for line in ax.lines:
        if not line.get_visible():
            continue
        xy = to_100.transform(line.get_transform().transform(np.asarray(line.get_xydata(), float)))
        drawn_line = line.get_linestyle() not in ("None", "none", "", " ")
        if drawn_line:
            parts.append(along(xy, box))
        if not drawn_line or line.get_marker() not in (None, "None", "none", "", " "):
            parts.append(xy)            # its points once, whether markers or a line of none
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible():
            offsets = np.asarray(coll.get_offsets(), float)
            if offsets.size:
                parts.append(to_100.transform(coll.get_offset_transform().transform(offsets)))
    pts = np.concatenate(parts)
    pts = pts[np.isfinite(pts).all(axis=1)]
    keep = (pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1) & (pts[:, 1] >= box.y0) & (pts[:, 1] <= box.y1)
    return pts[keep]


def along(xy: np.ndarray, box) -> np.ndarray:
    """Points every SPACING px along the polyline ``xy`` (pixels), on the parts of its segments
    inside ``box``: a run that flies off to 1e17 is clipped first, not sampled all the way.

    >>> from matplotlib.transforms import Bbox
    >>> len(along(np.array([[0.0, 5.0], [1e17, 5.0]]), Bbox([[0, 0], [30, 10]])))
    10
    """
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) < 2:
        return xy
    a, b = xy[:-1], xy[1:]
    d = b - a
    lo, hi = np.zeros(len(a)), np.ones(len(a))
    for k, (low, high) in enumerate(((box.x0, box.x1), (box.y0, box.y1))):     # Liang–Barsky
        with np.errstate(divide="ignore", invalid="ignore"):
            t0, t1 = (low - a[:, k]) / d[:, k], (high - a[:, k]) / d[:, k]
        flat = d[:, k] == 0
        enter, leave = np.minimum(t0, t1), np.maximum(t0, t1)
        outside = flat & ((a[:, k] < low) | (a[:, k] > high))
        lo = np.where(flat, lo, np.maximum(lo, enter))
        hi = np.where(flat, hi, np.minimum(hi, leave))
        hi = np.where(outside, -1.0, hi)
    ok = hi >= lo
    a, d, lo, hi = a[ok], d[ok], lo[ok], hi[ok]
    counts = np.maximum(1, np.ceil(np.hypot(*d.T) * (hi - lo) / SPACING)).astype(int)
    seg = np.repeat(np.arange(len(a)), counts)
    first = np.cumsum(counts) - counts
    frac = (np.arange(counts.sum()) - np.repeat(first, counts)) / np.repeat(counts, counts)
    t = lo[seg] + (hi - lo)[seg] * frac
    return a[seg] + d[seg] * t[:, None]


def text_boxes(ax, moving, renderer) -> list:
    """The boxes of the moving texts of ``ax`` that show something (a run's status, 'diverged at
    step d'), as they stand now."""
    from matplotlib.text import Text
    boxes = []
    for a in moving:
        if isinstance(a, Text) and a.axes is ax and a.get_visible() and a.get_text():
            boxes.append(a.get_window_extent(renderer))
    return boxes
