"""Room for a 3-D panel's axis labels: matplotlib's constrained layout places a 3-D panel by its
box, but its axis labels (the z label most) stand outside the cube it draws in that box, so they
land on the next panel (or off the figure). Each 3-D panel is shrunk, once laid out, until its
labels stay in the space its neighbours leave it."""
from __future__ import annotations

from matplotlib.transforms import Bbox

from gdanim.core import compat
from gdanim.rendering.drawn import project, tick_labels

PAD = 4.0          # px kept between a 3-D panel's labels and what is next to them
ROUNDS = 10         # shrinking moves the labels with the cube, but by less: a few rounds settle it
SMALLEST = 0.75    # of the panel's first size: no smaller


def make_room(fig, renderer, cameras=None) -> None:
    """Shrink every 3-D axes of ``fig`` (its position, fixed from now on) so that its axis labels
    fall on no other panel (its plotting area or title) and stay in the figure, at its own camera
    or, for an axes in ``cameras`` (a turning camera), at each of the (elev, azim) given."""
    for ax in fig.axes:
        if ax.name != "3d":
            continue
        first = ax.bbox.frozen()
        cameras_of = (cameras or {}).get(ax) or [(ax.elev, ax.azim)]
        cut = worst(fig, ax, renderer, cameras_of)
        if cut and (cut[0] > 0) != (cut[1] > 0):      # over one side only: the cube moves to the other
            ax.set_anchor("E" if cut[0] > 0 else "W")   # side of its box, where the square leaves room
            ax.apply_aspect()
        for _ in range(ROUNDS):
            cut, box = worst(fig, ax, renderer, cameras_of), ax.bbox
            if not cut:
                break
            # no smaller than SMALLEST of its first size: a small figure has no more room to give
            x0, x1 = shrunk(box.x0, box.x1, cut[0], cut[1], SMALLEST * first.width)
            y0, y1 = shrunk(box.y0, box.y1, cut[2], cut[3], SMALLEST * first.height)
            if (x0, x1, y0, y1) == (box.x0, box.x1, box.y0, box.y1):
                break
            ax.set_position(Bbox([[x0, y0], [x1, y1]]).transformed(fig.transFigure.inverted()))
            ax.apply_aspect()


def place_labels(fig, renderer) -> None:
    """Put every 3-D axes' ticks and labels where a draw puts them: the layout measures a 3-D
    panel by them (matplotlib 3.9 on places them itself when measured, older ones only in a draw)."""
    for ax in fig.axes:
        if ax.name == "3d":
            project(ax)
            compat.place_3d_labels(ax, renderer)


def shrunk(lo: float, hi: float, cut_lo: float, cut_hi: float, least: float) -> tuple[float, float]:
    """The span lo…hi with cut_lo taken off its start and cut_hi off its end, both scaled down
    alike where that would leave less than ``least``."""
    room = max(0.0, (hi - lo) - least)
    scale = min(1.0, room / (cut_lo + cut_hi)) if cut_lo + cut_hi > 0 else 0.0
    return lo + cut_lo * scale, hi - cut_hi * scale


def worst(fig, ax, renderer, cameras) -> tuple[float, float, float, float] | None:
    """The most ``ax``'s labels reach past its free space on each side, over the ``cameras``
    ((elev, azim) pairs; the axes is left at its own camera), or None where they stay in it."""
    own = ax.elev, ax.azim
    cuts = []
    for elev, azim in cameras:
        compat.turn_camera(ax, elev, azim)      # its roll and vertical axis kept
        cuts.append(overflow(fig, ax, renderer))
    compat.turn_camera(ax, *own)
    project(ax)
    found = [c for c in cuts if c]
    return tuple(max(c[k] for c in found) for k in range(4)) if found else None


def overflow(fig, ax, renderer) -> tuple[float, float, float, float] | None:
    """How far ``ax``'s labels reach past its free space (left, right, bottom, top, in px), or
    None where they stay in it."""
    project(ax)
    compat.place_3d_labels(ax, renderer)            # the labels where the axes as it stands puts them
    tight = Bbox.union([a.label.get_window_extent(renderer) for a in (ax.xaxis, ax.yaxis, ax.zaxis)
                        if a.label.get_visible() and a.label.get_text()] or [ax.bbox])
    left, right, bottom, top = free_space(fig, ax, tight, renderer)
    cut = (max(0.0, left - tight.x0), max(0.0, tight.x1 - right), max(0.0, bottom - tight.y0), max(0.0, tight.y1 - top))
    return cut if max(cut) >= 0.5 else None


def free_space(fig, ax, tight, renderer) -> tuple[float, float, float, float]:
    """Where ``ax``'s labels may reach (left, right, bottom, top, in px): up to the neighbours
    beside, below and above it (their plotting areas and titles) and the figure's edges and title."""
    w, h = fig.bbox.width, fig.bbox.height
    left, right, bottom, top = PAD, w - PAD, PAD, h - PAD
    cx, cy = (tight.x0 + tight.x1) / 2, (tight.y0 + tight.y1) / 2
    others = []
    for o in fig.axes:
        if o is not ax and o.get_visible():
            others.append(o.bbox)                           # its plotting area and its title (its axis
            texts = compat.title_texts(o)                   # labels too shrank panels whose labels only touch)
            others += [t.get_window_extent(renderer) for t in texts if t.get_text() and t.get_visible()]
            if o.name != "3d":                              # and its tick labels: the z label lay on them
                others += [t.get_window_extent(renderer) for t in tick_labels(o)]
    title = compat.suptitle_text(fig)
    if title is not None and title.get_text():
        others.append(title.get_window_extent(renderer))
    for o in others:
        beside = o.y0 < tight.y1 and o.y1 > tight.y0
        above_below = o.x0 < tight.x1 and o.x1 > tight.x0
        if beside and above_below:          # it reaches in from one side (a neighbour's tick labels beside
            across = min(tight.x1, o.x1) - max(tight.x0, o.x0)     # the z label): only that side gives way,
            along = min(tight.y1, o.y1) - max(tight.y0, o.y0)      # not the top and bottom too
            beside, above_below = across < along, across >= along
        ox, oy = (o.x0 + o.x1) / 2, (o.y0 + o.y1) / 2
        if beside and ox < cx and o.x1 < cx:
            left = max(left, o.x1 + PAD)
        elif beside and ox > cx and o.x0 > cx:
            right = min(right, o.x0 - PAD)
        if above_below and oy < cy and o.y1 < cy:
            bottom = max(bottom, o.y1 + PAD)
        elif above_below and oy > cy and o.y0 > cy:
            top = min(top, o.y0 - PAD)
    return left, right, bottom, top
