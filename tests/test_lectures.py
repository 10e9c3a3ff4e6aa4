"""The blog's, the workshop's and CS 189's Slido numbers, and the new lecture scenes against
independent transcriptions of the lectures' loops (tests/lecture_loops.py), to 1e-9."""
import numpy as np
import pytest

import lecture_loops as L
from gdanim import data, problems
from gdanim.declare.problems import grid_best

TOL = dict(rtol=0, atol=1e-9)
BLOG = dict(n_samples=100, n_features=1, n_informative=1, noise=10, random_state=2015)


@pytest.mark.parametrize("kw", [
    BLOG,
    dict(n_samples=37, n_features=4, n_informative=2, noise=3.5, bias=1.5, random_state=7),
    dict(n_samples=20, n_features=3, n_informative=3, noise=0.0, random_state=0, shuffle=False),
])
def test_make_regression_is_scikit_learns_draw_for_draw(kw):
    from sklearn.datasets import make_regression
    x, y = make_regression(**kw)
    ours = data.MakeRegression(**kw)
    np.testing.assert_array_equal(ours.x, x)
    np.testing.assert_array_equal(ours.y, y)


def blog_problem():
    return problems.LinearRegression(data.MakeRegression(**BLOG), loss="half_mse")


def test_the_blogs_least_squares_prints_1_49_63_42():
    p = blog_problem()
    slope, intercept = L.blog_linregress(p.dataset.x[:, 0], p.dataset.y)
    assert "Least Squares: {:.2f}, {:.2f}".format(intercept, slope) == "Least Squares: 1.49, 63.42"
    np.testing.assert_allclose(p.least_squares, [intercept, slope], rtol=0, atol=1e-9)


def test_the_blogs_gradient_descent_prints_1_20_62_81(trajectories):
    (t,) = trajectories("blog_regression").values()
    p = blog_problem()
    x = np.c_[np.ones(100), p.dataset.x[:, 0]]
    history, costs, preds = L.blog_gradient_descent(x, p.dataset.y, 5000, 0.001, np.random.RandomState(0).rand(2))
    np.testing.assert_allclose(t.params, history, **TOL)
    np.testing.assert_allclose(t.loss[:-1], costs, **TOL)          # J = ½·MSE before each step
    assert "Gradient Descent: {:.2f}, {:.2f}".format(*t.params[-1]) == "Gradient Descent: 1.20, 62.81"
    # In[15] animates preds, the line at every 25th θ: the scene's frames show those iterates
    np.testing.assert_allclose(x @ t.params[25].T, preds[1], **TOL)


def test_the_blogs_printed_numbers_come_out_from_most_unseeded_starts():
    """The blog never seeds ``np.random.rand(2)``: the printed 1.20, 62.81 hold for most starts in [0, 1)²."""
    p = blog_problem()
    x = np.c_[np.ones(100), p.dataset.x[:, 0]]
    printed = 0
    for seed in range(20):
        history, _, _ = L.blog_gradient_descent(x, p.dataset.y, 5000, 0.001, np.random.RandomState(seed).rand(2))
        printed += "{:.2f}, {:.2f}".format(*history[-1]) == "1.20, 62.81"
    assert 12 <= printed < 20


def test_half_mse_is_the_blogs_cost_and_its_gradient():
    p = blog_problem()
    x = np.c_[np.ones(100), p.dataset.x[:, 0]]
    theta = np.array([0.3, 40.0])
    err = x @ theta - p.dataset.y
    assert p.value(theta) == pytest.approx(np.sum(err ** 2) / 200, rel=1e-13)
    np.testing.assert_allclose(p.grad(theta), x.T.dot(err) / 100, rtol=1e-13)
    np.testing.assert_allclose(p.values_on(theta[None]), [p.value(theta)], rtol=1e-13)


def test_the_workshops_ten_iterates_from_seed_42(trajectories, global_rng):
    (t,) = trajectories("workshop_gd").values()
    X, y, iterates = L.workshop_gd()
    assert t.steps == 10
    np.testing.assert_allclose(t.params, iterates, **TOL)
    points = data.UniformLine(seed=42)
    np.testing.assert_array_equal(points.x, X)
    np.testing.assert_array_equal(points.y, y[:, 0])


def test_the_workshops_task_alter_the_learning_rate(trajectories, global_rng):
    """The workshop's loop, run again with each rate of the sweep for 30 iterations."""
    runs = trajectories("workshop_alter_lr")
    assert list(runs) == [f"lr {eta:g}" for eta in (0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.48, 0.52, 0.55)]
    for label, t in runs.items():
        _, _, iterates = L.workshop_gd(eta=float(label.split()[1]), n_iterations=30)
        assert t.steps == 30 and t.stop == "budget"
        np.testing.assert_allclose(t.params, iterates, **TOL)
    assert runs["lr 0.55"].loss[-1] > 1e5 > 1 > runs["lr 0.4"].loss[-1]        # past 2/λ_max ≈ 0.51 it grows


def test_the_workshops_mse_of_a_mean(global_rng):
    X, heights = L.workshop_sample()
    sample = data.NormalSample(n=1000, loc=2, scale=0.3, seed=42)
    np.testing.assert_array_equal(sample.x, X)
    np.testing.assert_array_equal(sample.y, heights[:, 0])
    p = problems.MeanEstimation(sample)
    ms = np.linspace(1, 3, 40)
    np.testing.assert_allclose(p.values_on(ms[:, None]), [L.workshop_mse(X, m) for m in ms], rtol=1e-12)
    assert p.optimum[0] == pytest.approx(X.mean(), abs=1e-15)
    h = 1e-6
    assert p.grad([1.7])[0] == pytest.approx((L.workshop_mse(X, 1.7 + h) - L.workshop_mse(X, 1.7 - h)) / (2 * h), rel=1e-6)


