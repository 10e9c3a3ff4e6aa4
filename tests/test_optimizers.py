"""Optimizers against hand-written loops of their published update rules, on several problems."""
import numpy as np
import pytest

from gdanim import Run, data, optimizers as O, problems as P, schedules, stopping
from gdanim.compute.runner import run

PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "sine": (P.SineRegression(data.Sine()), (2.2, 2.2)),
    "double well": (P.double_well, (0.3,)),
}
STEPS = 40


def reference(rule, problem, w0, steps=STEPS):
    w = np.array(w0, dtype=float)
    state = {}
    path = [w]
    for t in range(1, steps + 1):
        w = rule(problem, w, state, t)
        path.append(w)
    return np.array(path)


def gd_rule(lr):
    return lambda p, w, s, t: w - lr * p.grad(w)


def momentum_rule(lr, beta):
    def step(p, w, s, t):
        s["v"] = beta * s.get("v", 0) - lr * p.grad(w)
        return w + s["v"]
    return step


def nesterov_rule(lr, beta):           # Sutskever et al. (2013), eq. 3-4
    def step(p, w, s, t):
        v = s.get("v", np.zeros_like(w))
        s["v"] = beta * v - lr * p.grad(w + beta * v)
        return w + s["v"]
    return step


def adagrad_rule(lr, eps=1e-8):
    def step(p, w, s, t):
        g = p.grad(w)
        s["G"] = s.get("G", 0) + g * g
        return w - lr * g / (np.sqrt(s["G"]) + eps)
    return step


def rmsprop_rule(lr, rho=0.9, eps=1e-8):
    def step(p, w, s, t):
        g = p.grad(w)
        s["E"] = rho * s.get("E", 0) + (1 - rho) * g * g
        return w - lr * g / (np.sqrt(s["E"]) + eps)
    return step


def adam_rule(lr, b1=0.9, b2=0.999, eps=1e-8):    # Kingma & Ba (2015), Algorithm 1
    def step(p, w, s, t):
        g = p.grad(w)
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
        mhat = s["m"] / (1 - b1 ** t)
        vhat = s["v"] / (1 - b2 ** t)
        return w - lr * mhat / (np.sqrt(vhat) + eps)
    return step


def newton_rule(lr):
    return lambda p, w, s, t: w - lr * np.linalg.solve(p.hessian(w), p.grad(w))


CASES = {
    "gd": (O.gd(0.001), gd_rule(0.001)),
    "momentum": (O.momentum(0.001, beta=0.8), momentum_rule(0.001, 0.8)),
    "nesterov": (O.nesterov(0.001, beta=0.8), nesterov_rule(0.001, 0.8)),
    "adagrad": (O.adagrad(0.1), adagrad_rule(0.1)),
    "rmsprop": (O.rmsprop(0.01, decay=0.9), rmsprop_rule(0.01)),
    "adam": (O.adam(0.05), adam_rule(0.05)),
    "newton": (O.newton(0.5), newton_rule(0.5)),
}


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("opt_name", CASES)
def test_update_rules(problem_name, opt_name):
    problem, start = PROBLEMS[problem_name]
    opt, rule = CASES[opt_name]
    t = run(problem, Run(opt_name, opt, start=start, steps=STEPS))
    expected = reference(rule, problem, start)
    assert t.stop == "budget"
    np.testing.assert_allclose(t.params, expected, rtol=1e-9, atol=1e-9)


def test_newton_solves_a_quadratic_in_one_step():
    t = run(P.ill_conditioned, Run("newton", O.newton(1.0), start=(-4, -2), steps=3))
    np.testing.assert_allclose(t.params[1], [0, 0], atol=1e-12)


