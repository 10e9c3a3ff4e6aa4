"""What the lectures needed declared: pins drawn by every view, the Taylor surface, gradient arrows
either way, the model's trail, plain data panels, integer domains, the current point only, SGD
by epochs, velocity traces, provenance. Pixels of rendered frames, or the numbers drawn."""
import json

import numpy as np
import pytest
from matplotlib.colors import to_rgb

import lecture_loops as L
from conftest import invoke
from gdanim import Pin, Run, Scene, data, optimizers as O, problems as P, views as V
from gdanim.core.errors import DataError, SceneError
from gdanim.rendering.chosen import output_files
from gdanim.rendering.renderer import trajectories_of
from gdanim.declare.style import THEMES
from test_render import SMALL, draw, near

LINE = P.LinearRegression(data.Arrays([0, 1, 2, 3, 4], [1, 3.2, 4.9, 7.1, 9.0], true=(1, 2)))
RED, GREEN = "#E8000B", "#009E73"


def test_a_scene_with_pins_and_no_runs_is_a_still():
    scene = Scene("guesses", problem=P.ill_conditioned, pins=[Pin("g", (1, 2))], views=[V.Contours()])
    assert scene.is_still
    assert output_files(scene, "guesses") == ["guesses.pdf", "guesses.alt.txt"]


def test_pins_are_checked_when_declared():
    with pytest.raises(SceneError, match=r"Contours: no pin labelled 'gess'; did you mean 'guess'"):
        Scene("t", problem=P.ill_conditioned, pins=[Pin("guess", (1, 2))], views=[V.Contours(pins="gess")])
    with pytest.raises(SceneError, match=r"Curve1D shows a problem with 1 parameter, but pin 'guess' has 2"):
        Scene("t", problem=P.parabola, pins=[Pin("guess", (1, 2))], views=[V.Curve1D(pins="guess")])
    with pytest.raises(SceneError, match="pin labels must be unique; 'a' is used twice"):
        Scene("t", problem=P.parabola, pins=[Pin("a", 1), Pin("a", 2)], views=[V.Curve1D()])
    with pytest.raises(SceneError, match="pin 'a': marker"):
        Pin("a", 1, marker="8")
    # by default a panel shows the pins of its own dimension
    s = Scene("t", problem=P.parabola, pins=[Pin("one", 1), Pin("two", (1, 2))],
              views=[V.Curve1D(), V.Contours(problem=P.ill_conditioned)])
    assert [p.label for p in s.pins_for(s.views[0])] == ["one"]
    assert [p.label for p in s.pins_for(s.views[1])] == ["two"]


def test_every_view_draws_a_pin_in_its_own_way():
    pin = Pin("guess", (1.5, 1.0), color=RED)
    scene = Scene("t", problem=LINE, pins=[pin], runs=[Run("GD", O.gd(0.05), start=(0, 0), steps=3)],
                  views=[V.Contours(xlim=(-1, 3), ylim=(-1, 3)), V.ModelFit(), V.LossCurve(), V.Surface3D()], layout=(1, 4),
                  **{**SMALL, "size": (9, 3), "dpi": 80})
    built, trajs, frames = draw(scene, [3])
    frame = frames[3]
    contours, fit, loss, surface = (p.ax for p in built.painters)
    assert near(frame, contours, (1.5, 1.0), RED)                        # a marker at the parameters
    for x in (0.5, 2.0, 3.5):                                            # the model at them: y = 1.5 + 1·x
        assert near(frame, fit, (x, 1.5 + x), RED)
    pin_loss = LINE.value(pin.at)
    assert any(np.allclose(line.get_ydata(), pin_loss) for line in loss.get_lines())   # its loss as a level
    assert near(frame, loss, (1.5, pin_loss), RED)
    from mpl_toolkits.mplot3d import proj3d
    x2, y2, _ = proj3d.proj_transform(1.5, 1.0, pin_loss, surface.get_proj())
    assert near(frame, surface, (x2, y2), RED, radius=4)


