"""Every catalogue scene against the lecture's own loop, step for step, to 1e-9."""
import numpy as np
import pytest

import lecture_loops as L
from gdanim import data
from gdanim.declare.problems import grid_best, LogisticRegression, SineRegression

TOL = dict(rtol=0, atol=1e-9)


def test_parabola_overshoot_prints_the_lectures_iterates(trajectories):
    t = trajectories("parabola_overshoot")["GD, lr 1.08"]
    lecture = L.gradient_descent(2, lambda x: 2 * x, learning_rate=1.08, nepochs=10)
    np.testing.assert_allclose(t.params[:, 0], lecture, **TOL)
    np.testing.assert_allclose(t.params[:3, 0], [2, -2.32, 2.6912], **TOL)
    assert t.steps == 10 and np.all(np.abs(np.diff(np.abs(t.params[:, 0]))) > 0)


@pytest.mark.parametrize("label,start,lr", [
    ("lr 1 from (−4, 0)", (-4.0, 0.0), 1),
    ("lr 1 from (−4, −2)", (-4.0, -2.0), 1),
    ("lr 0.9 from (−4, −2)", (-4.0, -2.0), 0.9),
])
def test_ill_conditioned(trajectories, label, start, lr):
    t = trajectories("ill_conditioned")[label]
    lecture = L.gradient_descent(np.array(start), L.grad_quad, learning_rate=lr, nepochs=50)
    np.testing.assert_allclose(t.params, lecture, **TOL)
    np.testing.assert_allclose(t.loss, L.quad(lecture), **TOL)


def test_ill_conditioned_lr1_oscillates_forever_in_w2(trajectories):
    t = trajectories("ill_conditioned")["lr 1 from (−4, −2)"]
    assert t.steps == 50 and t.stop == "budget"
    np.testing.assert_allclose(np.abs(t.params[:, 1]), 2.0, **TOL)


def test_momentum(trajectories):
    trajs = trajectories("momentum")
    w0 = np.array([-4., -2.])
    gd = L.gradient_descent(w0, L.grad_quad, learning_rate=.9, nepochs=50)
    mom = L.gd_momentum(w0, L.grad_quad, learning_rate=.9, momentum=0.3, nepochs=50)
    np.testing.assert_allclose(trajs["GD, lr 0.9"].params, gd, **TOL)
    np.testing.assert_allclose(trajs["momentum 0.3, lr 0.9"].params, mom, **TOL)
    assert trajs["momentum 0.3, lr 0.9"].stop == "converged"


def test_quadratic_descent_is_the_blogs_loop(trajectories):
    t = trajectories("quadratic_descent")["step size 0.01"]
    mins, cost, temp_min = L.blog_loop()
    np.testing.assert_allclose(t.params[1:, 0], mins, **TOL)
    assert round(float(t.params[-1, 0]), 2) == 3.05 == round(temp_min, 2)
    np.testing.assert_allclose(((3 - t.params[1:, 0]) ** 2), cost, **TOL)
    assert t.stop == "converged"


def test_linear_regression(trajectories, global_rng):
    t = trajectories("linear_regression")["GD, lr 0.1"]
    np.random.seed(0)
    x, y = L.generate_linear_regression_data(n=100, d=1, coef=[3], intercept=2)
    X = np.hstack((np.ones((100, 1)), x))
    w_init = np.array([-0.27657397, 0.92304132])
    w_steps, mse_steps, grad_steps = L.run_steps(L.gd_step, w_init, 50, X, y, 0.1)
    np.testing.assert_allclose(t.params[1:], w_steps, **TOL)
    np.testing.assert_allclose(t.loss[:-1], mse_steps, **TOL)
    # the notebook's grad is Xᵀ(Xw − y), a sum; gdanim records the mean that the step uses
    np.testing.assert_allclose(t.grad[:-1] * 100, grad_steps, rtol=0, atol=1e-7)


def test_linear_regressions_gradient_panel_plots_the_notebooks_summed_grad(scene_of, global_rng):
    """The notebook plots gd_step's grad = Xᵀ(Xw − y), a sum over the 100 samples; gdanim's
    trajectory records the mean the step uses, and the panel (Traces(summed=True)) draws the sum."""
    import matplotlib
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    scene = scene_of("linear_regression")
    np.random.seed(0)
    x, y = L.generate_linear_regression_data(n=100, d=1, coef=[3], intercept=2)
    X = np.hstack((np.ones((100, 1)), x))
    _, _, grad_steps = L.run_steps(L.gd_step, np.array([-0.27657397, 0.92304132]), 50, X, y, 0.1)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajectories_of(scene), 20)
        built.pose(built.total, 0)
        panel = built.painters[2].ax
        drawn = {line.get_label(): np.asarray(line.get_ydata(), float) for line in panel.get_lines()}
    for k, name in enumerate(("w0", "w1")):
        np.testing.assert_allclose(drawn[name][:50], grad_steps[:, k], rtol=0, atol=1e-7)
    assert panel.get_ylim()[0] < -200             # the notebook's axis: the sum starts at (−240, −225)


