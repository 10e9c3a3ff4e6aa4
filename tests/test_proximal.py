"""Projections, projected and proximal gradient methods, and Levenberg's regularised Newton, against
independent transcriptions: the projections against bisection on the KKT multiplier, a QP solver
(scipy's SLSQP) and the variational inequality that defines a projection; ISTA and FISTA against
hand-written loops of Beck & Teboulle (2009) and scikit-learn's lasso; the regularised Newton
against a hand-written loop."""
import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import Lasso

from gdanim import Run, constraints as C, optimizers as O, problems as P
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError

RNG = np.random.default_rng(20261207)
POINTS = [RNG.normal(scale=s, size=n) for n in (2, 3, 7) for s in (0.3, 1.0, 4.0)]


def bisect(h, lo, hi, n=200):
    """The root of a decreasing h on [lo, hi]."""
    for _ in range(n):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if h(mid) > 0 else (lo, mid)
    return 0.5 * (lo + hi)


def simplex_by_bisection(w, total):
    """P(w) = max(w − θ, 0) with θ the root of Σ max(w − θ, 0) = total (not the sort of Duchi et al.)."""
    theta = bisect(lambda th: np.maximum(w - th, 0).sum() - total, w.min() - total, w.max())
    return np.maximum(w - theta, 0)


def l1_ball_by_bisection(w, r):
    if np.abs(w).sum() <= r:
        return w
    theta = bisect(lambda th: np.maximum(np.abs(w) - th, 0).sum() - r, 0.0, np.abs(w).max())
    return np.sign(w) * np.maximum(np.abs(w) - theta, 0)


def by_qp(w, constraint_list, x0):
    """argmin ‖x − w‖² by SLSQP: a general solver, to ~1e-7."""
    res = minimize(lambda x: np.sum((x - w) ** 2), x0, jac=lambda x: 2 * (x - w), method="SLSQP",
                   constraints=constraint_list, options=dict(ftol=1e-14, maxiter=500))
    return res.x


@pytest.mark.parametrize("w", POINTS, ids=lambda w: f"n{w.size}")
@pytest.mark.parametrize("total", [1.0, 2.5])
def test_simplex_projection_is_the_bisection_and_the_qp_solution(w, total):
    got = C.Simplex(total).project(w)
    assert np.allclose(got, simplex_by_bisection(w, total), atol=1e-12, rtol=0)
    qp = by_qp(w, [dict(type="eq", fun=lambda x: x.sum() - total), dict(type="ineq", fun=lambda x: x)],
               np.full(w.size, total / w.size))
    assert np.allclose(got, qp, atol=1e-6)


@pytest.mark.parametrize("w", POINTS, ids=lambda w: f"n{w.size}")
@pytest.mark.parametrize("r", [0.5, 3.0])
def test_l1_ball_projection_is_the_bisection_solution(w, r):
    assert np.allclose(C.L1Ball(r).project(w), l1_ball_by_bisection(w, r), atol=1e-12, rtol=0)
    c = RNG.normal(size=w.size)                       # about a center: c + P(w − c)
    assert np.allclose(C.L1Ball(r, tuple(c)).project(w), c + l1_ball_by_bisection(w - c, r), atol=1e-12, rtol=0)


def inside(constraint, n, k=200):
    """Points of the set, sampled by construction (not by projecting)."""
    u = RNG.uniform(size=(k, n))
    if isinstance(constraint, C.Box):
        return constraint.lower + u * (np.asarray(constraint.upper) - constraint.lower)
    d = RNG.dirichlet(np.ones(n), size=k)
    if isinstance(constraint, C.Simplex):
        return constraint.total * d
    if isinstance(constraint, C.L1Ball):
        return constraint.radius * np.sign(RNG.normal(size=(k, n))) * d * u[:, :1]
    g = RNG.normal(size=(k, n))
    return constraint.radius * g / np.linalg.norm(g, axis=1, keepdims=True) * u[:, :1] ** (1 / n)


@pytest.mark.parametrize("make", [lambda n: C.Box(-0.5, 1.5), lambda n: C.Box(tuple(-np.arange(n) - 0.2), 2.0),
                                  lambda n: C.Ball(1.3), lambda n: C.Simplex(2.0),
                                  lambda n: C.L1Ball(0.8)], ids=["box", "box per coordinate", "ball", "simplex", "l1"])
@pytest.mark.parametrize("w", POINTS, ids=lambda w: f"n{w.size}")
def test_every_projection_lies_in_its_set_and_satisfies_the_variational_inequality(make, w):
    """P(w) ∈ C and ⟨w − P(w), x − P(w)⟩ ≤ 0 for every x ∈ C: what makes P(w) the nearest point."""
    c = make(w.size)
    p = c.project(w)
    assert c.contains(p)
    assert np.all((inside(c, w.size) - p) @ (w - p) <= 1e-12)
    assert np.allclose(c.project(p), p, atol=1e-14)         # a projection is idempotent


