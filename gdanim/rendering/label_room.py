"""Text that gives way, once the figure is laid out: a contour label that would lie under a legend,
a status line, a note, an axis' tick label or another contour label, or stick out of its panel, is
left out (the contour line keeps its level, the other labels name it); a tick whose label runs
into its neighbour's is dropped, and so is a y tick label at the panel's lower corner that runs
into the first x tick label (the x one reads the corner).
"""
from __future__ import annotations

import numpy as np

from gdanim.rendering.drawn import contour_labels, covers_surface, drawn_ticks, project, tick_labels

PAD = 2.0           # px kept between a contour label and what it gives way to
WIDER = 1.15        # a status line changes with the step: its longest lines are about this much wider


def make_room(fig, renderer, moving=()) -> None:
    """Tidy every 2-D axes of ``fig`` as laid out now (the final state posed); ``moving``: the
    artists that change from frame to frame (their texts are widened by WIDER)."""
    moving = {id(a) for a in moving}
    for ax in fig.axes:
        if ax.name == "3d":
            legend_off_labels(ax, renderer)
            continue
        ax.get_tightbbox(renderer)          # the tick labels where the axes stand now (its aspect moved it)
        for axis in (ax.xaxis, ax.yaxis):
            crowded_ticks(axis, renderer)
        corner_ticks(ax, renderer)
        clear_contour_labels(ax, renderer, moving)


def legend_off_labels(ax, renderer) -> None:
    """A 3-D panel's legend where it covers none of the panel's tick or axis labels nor its
    surface (the loss's shape): the upper left, where it stands, first, then the other corners,
    then any spot of the panel from the top down, fixed there as the layout fixes legends; in the
    first corner clear of the labels if none is clear of both."""
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox
    legend = ax.get_legend()
    if legend is None:
        return
    project(ax)
    for coll in ax.collections:             # the faces where a draw puts them, for the camera and box now
        if hasattr(coll, "do_3d_projection"):
            coll.do_3d_projection()
    labels = [a.label for a in (ax.xaxis, ax.yaxis, ax.zaxis)]
    labels += [t for a in (ax.xaxis, ax.yaxis, ax.zaxis) for tick in drawn_ticks(a) for t in (tick.label1,)]
    boxes = [Text.get_window_extent(t, renderer) for t in labels if t.get_visible() and t.get_text().strip()]
    for o in ax.figure.axes:                # the other panels, their tick and axis labels
        if o is not ax:
            boxes.append(o.bbox)
            texts = [*tick_labels(o), o.xaxis.label, o.yaxis.label] if o.name != "3d" else []
            boxes += [t.get_window_extent(renderer) for t in texts if t.get_visible() and t.get_text().strip()]
    from gdanim.core import compat
    titles = [*compat.title_texts(ax), compat.suptitle_text(ax.figure)]
    boxes += [t.get_window_extent(renderer) for t in titles if t is not None and t.get_text() and t.get_visible()]
    first = legend.get_window_extent(renderer)
    area, w, h = ax.bbox, first.width, first.height
    figure = ax.figure.bbox
    pad = 2 * PAD
    corners = [(area.x0 + pad, area.y1 - h - pad), (area.x1 - w - pad, area.y1 - h - pad),
               (area.x0 + pad, area.y0 + pad), (area.x1 - w - pad, area.y0 + pad)]
    # then any spot from the top down, in the panel or, nearest it first, above or below it (its cube
    # fills its box: a figure's free room beside it is what is left)
    rows = np.linspace(figure.y1 - h - pad, figure.y0 + pad, 40)
    columns = np.linspace(max(figure.x0 + pad, area.x0 - w / 2), min(figure.x1 - w - pad, area.x1 - w / 2), 9)
    grid = [(x, y) for y in rows for x in columns]
    spots = corners + sorted(grid, key=lambda s: away(Bbox.from_bounds(*s, w, h), area))

    def clear(x, y, surface=True):
        box = Bbox.from_bounds(x, y, w, h)
        return (box.x0 >= figure.x0 and box.x1 <= figure.x1 and box.y0 >= figure.y0 and box.y1 <= figure.y1
                and not any(box.overlaps(b) for b in boxes) and not (surface and covers_surface(box, ax, 0)))

    if clear(first.x0, first.y0):
        return
    for want_surface in (True, False):
        for x, y in (spots if want_surface else corners):
            if clear(x, y, want_surface):
                legend.set_loc(((x - area.x0) / area.width, (y - area.y0) / area.height))
                return


