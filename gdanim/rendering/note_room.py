"""Notes that give way to the paths, once the figure is laid out: a note of a 2-D panel ('lr 2: left
at step 1', 'diverged', a status line) that lies on one of the panel's lines is moved, by the
least distance, to where it covers no line, no other text and no legend, and stays in its panel
(or, for a note drawn past its panel's edge, in the figure and off the other panels). The final
state is posed: the paths are at their longest, and every note is shown."""
from __future__ import annotations

import numpy as np
from matplotlib.text import Annotation, Text

from gdanim.rendering.drawn import contour_labels, drawn_lines, tick_labels
from gdanim.rendering.label_room import widened
from gdanim.rendering.legend_spot import along

PAD = 2.0           # px kept between a note and a line
RINGS = 12          # how far a note may move: this many rings, half a text height apart
TURNS = 8           # directions tried on the first ring (the n-th ring: n times as many)


def make_room(fig, renderer, moving=(), pose=None, steps=(), placed=()) -> None:
    """Move the notes of every 2-D axes of ``fig`` off its lines (``moving``: the artists that
    change from frame to frame: a moving text is weighed widened, for its longer lines at other
    steps; ``placed``: the texts their painter places again each frame, which keep the painter's
    place, and are weighed where they stand). With ``pose`` (a
    function of a step) and ``steps``, the lines are taken at each of those steps (a model's line
    moves under a status box fixed in its corner), and the last step is posed again at the end."""
    moving, placed = {id(a) for a in moving}, {id(a) for a in placed}
    flat = [ax for ax in fig.axes if ax.name != "3d"]
    seen = {id(ax): [] for ax in flat}
    for step in (steps if pose is not None else ()):
        pose(step)
        for ax in flat:
            seen[id(ax)].append(line_points(ax))
    for ax in flat:
        clear(ax, renderer, moving, np.concatenate([line_points(ax), *seen[id(ax)]]), placed)


def line_points(ax) -> np.ndarray:
    """Pixels every few px along each drawn line of ``ax``, inside its panel."""
    parts = [np.empty((0, 2))]
    for line in drawn_lines(ax):
        parts.append(along(line.get_transform().transform(np.asarray(line.get_xydata(), float)), ax.bbox))
    return np.concatenate(parts)


def on(box, pts: np.ndarray) -> bool:
    return bool(len(pts)) and bool(np.any((pts[:, 0] > box.x0 - PAD) & (pts[:, 0] < box.x1 + PAD)
                                          & (pts[:, 1] > box.y0 - PAD) & (pts[:, 1] < box.y1 + PAD)))


def clear(ax, renderer, moving, pts, placed=frozenset()) -> None:
    skip = {id(t) for t in contour_labels(ax)}
    notes = [t for t in ax.texts if id(t) not in skip and t.get_visible() and t.get_text().strip()]
    if not len(pts):
        return
    blocked = [t.get_window_extent(renderer) for t in tick_labels(ax)]
    blocked += [m.get_window_extent(renderer) for m in ax.lines if m.get_visible() and len(m.get_xydata()) == 1
                and m.get_marker() not in (None, "", "None", " ")]         # single marks: a cross, a pin
    blocked += [t.get_window_extent(renderer) for t in (ax.title, ax.xaxis.label, ax.yaxis.label) if t.get_text()]
    if ax.get_legend() is not None:
        blocked.append(ax.get_legend().get_window_extent(renderer))
    others = [o.bbox for o in ax.figure.axes if o is not ax]
    others += [t.get_window_extent(renderer) for t in ax.figure.texts if t.get_visible() and t.get_text().strip()]
    boxes = [extent(t, renderer, moving) for t in notes]
    for k, t in enumerate(notes):
        box = boxes[k]
        rest = blocked + boxes[:k] + boxes[k + 1:]
        if id(t) in placed or not on(box, pts) and not any(box.overlaps(b) for b in rest):
            continue
        own = Text.get_window_extent(t, renderer)
        inside = own.x0 >= ax.bbox.x0 and own.x1 <= ax.bbox.x1 and own.y0 >= ax.bbox.y0 and own.y1 <= ax.bbox.y1
        area = ax.bbox if inside else ax.figure.bbox
        shift = free_shift(box, pts, rest, area, [] if inside else others)
        if shift is None and inside:            # no room in its panel: beside it, off the other panels
            shift = free_shift(box, pts, rest, ax.figure.bbox, others)
        if shift is not None:
            move(t, shift, renderer)
            boxes[k] = extent(t, renderer, moving)


def extent(t, renderer, moving):
    """The text's box (a moving one widened for its longer lines at other steps, but in its own
    panel: a status line at the panel's corner grows into the panel, not out of it)."""
    box = Text.get_window_extent(t, renderer)
    wide = widened(box, id(t) in moving)
    area = t.axes.bbox
    if box.x0 >= area.x0 and box.x1 <= area.x1:
        from matplotlib.transforms import Bbox
        wide = Bbox([[max(wide.x0, area.x0), wide.y0], [min(wide.x1, area.x1), wide.y1]])
    return wide


def free_shift(box, pts, blocked, area, others) -> tuple[float, float] | None:
    """The smallest (dx, dy) in px that puts ``box`` on no line point, on no ``blocked`` box, on
    none of the ``others`` (panels) and inside ``area``; None if there is none near."""
    step = max(box.height / 2, 2.0)
    for ring in range(1, RINGS + 1):
        turns = TURNS * ring                # candidates as close along a ring as across rings
        for turn in range(turns):
            a = 2 * np.pi * turn / turns
            dx, dy = ring * step * np.cos(a), ring * step * np.sin(a)
            moved = box.translated(dx, dy)
            if (moved.x0 >= area.x0 and moved.x1 <= area.x1 and moved.y0 >= area.y0 and moved.y1 <= area.y1
                    and not on(moved, pts) and not any(moved.overlaps(b) for b in [*blocked, *others])):
                return dx, dy
    return None


def move(t, shift, renderer) -> None:
    """Move the text ``t`` by ``shift`` px: an annotation's text by its offset, another text in
    its own coordinates."""
    dx, dy = shift
    if isinstance(t, Annotation) and t.anncoords == "offset points":
        x, y = t.xyann
        to_pt = 72 / t.figure.dpi
        t.xyann = (x + dx * to_pt, y + dy * to_pt)
        return
    transform = t.get_transform()
    px = transform.transform(t.get_position())
    t.set_position(transform.inverted().transform(px + np.array([dx, dy])))