def cancer_radius():
    c = data.breast_cancer()
    return c.x[:, 0], c.y


def test_slido_one_feature_nll_is_in17s_not_the_flipped_print():
    x, t = cancer_radius()
    p = problems.LogisticRegression(data.Arrays(x, t))
    ws = np.linspace(-20, 3, 100)
    meant = [np.mean(np.logaddexp(0, w * x) - t * w * x) for w in ws]       # In[17]'s NLL on one feature
    np.testing.assert_allclose(p.values_on(ws[:, None]), meant, rtol=1e-12)
    # the printed softplus(−wx) − t·wx is the NLL minus mean(w·x): nothing on standardized x, whose
    # mean is 0 (so the lecture's picture is right), but not on any other data
    np.testing.assert_allclose(L.slido_nll_as_printed(ws, x)(t), meant, rtol=0, atol=1e-12)
    shifted = [np.mean(np.logaddexp(0, w * (x + 3)) - t * w * (x + 3)) for w in ws]
    assert np.abs(L.slido_nll_as_printed(ws, x + 3)(t) - shifted).max() > 1
    best = grid_best(p, (-20, 3), npts=100)
    assert best[0] == ws[np.argmin(meant)]


def test_slido_offset_feature_with_a_bias_is_in35s_loss():
    x, t = cancer_radius()
    p = problems.LogisticRegression(data.Arrays(x + 3, t), bias=True)
    w1, w2 = np.meshgrid(np.linspace(5, 15, 40), np.linspace(-8, 0, 40))
    ws = np.stack([w1.flatten(), w2.flatten()]).T
    lecture = L.slido_offset_nll(ws, x, t)
    np.testing.assert_allclose(p.values_on(ws), lecture, rtol=1e-10)
    np.testing.assert_allclose(grid_best(p, (5, 15), (-8, 0), 40), ws[np.argmin(lecture)], **TOL)
    w = np.array([11.0, -3.5])
    np.testing.assert_allclose(p.grad(w), [np.mean((L.sigmoid(w[0] + w[1] * (x + 3)) - t)),
                                           np.mean((L.sigmoid(w[0] + w[1] * (x + 3)) - t) * (x + 3))], rtol=1e-10)


def test_slido_linear_through_the_origin():
    c = data.breast_cancer()
    p = problems.LinearRegression(data.Arrays(c.x[:, 0], c.x[:, 1]), intercept=False)
    ws = np.linspace(-5, 5, 100)
    sqloss = [np.mean((c.x[:, 1] - (w * c.x[:, 0])) ** 2) for w in ws]
    np.testing.assert_allclose(p.values_on(ws[:, None]), sqloss, rtol=1e-12)
    assert grid_best(p, (-5, 5), npts=100)[0] == ws[np.argmin(sqloss)]


def test_grid_best_pins_are_the_lectures(scene_of):
    labels = {p.label: p.at for p in scene_of("sine_grid_best").pins}
    np.testing.assert_allclose(labels["best (1.29, 2.45)"], [1.29310345, 2.44827586], atol=5e-9)
    labels = {p.label: p.at for p in scene_of("logistic_grid_best").pins}
    np.testing.assert_allclose(labels["best weight (−3.93, −0.87)"], [-3.93103448, -0.87241379], atol=5e-9)


def test_sgd_on_noise_free_data_ran_from_the_gd_start(trajectories, global_rng):
    """The cell that sets w_init fails, so the loop runs from the GD section's start."""
    (t,) = trajectories("sgd_noise_free").values()
    np.random.seed(0)
    x, y = L.generate_linear_regression_data(n=100, d=1, coef=[3], intercept=2)
    X = np.hstack((np.ones((100, 1)), x))
    np.random.seed(0)                                       # the scene's run seed
    w, mse, _ = L.run_steps(L.sgd_step, np.array([-0.27657397, 0.92304132]), 50, X, y, 0.1, 1)
    np.testing.assert_allclose(t.params[1:], w, **TOL)
    np.testing.assert_allclose(t.loss[:-1], mse, **TOL)
    assert np.linalg.norm(t.params[-1] - [2, 3]) < 0.1       # near (2, 3), as the notebook's [1.994, 2.999]


@pytest.mark.parametrize("name,steps,batch,seed", [("noisy_gd", 50, None, 0), ("sgd_noise_ball", 100, 2, 1)])
def test_noisy_data_runs(trajectories, global_rng, name, steps, batch, seed):
    (t,) = trajectories(name).values()
    np.random.seed(0)
    x, y = L.generate_linear_regression_data(n=1000, d=2, coef=[6, 5], intercept=2, sigma=1)
    X = np.column_stack((np.ones((1000, 1)), x))
    np.random.seed(seed)
    if batch:
        w, mse, _ = L.run_steps(L.sgd_step, np.array([2.0, 2.0, 8.0]), steps, X, y, 0.1, batch)
    else:
        w, mse, _ = L.run_steps(L.gd_step, np.array([2.0, 2.0, 8.0]), steps, X, y, 0.1)
    np.testing.assert_allclose(t.params[1:], w, **TOL)
    np.testing.assert_allclose(t.loss[:-1], mse, **TOL)
