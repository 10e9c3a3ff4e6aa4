"""torch.optim.LBFGS's strong Wolfe line search (``line_search_fn="strong_wolfe"``, torch/optim/lbfgs.py's
``_strong_wolfe``, after Schmidt's minFunc), transcribed into numpy: the bracketing phase extrapolates by
cubic interpolation within [t + 0.01(t − t₋), 10t] instead of doubling, and the zoom takes the cubic's
minimiser (kept a tenth of the bracket away from its ends) instead of bisecting; it stops after
``max_ls`` evaluations or when the bracket is shorter than ``tolerance_change``/max|Δx|, returning the
bracket's lower end. Nocedal & Wright's Algorithms 3.5/3.6 with bisection are ``scale_by_wolfe``
(gdanim.declare.line_search). Re-exported by gdanim.optimizers through ``line_search="strong_wolfe"``.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from gdanim.declare.line_search import descent_slope
from gdanim.declare.transforms import Transform


class StrongWolfeState(NamedTuple):
    count: int
    step_size: float                  # the accepted t, recorded as the step's size
    evaluations: int                  # loss-and-gradient evaluations this step's search made


def first_trial(t0: float, g, count: int, scaled: bool) -> float:
    """torch.optim.LBFGS's first step: min(1, 1/‖∇f₀‖₁)·t0 on the first iteration (``scaled``), else t0.

    >>> first_trial(1.0, np.array([3.0, -1.0]), 0, True), first_trial(1.0, np.array([3.0, -1.0]), 1, True)
    (0.25, 1.0)
    """
    if scaled and count == 0:
        return min(1.0, 1.0 / float(np.abs(g).sum())) * t0
    return t0


def cubic_minimum(x1, f1, g1, x2, f2, g2, bounds=None) -> float:
    """The minimiser of the cubic through (x1, f1, slope g1) and (x2, f2, g2), clipped to ``bounds``
    (default: [x1, x2] in order); the bounds' middle where the cubic has none (torch's ``_cubic_interpolate``)."""
    lo, hi = bounds if bounds is not None else ((x1, x2) if x1 <= x2 else (x2, x1))
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 ** 2 - g1 * g2
    if d2_square >= 0:
        d2 = math.sqrt(d2_square)
        if x1 <= x2:
            at = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            at = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(at, lo), hi)
    return (lo + hi) / 2.0


def torch_wolfe_step(phi, dphi, f, gtd, t, d_norm, c1, c2, tolerance_change, max_ls) -> tuple[float, int]:
    """torch's ``_strong_wolfe`` on φ(t) (``phi``) and φ'(t) (``dphi``), φ(0) = f, φ'(0) = gtd:
    (t, evaluations), line for line."""
    f_new, gtd_new, evals = phi(t), dphi(t), 1
    t_prev, f_prev, gtd_prev = 0, f, gtd
    done, ls_iter = False, 0
    while ls_iter < max_ls:                                 # bracketing
        if f_new > f + c1 * t * gtd or (ls_iter > 1 and f_new >= f_prev):
            bracket, bf, bg = [t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bf, bg, done = [t], [f_new], [gtd_new], True
            break
        if gtd_new >= 0:
            bracket, bf, bg = [t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]
            break
        low, high, previous = t + 0.01 * (t - t_prev), t * 10, t
        t = cubic_minimum(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(low, high))
        t_prev, f_prev, gtd_prev = previous, f_new, gtd_new
        f_new, gtd_new, evals, ls_iter = phi(t), dphi(t), evals + 1, ls_iter + 1
    if ls_iter == max_ls:
        bracket, bf, bg = [0, t], [f, f_new], [gtd, gtd_new]
    insufficient = False
    lo, hi = (0, 1) if bf[0] <= bf[-1] else (1, 0)
    while not done and ls_iter < max_ls:                    # zoom
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = cubic_minimum(bracket[0], bf[0], bg[0], bracket[1], bf[1], bg[1])
        top, bottom = max(bracket), min(bracket)
        eps = 0.1 * (top - bottom)
        if min(top - t, t - bottom) < eps:                 # too near an end: move it in, or try once more
            if insufficient or t >= top or t <= bottom:
                t = top - eps if abs(t - top) < abs(t - bottom) else bottom + eps
                insufficient = False
            else:
                insufficient = True
        else:
            insufficient = False
        f_new, gtd_new, evals, ls_iter = phi(t), dphi(t), evals + 1, ls_iter + 1
        if f_new > f + c1 * t * gtd or f_new >= bf[lo]:
            bracket[hi], bf[hi], bg[hi] = t, f_new, gtd_new
            lo, hi = (0, 1) if bf[0] <= bf[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[hi] - bracket[lo]) >= 0:
                bracket[hi], bf[hi], bg[hi] = bracket[lo], bf[lo], bg[lo]
            bracket[lo], bf[lo], bg[lo] = t, f_new, gtd_new
    return bracket[lo], evals


TOLERANCE_GRAD, TOLERANCE_CHANGE = 1e-7, 1e-9      # torch.optim.LBFGS's defaults


def torch_stands(g, d) -> int:
    """Where torch's LBFGS takes no step: 0 (it steps), 1 where ∇fᵀΔx > −tolerance_change (counted
    as an iteration), 2 where max|∇f| ≤ tolerance_grad (it returns before counting one)."""
    if float(np.abs(g).max()) <= TOLERANCE_GRAD:
        return 2
    return int(float(np.ravel(g) @ np.ravel(d)) > -TOLERANCE_CHANGE)


def scale_by_strong_wolfe(c1: float, c2: float, t0: float, torch: bool = False, max_ls: int = 25) -> Transform:
    """A step along Δx = −u by torch's strong Wolfe search (``torch_wolfe_step``, at most ``max_ls``
    evaluations), its first trial t0. ``torch``: torch.optim.LBFGS's conventions around it, the first
    step's trial min(1, 1/‖∇f₀‖₁)·t0, and no step where ``torch_stands``."""

    def init(params):
        return StrongWolfeState(0, math.nan, 0)

    def update(updates, state, params, *, value_fn, grad_fn, **extra):
        g, d = grad_fn(params), -np.asarray(updates, dtype=float)
        t = first_trial(t0, g, state.count, torch)
        stands = torch_stands(g, d) if torch else 0
        if stands:
            return d * 0.0, StrongWolfeState(state.count + (stands == 1), 0.0, 0)
        d, slope = descent_slope(updates, params, grad_fn)
        if slope == 0:
            return d * 0.0, StrongWolfeState(state.count + 1, t, 0)
        t, n = torch_wolfe_step(lambda s: float(value_fn(params + s * d)),
                                lambda s: float(np.ravel(grad_fn(params + s * d)) @ np.ravel(d)),
                                float(value_fn(params)), slope, t, float(np.abs(d).max()), c1, c2,
                                TOLERANCE_CHANGE, max_ls)
        return t * d, StrongWolfeState(state.count + 1, float(t), n)

    return Transform(init, update)


def scale_by_fixed_step(schedule, torch: bool = False) -> Transform:
    """No line search: the step αₜΔx along Δx = −u (torch's LBFGS with ``line_search_fn=None``; with
    ``torch``, its first step min(1, 1/‖∇f₀‖₁)·α and no step where ``torch_stands``); the length
    taken is the state's step_size."""

    def init(params):
        return StrongWolfeState(0, math.nan, 0)

    def update(updates, state, params, *, grad_fn, **extra):
        g, d = grad_fn(params), -np.asarray(updates, dtype=float)
        t = first_trial(schedule(state.count + 1), g, state.count, torch)
        stands = torch_stands(g, d) if torch else 0
        if stands:
            return d * 0.0, StrongWolfeState(state.count + (stands == 1), 0.0, 0)
        return t * d, StrongWolfeState(state.count + 1, float(t), 0)

    return Transform(init, update)
