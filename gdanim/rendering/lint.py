"""A visual lint of a scene's figure, read off matplotlib's own artists (their window extents, not
pixels): text on text, text that leaves the figure or covers another panel, start/end/pin marks cut
by their axes' edge, and one loss drawn in two colour maps. It looks at the final still, the first
and the last frame and every declared still, laid out as the renderer lays them out.

A finding is one line: which panel, in which state, what overlaps what (``gdanim render --lint``).
"""
from __future__ import annotations

from typing import NamedTuple

import matplotlib
import numpy as np

from gdanim.core import compat
from gdanim.rendering import legend_control
from gdanim.rendering.drawn import contour_labels, covers_surface, drawn_lines, drawn_ticks

TOUCH = 1.0         # points two boxes may share (antialiased edges, a glyph's side bearing) before they overlap


class Finding(NamedTuple):
    """One defect: the panel it is in ("panel 2 (Contours 'batch 1')"), the state drawn ("last
    frame") and what is wrong ("the x label 'w1' overlaps the legend")."""

    panel: str
    state: str
    what: str

    def __str__(self) -> str:
        return f"{self.panel}, {self.state}: {self.what}"


class Box(NamedTuple):
    """A text's (or legend's) window extent, the axes it belongs to (None: the figure), its name
    and, for a text turned by other than a right angle (a 3-D axis label), its turned rectangle (a
    Path): its extent is far larger than the letters."""

    bbox: object
    axes: object
    name: str
    shape: object = None


def text_box(t, renderer, axes, name) -> Box:
    """The Box of a text, with its turned rectangle if it is turned."""
    from matplotlib.path import Path
    from matplotlib.text import Text
    box = Text.get_window_extent(t, renderer)
    angle = t.get_rotation() % 90
    if min(angle, 90 - angle) < 1:
        return Box(box, axes, name)
    turned = t.get_rotation()
    t.set_rotation(0)
    flat = Text.get_window_extent(t, renderer)
    t.set_rotation(turned)
    a = np.radians(turned)
    u, v = np.array([np.cos(a), np.sin(a)]) * flat.width / 2, np.array([-np.sin(a), np.cos(a)]) * flat.height / 2
    c = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    return Box(box, axes, name, Path(np.array([c - u - v, c + u - v, c + u + v, c - u + v, c - u - v]), closed=True))


def boxes_overlap(a: Box, b: Box, tol: float) -> bool:
    """Do two Boxes overlap by more than ``tol`` px (turned ones by their rectangles)?"""
    if not overlap(a.bbox, b.bbox, tol):
        return False
    if a.shape is None and b.shape is None:
        return True
    if a.shape is not None and b.shape is not None:
        return a.shape.intersects_path(b.shape, filled=True)
    shape, other = (a.shape, b.bbox) if a.shape is not None else (b.shape, a.bbox)
    return shape.intersects_bbox(other.padded(-tol), filled=True)


def lint_scene(scene, dpi=None, trajectories=None) -> list[Finding]:
    """Every finding on ``scene``'s figure at ``dpi`` (default: the scene's; the layout is in
    inches and points, so a smaller dpi finds the same), in each state a render shows."""
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.renderer import laid_out, trajectories_of
    trajectories = trajectories if trajectories is not None else trajectories_of(scene)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        figure, stills, frames = laid_out(scene, trajectories, dpi or scene.dpi)
        states = {"still": figure.total}
        if not scene.is_still:
            states.update({"first frame": frames[0].step, "last frame": frames[-1].step})
        states.update({f"still {label!r}": step for label, step in stills.items() if label})
        findings: list[Finding] = []
        for state, step in states.items():
            index = max([f.index for f in frames if f.step <= step] or [0])
            figure.set_animated(False)
            figure.pose(step, index)
            figure.canvas.draw()
            for found in lint_figure(figure):
                finding = Finding(found.panel, state, found.what)
                if not any(f.panel == finding.panel and f.what == finding.what for f in findings):
                    findings.append(finding)
        return findings


