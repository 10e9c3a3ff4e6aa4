"""A scene's figure built once: its panels' painters, posed at any step, its layout frozen so that
every frame and still of it has the same geometry."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gdanim.compute.frame_schedule import schedule
from gdanim.declare.style import THEMES, pin_colors, run_colors
from gdanim.formats.capture import draw_order
from gdanim.rendering import grid_focus, label_room, legend_control, legend_fit, legend_spot, note_room, panel_defaults, panel_widths, room_3d
from gdanim.rendering.paint import PaintContext, Shown, ShownPin, painter_for


class SceneFigure:
    """A built figure: the matplotlib Figure, its painters and the status text."""

    def __init__(self, scene, trajectories, dpi, every_pair=False):
        theme = THEMES[scene.theme]
        total = max((t.steps for t in trajectories.values()), default=0)
        self.total, self.timing = total, scene.timing
        scale = min(1.2, max(0.55, scene.font_size / 15))      # marks sized with the text
        ctx = PaintContext(theme, total, scale)
        colors = run_colors(theme, scene.runs)
        pin_color = pin_colors(theme, scene.pins, scene.runs)
        self.key_colors = key_colors(theme, [*colors.values(), *pin_color.values()])
        w_px, h_px = frame_size(scene.figsize, dpi)
        self.fig = fig = Figure(figsize=(w_px / dpi, h_px / dpi), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(fig)
        rows, cols = scene.grid
        self.painters = []
        cmaps = loss_colormaps(scene, theme)
        cells = fig.add_gridspec(rows, cols)
        for k, view in enumerate(scene.views):
            cls = painter_for(view)
            ax = fig.add_subplot(panel_widths.cell(cells, k, len(scene.views)), projection=cls.projection)
            shown = [Shown(r, trajectories[r.label], scene.problem_for(run=r), colors[r.label])
                     for r in grid_focus.runs_for(scene, view, every_pair)]
            pins = tuple(ShownPin(p.label, p.at, pin_color[p.label], p.marker) for p in scene.pins_for(view))
            self.painters.append(cls(ax, view, scene.problem_for(view), shown, replace(ctx, pins=pins, cmap=cmaps[k])))
            panel_defaults.fill(self.painters[-1])      # a plug-in's panel: a title and axis labels
            legend_control.apply(self.painters[-1])     # the view's legend=
        panel_widths.set_widths(cells, [p.ax for p in self.painters])       # columns as wide as their panels need
        ratios = cells.get_width_ratios()
        for painter in self.painters:       # a panel's title in lines as wide as its panel
            spec = painter.ax.get_subplotspec()
            share = sum(ratios[spec.colspan.start:spec.colspan.stop]) / sum(ratios)
            fit_width(painter.ax.title, self.canvas, 0.92 * w_px * share)
        self.title = None
        if scene.figure_title:
            self.title = fig.suptitle(scene.title, x=0.01, ha="left")
            fit_width(self.title, self.canvas, 0.97 * w_px)
        self.step_text = None
        if not scene.is_still:
            self.step_text = fig.text(0.004, 0.006, "", ha="left", va="bottom", fontsize="small",
                                      color=theme.text, alpha=0.8)
        if every_pair:                  # the explorer's figure of a sweep over two fields
            grid_focus.show_chosen(self, scene)
        self.full_redraw = any(p.full_redraw for p in self.painters)
        self.lifted: list = []         # static artists a full draw layers over a moving one

    def legends_under_paths(self) -> None:
        """A legend goes just under its panel's moving lines and paths: none hides behind it, and
        it stays in the blitted frames' cached background (redrawing a legend costs 5 ms a frame).
        Moving fills below the lines (ModelFit's shading) stay under it."""
        for painter in self.painters:
            legend = painter.ax.get_legend()
            lines = [a.get_zorder() for a in painter.animated if a.get_zorder() >= 2]
            if legend is not None and lines and legend.get_zorder() >= min(lines):
                legend.set_zorder(min(lines) - 0.01)

    @property
    def size(self) -> tuple[int, int]:
        w, h = self.canvas.get_width_height()
        return w, h

    def animated(self):
        """Everything a blitted frame redraws: the painters' moving artists, the static ones lifted
        above them (``lift``) and the step counter."""
        arts = [a for p in self.painters for a in p.animated] + self.lifted
        return arts + ([self.step_text] if self.step_text is not None else [])

    def lift(self) -> None:
        """Find the static artists that a full draw puts above some moving artist of their axes
        where it can paint (ModelFit's data points over its moving shading, a start marker over a
        path): a blitted frame must draw them again, over the moving ones, or they would end up
        underneath. Legends are not lifted: ``legends_under_paths`` puts them under the moving
        artists instead."""
        from matplotlib.transforms import Bbox
        moving = {id(a) for p in self.painters for a in p.animated}
        renderer = self.canvas.get_renderer()
        self.lifted = []
        for ax in self.fig.axes:
            reach = None            # where the moving artists drawn so far can paint
            for a in draw_order(ax):
                if id(a) in moving:
                    box = (a.get_clip_box() or ax.bbox) if a.get_clip_on() else self.fig.bbox
                    reach = box if reach is None else Bbox.union([reach, box])
                elif reach is not None and a.get_visible() and paints_over(a, reach, renderer):
                    self.lifted.append(a)

    def redraw_order(self, extra=()) -> list:
        """The moving artists (and ``extra`` ones) in the order a full draw paints them, axes by
        axes, then the step counter: what a blitted frame draws over the background."""
        redraw = {id(a) for a in [*self.animated(), *extra]}
        order = [a for ax in self.fig.axes for a in draw_order(ax) if id(a) in redraw]
        return order + ([self.step_text] if self.step_text is not None else [])

    def set_animated(self, flag: bool):
        for a in self.animated():
            a.set_animated(flag)

    def pose(self, step: int, frame: int) -> None:
        for p in self.painters:
            p.update(step, frame)
        if self.step_text is not None:
            self.step_text.set_text(f"step {min(step, self.total)} / {self.total}")

    def cameras_reached(self) -> dict:
        """axes → the (elev, azim) a turning camera reaches over the animation (eight of them,
        evenly, or every 45° of a full turn), for the room its labels need (room_3d)."""
        frames = len(schedule(self.total, self.timing))
        reached = {}
        for p in self.painters:
            turn = getattr(p.view, "turn", 0) if p.full_redraw else 0
            if turn:
                span = min(360.0, abs(turn) * (frames - 1)) * np.sign(turn)
                reached[p.ax] = [(p.view.elev, p.view.azim + span * k / 7) for k in range(8)]
        return reached

    def freeze_layout(self) -> None:
        """Lay out once (with the final state drawn, so room is made for it), then fix it, and
        fix where each legend stands: ``loc="best"`` would otherwise move it with the data drawn
        at each step (in a full draw; blitted frames keep it where the first draw put it)."""
        self.pose(self.total, 0)
        legend_fit.out_of_layout(self.painters)
        room_3d.place_labels(self.fig, self.canvas.get_renderer())     # the layout measures 3-D panels by them
        self.fig.get_layout_engine().execute(self.fig)      # (twice: the second measures the labels where the first put them)
        self.fig.get_layout_engine().execute(self.fig)      # the layout alone, not a whole draw (0.15 s)
        for ax in self.fig.axes:
            ax.apply_aspect()           # the positions the layout gave, as a draw would take them up
        # None, not "none": "none" leaves a placeholder engine, and savefig then draws the whole
        # figure once more before drawing it into the file (a PDF still took 0.1 s longer)
        self.fig.set_layout_engine(None)
        renderer = self.canvas.get_renderer()
        room_3d.make_room(self.fig, renderer, self.cameras_reached())
        legend_fit.fit(self.painters, renderer)
        self.legends_under_paths()
        for painter in self.painters:
            legend = painter.ax.get_legend()
            if legend is not None and painter.projection != "3d":
                legend_spot.place(legend, painter.ax, painter.animated, renderer)
        for ax in self.fig.axes:
            legend = ax.get_legend()
            if legend is not None:
                corner = legend.get_window_extent(renderer).p0
                legend.set_bbox_to_anchor(None)
                legend.set_loc(tuple(ax.transAxes.inverted().transform(corner)))
                legend.borderaxespad = 0
        steps = sorted({0, *np.linspace(0, self.total, 5).round().astype(int).tolist()})
        note_room.make_room(self.fig, renderer, self.animated(), lambda step: self.pose(step, 0), steps,   # notes off the paths
                            [t for p in self.painters for t in p.placed])
        label_room.make_room(self.fig, renderer, self.animated())     # contour labels give way to other text


def loss_colormaps(scene, theme) -> list[str]:
    """Each panel's colour map for its loss: one loss gets one colour map in every panel of a
    figure, the first a panel of that loss declares (``cmap=``), else the theme's."""
    declared: dict[int, str] = {}
    for view in scene.views:
        if getattr(view, "cmap", None) is not None:
            declared.setdefault(id(scene.problem_for(view)), view.cmap)
    return [getattr(view, "cmap", None) or declared.get(id(scene.problem_for(view)), theme.contour_cmap)
            for view in scene.views]


def frame_size(figsize, dpi) -> tuple[int, int]:
    """A frame's pixels: the figure's inches at ``dpi``, made even, as H.264 in yuv420p needs."""
    w_in, h_in = figsize
    return (int(round(w_in * dpi)) // 2) * 2, (int(round(h_in * dpi)) // 2) * 2


def key_colors(theme, run_colors) -> list[tuple[int, int, int]]:
    """The figure's own colours as 0–255 RGB: the theme's and each run's (for the GIF's palette)."""
    from matplotlib.colors import to_rgb
    named = (theme.face, theme.text, theme.star, theme.path, theme.curve, theme.contour_line, *run_colors,
             *theme.palette)
    return [tuple(int(round(255 * c)) for c in to_rgb(color)) for color in named]


def paints_over(artist, region, renderer) -> bool:
    """Can ``artist`` paint inside ``region``, widened by 2 px for antialiased edges? An empty
    text paints nothing; an artist whose extent is unknown may paint anywhere."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text
    if isinstance(artist, Text) and not artist.get_text():
        return False
    if isinstance(artist, Axis):           # its tick marks and grid lines lie on and in its axes
        return artist.axes.bbox.overlaps(region.padded(2))
    try:
        extent = artist.get_tightbbox(renderer)
    except Exception:
        return True
    if extent is None or (extent.width == 0 and extent.height == 0):
        return True
    return extent.overlaps(region.padded(2))


def fit_width(text, canvas, width_px: float) -> None:
    """Break a long title into lines that fit the figure (the layout then makes room for them)."""
    import textwrap
    full = text.get_text()
    measured = text.get_window_extent(canvas.get_renderer()).width
    if measured <= width_px or len(full) < 2:
        return
    chars = max(10, int(len(full) * width_px / measured))
    text.set_text(textwrap.fill(full, chars))