def test_curve1d_draws_a_pin_as_a_dashed_line_and_a_dot():
    scene = Scene("t", problem=P.parabola, pins=[Pin("best", 2.0, color=GREEN)],
                  views=[V.Curve1D(xlim=(-4, 4))], **SMALL)
    built, _, frames = draw(scene, [0])
    ax, frame = built.painters[0].ax, frames[0]
    assert near(frame, ax, (2.0, 5.0), GREEN)                            # on the curve: 2² + 1
    lo, hi = ax.get_ylim()
    assert near(frame, ax, (2.0, lo + 0.8 * (hi - lo)), GREEN)            # the vertical line high above it


def test_modelfit_draws_pins_for_every_kind_of_model():
    mean = P.MeanEstimation(data.NormalSample(n=50, seed=1))
    scene = Scene("t", problem=mean, pins=[Pin("m", 2.2, color=RED)], views=[V.ModelFit(reference=False)], **SMALL)
    built, _, frames = draw(scene, [0])
    ax = built.painters[0].ax
    assert near(frames[0], ax, (2.2, 0.5), RED) and near(frames[0], ax, (2.2, 0.9), RED)
    cancer = data.breast_cancer()
    one = P.LogisticRegression(data.Arrays(cancer.x[:, 0], cancer.y))
    scene = Scene("t", problem=one, pins=[Pin("w", -4.0, color=GREEN)], views=[V.ModelFit()], **SMALL)
    built, _, frames = draw(scene, [0])
    ax = built.painters[0].ax
    for x in (-1.0, 0.0, 0.4):                                          # the sigmoid σ(−4x)
        assert near(frames[0], ax, (x, 1 / (1 + np.exp(4 * x))), GREEN)


def test_a_logistic_guess_still_shades_its_probability():
    two = P.LogisticRegression(data.breast_cancer())
    scene = Scene("t", problem=two, pins=[Pin("w", (-2, -4), color=GREEN)], views=[V.ModelFit()], **SMALL)
    built, _, frames = draw(scene, [0])
    painter = built.painters[0]
    assert painter.shade is not None                                    # the guess's p(t = 1 | x)
    x = np.linspace(*painter.xlim, 5)
    line = [ln for ln in painter.ax.get_lines() if ln.get_label() == "w"][0]
    np.testing.assert_allclose(line.get_ydata()[[0, -1]], -(-2) * painter.xs[[0, -1]] / -4)
    assert len(x) == 5