def lint_figure(figure) -> list[Finding]:
    """The findings on a built and drawn SceneFigure (state left blank)."""
    fig = figure.fig
    renderer = figure.canvas.get_renderer()
    tol = TOUCH * fig.dpi / 72
    names = panel_names(figure)
    boxes = text_boxes(fig, renderer)
    out = []
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if boxes_overlap(a, b, tol):
                where = names.get(a.axes, "the figure")
                also = "" if b.axes is a.axes else f" of {names.get(b.axes, 'the figure')}"
                out.append(Finding(where, "", f"{a.name} overlaps {b.name}{also}"))
        if not inside(a.bbox, fig.bbox, tol):
            out.append(Finding(names.get(a.axes, "the figure"), "", f"{a.name} leaves the figure"))
        for ax in fig.axes:
            if ax is not a.axes and ax.name != "3d" and not related(ax, a.axes) and overlap(a.bbox, ax.bbox, tol):
                out.append(Finding(names.get(a.axes, "the figure"), "", f"{a.name} covers {names[ax]}"))
    for painter in figure.painters:
        legend = painter.ax.get_legend()
        beside = legend_control.beside(painter)         # put beside its panel, as asked
        if legend is not None and legend.get_visible() and painter.ax.name != "3d" and not beside \
                and not inside(legend.get_window_extent(renderer), painter.ax.bbox, tol):
            out.append(Finding(names[painter.ax], "", "the legend sticks out of its panel"))
        out += [Finding(names[painter.ax], "", what) for what in cut_marks(painter, renderer, tol)]
        out += [Finding(names[painter.ax], "", what) for what in texts_on_lines(painter.ax, renderer, tol)]
        out += [Finding(names[painter.ax], "", what) for what in piled_on_stars(painter.ax, renderer)]
        if legend is not None and legend.get_visible() and painter.ax.name == "3d" \
                and covers_surface(legend.get_window_extent(renderer), painter.ax, tol):
            out.append(Finding(names[painter.ax], "", "the legend covers the surface"))
    out += colour_maps(figure, names)
    return out


def panel_names(figure) -> dict:
    """axes → "panel K (View 'title')", a colour bar's → "the colour bar of panel K (...)"."""
    names = {}
    for k, p in enumerate(figure.painters, 1):
        title = p.ax.get_title()
        names[p.ax] = f"panel {k} ({type(p.view).__name__}" + (f" {title!r})" if title else ")")
    for ax in figure.fig.axes:
        if ax not in names:
            owner = parent_of(ax)
            names[ax] = f"the colour bar of {names[owner]}" if owner in names else "an axes of its own"
    return names


def parent_of(ax):
    """The axes a colour bar's axes belongs to (None for another axes)."""
    return compat.colorbar_owner(ax)


def related(ax, other) -> bool:
    """Is one of the two axes the other's colour bar?"""
    return other is not None and (parent_of(ax) is other or parent_of(other) is ax)


def text_boxes(fig, renderer) -> list[Box]:
    """Every visible, non-empty text of the figure as a Box: titles, axis and tick labels,
    contour labels and notes of each axes, each legend as one box, and the figure's own texts."""
    from matplotlib.text import Text
    boxes = []
    for ax in fig.axes:
        titles = compat.title_texts(ax)
        texts = [(t, f"the title {t.get_text()!r}") for t in titles if t is not None]
        for name, axis in axes_of(ax):
            texts.append((axis.label, f"the {name} label {axis.label.get_text()!r}"))
            for tick in drawn_ticks(axis, minor=True):
                texts += [(t, f"the {name} tick label {t.get_text()!r}") for t in (tick.label1, tick.label2)]
        for t in ax.texts:
            texts.append((t, f"the text {t.get_text()!r}"))
        for t, name in texts:
            if shown(t):
                boxes.append(text_box(t, renderer, ax, name))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            boxes.append(Box(legend.get_window_extent(renderer), ax, "the legend"))
    for t in fig.texts:
        if shown(t):
            boxes.append(Box(Text.get_window_extent(t, renderer), None, f"the figure's text {t.get_text()!r}"))
    for legend in fig.legends:
        boxes.append(Box(legend.get_window_extent(renderer), None, "the figure's legend"))
    return boxes


def axes_of(ax) -> list:
    """(name, Axis) of each of ``ax``'s axes that is drawn: x, y (and z in 3-D)."""
    pairs = [("x", ax.xaxis), ("y", ax.yaxis)] + ([("z", ax.zaxis)] if ax.name == "3d" else [])
    drawn = ax.axison or ax.name == "3d"        # (a 3-D axes says axison False and draws its axes)
    return [(n, a) for n, a in pairs if a.get_visible() and drawn]


def shown(t) -> bool:
    """Is the text drawn: visible, not empty, and on a visible parent?"""
    return bool(t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible()))


def overlap(a, b, tol: float) -> bool:
    """Do two boxes share more than ``tol`` pixels each way?"""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w > tol and h > tol


def inside(a, outer, tol: float) -> bool:
    return a.x0 >= outer.x0 - tol and a.y0 >= outer.y0 - tol and a.x1 <= outer.x1 + tol and a.y1 <= outer.y1 + tol


def cut_marks(painter, renderer, tol: float) -> list[str]:
    """The single marks (a run's start and head, a pin, the minimum's star) of a 2-D panel that the
    axes' edge cuts: each must lie whole inside its axes, or it reads as something else. A mark
    wholly outside (a run gone on past the window while still descending, on a saddle) is not drawn,
    and its path is seen leaving by the edge."""
    ax = painter.ax
    if ax.name == "3d":
        return []
    starts = {id(a) for a in painter.statics}
    out = []
    for line in ax.lines:
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if not (line.get_visible() and line.get_clip_on() and line.get_marker() not in (None, "", "None", " ")
                and x.size == 1 and np.isfinite(x).all() and np.isfinite(y).all()):
            continue
        box = line.get_window_extent(renderer)
        if box.overlaps(ax.bbox) and not inside(box, ax.bbox, tol):     # (one wholly outside is not drawn: no cut)
            label = line.get_label()
            role = ("the start of a run" if id(line) in starts else
                    f"the mark {label!r}" if label and not label.startswith("_") else "a run's current point")
            out.append(f"{role} at ({x[0]:.3g}, {y[0]:.3g}) is cut by the axes' edge")
    return out