def test_schedules():
    assert schedules.inverse_time(2.0)(4) == 0.5
    s = schedules.step_decay(1.0, factor=0.5, every=10)
    assert [s(t) for t in (1, 10, 11, 21)] == [1.0, 1.0, 0.5, 0.25]
    t = run(P.parabola, Run("decay", O.gd(schedules.step_decay(0.1, 0.5, 2)), start=1.0, steps=4))
    np.testing.assert_allclose(t.lr[1:], [0.1, 0.1, 0.05, 0.05])
    w = 1.0
    for lr in (0.1, 0.1, 0.05, 0.05):
        w = w - lr * 2 * w
    assert t.params[-1, 0] == pytest.approx(w, abs=1e-15)


def test_divergence_stops_cleanly_and_says_where():
    t = run(P.parabola, Run("big", O.gd(50.0), start=1.0, steps=1000))
    assert t.stop == "diverged"
    assert t.diverged_at == t.steps + 1
    assert np.all(np.isfinite(t.params)) and np.all(np.isfinite(t.loss))
    assert "diverged at step" in t.reason()


def test_overflow_is_divergence_not_a_crash():
    t = run(P.Rosenbrock(), Run("big", O.gd(1.0), start=(3, 3), steps=100))
    assert t.stop == "diverged" and np.all(np.isfinite(t.params))


def test_stopping_rules_strict_and_inclusive():
    f = P.Function(lambda w: w * w, lambda w: 2 * w)
    strict = run(f, Run("s", O.gd(0.25), start=1.0, steps=100, until=stopping.change_below(0.25)))
    inclusive = run(f, Run("i", O.gd(0.25), start=1.0, steps=100, until=stopping.change_at_most(0.25)))
    # steps move 0.5, 0.25, 0.125: < 0.25 stops after the third, <= 0.25 after the second
    assert strict.steps == 3 and inclusive.steps == 2
    assert strict.stop == inclusive.stop == "converged"


def test_finite_difference_gradient_of_a_user_function():
    f = P.Function(lambda w: (w[0] - 1) ** 2 + 3 * w[0] * w[1] ** 2, dim=2)
    w = np.array([0.7, -1.3])
    np.testing.assert_allclose(f.grad(w), [2 * (0.7 - 1) + 3 * 1.69, 6 * 0.7 * -1.3], rtol=1e-7)
    np.testing.assert_allclose(f.hessian(w), [[2, 6 * -1.3], [6 * -1.3, 6 * 0.7]], rtol=1e-4)


def test_minibatch_sampling_never_touches_numpy_global_state():
    before = np.random.get_state()[1].copy()
    p = P.LinearRegression(data.Linear(n=50, coef=[1.0], intercept=0.0, sigma=1.0, seed=3))
    run(p, Run("sgd", O.gd(0.1), start=(0, 0), steps=20, batch_size=5, seed=7))
    np.testing.assert_array_equal(np.random.get_state()[1], before)


def test_polynomial_formula_and_optimum():
    assert P.convex_quadratic.formula() == "w² − 3w + 4"
    assert P.double_well.formula() == "w⁴ − 5w² + w + 4"
    assert P.blog_quadratic.optimum == (3.0,)
    assert P.double_well.optimum[0] == pytest.approx(-1.629, abs=1e-3)
    assert abs(P.double_well.grad(P.double_well.optimum)[0]) < 1e-9


def scale_by_sign():
    """A user's transform: sign descent's direction (not shipped with gdanim)."""
    def init(params):
        return O.EmptyState()

    def update(updates, state, params, **extra):
        return np.sign(updates), state
    return O.Transform(init, update)


@pytest.mark.parametrize("problem_name", PROBLEMS)
def test_a_users_transform_chained_with_built_ins_matches_a_hand_written_loop(problem_name):
    problem, start = PROBLEMS[problem_name]
    lr, beta = 0.01, 0.5
    sign_momentum = O.optimizer("sign momentum", lr, lambda s, beta: O.chain(
        scale_by_sign(), O.scale_by_learning_rate(s), O.trace(beta)), beta=beta)

    def rule(p, w, s, t):                       # v ← βv − α·sign(∇L); w ← w + v
        s["v"] = beta * s.get("v", 0) - lr * np.sign(p.grad(w))
        return w + s["v"]

    t = run(problem, Run("sign", sign_momentum, start=start, steps=STEPS))
    np.testing.assert_allclose(t.params, reference(rule, problem, start), rtol=1e-12, atol=1e-12)
    assert sign_momentum.describe() == "sign momentum, lr 0.01, beta=0.5"


