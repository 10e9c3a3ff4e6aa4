"""The basins panel: each grid start's colour is the minimum a hand-written gradient descent on
Himmelblau's function reaches from it, its four minima named in the legend; the grid's runs
computed together end where the runs one at a time end; Rastrigin's lowest basin is outlined."""
import matplotlib
import numpy as np
import pytest

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.compute.runner import run
from gdanim.compute.starts import final_points
from gdanim.core.errors import SceneError

HIMMELBLAU = problems.Himmelblau()
GD = Run("gd", optimizers.gd(0.01), start=(4, 4), steps=200)


def himmelblau_grad(x, y):
    """∇[(x² + y − 11)² + (x + y² − 7)²], written out."""
    a, b = x * x + y - 11, x + y * y - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def gd_by_hand(start, lr=0.01, steps=200):
    w = np.array(start, dtype=float)
    for _ in range(steps):
        w = w - lr * himmelblau_grad(*w)
    return w


def built(scene):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        figure = SceneFigure(scene, trajectories_of(scene), 40)
        figure.freeze_layout()
    return figure


def test_each_start_is_coloured_by_the_minimum_gd_reaches_from_it():
    fig = built(Scene(title="b", problem=HIMMELBLAU, runs=[GD], size=(6.4, 4.8),
                      views=[views.Basins(xlim=(-5, 5), ylim=(-5, 5), grid=12, levels=6)]))
    painter = fig.painters[0]
    minima = np.array(HIMMELBLAU.minima)
    xs, ys = np.linspace(-5, 5, 12), np.linspace(-5, 5, 12)
    found = set()
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            end = gd_by_hand((x, y))
            nearest = int(np.argmin(np.abs(minima - end).max(axis=1)))
            label = painter.basins[r, c]
            if np.abs(minima[nearest] - end).max() < 1e-3:        # converged to one of the four
                assert np.abs(painter.centres[label] - minima[nearest]).max() < 0.2, (x, y)
                found.add(nearest)
    assert found == {0, 1, 2, 3}
    names = [t.get_text() for t in painter.ax.get_legend().texts]
    for m in minima:
        assert f"→ ({m[0]:.2f}, {m[1]:.2f})".replace("-", "−") in names
    assert painter.ax.get_title() == "Basins of GD, lr 0.01, 200 steps"


def test_the_grid_runs_together_end_where_the_runs_one_at_a_time_end():
    starts = np.array([[x, y] for x in np.linspace(-4, 4, 5) for y in np.linspace(-4, 4, 5)])
    ends, ok = final_points(HIMMELBLAU, GD, starts)
    for s, e, good in zip(starts, ends, ok):
        t = run(HIMMELBLAU, Run("one", GD.optimizer, start=tuple(s), steps=GD.steps))
        np.testing.assert_allclose(e, t.params[-1], rtol=1e-9, atol=1e-12)
        assert good == (t.stop != "diverged")


def test_rastrigins_lowest_basin_is_outlined_round_the_origin():
    fig = built(Scene(title="r", problem=problems.Rastrigin(), size=(6.4, 4.8),
                      runs=[Run("gd", optimizers.gd(0.002), start=(0.3, 1.3), steps=150)],
                      views=[views.Basins(xlim=(-2, 2), ylim=(-2, 2), grid=41, color_by="loss", levels=4)]))
    ax = fig.painters[0].ax
    outline = [c for c in ax.collections if isinstance(c, matplotlib.contour.ContourSet)
               and list(c.levels) == [0.5]]
    assert len(outline) == 1
    verts = np.concatenate([p.vertices for p in outline[0].get_paths()])
    assert np.abs(verts).max() < 0.6 and np.abs(verts).max() > 0.4     # the unit square round 0: |x|, |y| < ½
    assert "basin of the lowest (0)" in [t.get_text() for t in ax.get_legend().texts]


def test_basins_of_a_run_that_is_not_shown_is_a_clear_error():
    with pytest.raises(SceneError, match=r"Basins\(of='nope'\): no run of that label among those it shows \(gd\)"):
        built(Scene(title="b", problem=HIMMELBLAU, runs=[GD], views=[views.Basins(of="nope", grid=5)]))


def test_basins_together_are_the_runs_one_by_one_each_with_its_own_divergence_limit():
    """A start diverges where its run alone would: the runner's limit is 1e8 times that start's own
    scale, so a far start in the grid must not lend the near ones its larger limit. GD with α = 1.5
    on ‖w‖² doubles w each step: from (1, 0) it passes its own limit within 36 steps, not the far start's."""
    bowl = problems.QuadraticForm(((1.0, 0.0), (0.0, 1.0)))
    doubling = Run("gd", optimizers.gd(1.5), start=(1, 0), steps=36)
    starts = np.array([[1e3, 0.0], *[[1.0 + k, 0.5 * k] for k in range(9)]])
    ends, ok = final_points(bowl, doubling, starts)
    alone = [run(bowl, Run("one", doubling.optimizer, start=tuple(s), steps=doubling.steps)) for s in starts]
    assert [t.stop for t in alone[:2]] == ["diverged", "diverged"]
    assert ok.tolist() == [t.stop != "diverged" for t in alone]
    np.testing.assert_array_equal(ends, [t.params[-1] for t in alone])