def texts_on_lines(ax, renderer, tol: float) -> list[str]:
    """The texts of a 2-D panel (notes, status lines, end labels; not contour labels, which sit on
    their line by design) that lie on one of its drawn lines: a note on a path hides the path
    and reads badly. A line is sampled every few pixels inside the panel (legend_spot.along)."""
    from matplotlib.text import Text
    from gdanim.rendering.legend_spot import along
    if ax.name == "3d":
        return []
    skip = {id(t) for t in contour_labels(ax)}
    lines = [(line, along(line.get_transform().transform(np.asarray(line.get_xydata(), float)), ax.bbox))
             for line in drawn_lines(ax)]
    out = []
    for t in ax.texts:
        if id(t) in skip or not shown(t):
            continue
        box = Text.get_window_extent(t, renderer).padded(-tol)
        for line, pts in lines:
            if len(pts) and np.any((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1)):
                label = line.get_label()
                name = f"the line {label!r}" if label and not label.startswith("_") else "a line"
                out.append(f"the text {t.get_text()!r} lies on {name}")
                break
    return out


PILED = 1.0        # a star's box inked over this many times by paths: they pile into a bar on it


def piled_on_stars(ax, renderer) -> list[str]:
    """The minimum's stars of a 2-D panel that paths pile up over: the ink of the lines through
    the star's box (their length inside it × width × opacity) over its area. An oscillation that
    never settles (±2 on a steep axis, 50 times over) draws a dark bar where the star is; a run
    that converges to it draws a few short strokes."""
    if ax.name == "3d":
        return []
    stars = [m for m in ax.lines if m.get_visible() and m.get_marker() == "*" and len(m.get_xydata()) == 1]
    lines = [line for line in drawn_lines(ax) if line not in stars]
    out = []
    for star in stars:
        box = star.get_window_extent(renderer)
        ink = 0.0
        for line in lines:
            length = length_inside(line.get_transform().transform(np.asarray(line.get_xydata(), float)), box)
            width = line.get_linewidth() * ax.figure.dpi / 72
            ink += length * width * (line.get_alpha() if line.get_alpha() is not None else 1.0)
        times = ink / max(box.width * box.height, 1.0)
        if times > PILED:
            x, y = star.get_xydata()[0]
            out.append(f"the paths pile up over the star at ({x:.3g}, {y:.3g}): {times:.1f} times its area in ink")
    return out


def length_inside(xy: np.ndarray, box, samples: int = 64) -> float:
    """The length (px) of the polyline ``xy`` (pixels) inside ``box``, each segment sampled.

    >>> from matplotlib.transforms import Bbox
    >>> round(length_inside(np.array([[-10.0, 5], [20, 5]]), Bbox([[0, 0], [10, 10]])))
    10
    """
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) < 2:
        return 0.0
    a, d = xy[:-1], np.diff(xy, axis=0)
    t = (np.arange(samples) + 0.5) / samples
    p = a[:, None, :] + t[None, :, None] * d[:, None, :]
    inside = (p[..., 0] >= box.x0) & (p[..., 0] <= box.x1) & (p[..., 1] >= box.y0) & (p[..., 1] <= box.y1)
    return float(np.sum(inside.mean(axis=1) * np.hypot(d[:, 0], d[:, 1])))


def colour_maps(figure, names) -> list[Finding]:
    """A loss shown in two colour maps in one figure (contours purple-low beside a surface
    yellow-low): one loss, one colour map. A model drawn beside it (gid "model") is another thing."""
    from matplotlib.cm import ScalarMappable
    seen: dict[int, dict[str, object]] = {}
    for p in figure.painters:
        for art in [*p.ax.collections, *p.ax.images]:
            if isinstance(art, ScalarMappable) and art.get_array() is not None and art.get_gid() != "model" \
                    and getattr(art, "filled", True):            # contour lines in one colour: no map
                cmap = art.get_cmap().name
                if not is_iteration_colouring(art, p):
                    seen.setdefault(id(p.problem), {}).setdefault(cmap, p.ax)
    out = []
    for maps in seen.values():
        if len(maps) > 1:
            where = ", ".join(f"{cmap} in {names[ax]}" for cmap, ax in maps.items())
            out.append(Finding(names[next(iter(maps.values()))], "", f"one loss drawn in {len(maps)} colour maps: {where}"))
    return out


def is_iteration_colouring(art, painter) -> bool:
    """A path's dots coloured by iteration, not by loss."""
    return art.get_cmap().name == painter.theme.iteration_cmap and type(art).__name__ == "PathCollection"