def test_two_transforms_with_a_field_of_the_same_name_keep_their_own_traces():
    # momentum applied twice: both traces have a field called velocity
    double = O.optimizer("double momentum", 0.01, lambda s: O.chain(O.trace(0.5), O.scale_by_learning_rate(s),
                                                                     O.trace(0.9)))
    problem, start = PROBLEMS["ill-conditioned"]
    t = run(problem, Run("d", double, start=start, steps=10))
    assert set(t.extras) == {"0.velocity", "2.velocity"}
    w, v0, v2 = np.array(start), np.zeros(2), np.zeros(2)
    for k in range(1, 11):
        v0 = 0.5 * v0 + problem.grad(w)
        v2 = 0.9 * v2 - 0.01 * v0
        w = w + v2
        np.testing.assert_allclose(t.extras["0.velocity"][k], v0, rtol=1e-12)
        np.testing.assert_allclose(t.extras["2.velocity"][k], v2, rtol=1e-12)
        np.testing.assert_allclose(t.params[k], w, rtol=1e-12)


def test_a_single_velocity_keeps_its_plain_name_for_momentum_and_nesterov():
    problem, start = PROBLEMS["ill-conditioned"]
    for opt in (O.momentum(0.1, beta=0.5), O.nesterov(0.1, beta=0.5)):
        t = run(problem, Run("m", opt, start=start, steps=5))
        assert set(t.extras) == {"velocity"} and t.extras["velocity"].shape == (6, 2)
        np.testing.assert_allclose(np.diff(t.params, axis=0), t.extras["velocity"][1:], rtol=1e-12)


def test_a_singular_newton_step_is_reported_as_such_not_as_divergence():
    flat = P.Function(lambda w: float(w[0] ** 2), gradient=lambda w: np.array([2 * w[0], 0.0]),
                      hess=lambda w: np.array([[2.0, 0.0], [0.0, 0.0]]), dim=2)
    t = run(flat, Run("newton", O.newton(1.0), start=(1.0, 1.0), steps=5))
    assert t.stop == "undefined" and t.steps == 0 and t.diverged_at is None
    assert t.reason() == "stopped at step 0: the Hessian is singular, so Newton's step is undefined"


def test_a_step_to_where_the_loss_is_nan_stops_the_run_as_undefined_not_diverged():
    """√w₀ + w₁² with lr 0.5 from (1, −2), by hand: the gradient (1/(2√w₀), 2w₁) takes w₀ to
    1 − 0.25 = 0.75, then 0.75 − 0.5/(2√0.75) ≈ 0.4613, 0.4613 − 0.25/√0.4613 ≈ 0.0932, then below 0,
    where √ is nan: the run stops at step 3, and says so; it did not diverge."""
    f = P.Function(lambda w: float(np.sqrt(w[0]) + w[1] ** 2),
                   gradient=lambda w: np.array([0.5 / np.sqrt(w[0]), 2 * w[1]]), dim=2)
    t = run(f, Run("GD", O.gd(0.5), start=(1.0, -2.0), steps=10))
    w0 = [1.0]
    for _ in range(3):
        w0.append(w0[-1] - 0.5 * 0.5 / np.sqrt(w0[-1]))
    np.testing.assert_allclose(t.params[:, 0], w0[:4], rtol=1e-12)
    assert t.stop == "undefined" and t.steps == 3 and t.diverged_at is None
    assert w0[3] - 0.25 / np.sqrt(w0[3]) < 0                         # where step 4 would go: √ undefined
    assert t.reason().startswith("stopped at step 3: the loss is nan at (") and t.reason().endswith("where step 4 goes")
    # no gradient of its own: finite differences, which at the edge of the domain meet the nan
    g = P.Function(lambda w: w ** 2 if w >= 0.5 else np.nan, dim=1)
    t = run(g, Run("GD", O.gd(0.25), start=2.0, steps=10))          # 2 → 1 → 0.5, the edge
    assert t.stop == "undefined" and t.steps == 2 and t.reason() == "stopped at step 2: the gradient is nan there"