def test_taylor_surface_is_the_lectures_quadratic():
    cancer = L.cancer_data(data.packaged("breast_cancer_radius_texture.csv"))
    problem = P.LogisticRegression(data.breast_cancer())
    scene = Scene("t", problem=problem, views=[V.Surface3D(xlim=(-10, 1), ylim=(-5, 1.3), npts=30,
                                                           taylor="grid_best", zlim=(0, 3))], **SMALL)
    built, _, _ = draw(scene, [0])
    painter = built.painters[0]
    w = painter.taylor_point
    np.testing.assert_allclose(w, [-3.93103448, -0.87241379], atol=5e-9)
    L_star, g, H = L.neg_log_likelihood(w, cancer), L.grad_NLL(w, cancer), L.hessian_NLL(w, cancer)
    n = painter.taylor_surface.shape[0]
    X, Y = np.meshgrid(np.linspace(-10, 1, n), np.linspace(-5, 1.3, n))
    for r, c in ((0, 0), (n // 2, n // 3), (n - 1, n - 1)):
        point = np.array([X[r, c], Y[r, c]])
        d = point - w
        assert painter.taylor_surface[r, c] == pytest.approx(L_star + d @ g + 0.5 * d @ H @ d, rel=1e-12)
    assert painter.ax.get_zlim() == (0, 3)


@pytest.mark.parametrize("direction,sign", [("ascent", 1.0), ("descent", -1.0)])
def test_gradient_arrows_point_either_way_on_the_chosen_grid(direction, sign):
    view = V.GradientField(xlim=(-5, 5), ylim=(-5, 5), arrow_grid=30, arrow_direction=direction, arrow_scale=2)
    scene = Scene("t", problem=P.ill_conditioned, views=[view], **SMALL)
    built, _, _ = draw(scene, [0])
    (quiver,) = [c for c in built.painters[0].ax.collections if type(c).__name__ == "Quiver"]
    assert quiver.U.size == 900
    X, Y = np.meshgrid(np.linspace(-5, 5, 30), np.linspace(-5, 5, 30))
    grad = P.ill_conditioned.grads_on(np.column_stack([X.ravel(), Y.ravel()]))
    np.testing.assert_allclose(quiver.U.ravel(), sign * 2 * grad[:, 0], rtol=1e-12)
    np.testing.assert_allclose(quiver.V.ravel(), sign * 2 * grad[:, 1], rtol=1e-12)
    with pytest.raises(SceneError, match="arrow_direction"):
        V.GradientField(arrow_direction="uphill")
    assert quiver.get_facecolor()[0][:3] == pytest.approx(to_rgb(THEMES["light"].contour_line))
    white = V.GradientField(xlim=(-5, 5), ylim=(-5, 5), arrow_color="white")
    built, _, _ = draw(Scene("t", problem=P.ill_conditioned, views=[white], **SMALL), [0])
    (quiver,) = [c for c in built.painters[0].ax.collections if type(c).__name__ == "Quiver"]
    assert tuple(quiver.get_facecolor()[0][:3]) == (1, 1, 1)
    with pytest.raises(SceneError, match="arrow_color 'whit' is not a colour"):
        V.GradientField(arrow_color="whit")


def test_surface3d_draws_the_gradient_on_its_floor():
    scene = Scene("t", problem=P.ill_conditioned, views=[V.Surface3D(arrows=True, arrow_grid=7, xlim=(-5, 5),
                                                                      ylim=(-5, 5))], **SMALL)
    built, _, _ = draw(scene, [0])
    quivers = [c for c in built.painters[0].ax.collections if type(c).__name__ == "Line3DCollection"]
    assert quivers and len(quivers[0].get_segments()) >= 49


def test_model_trail_keeps_every_kth_iterates_line():
    scene = Scene("t", problem=LINE, runs=[Run("GD", O.gd(0.05), start=(0, 0), steps=9, color=GREEN)],
                  views=[V.ModelFit(trail=3, reference=False)], **SMALL)
    built, trajs, frames = draw(scene, [0, 7])
    painter = built.painters[0]
    traj, line, trail = painter.curves[0]
    segments = trail.get_segments()
    assert len(segments) == 3                                             # iterates 0, 3, 6 at step 7
    for seg, k in zip(segments, (0, 3, 6)):
        np.testing.assert_allclose(seg[:, 1], LINE.predict(traj.params[k], seg[:, 0]))
    w3 = traj.params[3]
    faded = 0.35 * np.array([0, 158, 115]) + 0.65 * 255                  # the trail's alpha over white
    at = (2.5, w3[0] + 2.5 * w3[1])          # between data points (their dots' edges are nearly that colour)
    assert near(frames[7], painter.ax, at, "#%02x%02x%02x" % tuple(faded.astype(int)), tol=40)
    assert not near(frames[0], painter.ax, at, "#%02x%02x%02x" % tuple(faded.astype(int)), radius=1, tol=40)


def test_data_panel_plots_columns_and_classes():
    problem = P.LinearRegression(data.Correlated(n=50, seed=0))
    scene = Scene("t", problem=problem, views=[V.Data(x="x1", y="x2")], **SMALL)
    built, _, _ = draw(scene, [0])
    (points,) = built.painters[0].ax.collections
    np.testing.assert_array_equal(points.get_offsets(), problem.dataset.x)
    with pytest.raises(SceneError, match=r"Data: no column 'x3'"):
        Scene("t", problem=problem, views=[V.Data(x="x3")])
    scene = Scene("t", problem=P.LogisticRegression(data.breast_cancer()), views=[V.Data(by_target=True)], **SMALL)
    built, _, _ = draw(scene, [0])
    assert sorted(len(c.get_offsets()) for c in built.painters[0].ax.collections) == [212, 357]


def test_curve1d_on_the_integers_and_with_the_current_point_only():
    scene = Scene("t", problem=P.convex_quadratic, runs=[Run("GD", O.gd(0.1), start=6, steps=20)],
                  views=[V.Curve1D(xlim=(-2, 6), integers=True, trail=False)], **SMALL)
    built, trajs, frames = draw(scene, [12])
    ax = built.painters[0].ax
    curve = ax.get_lines()[0]
    np.testing.assert_array_equal(curve.get_xdata(), np.arange(-2, 7))
    assert curve.get_linestyle() == "None"
    (traj, zig, dots, _), = built.painters[0].marks
    assert list(dots.get_xdata()) == [traj.params[12, 0]] and not zig.get_visible()


def test_sgd_by_epochs_without_replacement_is_a_permutation_per_epoch():
    problem = P.LinearRegression(data.Linear(n=7, coef=[3], intercept=2, sigma=0.5, seed=3))
    run = Run("SGD", O.gd(0.1), start=(0, 0), steps=10, batch_size=3, seed=5, replace=False)
    (traj,) = trajectories_of(Scene("t", problem=problem, runs=[run], views=[V.LossCurve()])).values()
    X, y = problem.design, problem.dataset.y
    rng, w, path = np.random.RandomState(5), np.zeros(2), [np.zeros(2)]
    while len(path) <= 10:
        order = rng.permutation(7)
        for batch in (order[0:3], order[3:6], order[6:7]):
            if len(path) > 10:
                break
            w = w - 0.1 * 2 * X[batch].T @ (X[batch] @ w - y[batch]) / len(batch)
            path.append(w)
    np.testing.assert_allclose(traj.params, path, rtol=0, atol=1e-12)
    with pytest.raises(SceneError, match="replace must be True or False"):
        Run("SGD", O.gd(0.1), batch_size=1, replace="no")


def test_velocity_traces_draw_the_recorded_velocity():
    runs = [Run("mom", O.momentum(0.9, beta=0.3), start=(-4, -2), steps=6)]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Traces(of="velocity")], **SMALL)
    built, trajs, _ = draw(scene, [6])
    lines = [ln for ln in built.painters[0].ax.get_lines() if ln.get_label() in ("w1", "w2")]
    velocity = trajs["mom"].extras["velocity"]
    for d, line in enumerate(lines):
        np.testing.assert_allclose(line.get_ydata(), velocity[:, d])
    with pytest.raises(SceneError, match=r"Traces\(of='velocity'\): GD, lr 0.9 has no 'velocity' to trace"):
        Scene("t", problem=P.ill_conditioned, runs=[Run("gd", O.gd(0.9), start=(1, 1))],
              views=[V.Traces(of="velocity")])