def noisy_regression(seed=0):
    np.random.seed(seed)
    x, y = L.generate_linear_regression_data(n=1000, d=2, coef=[6, 5], intercept=2, sigma=1)
    return np.column_stack((np.ones((1000, 1)), x)), y


def test_sgd_noise_ball(trajectories, global_rng):
    (t,) = trajectories("sgd_noise_ball").values()
    X, y = noisy_regression()
    w_init = np.array([2.0, 2.0, 8.0])
    np.random.seed(1)                                    # the scene's run seed
    n = 2                   # as the notebook's loop left it: `for n in range(len(w_true))`, w_true = [2, 6, 5]
    sgd, sgd_mse, _ = L.run_steps(L.sgd_step, w_init, 100, X, y, 0.1, n)
    np.testing.assert_allclose(t.params[1:], sgd, **TOL)
    np.testing.assert_allclose(t.loss[:-1], sgd_mse, **TOL)
    # the noise ball: SGD ends near, but not at, the least-squares point, which GD reaches
    opt = np.linalg.lstsq(X, y, rcond=None)[0]
    assert 1e-3 < np.linalg.norm(sgd[-1] - opt) < 1.0
    gd, _, _ = L.run_steps(L.gd_step, w_init, 100, X, y, 0.1)
    assert np.linalg.norm(gd[-1] - opt) < 1e-3


@pytest.mark.parametrize("batch", [1, 10, 100])
def test_minibatch(trajectories, global_rng, batch):
    t = trajectories("minibatch")[f"batch {batch}"]
    X, y = noisy_regression()
    np.random.seed(1)
    w, mse, _ = L.run_steps(L.sgd_step, np.array([2.0, 2.0, 8.0]), 100, X, y, 0.1, batch)
    np.testing.assert_allclose(t.params[1:], w, **TOL)
    np.testing.assert_allclose(t.loss[:-1], mse, **TOL)


def test_lr_decay(trajectories, global_rng):
    trajs = trajectories("lr_decay")
    X, y = noisy_regression()
    for label, rate in (("lr 0.1", lambda t: 0.1), ("lr 0.5/t", lambda t: 0.5 / t)):
        np.random.seed(1)
        w = np.array([2.0, 2.0, 8.0])
        path = [w]
        for t in range(1, 201):
            w, _, _ = L.sgd_step(w, X, y, rate(t), 1)
            path.append(w)
        np.testing.assert_allclose(trajs[label].params, path, **TOL)
    np.testing.assert_allclose(trajs["lr 0.5/t"].lr[1:4], [0.5, 0.25, 0.5 / 3], **TOL)


def test_correlated_features(trajectories, global_rng):
    trajs = trajectories("correlated_features")
    np.random.seed(0)
    x, y = L.correlated_data()
    X = np.column_stack((np.ones((1000, 1)), x))
    w_init = np.array([2.0, 3.0, 7.0])
    gd, gd_mse, _ = L.run_steps(L.gd_step, w_init, 100, X, y, 0.1)
    np.testing.assert_allclose(trajs["GD, lr 0.1"].params[1:], gd, **TOL)
    np.testing.assert_allclose(trajs["GD, lr 0.1"].loss[:-1], gd_mse, **TOL)
    w, v, path, vs = w_init, np.zeros(3), [], []
    for _ in range(100):
        w, mse, grad, v = L.gd_step_momentum(w, X, y, 0.1, 0.9, v)
        path.append(w)
        vs.append(v)
    t = trajs["momentum η = 0.9"]
    np.testing.assert_allclose(t.params[1:], path, **TOL)
    # the notebook's v_new is −lr·(trace); gdanim keeps the trace of the already-scaled updates
    np.testing.assert_allclose(t.extras["velocity"][1:], vs, **TOL)


@pytest.fixture
def cancer():
    return L.cancer_data(data.packaged("breast_cancer_radius_texture.csv"))


def test_logistic_gradient_is_the_lectures(cancer):
    p = LogisticRegression(data.breast_cancer())
    np.testing.assert_allclose(p.grad(np.array([-1.0, 2.0])), [0.30254033, 0.44824536], atol=5e-9)
    for w in ([0.0, 0.0], [-3.9, -0.8], [-10, -5]):
        w = np.array(w)
        np.testing.assert_allclose(p.grad(w), L.grad_NLL(w, cancer), **TOL)
        np.testing.assert_allclose(p.value(w), L.neg_log_likelihood(w, cancer), **TOL)
        np.testing.assert_allclose(p.hessian(w), L.hessian_NLL(w, cancer), **TOL)