@pytest.mark.parametrize("w", POINTS, ids=lambda w: f"n{w.size}")
def test_ball_and_box_projections_are_the_qp_solutions(w):
    assert np.allclose(C.Ball(1.0).project(w),
                       by_qp(w, [dict(type="ineq", fun=lambda x: 1 - x @ x)], np.zeros(w.size)), atol=1e-6)
    assert np.allclose(C.Box(-0.5, 0.5).project(w),
                       by_qp(w, [dict(type="ineq", fun=lambda x: 0.5 - np.abs(x))], np.zeros(w.size)), atol=1e-6)


QUAD = P.Quadratic(((1.0, 0.0), (0.0, 5.0)), (2.0, 5.0))      # its minimum (2, 1) outside the unit disc


def test_projected_gd_is_the_hand_written_loop_and_reaches_the_kkt_point():
    p = P.Constrained(QUAD, C.Ball(1.0))
    t = run(p, Run("pgd", O.projected_gd(0.15), start=(-1.0, -0.5), steps=300))
    w, path = np.array([-1.0, -0.5]), [np.array([-1.0, -0.5])]
    A, b = np.array(QUAD.A), np.array(QUAD.b)
    for _ in range(300):
        v = w - 0.15 * (A @ w - b)
        w = v / max(1.0, np.linalg.norm(v))
        path.append(w)
    assert np.allclose(t.params, np.array(path), atol=1e-13, rtol=0)
    # at the solution on the circle, −∇f is along the outward normal: x = (A + μI)⁻¹b, μ ≥ 0
    mu = bisect(lambda m: np.linalg.norm(np.linalg.solve(A + m * np.eye(2), b)) - 1, 0.0, 100.0)
    assert np.allclose(t.params[-1], np.linalg.solve(A + mu * np.eye(2), b), atol=1e-10)


def test_projected_wraps_any_optimizer_and_a_set_of_its_own():
    p = P.Constrained(QUAD, C.Box(-0.5, 0.5))
    t = run(p, Run("adam", O.projected(O.adam(0.1)), start=(0.0, 0.0), steps=60))
    assert np.all(np.abs(t.params) <= 0.5)
    assert np.allclose(t.params[-1], (0.5, 0.5), atol=1e-3)     # the corner nearest (2, 1) along the bowl
    mine = run(QUAD, Run("own set", O.optimizer("PGD", 0.1, lambda s: O.chain(
        O.scale_by_learning_rate(s), O.project(C.Box(-0.5, 0.5)))), start=(0.0, 0.0), steps=40))
    assert np.all(np.abs(mine.params) <= 0.5) and np.allclose(mine.params[-1], (0.5, 0.5))


def lasso_data():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    y = X @ np.array([1.5, 0.15]) + 0.3 * rng.normal(size=40)
    return X, y


def lasso_problem(lam):
    """(1/2n)‖y − Xw‖² + λ‖w‖₁, sklearn's Lasso objective, as ½wᵀAw − bᵀw + c."""
    X, y = lasso_data()
    n = len(y)
    return P.L1Regularized(P.Quadratic(tuple(map(tuple, X.T @ X / n)), tuple(X.T @ y / n), float(y @ y) / (2 * n)), lam)


def soft(v, tau):
    return np.sign(v) * np.maximum(np.abs(v) - tau, 0)


def ista_loop(problem, w0, alpha, steps):
    w, path = np.array(w0, dtype=float), [np.array(w0, dtype=float)]
    for _ in range(steps):
        w = soft(w - alpha * problem.grad(w), alpha * problem.lam)
        path.append(w)
    return np.array(path)


def fista_loop(problem, w0, alpha, steps):
    """Beck & Teboulle (2009), FISTA with constant step: y₁ = x₀, t₁ = 1."""
    x_prev = np.array(w0, dtype=float)
    y, t, path = x_prev.copy(), 1.0, [x_prev]
    for _ in range(steps):
        x = soft(y - alpha * problem.grad(y), alpha * problem.lam)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        y = x + (t - 1) / t_next * (x - x_prev)
        x_prev, t = x, t_next
        path.append(x)
    return np.array(path)


@pytest.mark.parametrize("lam", [0.05, 0.3])
def test_ista_and_fista_are_their_loops_and_reach_sklearns_lasso(lam):
    p = lasso_problem(lam)
    alpha = 1 / np.linalg.eigvalsh(np.array(p.problem.A)).max()
    X, y = lasso_data()
    known = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    for name, loop in (("ista", ista_loop), ("fista", fista_loop)):
        t = run(p, Run(name, getattr(O, name)(alpha), start=(-1.0, 2.0), steps=400))
        assert np.allclose(t.params, loop(p, (-1.0, 2.0), alpha, 400), atol=1e-13, rtol=0), name
        assert np.allclose(t.params[-1], known, atol=1e-8), name
        assert np.allclose(t.loss, [p.value(w) for w in t.params])       # the loss is F = f + λ‖w‖₁
    if lam == 0.3:                   # λ large enough: the second weight is exactly 0, as the lasso's
        assert known[1] == 0 and t.params[-1][1] == 0.0