def test_summed_gradient_traces_are_the_mean_times_the_samples_of_each_step():
    """Traces(of="grad", summed=True): a full-batch run's gradients times n; a minibatch run's
    times its batch, but for the last row, taken on all the data."""
    problem = P.LinearRegression(data.Linear(n=5, coef=[3], intercept=2, sigma=0.5, seed=0))
    runs = [Run("gd", O.gd(0.1), start=(0, 0), steps=6), Run("sgd", O.gd(0.1), start=(0, 0), steps=6, batch_size=2),
            Run("epochs", O.gd(0.1), start=(0, 0), steps=6, batch_size=2, replace=False)]
    pin = Pin("start", (0, 0))
    scene = Scene("t", problem=problem, runs=runs, pins=[pin], views=[V.Traces(of="grad", summed=True)], **SMALL)
    built, trajs, _ = draw(scene, [6])
    drawn = {line.get_label(): np.asarray(line.get_ydata(), float) for line in built.painters[0].ax.get_lines()}
    np.testing.assert_allclose(drawn["w1 (gd)"], 5 * trajs["gd"].grad[:, 1])
    np.testing.assert_allclose(drawn["w1 (sgd)"][:-1], 2 * trajs["sgd"].grad[:-1, 1])
    # without replacement, an epoch of 5 samples is batches of 2, 2 and 1
    np.testing.assert_allclose(drawn["w1 (epochs)"][:-1], [2, 2, 1, 2, 2, 1] * trajs["epochs"].grad[:-1, 1])
    for label in ("w1 (sgd)", "w1 (epochs)"):
        assert drawn[label][-1] == pytest.approx(5 * trajs[label[4:-1]].grad[-1, 1])      # the last: all the data
    X = np.column_stack([np.ones(5), problem.dataset.x[:, 0]])
    full_sum = X.T @ (X @ np.zeros(2) - problem.dataset.y)           # the notebook's grad at the pin
    assert drawn["w1 at start"][0] == pytest.approx(2 * full_sum[1])   # (the exact MSE gradient is twice ½'s)
    with pytest.raises(SceneError, match="only a gradient is summed"):
        V.Traces(of="params", summed=True)
    with pytest.raises(SceneError, match="has no samples to sum its gradient over"):
        Scene("t", problem=P.ill_conditioned, runs=[Run("gd", O.gd(0.1), start=(1, 1))],
              views=[V.Traces(of="grad", summed=True)])


