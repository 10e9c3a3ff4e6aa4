"""Line searches against a transcription of Boyd & Vandenberghe, Convex Optimization, Algorithm 9.2
(backtracking), 9.3 (gradient descent) and 9.5 (Newton's method), and exact line search's own
definition: t = argmin_{s ≥ 0} f(x + sΔx)."""
import numpy as np
import pytest

from gdanim import Run, Scene, Sweep, optimizers as O, problems as P, views as V
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError


def boyd_exp(w):                                         # Boyd (9.20): exp(x1+3x2−0.1) + exp(x1−3x2−0.1) + exp(−x1−0.1)
    x1, x2 = w
    return float(np.exp(x1 + 3 * x2 - 0.1) + np.exp(x1 - 3 * x2 - 0.1) + np.exp(-x1 - 0.1))


def boyd_exp_grad(w):
    x1, x2 = w
    a, b, c = np.exp(x1 + 3 * x2 - 0.1), np.exp(x1 - 3 * x2 - 0.1), np.exp(-x1 - 0.1)
    return np.array([a + b - c, 3 * a - 3 * b])


PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "boyd exp": (P.Function(boyd_exp, gradient=boyd_exp_grad, dim=2), (-1.0, 0.7)),
}


def boyd_descent(problem, x0, steps, alpha, beta, newton=False, t0=1.0):
    """Algorithm 9.3 (9.5 with ``newton``): Δx := −∇f(x) (−∇²f(x)⁻¹∇f(x)); line search by
    Algorithm 9.2 (t := 1; while f(x + tΔx) > f(x) + αt∇f(x)ᵀΔx, t := βt); x := x + tΔx."""
    x, path, ts = np.array(x0, dtype=float), [], []
    path.append(x)
    for _ in range(steps):
        g = problem.grad(x)
        dx = -np.linalg.solve(problem.hessian(x), g) if newton else -g
        t = t0
        while not problem.value(x + t * dx) <= problem.value(x) + alpha * t * g @ dx:
            t = beta * t
        x = x + t * dx
        path.append(x)
        ts.append(t)
    return np.array(path), np.array(ts)


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("alpha, beta, t0", [(0.3, 0.8, 1.0), (0.1, 0.5, 2.0), (0.01, 0.1, 1.0)])
def test_backtracking_gradient_descent_is_boyds_algorithm_9_2_and_9_3(problem_name, alpha, beta, t0):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("b", O.backtracking(alpha, beta, t0=t0), start=start, steps=30))
    path, ts = boyd_descent(problem, start, 30, alpha, beta, t0=t0)
    assert t.stop == "budget"
    np.testing.assert_allclose(t.params, path, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.lr[1:], ts, rtol=1e-12)          # the accepted t of every step, recorded


@pytest.mark.parametrize("problem_name", ["rosenbrock", "boyd exp"])
def test_newton_with_backtracking_is_boyds_algorithm_9_5(problem_name):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("n", O.backtracking(0.25, 0.5, direction="newton"), start=start, steps=12))
    path, ts = boyd_descent(problem, start, len(t.params) - 1, 0.25, 0.5, newton=True)
    np.testing.assert_allclose(t.params, path, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.lr[1:], ts, rtol=1e-12)
    assert ts[-1] == 1.0                                             # the pure Newton phase near the minimum


@pytest.mark.parametrize("H", [((0.1, 0.0), (0.0, 1.0)), ((2.0, 0.7), (0.7, 0.5)),
                               tuple(map(tuple, np.diag([1.0, 3.0, 10.0, 0.5, 7.0])))])