@pytest.mark.parametrize("label,start", [("from (0, 0)", (0.0, 0.0)), ("from (−10, −5)", (-10.0, -5.0))])
def test_logistic_regression(trajectories, cancer, label, start):
    t = trajectories("logistic_regression")[label]
    lecture = L.gradient_descent(np.array(start), lambda w: L.grad_NLL(w, cancer), learning_rate=10, nepochs=100)
    np.testing.assert_allclose(t.params, lecture, **TOL)
    np.testing.assert_allclose(t.loss, [L.neg_log_likelihood(w, cancer) for w in lecture], **TOL)


def test_sine_data_and_grid_best_are_the_lectures(global_rng):
    sine = L.sine_data()
    p = SineRegression(data.Sine(seed=42))
    np.testing.assert_array_equal(p.dataset.x[:, 0], sine["x"])
    np.testing.assert_array_equal(p.dataset.y, sine["y"])
    best = grid_best(p, (-1.5, 3), (1, 4), 30)
    np.testing.assert_allclose(best, [1.29310345, 2.44827586], atol=5e-9)
    assert p.value(best) == pytest.approx(0.23832770254453578, abs=1e-15)
    np.testing.assert_allclose(p.grad(np.array([0, 2])), [-0.18866281, 0.66526642], atol=5e-9)
    np.testing.assert_allclose(p.hessian(best), L.hessian_sine_MSE(best, sine), **TOL)


def test_sine_regression(trajectories, global_rng):
    trajs = trajectories("sine_regression")
    sine = L.sine_data()
    g = lambda w: L.grad_sine_MSE(w, sine)
    cases = {
        "GD, lr 0.2": L.gradient_descent(np.array([1, 3]), g, learning_rate=.2, nepochs=20),
        "GD, lr 0.1": L.gradient_descent(np.array([2.5, 1.9]), g, learning_rate=.1, nepochs=50),
        "momentum 0.9": L.gd_momentum(np.array([2.2, 2.2]), g, learning_rate=.1,
                                                               momentum=0.9, nepochs=50),
    }
    for label, lecture in cases.items():
        np.testing.assert_allclose(trajs[label].params, lecture, **TOL)


def test_taylor_hessian_eigenvalues_are_the_lectures(global_rng, cancer):
    from gdanim.rendering.paint.taylor import taylor_model
    lp = LogisticRegression(data.breast_cancer())
    w, L_star, g, H, lam, U = taylor_model(lp, grid_best(lp, (-10, 1), (-5, 1.3), 30))
    np.testing.assert_allclose(w, [-3.93103448, -0.87241379], atol=5e-9)
    assert L_star == pytest.approx(0.2757763227300472, abs=1e-12)
    np.testing.assert_allclose(g, [0.00030902, 0.0013768], atol=5e-9)
    np.testing.assert_allclose(lam, [0.01354943, 0.08156991], atol=5e-9)
    sp = SineRegression(data.Sine(seed=42))
    w, L_star, g, H, lam, U = taylor_model(sp, grid_best(sp, (-1.5, 3), (1, 4), 30))
    np.testing.assert_allclose(lam, [0.25236948, 19.79095065], atol=5e-8)
    np.testing.assert_allclose(H, [[0.94921519, 3.62350418], [3.62350418, 19.09410494]], atol=5e-8)


@pytest.mark.parametrize("scene_name,steps", [("regression_line", 2035), ("loss_surface_3d", 150)])
def test_ml1_notebook(trajectories, global_rng, scene_name, steps):
    (t,) = trajectories(scene_name).values()
    np.random.seed(0)
    x, y = L.ml1_data()
    history = L.ml1_step_gd(x, y, steps)
    np.testing.assert_allclose(t.params[1:, 1], [h[2] for h in history], **TOL)   # w
    np.testing.assert_allclose(t.params[1:, 0], [h[3] for h in history], **TOL)   # b
    np.testing.assert_allclose(t.loss[:-1], [h[1] for h in history], **TOL)


def test_lr_comparison_tells_four_stories(trajectories):
    t = trajectories("lr_comparison")
    final = {k: v.loss[-1] for k, v in t.items()}
    assert final["good: lr 0.5"] < 1e-9
    assert final["too small: lr 0.01"] > 1.0
    assert final["good: lr 0.5"] < final["too large: lr 1.8"] < t["too large: lr 1.8"].loss[0]
    diverging = t["diverging: lr 2.5"]
    assert diverging.loss[-1] > 1e3 * diverging.loss[0]