def test_contour_line_levels_apart_from_filled_levels():
    view = V.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=30, line_levels=15, even_levels=True)
    built, _, _ = draw(Scene("t", problem=P.ill_conditioned, views=[view], **SMALL), [0])
    filled, lines = [c for c in built.painters[0].ax.collections if type(c).__name__ == "QuadContourSet"]
    assert len(filled.levels) == 30 and len(lines.levels) == 15
    np.testing.assert_allclose(np.diff(lines.levels), np.diff(lines.levels)[0], rtol=0.06)    # even, to 3 digits


def test_arrays_data_is_checked():
    with pytest.raises(DataError, match=r"x must have one row per value of y \(3\)"):
        data.Arrays([1, 2], [1, 2, 3])
    with pytest.raises(DataError, match="finite"):
        data.Arrays([1, np.nan], [1, 2])
    assert data.UniformLine(seed=42).next_randn(2) == pytest.approx((0.09707754934804039, 0.9686449905328892))


def test_provenance_in_list_json_alt_text_and_gallery(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "guess.py").write_text(
        "from gdanim import Pin, Scene, problems, views\n"
        "scene = Scene('A guess', problem=problems.parabola, pins=[Pin('g', 2)], views=[views.Curve1D()],\n"
        "              source='CS 189, Lecture 12, In[9]')\n")
    result = invoke("list", folder)
    assert result.exit_code == 0 and "A guess  [CS 189, Lecture 12, In[9]]" in result.output
    result = invoke("list", folder, "--format", "json")
    assert result.exit_code == 0
    (entry,) = json.loads(result.output)
    assert entry["title"] == "A guess" and entry["source"] == "CS 189, Lecture 12, In[9]"
    assert entry["outputs"] == ["guess.pdf", "guess.alt.txt"] and entry["still"] is True
    out = tmp_path / "out"
    assert invoke("render", folder / "guess.py", "--out", out, "--format", "pdf,alt", "--dpi", 30).exit_code == 0
    alt = (out / "guess.alt.txt").read_text()
    assert "Marked: g at (2)." in alt and alt.rstrip().endswith("Source: CS 189, Lecture 12, In[9].")
    assert invoke("gallery", folder, "--out", out).exit_code == 0
    assert '<p class="source">From CS 189, Lecture 12, In[9]</p>' in (out / "index.html").read_text()


@pytest.mark.parametrize("make, field", [(lambda: V.LossCurve(log="yes"), "LossCurve: log"),
                                         (lambda: V.Curve1D(integers=1), "Curve1D: integers")])
def test_a_yes_or_no_field_takes_only_true_or_false(make, field):
    """log="yes" had been taken as true (and log="no" would have been too)."""
    with pytest.raises(SceneError, match=f"{field} must be True or False, got"):
        make()


