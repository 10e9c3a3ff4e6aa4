"""The legend features together: legend= (legend_control), a legend cut to what fits its panel
(legend_fit) and a LossCurve's names at the ends of its curves each left working by the others."""
import matplotlib
import pytest

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.core import compat
from gdanim.rendering.lint import lint_scene
from gdanim.rendering.renderer import laid_out, trajectories_of
from gdanim.declare.style import THEMES, rc


def built(scene, dpi=50):
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        figure, _, _ = laid_out(scene, trajectories_of(scene), dpi)
    return figure


def rates(count, view, steps=5):
    return Scene(title="rates", problem=problems.parabola, size=(6.4, 3.6), dpi=50, views=[view],
                 runs=[Run(f"lr {0.01 * (i + 1):.2f}", optimizers.gd(0.01 * (i + 1)), start=2, steps=steps)
                       for i in range(count)])


def test_a_legend_beside_its_panel_keeps_its_room_in_the_figure():
    """legend="outside" is in the layout: the panel makes room for it (left out of the layout, it
    stood past the figure's right edge, unseen)."""
    scene = rates(4, views.LossCurve(legend="outside"))
    figure = built(scene)
    renderer = figure.canvas.get_renderer()
    legend = figure.painters[0].ax.get_legend()
    box, fig_box = legend.get_window_extent(renderer), figure.fig.bbox
    assert box.x0 >= figure.painters[0].ax.bbox.x1 and box.x1 <= fig_box.x1 + 1, (box, fig_box)
    assert not [f for f in lint_scene(scene, dpi=50) if "legend" in str(f)]


def test_a_legend_cut_to_fit_keeps_the_columns_the_view_asked_for():
    scene = rates(60, views.LossCurve(legend=1))
    legend = built(scene).painters[0].ax.get_legend()
    texts = [t.get_text() for t in legend.texts]
    assert texts[-1].startswith("… and ") and compat.legend_ncols(legend) == 1, (texts[-3:], compat.legend_ncols(legend))


def test_a_basins_legend_too_tall_for_its_panel_is_cut_not_an_error():
    starts = [(x, y) for x in (-4, -2, 0, 2, 4) for y in (-4, -2, 0, 2, 4, 1, 3, -3)]
    scene = Scene(title="starts", problem=problems.Himmelblau(), size=(6.4, 3.6), dpi=50,
                  runs=[Run(f"start {s}", optimizers.gd(0.01), start=s, steps=5) for s in starts],
                  views=[views.Basins(grid=6)])
    with pytest.warns(UserWarning, match="do not fit the panel"):
        legend = built(scene).painters[0].ax.get_legend()
    assert legend.texts[-1].get_text().startswith("… and ")


def test_end_labels_name_each_run_once():
    """legend="end" on a LossCurve that names its runs at their ends already adds no second set."""
    scene = rates(10, views.LossCurve(legend="end"))
    figure = built(scene)
    names = [t.get_text().strip() for t in figure.painters[0].ax.texts if t.get_visible() and t.get_text().strip()]
    named = [n for n in names if n.startswith("lr ")]
    assert sorted(named) == sorted({n for n in named}) and len(named) == 10, named


def test_a_plug_ins_legend_put_beside_its_panel_is_beside_for_the_layout_and_the_lint_alike():
    """Whether a legend stands beside its panel is read one way (legend_control.beside, from what
    the painter made it with): a plug-in painter's own legend anchored beside the panel keeps its
    room in the layout and is no "sticks out" finding (the lint read the view's legend= instead)."""
    from dataclasses import dataclass
    from gdanim.rendering.paint import Painter, paints

    @dataclass(frozen=True, kw_only=True)
    class Beside(views.View):
        def describe(self, problem):
            return "each run's loss against the iteration"

    @paints(Beside)
    class BesidePainter(Painter):
        def moving(self):
            self.lines = [self.animate(self.ax.plot([], [], label=s.label)[0]) for s in self.shown]

        def keys(self):
            self.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)

        def update(self, step, frame):
            for s, line in zip(self.shown, self.lines):
                line.set_data(range(step + 1), s.traj.loss[: step + 1])

    scene = rates(3, Beside())
    figure = built(scene)
    ax, legend = figure.painters[0].ax, figure.painters[0].ax.get_legend()
    box = legend.get_window_extent(figure.canvas.get_renderer())
    assert box.x0 >= ax.bbox.x1 and box.x1 <= figure.fig.bbox.x1 + 1, (box, ax.bbox)
    assert not [f for f in lint_scene(scene, dpi=50) if "legend" in str(f)]
