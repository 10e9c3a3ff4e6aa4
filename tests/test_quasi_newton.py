"""Conjugate gradients, BFGS and L-BFGS against transcriptions of Nocedal & Wright, Numerical
Optimization (2nd ed.): Algorithm 5.2 (linear CG), 5.4 with (5.41a), (5.45) and the restart
test (5.52) (nonlinear CG), 6.1 with (6.17) and (6.20) (BFGS), 7.4 and 7.5 (L-BFGS), each with
the line search of Algorithm 3.1 (backtracking) or 3.5/3.6 (strong Wolfe, bisection in zoom)."""
import numpy as np
import pytest

from gdanim import Run, optimizers as O, problems as P
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError


from test_line_search import PROBLEMS  # noqa: E402  (the same three problems, Boyd's (9.20) among them)


def backtrack(f, g, x, p, c1=1e-4, rho=0.5):             # Algorithm 3.1, ᾱ = 1
    a = 1.0
    while not f(x + a * p) <= f(x) + c1 * a * g(x) @ p:
        a *= rho
    return a


def wolfe(f, g, x, p, c1=1e-4, c2=0.9):                  # Algorithms 3.5 and 3.6
    phi = lambda a: f(x + a * p)                        # noqa: E731
    dphi = lambda a: g(x + a * p) @ p                   # noqa: E731
    phi0, dphi0 = phi(0.0), dphi(0.0)

    def zoom(lo, hi):
        for _ in range(60):
            a = (lo + hi) / 2
            if phi(a) > phi0 + c1 * a * dphi0 or phi(a) >= phi(lo):
                hi = a
            else:
                d = dphi(a)
                if abs(d) <= -c2 * dphi0:
                    return a
                if d * (hi - lo) >= 0:
                    hi = lo
                lo = a
        return lo

    prev, a = 0.0, 1.0
    for i in range(60):
        if phi(a) > phi0 + c1 * a * dphi0 or (i > 0 and phi(a) >= phi(prev)):
            return zoom(prev, a)
        d = dphi(a)
        if abs(d) <= -c2 * dphi0:
            return a
        if d >= 0:
            return zoom(a, prev)
        prev, a = a, 2 * a


def nw_cg(problem, x0, steps, rule, search, nu=0.1):
    f, g = problem.value, problem.grad
    x = np.array(x0, dtype=float)
    gx = g(x)
    p = -gx
    path, since = [x], 1
    for _ in range(steps):
        a = search(f, g, x, p)
        x = x + a * p
        g_new = g(x)
        path.append(x)
        restart = since >= len(x) or abs(g_new @ gx) >= nu * (g_new @ g_new)
        beta = 0.0 if restart else (g_new @ g_new) / (gx @ gx) if rule == "FR" else \
            max(0.0, g_new @ (g_new - gx) / (gx @ gx))
        p_new = -g_new + beta * p
        if beta and not g_new @ p_new < 0:
            p_new, beta = -g_new, 0.0
        since = 1 if beta == 0 else since + 1
        p, gx = p_new, g_new
    return np.array(path)


def nw_bfgs(problem, x0, steps, search):
    f, g = problem.value, problem.grad
    x = np.array(x0, dtype=float)
    H, I = np.eye(len(x)), np.eye(len(x))
    path = [x]
    for k in range(steps):
        gx = g(x)
        p = -H @ gx
        a = search(f, g, x, p)
        x_new = x + a * p
        s, y = x_new - x, g(x_new) - gx
        if y @ s > 0:
            if k == 0:
                H = (y @ s) / (y @ y) * I                       # (6.20)
            r = 1 / (y @ s)
            H = (I - r * np.outer(s, y)) @ H @ (I - r * np.outer(y, s)) + r * np.outer(s, s)   # (6.17)
        x = x_new
        path.append(x)
    return np.array(path)