def test_a_panel_of_another_problem_than_its_runs_says_how_to_fix_it():
    runs = [Run("2d", O.gd(0.1), start=(1, 1), problem=P.ill_conditioned)]
    with pytest.raises(SceneError, match=r"LossCurve shows a problem with 1 parameter, but run '2d' has 2: choose the "
                                         r"runs it shows with runs=\[\.\.\.\], or give it their problem with problem="):
        Scene("t", problem=P.parabola, runs=runs, views=[V.LossCurve()])
    with pytest.raises(SceneError, match=r"but run '2d' has 2: give it the runs' problem with problem=\.\.\.$"):
        Scene("t", problem=P.parabola, runs=runs, views=[V.LossCurve(runs=["2d"])])
    Scene("t", problem=P.parabola, runs=runs, views=[V.LossCurve(runs=["2d"], problem=P.ill_conditioned)])


def test_the_alt_text_says_a_run_that_blows_up_within_its_budget_is_growing():
    """The workshop's lr 0.55 stays inside the runner's bounds for its 30 steps while its loss
    grows 4500-fold: 'final loss 7.3e+05' read as if it had ended somewhere."""
    from gdanim.formats.alt_text import run_phrase
    from gdanim.compute.runner import run
    grows = Run("big", O.gd(1.2), start=2.0, steps=12)
    t = run(P.parabola, grows)
    assert t.stop == "budget" and t.loss[-1] > 1e3 * t.loss[0]
    assert run_phrase(grows, t) == f"big (GD, lr 1.2) ran 12 steps, its loss growing from 5 to {t.loss[-1]:.4g}"
    calm = Run("calm", O.gd(0.1), start=2.0, steps=12)
    assert run_phrase(calm, run(P.parabola, calm)).startswith("calm (GD, lr 0.1) ran 12 steps, final loss ")


def test_a_pin_no_panel_can_show_is_refused_not_dropped():
    runs = [Run("gd", O.gd(0.1), start=(1, 1), steps=3)]
    with pytest.raises(SceneError, match=r"pin 'p' has 3 numbers, but no panel shows a problem with 3 parameters "
                                         r"\(they show 2\): it would be drawn nowhere"):
        Scene("t", problem=P.ill_conditioned, pins=[Pin("p", (1, 2, 3))], runs=runs, views=[V.Contours()])
    with pytest.raises(SceneError, match="pin 'q' is shown by no panel"):
        Scene("t", problem=P.ill_conditioned, pins=[Pin("p", (1, 2)), Pin("q", (0, 0))], runs=runs,
              views=[V.Contours(pins=["p"])])
    Scene("t", problem=P.ill_conditioned, pins=[Pin("p", (1, 2))], runs=runs, views=[V.Contours(), V.LossCurve()])
    line = P.LinearRegression(data.Linear(n=20, coef=[3], intercept=2, sigma=0.5, seed=0))
    with pytest.raises(SceneError, match="pin 'guess' is shown by no panel: Data panels draw no pins"):
        Scene("t", problem=line, pins=[Pin("guess", (1, 2))], views=[V.Data()])


def test_a_function_given_where_its_result_belongs_says_what_to_write():
    with pytest.raises(SceneError, match=r"optimizer must be an optimizer such as optimizers\.gd\(0\.1\), got the "
                                         r"function optimizers\.gd itself: call it, optimizers\.gd\(\.\.\.\)$"):
        Run("gd", O.gd, start=1, steps=3)

    def loss(w):
        return w ** 2
    with pytest.raises(SceneError, match=r"got the function loss: a loss of your own is problems\.Function\(f, dim=\.\.\.\)$"):
        Scene("t", problem=loss, runs=[Run("gd", O.gd(0.1), start=1, steps=3)], views=[V.LossCurve()])
    from gdanim import schedules
    with pytest.raises(SceneError, match=r"got inverse_time inverse_time\(C=1\.0\)$"):     # called, not a function
        Run("gd", schedules.inverse_time(1.0), start=1, steps=3)
    with pytest.raises(SceneError, match=r"got the function grid_best$"):     # gdanim's, but makes no problem
        Scene("t", problem=P.grid_best, runs=[Run("gd", O.gd(0.1), start=1, steps=3)], views=[V.LossCurve()])


