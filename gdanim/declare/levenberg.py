"""Levenberg's regularised Newton step, (H + λI)⁻¹g: Newton's where λ is small, a gradient step of
length 1/λ where it is large, defined where H is singular or indefinite as long as H + λI is positive
definite. Re-exported by gdanim.optimizers.

>>> tx = scale_by_levenberg(1.0, False, 10.0, 0.1, 50)
>>> u, _ = tx.update(np.array([2.0]), tx.init(np.zeros(1)), np.zeros(1), hessian_fn=lambda w: np.array([[3.0]]))
>>> u.tolist()                                      # (3 + 1)⁻¹·2
[0.5]
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.transforms import Optimizer, Transform, UndefinedStep, chain, optimizer, scale_by_learning_rate


class LevenbergState(NamedTuple):
    damping: float                    # the λ the step was taken with


def solve_damped(hessian, g, lam: float) -> np.ndarray:
    """(H + λI)⁻¹g by Cholesky: raises UndefinedStep where H + λI is not positive definite."""
    m = np.atleast_2d(hessian) + lam * np.eye(np.size(g))
    if not np.all(np.isfinite(m)):
        raise UndefinedStep("the Hessian is not finite here, so the regularised Newton step is undefined")
    try:
        low = np.linalg.cholesky(m)
    except np.linalg.LinAlgError:
        raise UndefinedStep(f"H + λI is not positive definite here (λ = {lam:.4g}): raise the damping") from None
    return np.linalg.solve(low.T, np.linalg.solve(low, g))


def scale_by_levenberg(damping: float, adaptive: bool, up: float, down: float, max_tries: int) -> Transform:
    """u ← (H + λI)⁻¹g. ``adaptive`` (Levenberg 1944; Marquardt 1963's rule of ×up, ×down): the step
    −(H + λI)⁻¹g is tried, and λ raised ×``up`` until H + λI is positive definite and the step
    lowers the loss, at most ``max_tries`` times; after a step λ is lowered ×``down`` for the next."""

    def init(params):
        return LevenbergState(damping)

    def update(updates, state, params, *, hessian_fn, value_fn=None, **extra):
        lam, hessian = state.damping, hessian_fn(params)
        if not adaptive:
            return solve_damped(hessian, updates, lam), state
        f0 = float(value_fn(params))
        for _ in range(max_tries):
            try:
                u = solve_damped(hessian, updates, lam)
                if float(value_fn(params - u)) < f0:
                    return u, LevenbergState(lam * down)
            except UndefinedStep:
                pass
            lam *= up
        raise UndefinedStep(f"no λ up to {lam / up:.3g} gave a step that lowers the loss ({max_tries} tries)")

    return Transform(init, update)


def regularized_newton(lr=1.0, damping: float = 1.0, adaptive: bool = False, up: float = 10.0,
                       down: float = 0.1, max_tries: int = 30) -> Optimizer:
    """Levenberg-style regularised Newton: w ← w − αₜ(H + λI)⁻¹∇f(w), λ = ``damping`` fixed, or,
    with ``adaptive``, raised ×``up`` until the full step lowers the loss and lowered ×``down`` after
    each step (see scale_by_levenberg; the step tested is the one with α = 1)."""
    damping = checks.positive_number(damping, "damping", allow_zero=True)
    checks.instance(adaptive, "adaptive", bool, "True or False")
    up = checks.positive_number(up, "up")
    down = checks.positive_number(down, "down")
    if adaptive and not (up > 1 and down < 1 and damping > 0):
        raise SceneError(f"adaptive damping needs up > 1, down < 1 and damping > 0, got up {up:g}, down {down:g}, "
                         f"damping {damping:g}")
    max_tries = checks.count(max_tries, "max_tries", 1, 1000)
    return optimizer("regularised Newton", lr, lambda s, damping, adaptive, up, down, max_tries: chain(
        scale_by_levenberg(damping, adaptive, up, down, max_tries), scale_by_learning_rate(s)),
        damping=damping, adaptive=adaptive, up=up, down=down, max_tries=max_tries)