def test_exact_line_search_on_a_quadratic_takes_the_closed_form(H):
    problem = P.QuadraticForm(H)
    start = tuple(np.linspace(-2, 3, len(H)))
    t = run(problem, Run("e", O.exact_line_search(), start=start, steps=15))
    x, A = np.array(start), 2 * np.array(H)                          # ∇²(wᵀHw) = 2H
    for k in range(1, t.steps + 1):
        g = A @ x
        step = (g @ g) / (g @ A @ g)                                 # argmin_s f(x − s g), by hand
        x = x - step * g
        np.testing.assert_allclose(t.params[k], x, rtol=1e-12, atol=1e-14)
        assert t.lr[k] == pytest.approx(step, rel=1e-12)
    g = t.grad
    np.testing.assert_allclose(np.sum(g[1:5] * g[:4], axis=1), 0, atol=1e-9 * np.max(g[:5] ** 2))   # zig-zag: ⟂


@pytest.mark.parametrize("problem_name", ["rosenbrock", "boyd exp"])
def test_exact_line_search_otherwise_finds_the_minimum_along_the_line(problem_name):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("e", O.exact_line_search(), start=start, steps=8))
    for k in range(t.steps):
        x, d = t.params[k], -t.grad[k]
        s = t.lr[k + 1]
        # the new gradient is orthogonal to the direction: the derivative of f(x + s d) in s is 0 there
        assert abs(t.grad[k + 1] @ d) <= 1e-8 * abs(t.grad[k] @ d)
        near = s * np.linspace(0.5, 1.5, 101)
        assert problem.value(x + s * d) <= min(problem.value(x + u * d) for u in near) + 1e-12


def test_line_searches_need_no_learning_rate_and_say_so():
    opt = O.backtracking()
    assert opt.lr is None
    assert opt.describe() == "GD, backtracking, alpha=0.3, beta=0.8, t0=1, direction=gradient, max_backtracks=100"
    scene = Scene("t", problem=P.ill_conditioned, runs=[Run("b", opt, start=(-4, -2), steps=5)],
                  views=[V.LossCurve(metric="step_size")])
    assert scene.views[0].describe(P.ill_conditioned) == "the length of each step in parameter space against the iteration"
    with pytest.raises(SceneError, match=r"Sweep over lr: GD, backtracking \(run 'b'\) has no learning rate"):
        Sweep(Run("b", opt, start=(-4, -2), steps=5), over="lr", values=(0.1, 0.2))
    s = Sweep(Run("b", opt, start=(-4, -2), steps=5), over="alpha", values=(0.1, 0.2))
    assert [r.optimizer.describe().split(", ")[2] for r in s.runs()] == ["alpha=0.1", "alpha=0.2"]


def test_a_direction_that_does_not_descend_stops_the_run_as_undefined():
    saddle = P.QuadraticForm(((1.0, 0.0), (0.0, -1.0)))              # Newton's direction climbs to the saddle
    t = run(saddle, Run("n", O.backtracking(direction="newton"), start=(0.5, 1.0), steps=5))
    assert t.stop == "undefined" and "not a descent direction" in t.note and t.steps == 0
    t = run(saddle, Run("e", O.exact_line_search(), start=(0.0, 1.0), steps=5))
    assert t.stop == "undefined" and "no minimum along this direction" in t.note


@pytest.mark.parametrize("make, said", [
    (lambda: O.backtracking(alpha=0.5), r"backtracking alpha must be in \(0, 0\.5\), as Boyd's Algorithm 9\.2 asks"),
    (lambda: O.backtracking(alpha=0), r"backtracking alpha must be a positive number, got 0"),
    (lambda: O.backtracking(beta=1.0), r"backtracking beta must be in \(0, 1\), got 1\.0"),
    (lambda: O.backtracking(t0=-1), r"backtracking t0 must be a positive number, got -1"),
    (lambda: O.backtracking(direction="newtn"), r"unknown direction 'newtn'; did you mean 'newton'\?"),
    (lambda: O.exact_line_search(tol=0), r"tol must be a positive number, got 0"),
    (lambda: V.LossCurve(metric="step"), r"unknown metric 'step'; did you mean 'step_size'\?"),
])
def test_line_search_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()