def test_the_alt_text_speaks_of_paths_only_in_panels_that_show_runs():
    from gdanim.formats.alt_text import alt_text
    runs = [Run("gd", O.gd(0.1), start=(1, 1), steps=3)]
    views_ = [V.GradientField(), V.Surface3D(), V.Contours(runs=[])]
    scene = Scene("t", problem=P.ill_conditioned, runs=runs, views=views_)
    text = alt_text(scene, trajectories_of(scene))
    assert text.count("each run's path") == 1 and text.count("with the path on it") == 1, text
    bare = Scene("t", problem=P.ill_conditioned, views=views_)
    assert "path" not in alt_text(bare, trajectories_of(bare))


def test_traces_of_a_loss_without_data_are_parameters_not_coefficients():
    runs = [Run("gd", O.gd(0.1), start=(1, 1), steps=3)]
    built, _, _ = draw(Scene("t", problem=P.ill_conditioned, runs=runs, views=[V.Traces()], **SMALL), [3])
    ax = built.painters[0].ax
    assert (ax.get_title(), ax.get_ylabel()) == ("Parameters", "parameter value")
    problem = P.LinearRegression(data.Linear(n=20, coef=[3], intercept=2, sigma=0.5, seed=0))
    runs = [Run("gd", O.gd(0.1), start=(0, 0), steps=3)]
    built, _, _ = draw(Scene("t", problem=problem, runs=runs, views=[V.Traces()], **SMALL), [3])
    ax = built.painters[0].ax
    assert (ax.get_title(), ax.get_ylabel()) == ("Coefficients", "coefficient value")


def test_the_minimums_star_is_named_among_pins_and_hollow_beside_a_red_star_pin():
    """loss_surface_3d marks the true parameters with a red star, as the notebook does; the known
    minimum's star was a second red star, unnamed."""
    from matplotlib.colors import to_rgb
    runs = [Run("gd", O.gd(0.1), start=(-4, -2), steps=3)]
    for pin, hollow in ((Pin("truth", (1, 1), color="red", marker="*"), True), (Pin("guess", (1, 1)), False)):
        scene = Scene("t", problem=P.ill_conditioned, pins=[pin], runs=runs, views=[V.Contours()], **SMALL)
        built, _, _ = draw(scene, [3])
        ax = built.painters[0].ax
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [pin.label, "minimum"]
        (star,) = [ln for ln in ax.get_lines() if ln.get_label() == "minimum"]
        face = THEMES["light"].face if hollow else THEMES["light"].star
        assert to_rgb(star.get_markerfacecolor()) == pytest.approx(to_rgb(face))


def test_names_read_from_a_csv_are_drawn_as_written_and_scaled_only_when_standardized(tmp_path):
    """'cost $ (US $)' from a CSV header was read as math: both $ gone and '(US ' in italics;
    a decision boundary panel said '(scaled)' of features that were not."""
    from gdanim.declare.data import Table
    rows = "\n".join(f"{x},{y},{int(x + y > 5)}" for x, y in zip(range(10), (3, 1, 4, 1, 5, 9, 2, 6, 5, 3)))
    (tmp_path / "d.csv").write_text("cost $ (US $),size,bought\n" + rows + "\n")
    line = P.LinearRegression(Table(str(tmp_path / "d.csv"), features=("cost $ (US $)",), target="size"))
    runs = [Run("gd", O.gd(0.01), start=(0, 0), steps=3)]
    built, _, _ = draw(Scene("t", problem=line, runs=runs, views=[V.ModelFit(), V.Data()], **SMALL), [3])
    for painter in built.painters:
        label = painter.ax.xaxis.label
        assert label.get_text() == "cost $ (US $)" and not label.get_parse_math()
    for standardize, suffix in ((False, ""), (True, " (scaled)")):
        logistic = P.LogisticRegression(Table(str(tmp_path / "d.csv"), features=("cost $ (US $)", "size"),
                                              target="bought", standardize=standardize))
        runs = [Run("gd", O.gd(0.1), start=(0, 0), steps=3)]
        built, _, _ = draw(Scene("t", problem=logistic, runs=runs, views=[V.ModelFit()], **SMALL), [3])
        ax = built.painters[0].ax
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("cost $ (US $)" + suffix, "size" + suffix)