def test_divergence_is_judged_against_the_problems_own_scale():
    far = 3e9                                            # parameters naturally in the billions
    p = P.Function(lambda w: float((w - far) ** 2), gradient=lambda w: 2 * (w - far), dim=1, minimum=(far,))
    t = run(p, Run("gd", O.gd(0.25), start=1e9, steps=10))
    assert t.stop == "budget" and t.params[-1, 0] == pytest.approx(far, rel=1e-3)
    t = run(p, Run("gd", O.gd(5.0), start=1e9, steps=100))      # this one does run away
    assert t.stop == "diverged" and np.max(np.abs(t.params)) < 1e8 * far


X0 = np.array([0.7, -1.3])


def closed_form_hessian(w):                              # of x²y + eˣ + y⁴/12
    x, y = w
    return np.array([[2 * y + np.exp(x), 2 * x], [2 * x, y * y]])


@pytest.mark.parametrize("with_gradient", [False, True])
@pytest.mark.parametrize("scale", [1.0, 1e4])
def test_finite_difference_hessians_are_accurate_enough_for_newton_and_taylor(with_gradient, scale):
    f = lambda w: float(w[0] ** 2 * w[1] + np.exp(w[0]) + w[1] ** 4 / 12)      # noqa: E731
    g = lambda w: np.array([2 * w[0] * w[1] + np.exp(w[0]), w[0] ** 2 + w[1] ** 3 / 3])   # noqa: E731
    w = X0 * scale
    p = P.Function(f, gradient=g if with_gradient else None, dim=2, scale=scale)
    exact = closed_form_hessian(w) if scale == 1 else None
    if exact is not None:
        np.testing.assert_allclose(p.hessian(w), exact, rtol=1e-6 if not with_gradient else 1e-8, atol=1e-7)
        np.testing.assert_allclose(p.grad(w), g(w), rtol=1e-8)
    # Newton with the finite-difference Hessian follows Newton with the exact one
    q = P.Function(lambda w: float(np.sum(np.cosh(w / scale))) * scale ** 2, dim=2, scale=scale)
    exact_q = P.Function(q.fn, gradient=lambda w: np.sinh(w / scale) * scale,
                         hess=lambda w: np.diag(np.cosh(w / scale)), dim=2)
    a = run(q, Run("n", O.newton(1.0), start=X0 * scale, steps=4))
    b = run(exact_q, Run("n", O.newton(1.0), start=X0 * scale, steps=4))
    np.testing.assert_allclose(a.params, b.params, rtol=1e-5, atol=1e-6 * scale)


