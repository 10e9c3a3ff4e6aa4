"""legend= on any panel: none, beside the panel, in n columns, or each curve labelled at its end
(moving with it, no two labels on each other); a wrong value is a one-line error."""
import matplotlib
import numpy as np
import pytest

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.core.errors import SceneError

RUNS = [Run(f"lr {lr:g}", optimizers.gd(lr), start=(-4, -2), steps=30) for lr in (0.1, 0.3, 0.6, 0.9)]


def built(*vs):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    scene = Scene(title="t", problem=problems.ill_conditioned, runs=RUNS, views=list(vs), size=(12.8, 7.2), dpi=50)
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        fig = SceneFigure(scene, trajectories_of(scene), 50)
        fig.freeze_layout()
    return fig


def test_none_outside_and_columns():
    fig = built(views.LossCurve(legend=False), views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5, legend="outside"),
                views.LossCurve(legend=3), views.LossCurve())
    none, outside, three, default = (p.ax for p in fig.painters)
    assert none.get_legend() is None and default.get_legend() is not None
    renderer = fig.canvas.get_renderer()
    box = outside.get_legend().get_window_extent(renderer)
    assert box.x0 >= outside.get_window_extent(renderer).x1          # beside the panel, not on it
    assert box.x1 <= fig.fig.bbox.x1                                   # and inside the figure
    assert [t.get_text() for t in outside.get_legend().texts] == [r.label for r in RUNS]
    assert three.get_legend()._ncols == 3 and default.get_legend()._ncols == 1


def test_end_labels_sit_at_each_curves_end_and_apart():
    fig = built(views.LossCurve(log=True, legend="end"))
    painter = fig.painters[0]
    assert painter.ax.get_legend() is None
    renderer = fig.canvas.get_renderer()
    for step in (3, 30):
        fig.pose(step, 0)
        fig.canvas.draw()
        labels = [a for a in painter.animated if isinstance(a, matplotlib.text.Annotation)]
        assert sorted(t.get_text() for t in labels) == sorted(r.label for r in RUNS)
        boxes = [t.get_window_extent(renderer) for t in labels]
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                assert not boxes[i].overlaps(boxes[j]), (step, labels[i].get_text(), labels[j].get_text())
        for t in labels:
            line = next(ln for ln in painter.ax.get_lines() if ln.get_label() == t.get_text())
            x, y = line.get_data()
            assert t.xy[0] == pytest.approx(x[-1]) and x[-1] == step
            assert t.get_color() == line.get_color()
        lowest = min(labels, key=lambda t: t.xy[1])             # the lowest label is at its own curve's end
        line = next(ln for ln in painter.ax.get_lines() if ln.get_label() == lowest.get_text())
        assert lowest.xy[1] == pytest.approx(line.get_ydata()[-1])


@pytest.mark.parametrize("value", [True, "inside", 0, 9, 2.5])
def test_a_legend_it_cannot_draw_is_refused(value):
    with pytest.raises(SceneError, match=r'LossCurve: legend must be False, "outside", "end" or a number of columns'):
        views.LossCurve(legend=value)