def away(box, area) -> float:
    """How far ``box`` reaches out of ``area`` (px, the larger way; 0 inside)."""
    return max(area.x0 - box.x0, box.x1 - area.x1, area.y0 - box.y0, box.y1 - area.y1, 0.0)


def clear_contour_labels(ax, renderer, moving) -> None:
    from matplotlib.text import Text
    labels = contour_labels(ax)
    if not labels:
        return
    ids = {id(t) for t in labels}
    others = [t for t in ax.texts if id(t) not in ids and t.get_visible() and t.get_text().strip()]
    blocked = [widened(Text.get_window_extent(t, renderer), id(t) in moving) for t in others]
    blocked += [t.get_window_extent(renderer) for t in tick_labels(ax)]
    blocked += [t.get_window_extent(renderer) for t in (ax.title, ax.xaxis.label, ax.yaxis.label) if t.get_text()]
    legend = ax.get_legend()
    if legend is not None:
        blocked.append(legend.get_window_extent(renderer))
    area = ax.bbox
    for t in labels:
        box = t.get_window_extent(renderer)
        clear = (box.x0 >= area.x0 and box.x1 <= area.x1 and box.y0 >= area.y0 and box.y1 <= area.y1)
        if clear and not any(box.padded(PAD).overlaps(b) for b in blocked):
            blocked.append(box)         # kept: the next labels give way to it
        else:
            t.set_visible(False)


def widened(box, moving: bool):
    """A moving text's box, widened on both sides for the longer lines other steps show."""
    if not moving:
        return box
    extra = (WIDER - 1) * box.width
    return box.expanded(1 + 2 * extra / max(box.width, 1), 1.0)


def corner_ticks(ax, renderer) -> None:
    """Drop the y ticks whose labels run into an x tick label (at the lower left corner, where
    −10 on x meets −5 on y): the locator is fixed to the others (the limits are fixed too)."""
    xs = [t.get_window_extent(renderer) for t in tick_labels(ax) if t in x_labels(ax)]
    if not xs or not ax.yaxis.get_visible():
        return
    kept, dropped = [], False
    for tick in drawn_ticks(ax.yaxis):
        loc = tick.get_loc()
        box = tick.label1.get_window_extent(renderer)
        if tick.label1.get_text().strip() and any(box.overlaps(x) for x in xs):
            dropped = True
        else:
            kept.append(loc)
    if dropped and ax.get_yscale() == "linear":
        ax.set_yticks(kept)


def crowded_ticks(axis, renderer) -> None:
    """Drop the ticks whose labels run into the label of the tick before (a symlog axis' 0 and
    10⁻³¹, half a decade apart): from the lowest up, each label is kept if it clears the last kept."""
    ticks = sorted(drawn_ticks(axis), key=lambda t: t.get_loc())
    kept, last, dropped = [], None, False
    for tick in ticks:
        label = tick.label1
        box = label.get_window_extent(renderer) if label.get_visible() and label.get_text().strip() else None
        if box is not None and last is not None and box.overlaps(last):
            dropped = True
            continue
        kept.append(tick.get_loc())
        last = box if box is not None else last
    if dropped:
        axis.set_ticks(kept)


def x_labels(ax) -> list:
    return [t for tick in ax.xaxis.get_major_ticks() for t in (tick.label1, tick.label2)]