def test_a_run_blowing_up_within_its_budget_is_said_to_grow_and_leaves_the_sweep_summary():
    """lr 0.05 on the data of a sweep reached a loss of 3e18 in 30 steps without the runner calling
    it diverged: the summary plotted it as a dot at 1e18, flattening the others, and the explorer's
    readout said nothing."""
    from gdanim.rendering.paint.sweep import summary_loss
    from gdanim.compute.runner import run
    t = run(P.parabola, Run("big", O.gd(1.2), start=2.0, steps=12))
    assert t.stop == "budget" and t.grows_from() is not None
    first = t.grows_from()
    assert t.loss[first] > 1e3 * t.loss[0] >= t.loss[first - 1]
    assert [t.ending(k) for k in (first - 1, first, 12)] == ["", "growing", "growing"]
    assert np.isnan(summary_loss(t, "final")) and summary_loss(t, "lowest") == t.loss.min()
    calm = run(P.parabola, Run("calm", O.gd(0.1), start=2.0, steps=12))
    assert calm.grows_from() is None and summary_loss(calm, "final") == calm.loss[-1]


def test_second_review_mends():
    """A pin level below zero on a log loss axis (it crashed: StopIteration), a loss that falls to
    a negative minimum (it was 'growing'), a title of two lines with prices in it (it was refused
    as a broken escape), pins= on a panel that draws none (it was ignored), an uncalled class."""
    from gdanim import schedules
    from gdanim.compute.runner import run
    f = P.Function(lambda w: w ** 2 - 1)
    with pytest.warns(UserWarning, match="a pin's level is below zero, which a log axis cannot show"):
        built, _, _ = draw(Scene("t", problem=f, pins=[Pin("min", 0.0)], views=[V.LossCurve(log=True)],
                                 runs=[Run("a", O.gd(0.01), start=3.0, steps=2)], **SMALL), [2])
    assert built.painters[0].ax.get_yscale() == "linear"
    t = run(P.Function(lambda w: w ** 4 - w ** 2), Run("a", O.gd(0.1), start=1.0, steps=40))
    assert t.loss[0] == 0 and t.loss[-1] < 0 and t.grows_from() is None
    Scene("price $5\nand $6", problem=P.parabola, views=[V.Curve1D()])
    line = P.LinearRegression(data.Linear(n=20, coef=[3], intercept=2, sigma=0.5, seed=0))
    with pytest.raises(SceneError, match=r"Data panels draw no pins: drop its pins="):
        Scene("t", problem=line, pins=[Pin("a", (1, 2))], views=[V.Data(pins=["a"]), V.Contours()])
    with pytest.raises(SceneError, match=r"got the class inverse_time$"):
        Run("a", schedules.inverse_time, start=1, steps=3)


def test_a_data_set_by_its_old_lowercase_name_is_told_its_class_name(tmp_path):
    from conftest import invoke
    (tmp_path / "old.py").write_text(
        "from gdanim import Run, Scene, data, optimizers, problems, views\n"
        "scene = Scene(title='t', problem=problems.LinearRegression(data.noisy_line(n=30)), views=[views.LossCurve()],\n"
        "              runs=[Run('GD', optimizers.gd(0.1), start=(0, 0), steps=2)])\n")
    r = invoke("trajectory", tmp_path / "old.py")
    assert r.exit_code == 5, r.output
    assert r.output.strip() == (f"gdanim: error: {tmp_path / 'old.py'}:2: AttributeError: data.noisy_line is now "
                                "data.NoisyLine: data sets are classes, named in CamelCase")