def test_ista_on_a_constrained_problem_is_projected_gd():
    p = P.Constrained(QUAD, C.L1Ball(1.0))
    a = run(p, Run("a", O.ista(0.1), start=(0.2, 0.1), steps=50))
    b = run(p, Run("b", O.projected_gd(0.1), start=(0.2, 0.1), steps=50))
    assert np.array_equal(a.params, b.params)


@pytest.mark.parametrize("make, said", [
    (lambda: run(QUAD, Run("r", O.ista(0.1), start=(0, 0), steps=3)), "ISTA needs a problem with a non-smooth part"),
    (lambda: run(QUAD, Run("r", O.projected_gd(0.1), start=(0, 0), steps=3)), "needs a problem with a constraint set"),
    (lambda: P.Constrained(P.Constrained(QUAD, C.Ball(1.0)), C.Ball(2.0)), "already has a non-smooth part"),
    (lambda: P.Constrained(QUAD, (0, 1)), "Constrained: constraint must be"),
    (lambda: C.Box(1.0, 0.0), "lower must not exceed upper"),
    (lambda: C.Ball(-1.0), "Ball radius must be a positive number"),
    (lambda: P.Quadratic(((1, 2), (0, 1))), "A must be symmetric"),
    (lambda: O.regularized_newton(damping=0.0, adaptive=True), "adaptive damping needs"),
])
def test_mistakes_are_one_line_errors(make, said):
    with pytest.raises(SceneError) as err:
        make()
    assert said in str(err.value) and "\n" not in str(err.value)


def test_outlines_are_the_sets_slices():
    ball = C.Ball(1.0).outline(0, 1, (0.0, 0.0, 0.6))[0]       # the slice at w₃ = 0.6: radius 0.8
    assert np.allclose(np.hypot(ball[:, 0], ball[:, 1]), 0.8)
    assert C.Ball(1.0).outline(0, 1, (0.0, 0.0, 1.5)) == []
    diamond = C.L1Ball(2.0).outline(0, 1, (0.0, 0.0))[0]
    assert np.allclose(np.abs(diamond).sum(axis=1), 2.0)
    assert C.Simplex(1.0).outline(0, 1, (0.0, 0.0, 0.25))[0].tolist() == [[0.75, 0.0], [0.0, 0.75]]


def levenberg_loop(problem, w0, lam, steps, adaptive=False, lr=1.0):
    w, path = np.array(w0, dtype=float), [np.array(w0, dtype=float)]
    for _ in range(steps):
        g, H = problem.grad(w), problem.hessian(w)
        if adaptive:
            while True:
                d = np.linalg.solve(H + lam * np.eye(len(w)), g)
                if np.all(np.linalg.eigvalsh(H + lam * np.eye(len(w))) > 0) and problem.value(w - d) < problem.value(w):
                    break
                lam *= 10
            lam *= 0.1
        else:
            d = np.linalg.solve(H + lam * np.eye(len(w)), g)
        w = w - lr * d
        path.append(w)
    return np.array(path)


@pytest.mark.parametrize("adaptive", [False, True])
def test_regularized_newton_is_the_hand_written_loop(adaptive):
    p = P.Rosenbrock()
    t = run(p, Run("lm", O.regularized_newton(0.5 if not adaptive else 1.0, damping=10.0, adaptive=adaptive),
                   start=(-1.2, 1.0), steps=60))
    ref = levenberg_loop(p, (-1.2, 1.0), 10.0, len(t.params) - 1, adaptive, lr=0.5 if not adaptive else 1.0)
    assert len(t.params) > 20
    assert np.allclose(t.params, ref, atol=1e-9, rtol=1e-9)
    if adaptive:
        assert np.allclose(t.params[-1], (1.0, 1.0), atol=1e-8)


def test_regularized_newton_with_no_damping_is_newton_and_steps_where_newton_cannot():
    p = P.Rosenbrock()
    a = run(p, Run("a", O.regularized_newton(damping=0.0), start=(-1.2, 1.0), steps=8))
    b = run(p, Run("b", O.newton(1.0), start=(-1.2, 1.0), steps=8))
    assert np.allclose(a.params, b.params, atol=1e-12)
    saddle = P.Saddle()                                  # H indefinite: Newton's step goes to the saddle
    t = run(saddle, Run("lm", O.regularized_newton(damping=3.0), start=(0.5, 0.1), steps=5))
    H = saddle.hessian((0.0, 0.0))
    assert np.all(np.linalg.eigvalsh(H + 3 * np.eye(2)) > 0) and abs(t.params[-1][1]) > 0.1