def nw_lbfgs(problem, x0, steps, m, search):
    f, g = problem.value, problem.grad
    x = np.array(x0, dtype=float)
    S, Y, path = [], [], [x]
    for _ in range(steps):
        gx = g(x)
        q, al = gx.copy(), {}
        rho = [1 / (Y[i] @ S[i]) for i in range(len(S))]        # ρᵢ = 1/yᵢᵀsᵢ, as 7.4 writes it
        for i in reversed(range(len(S))):                       # Algorithm 7.4
            al[i] = rho[i] * (S[i] @ q)
            q = q - al[i] * Y[i]
        r = ((S[-1] @ Y[-1]) / (Y[-1] @ Y[-1]) if S else 1.0) * q
        for i in range(len(S)):
            b = rho[i] * (Y[i] @ r)
            r = r + S[i] * (al[i] - b)
        p = -r
        a = search(f, g, x, p)
        x_new = x + a * p
        s, y = x_new - x, g(x_new) - gx
        if y @ s > 0:
            S, Y = (S + [s])[-m:], (Y + [y])[-m:]
        x = x_new
        path.append(x)
    return np.array(path)


@pytest.mark.parametrize("n", [2, 5])
def test_linear_cg_reaches_the_minimum_of_an_n_dimensional_quadratic_in_n_steps(n):
    rng = np.random.RandomState(n)
    Q, _ = np.linalg.qr(rng.randn(n, n))
    H = Q @ np.diag(np.logspace(0, 2, n)) @ Q.T
    problem = P.QuadraticForm(tuple(map(tuple, H)))
    start = rng.randn(n) * 3
    t = run(problem, Run("cg", O.linear_cg(), start=start, steps=n))
    A = np.array(problem.H) * 2                                 # ∇²(wᵀHw); the minimum is 0
    x, r = start.copy(), A @ start                              # Algorithm 5.2, by its recurrences
    p = -r
    for k in range(1, n + 1):
        alpha = (r @ r) / (p @ A @ p)
        x = x + alpha * p
        r_new = r + alpha * A @ p
        p = -r_new + (r_new @ r_new) / (r @ r) * p
        r = r_new
        np.testing.assert_allclose(t.params[k], x, atol=1e-10 * np.abs(start).max())
        assert t.lr[k] == pytest.approx(alpha, rel=1e-8)
    np.testing.assert_allclose(t.params[n], np.zeros(n), atol=1e-10 * np.abs(start).max())
    assert t.loss[n] < 1e-18 * t.loss[0]


def test_linear_cg_refuses_a_problem_that_is_not_quadratic():
    with pytest.raises(SceneError, match=r"step 1: linear_cg needs a quadratic problem"):
        run(P.Rosenbrock(), Run("cg", O.linear_cg(), start=(0, 0), steps=3))


SEARCHES = {"backtracking": backtrack, "wolfe": wolfe}


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("rule", ["FR", "PR+"])
@pytest.mark.parametrize("line_search", SEARCHES)
def test_nonlinear_cg_is_nocedal_and_wright_algorithm_5_4(problem_name, rule, line_search):
    problem, start = PROBLEMS[problem_name]
    c2 = 0.1
    search = (lambda f, g, x, p: wolfe(f, g, x, p, c2=c2)) if line_search == "wolfe" else backtrack
    t = run(problem, Run("cg", O.nonlinear_cg(rule, line_search=line_search, c2=c2), start=start, steps=15))
    np.testing.assert_allclose(t.params, nw_cg(problem, start, t.steps, rule, search), rtol=1e-12, atol=1e-12)
    assert t.steps >= 10


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("line_search", SEARCHES)
def test_bfgs_is_nocedal_and_wright_algorithm_6_1(problem_name, line_search):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("bfgs", O.bfgs(line_search=line_search), start=start, steps=20))
    np.testing.assert_allclose(t.params, nw_bfgs(problem, start, t.steps, SEARCHES[line_search]),
                               rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("memory", [1, 3])
def test_lbfgs_is_nocedal_and_wright_algorithm_7_5_with_the_two_loop_recursion(problem_name, memory):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("l", O.lbfgs(memory), start=start, steps=25))
    np.testing.assert_allclose(t.params, nw_lbfgs(problem, start, t.steps, memory, wolfe), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("problem_name", PROBLEMS)
def test_lbfgs_without_a_line_search_is_algorithm_7_5_with_a_fixed_step(problem_name):
    """line_search=None (torch's line_search_fn=None, in N&W's form: the first step of lr too, every
    pair with yᵀs > 0 kept): x ← x + αp."""
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("l", O.lbfgs(4, line_search=None, lr=0.2), start=start, steps=25))
    assert t.stop == "budget"
    np.testing.assert_allclose(t.params, nw_lbfgs(problem, start, 25, 4, lambda f, g, x, p: 0.2), rtol=1e-10, atol=1e-10)
    assert np.all(t.lr[1:] == 0.2)