def test_a_users_look_ahead_transform_takes_its_gradient_where_it_likes_on_the_steps_minibatch():
    """The general form of look-ahead: a transform of one's own asks for ``grad_fn`` at another
    point (here an extra-gradient step), on the same minibatch as the runner's gradient."""
    def extragradient(lr, reach):
        def init(params):
            return O.EmptyState()

        def update(updates, state, params, *, grad_fn, **extra):
            probe = params - reach * updates                     # a trial step along −∇L
            return -lr * grad_fn(probe), state
        return O.Transform(init, update)

    problem = P.LinearRegression(data.Linear(n=200, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")
    opt = O.optimizer("extragradient", 0.1, lambda s: extragradient(0.1, 0.5))
    t = run(problem, Run("x", opt, start=(0, 0, 0), steps=25, batch_size=8, seed=3))
    rng = np.random.RandomState(3)
    w = np.zeros(3)
    for k in range(1, 26):
        idx = rng.choice(200, 8, replace=True)
        g = problem.grad(w, idx)
        w = w - 0.1 * problem.grad(w - 0.5 * g, idx)
        np.testing.assert_allclose(t.params[k], w, rtol=1e-12)


def test_a_transform_written_without_extra_arguments_runs_as_in_optax():
    def plain_scale(factor):
        return O.Transform(lambda params: O.EmptyState(), lambda updates, state, params=None: (factor * updates, state))

    problem, start = PROBLEMS["ill-conditioned"]
    opt = O.optimizer("plain", 0.1, lambda s: O.chain(plain_scale(2.0), O.scale_by_learning_rate(s)))
    t = run(problem, Run("p", opt, start=start, steps=5))
    alone = O.optimizer("alone", 0.2, lambda s: plain_scale(-0.2))
    u = run(problem, Run("a", alone, start=start, steps=5))
    np.testing.assert_allclose(t.params, reference(gd_rule(0.2), problem, start, 5), rtol=1e-12)
    np.testing.assert_allclose(u.params, reference(gd_rule(0.2), problem, start, 5), rtol=1e-12)


def one_transform(update):
    return O.optimizer("mine", 0.01, lambda s: O.chain(O.Transform(lambda params: O.EmptyState(), update),
                                                        O.scale_by_learning_rate(s)))


@pytest.mark.parametrize("update, said", [
    (lambda u, s, p, **e: np.sign(u), r"the transform's update must return \(updates, state\); "
                                      r"it returned an array of shape \(2,\)"),
    (lambda u, s, p, **e: (np.sign(u)[:1], s), r"the transform's update must return updates of "
                                               r"shape \(2,\), one per parameter; it returned shape \(1,\)"),
])
def test_a_transform_returning_the_wrong_thing_is_an_error_of_the_scene_not_other_steps(update, said):
    """Unpacked as (updates, state) or broadcast, it had stepped both parameters by one number."""
    from gdanim.core.errors import SceneCodeError
    problem, start = PROBLEMS["ill-conditioned"]
    with pytest.raises(SceneCodeError, match=rf"run 'm', step 1: {said}"):
        run(problem, Run("m", one_transform(update), start=start, steps=3))


def test_a_transform_may_return_its_updates_as_a_list_and_a_nan_update_is_undefined_not_divergence():
    problem, start = PROBLEMS["ill-conditioned"]
    listed = run(problem, Run("l", one_transform(lambda u, s, p, **e: (list(u), s)), start=start, steps=4))
    np.testing.assert_allclose(listed.params, reference(gd_rule(0.01), problem, start, 4), rtol=1e-12)
    nan = run(problem, Run("n", one_transform(lambda u, s, p, **e: (u * np.nan, s)), start=start, steps=4))
    assert nan.stop == "undefined" and nan.diverged_at is None and len(nan.params) == 1
    assert nan.reason() == "stopped at step 0: the optimizer's update is nan there"


def test_transforms_given_as_partials_or_objects_and_numbers_for_one_parameter_run():
    """The check of what a transform returns takes what worked before it: a functools.partial or a
    callable object as update, a number as the update of a one-parameter problem, a list pair."""
    import functools

    def scaled(u, s, p, scale=1.0, **e):
        return scale * u, s

    class Half:
        def __call__(self, u, s, p, **e):
            return 0.5 * u, s

    bowl, start = PROBLEMS["ill-conditioned"]
    for update, factor in ((functools.partial(scaled, scale=2.0), 2.0), (Half(), 0.5)):
        t = run(bowl, Run("p", one_transform(update), start=start, steps=4))
        np.testing.assert_allclose(t.params, reference(gd_rule(0.01 * factor), bowl, start, 4), rtol=1e-12)
    for update in (lambda u, s, p, **e: (float(u[0]), s), lambda u, s, p, **e: [u, s]):
        t = run(P.parabola, Run("n", one_transform(update), start=2.0, steps=4))
        np.testing.assert_allclose(t.params, reference(gd_rule(0.01), P.parabola, np.array([2.0]), 4), rtol=1e-12)

