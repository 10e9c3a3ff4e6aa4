"""Line searches (Boyd & Vandenberghe, Convex Optimization, §9.2–9.3), as transforms that end a chain:
they take the updates handed to them as ``u``, search along the descent direction Δx = −u (−∇f
for gradient descent, −H⁻¹∇f after ``scale_by_newton``) and return tΔx. The accepted t is kept in
the state as ``step_size``, which the runner records as the step's ``lr`` (``Trajectory.lr``), so
a panel can draw it. The optimizers here have no learning rate. Re-exported by gdanim.optimizers.

The loss along the line is ``value_fn`` and the slope ∇f(x)ᵀΔx takes ``grad_fn``, both on this
step's minibatch in a minibatch run (a stochastic line search: the batch's values with the batch's
gradient, never the full data's values with a batch's slope); otherwise both on all the data.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.transforms import Optimizer, Transform, UndefinedStep, chain, optimizer, scale_by_newton

class LineSearchState(NamedTuple):
    step_size: float
    evaluations: int                  # loss evaluations this step's search made


def descent_slope(updates, params, grad_fn) -> tuple[np.ndarray, float]:
    """Δx = −u and ∇f(x)ᵀΔx, which must be negative (a descent direction)."""
    d = -np.asarray(updates, dtype=float)
    slope = float(np.dot(np.ravel(grad_fn(params)), np.ravel(d)))
    if not slope < 0:
        if slope == 0 and not np.any(d):
            return d, 0.0
        raise UndefinedStep(f"the direction is not a descent direction (∇fᵀΔx = {slope:.4g}), so no step "
                            f"size makes the loss go down")
    return d, slope


def scale_by_backtracking(alpha: float, beta: float, t0: float, max_backtracks: int) -> Transform:
    """Backtracking line search, Boyd & Vandenberghe Algorithm 9.2: t := t0; while
    f(x + tΔx) > f(x) + αt∇f(x)ᵀΔx, t := βt. The update is tΔx. A loss that is not finite at
    x + tΔx (outside the function's domain) counts as too high, as Boyd's footnote asks."""

    def init(params):
        return LineSearchState(math.nan, 0)

    def update(updates, state, params, *, value_fn, grad_fn, **extra):
        d, slope = descent_slope(updates, params, grad_fn)
        if slope == 0:                      # Δx = 0, at a minimum: t0 passes the first test
            return d * 0.0, LineSearchState(t0, 1)
        f0 = float(value_fn(params))
        t, k = t0, 0
        while not float(value_fn(params + t * d)) <= f0 + alpha * t * slope:
            if k == max_backtracks:
                raise UndefinedStep(f"backtracking found no step with enough decrease in {max_backtracks} "
                                    f"steps of β (t = {t:.3g})")
            t, k = beta * t, k + 1
        return t * d, LineSearchState(t, k + 1)

    return Transform(init, update)


def exact_step(phi, dphi, t0: float, tol: float) -> tuple[float, int]:
    """argmin over t ≥ 0 of phi(t) (phi(0) the loss now, dphi its slope): a bracket by doubling from t0
    (or halving, when phi(t0) ≥ phi(0)) until the loss goes up again, then bisection on the slope's
    sign inside it to |hi − lo| ≤ tol·(1 + hi): the root of dphi, where values alone would stop at
    about √ε of the loss's scale."""
    f0 = phi(0.0)
    lo, mid, n = 0.0, t0, 1
    fmid = phi(mid)
    while not fmid < f0 and n < 200:            # too far: come back towards 0
        mid, n = mid / 2, n + 1
        fmid = phi(mid)
    hi = 2 * mid
    fhi = phi(hi)
    n += 1
    while fhi < fmid and n < 400:               # still going down: go further
        lo, mid, fmid, hi = mid, hi, fhi, 2 * hi
        fhi, n = phi(hi), n + 1
    while hi - lo > tol * (1 + hi) and n < 600:
        m = 0.5 * (lo + hi)
        if dphi(m) < 0:
            lo = m
        else:
            hi = m
        n += 1
    return 0.5 * (lo + hi), n


def scale_by_exact_line_search(t0: float, tol: float) -> Transform:
    """Exact line search (Boyd & Vandenberghe §9.2): t = argmin_{s ≥ 0} f(x + sΔx). On a quadratic
    (the problem says so) in closed form, t = −∇f(x)ᵀΔx / (Δxᵀ∇²f Δx); otherwise by a 1-D search
    (bracketing from t0, then bisection on the slope ∇f(x + tΔx)ᵀΔx to a relative tol)."""

    def init(params):
        return LineSearchState(math.nan, 0)

    def update(updates, state, params, *, value_fn, grad_fn, hessian_fn, quadratic=False, **extra):
        d, slope = descent_slope(updates, params, grad_fn)
        if slope == 0:
            return d * 0.0, LineSearchState(0.0, 0)
        if quadratic:
            curvature = float(d @ np.atleast_2d(hessian_fn(params)) @ d)
            if not curvature > 0:
                raise UndefinedStep("the loss has no minimum along this direction (its curvature there is "
                                    f"{curvature:.4g})")
            t = -slope / curvature
            return t * d, LineSearchState(t, 0)

        def phi(s):
            v = float(value_fn(params + s * d))
            return v if np.isfinite(v) else math.inf
        t, n = exact_step(phi, lambda s: float(np.ravel(grad_fn(params + s * d)) @ np.ravel(d)), t0, tol)
        return t * d, LineSearchState(t, n)

    return Transform(init, update)


DIRECTIONS = ("gradient", "newton")


def direction_first(direction: str):
    checks.choice(direction, "direction", DIRECTIONS)
    return (scale_by_newton(),) if direction == "newton" else ()


def backtracking(alpha: float = 0.3, beta: float = 0.8, t0: float = 1.0, direction: str = "gradient",
                 max_backtracks: int = 100) -> Optimizer:
    """Gradient descent (Boyd Algorithm 9.3, Δx = −∇f) or Newton's method (Algorithm 9.5,
    Δx = −∇²f⁻¹∇f) with backtracking line search (Algorithm 9.2): t := t0, then t := βt until
    f(x + tΔx) ≤ f(x) + αt∇f(x)ᵀΔx; x := x + tΔx. α ∈ (0, ½), β ∈ (0, 1). No learning rate: the
    accepted t of each step is the trajectory's ``lr``."""
    alpha = checks.positive_number(alpha, "backtracking alpha")
    if alpha >= 0.5:
        raise SceneError(f"backtracking alpha must be in (0, 0.5), as Boyd's Algorithm 9.2 asks, got {alpha!r}")
    beta = checks.positive_number(beta, "backtracking beta")
    if beta >= 1:
        raise SceneError(f"backtracking beta must be in (0, 1), got {beta!r}")
    t0 = checks.positive_number(t0, "backtracking t0")
    checks.choice(direction, "direction", DIRECTIONS)
    max_backtracks = checks.count(max_backtracks, "max_backtracks", 1, 10_000)
    name = "Newton, backtracking" if direction == "newton" else "GD, backtracking"
    return optimizer(name, None, lambda alpha, beta, t0, direction, max_backtracks: chain(
        *direction_first(direction), scale_by_backtracking(alpha, beta, t0, max_backtracks)),
        alpha=alpha, beta=beta, t0=t0, direction=direction, max_backtracks=max_backtracks)


def exact_line_search(direction: str = "gradient", t0: float = 1.0, tol: float = 1e-12) -> Optimizer:
    """Steepest descent (or Newton's direction) with exact line search: x := x + tΔx,
    t = argmin_{s ≥ 0} f(x + sΔx), in closed form on a quadratic problem, else by a 1-D search.
    No learning rate: the trajectory's ``lr`` is each step's t."""
    checks.choice(direction, "direction", DIRECTIONS)
    t0 = checks.positive_number(t0, "t0")
    tol = checks.positive_number(tol, "tol")
    name = "Newton, exact line search" if direction == "newton" else "GD, exact line search"
    return optimizer(name, None, lambda direction, t0, tol: chain(*direction_first(direction),
                                                                  scale_by_exact_line_search(t0, tol)),
                     direction=direction, t0=t0, tol=tol)


def scale_by_wolfe(c1: float, c2: float, t0: float, max_iterations: int = 60) -> Transform:
    """A step satisfying the strong Wolfe conditions, f(x + tΔx) ≤ f(x) + c₁t∇fᵀΔx and
    |∇f(x + tΔx)ᵀΔx| ≤ c₂|∇fᵀΔx|, by Nocedal & Wright's Algorithm 3.5 (t doubles from t0 until a bracket
    is found) and 3.6 (zoom, here with bisection as its interpolation)."""

    def init(params):
        return LineSearchState(math.nan, 0)

    def update(updates, state, params, *, value_fn, grad_fn, **extra):
        d, slope = descent_slope(updates, params, grad_fn)
        if slope == 0:
            return d * 0.0, LineSearchState(t0, 1)
        f0 = float(value_fn(params))
        try:
            t, n = wolfe_step(lambda s: float(value_fn(params + s * d)),
                              lambda s: float(np.ravel(grad_fn(params + s * d)) @ np.ravel(d)),
                              f0, slope, c1, c2, t0, max_iterations)
        except UndefinedStep as why:
            floor = " (the loss is flat to machine precision along it: a minimum, as far as floats tell)" \
                if -slope * float(np.linalg.norm(d)) <= 1e-12 * max(abs(f0), 1e-300) else ""
            raise UndefinedStep(f"{why}{floor}") from None
        return t * d, LineSearchState(t, n)

    return Transform(init, update)


def wolfe_step(phi, dphi, f0, slope, c1, c2, t0, max_iterations) -> tuple[float, int]:
    """Nocedal & Wright Algorithm 3.5 with 3.6's zoom: (t, loss evaluations)."""
    n = 0

    def zoom(lo, hi, f_lo):
        nonlocal n
        for _ in range(max_iterations):
            t = 0.5 * (lo + hi)
            f, n = phi(t), n + 1
            if not f <= f0 + c1 * t * slope or f >= f_lo:
                hi = t
            else:
                g = dphi(t)
                if abs(g) <= -c2 * slope:
                    return t
                if g * (hi - lo) >= 0:
                    hi = lo
                lo, f_lo = t, f
        if lo > 0:
            return lo                   # the best point found: it has sufficient decrease
        raise UndefinedStep(f"the Wolfe line search found no step in {max_iterations} bisections")

    prev, f_prev, t = 0.0, f0, t0
    for i in range(max_iterations):
        f, n = phi(t), n + 1
        if not f <= f0 + c1 * t * slope or (i > 0 and f >= f_prev):
            return zoom(prev, t, f_prev), n
        g = dphi(t)
        if abs(g) <= -c2 * slope:
            return t, n
        if g >= 0:
            return zoom(t, prev, f), n
        prev, f_prev, t = t, f, 2 * t
    raise UndefinedStep(f"the Wolfe line search found no bracket in {max_iterations} doublings")