def test_the_two_loop_recursion_is_the_bfgs_update_of_gamma_i():
    rng = np.random.RandomState(0)
    A = rng.randn(4, 4)
    A = A @ A.T + np.eye(4)
    S = [rng.randn(4) for _ in range(3)]
    Y = [A @ s for s in S]
    g = rng.randn(4)
    H = (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1]) * np.eye(4)
    for s, y in zip(S, Y):
        r = 1 / (y @ s)
        L = np.eye(4) - r * np.outer(s, y)
        H = L @ H @ L.T + r * np.outer(s, s)
    np.testing.assert_allclose(O.two_loop(g, S, Y), H @ g, rtol=1e-12)


@pytest.mark.parametrize("make", [lambda: O.bfgs(line_search="exact"), lambda: O.lbfgs(10, line_search="exact"),
                                  lambda: O.nonlinear_cg("FR", line_search="exact")])
def test_with_exact_line_searches_they_finish_a_quadratic_in_n_steps(make):
    """With exact line searches on a quadratic, nonlinear CG is linear CG and BFGS's directions are
    conjugate (Nocedal & Wright §5.2 and §6.1's discussion of quadratic termination): n steps, n = 3."""
    H = ((3.0, 0.5, 0.0), (0.5, 1.0, 0.2), (0.0, 0.2, 0.3))
    t = run(P.QuadraticForm(H), Run("q", make(), start=(1.0, -2.0, 3.0), steps=3))
    np.testing.assert_allclose(t.params[3], 0, atol=1e-7)


def test_bfgs_and_lbfgs_reach_rosenbrocks_minimum():
    for opt in (O.bfgs(), O.lbfgs(5), O.nonlinear_cg()):
        t = run(P.Rosenbrock(), Run("r", opt, start=(-1.2, 1.0), steps=60))
        np.testing.assert_allclose(t.params[-1], (1, 1), atol=1e-6)
        assert opt.lr is None and np.all(np.isfinite(t.lr[1:]))


@pytest.mark.parametrize("make, said", [
    (lambda: O.nonlinear_cg("HS"), r"unknown CG rule 'HS'"),
    (lambda: O.nonlinear_cg(restart=-1), r"restart must be at least 0, got -1"),
    (lambda: O.bfgs(line_search="armijo"), r"unknown line_search 'armijo'"),
    (lambda: O.bfgs(c1=0.6), r"c1 \(sufficient decrease\) must be in \(0, 0\.5\), got 0\.6"),
    (lambda: O.bfgs(c2=1e-5), r"c2 \(curvature\) must be in \(c1, 1\) = \(0\.0001, 1\), got 1e-05"),
    (lambda: O.lbfgs(memory=0), r"memory must be at least 1, got 0"),
    (lambda: O.bfgs(scale_initial="yes"), r"scale_initial must be True or False"),
    (lambda: O.lbfgs(rho=1.5), r"rho \(backtracking\) must be in \(0, 1\), got 1\.5"),
    (lambda: O.lbfgs(line_search=None), r"^lbfgs\(line_search=None\) takes a fixed step: give it lr=$"),
    (lambda: O.lbfgs(lr=0.1), r"^lbfgs: lr is the fixed step of line_search=None; the line search 'wolfe' finds its own"),
    (lambda: O.lbfgs(form="torch"), r"^lbfgs\(form='torch'\) is torch.optim.LBFGS's, whose line searches are None and "
                                    r"'strong_wolfe', not 'wolfe'$"),
    (lambda: O.lbfgs(form="scipy"), r"^unknown L-BFGS form 'scipy' \(valid: nw, torch\)$"),
])
def test_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()
