"""Projected and proximal gradient methods, as transforms that end a chain: ``project`` maps the
step's end point onto a set, ``proximal`` applies the proximal map of the problem's non-smooth part
(soft-thresholding by αₜλ for ``L1Regularized``, the projection for ``Constrained``). The set and
λ are the problem's (``constraint``, ``l1``, handed by the runner); ``project(set)`` takes a set of
its own. Re-exported by gdanim.optimizers.

>>> from gdanim.declare.constraints import Ball
>>> tx = project(Ball(5.0))
>>> tx.update(np.array([6.0, 8.0]), tx.init(np.zeros(2)), np.zeros(2))[0].tolist()
[3.0, 4.0]
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.declare.constraints import Constraint, soft_threshold
from gdanim.core.errors import SceneError
from gdanim.declare.transforms import (CountState, EmptyState, Optimizer, Transform, chain, optimizer,
                                       scale_by_learning_rate)


class FistaState(NamedTuple):
    count: int
    momentum: float                 # tₖ of Beck & Teboulle
    lookahead: np.ndarray           # yₖ, where the next gradient is taken


NO_SET = ("needs a problem with a constraint set (problems.Constrained(problem, constraints.Ball(1.0)), "
          "say)")
NO_TERM = ("needs a problem with a non-smooth part: problems.L1Regularized(problem, lam) or "
           "problems.Constrained(problem, a set)")


def the_set(own, given, who: str) -> Constraint:
    found = own if own is not None else given
    if found is None:
        raise SceneError(f"{who} {NO_SET}")
    return found


def project(constraint: Constraint | None = None) -> Transform:
    """u ← P_C(w + u) − w: the step's end point projected onto C, the problem's set unless one is
    given (so that w + u is in C: projected gradient descent after any optimizer)."""
    own = constraint
    if own is not None:
        checks.instance(own, "project: constraint", Constraint, "a set such as constraints.Ball(1.0)")

    def update(updates, state, params, *, constraint=None, **extra):
        return the_set(own, constraint, "a projection").project(params + updates) - params, state

    return Transform(lambda params: EmptyState(), update)


def prox(v, step: float, constraint, l1: float, who: str) -> np.ndarray:
    """prox of step·r at v, r the problem's non-smooth part: soft-thresholding by step·λ, or the
    projection onto its set (the prox of the set's indicator, whatever the step)."""
    if constraint is not None:
        return constraint.project(v)
    if l1 > 0:
        return soft_threshold(v, step * l1)
    raise SceneError(f"{who} {NO_TERM}")


def proximal(schedule) -> Transform:
    """u ← prox_{αₜr}(w + u) − w, with αₜ the schedule's rate at step t (counted from 1): after
    ``scale_by_learning_rate`` (u = −αₜ∇f), the proximal gradient step (ISTA)."""

    def update(updates, state, params, *, constraint=None, l1=0.0, **extra):
        t = state.count + 1
        return prox(params + updates, schedule(t), constraint, l1, "ISTA") - params, CountState(t)

    return Transform(lambda params: CountState(0), update)


def fista_step(schedule) -> Transform:
    """FISTA (Beck & Teboulle 2009, §4, constant step αₜ in place of 1/L): xₖ = prox_{αr}(yₖ − α∇f(yₖ)),
    tₖ₊₁ = (1 + √(1 + 4tₖ²))/2, yₖ₊₁ = xₖ + ((tₖ − 1)/tₖ₊₁)(xₖ − xₖ₋₁); y₁ = x₀, t₁ = 1. It takes its
    gradient itself, at yₖ (``grad_fn``), so it starts a chain."""

    def init(params):
        return FistaState(0, 1.0, np.array(params, dtype=float))

    def update(updates, state, params, *, grad_fn, constraint=None, l1=0.0, **extra):
        k = state.count + 1
        alpha = schedule(k)
        y = state.lookahead
        x = prox(y - alpha * np.asarray(grad_fn(y), dtype=float), alpha, constraint, l1, "FISTA")
        t_next = (1 + math.sqrt(1 + 4 * state.momentum ** 2)) / 2
        return x - params, FistaState(k, t_next, x + ((state.momentum - 1) / t_next) * (x - params))

    return Transform(init, update)


def projected_gd(lr) -> Optimizer:
    """Projected gradient descent: w ← P_C(w − αₜ∇f(w)), C the problem's constraint set."""
    return optimizer("projected GD", lr, lambda s: chain(scale_by_learning_rate(s), project()))


def projected(opt: Optimizer, constraint: Constraint | None = None) -> Optimizer:
    """``opt``'s step, then its end point projected onto C (the problem's set, or ``constraint``):
    w ← P_C(w + u), u what ``opt`` would step."""
    checks.instance(opt, "projected: optimizer", Optimizer, "an optimizer such as optimizers.adam(0.1)")
    build = opt.build
    return Optimizer(f"{opt.name}, projected", opt.lr, opt.hyper,
                     lambda *lr, **h: chain(build(*lr, **h), project(constraint)))


def ista(lr) -> Optimizer:
    """ISTA, the proximal gradient method (Beck & Teboulle 2009, (1.4)): w ← prox_{αₜr}(w − αₜ∇f(w)), r the
    problem's non-smooth part: soft-thresholding S_{αₜλ} for L1Regularized, the projection for
    Constrained (then it is projected GD)."""
    return optimizer("ISTA", lr, lambda s: chain(scale_by_learning_rate(s), proximal(s)))


def fista(lr) -> Optimizer:
    """FISTA (Beck & Teboulle 2009): ISTA's step taken from the extrapolated point yₖ (see ``fista_step``);
    the iterates drawn are the xₖ, the yₖ are recorded as the state field ``lookahead``."""
    return optimizer("FISTA", lr, lambda s: fista_step(s))


PROXIMAL = (projected_gd, ista, fista)
