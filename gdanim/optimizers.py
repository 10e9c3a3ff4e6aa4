"""Optimizers as in optax: a transform is a pair of pure functions
``init(params) -> state`` and ``update(grads, state, params) -> (updates, state)``;
the familiar optimizers are ``chain``s of small transforms; states are NamedTuples.

The runner applies ``params + updates``. A transform may also say where the gradient is
taken (``lookahead``, for Nesterov) and what else it needs (``needs={"hessian"}``, Newton).

>>> tx = momentum(0.9, beta=0.3).transform()
>>> import numpy as np
>>> state = tx.init(np.zeros(2))
>>> u, state = tx.update(np.array([1.0, 2.0]), state, np.zeros(2))
>>> u.tolist()
[-0.9, -1.8]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

import numpy as np

from . import checks
from .schedules import Schedule, as_schedule


class Transform(NamedTuple):
    init: Callable
    update: Callable                      # (grads, state, params, **aux) -> (updates, state)
    lookahead: Callable | None = None     # (params, state) -> where to take the gradient
    needs: frozenset = frozenset()


class EmptyState(NamedTuple):
    pass


class CountState(NamedTuple):
    count: int


class VelocityState(NamedTuple):
    velocity: np.ndarray


class SumSquaresState(NamedTuple):
    sum_of_squares: np.ndarray


class MeanSquaresState(NamedTuple):
    mean_square: np.ndarray


class AdamState(NamedTuple):
    count: int
    mu: np.ndarray
    nu: np.ndarray


def chain(*transforms: Transform) -> Transform:
    """Apply transforms in order; the state is the tuple of their states."""
    lookaheads = [t.lookahead for t in transforms if t.lookahead is not None]
    needs = frozenset().union(*(t.needs for t in transforms))

    def init(params):
        return tuple(t.init(params) for t in transforms)

    def update(updates, state, params, **aux):
        new = []
        for t, s in zip(transforms, state):
            updates, s = t.update(updates, s, params, **aux)
            new.append(s)
        return updates, tuple(new)

    def lookahead(params, state):
        for t, s in zip(transforms, state):
            if t.lookahead is not None:
                params = t.lookahead(params, s)
        return params

    return Transform(init, update, lookahead if lookaheads else None, needs)


def scale_by_learning_rate(schedule: Schedule) -> Transform:
    """u ← −αₜ·u, with t counted from 1."""

    def init(params):
        return CountState(0)

    def update(updates, state, params, **aux):
        t = state.count + 1
        return -schedule(t) * updates, CountState(t)

    return Transform(init, update)


def trace(decay: float, nesterov: bool = False) -> Transform:
    """v ← decay·v + u; the update is v (heavy ball) or u + decay·v (the look-ahead form)."""

    def init(params):
        return VelocityState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **aux):
        v = decay * state.velocity + updates
        return (updates + decay * v if nesterov else v), VelocityState(v)

    return Transform(init, update)


def lookahead_trace(decay: float) -> Transform:
    """Sutskever's Nesterov momentum: the gradient is taken at w + decay·v; then v ← decay·v + u."""

    def init(params):
        return VelocityState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **aux):
        v = decay * state.velocity + updates
        return v, VelocityState(v)

    def lookahead(params, state):
        return params + decay * state.velocity

    return Transform(init, update, lookahead)


def scale_by_rss(eps: float) -> Transform:
    """AdaGrad's scaling: G ← G + g²; u ← g / (√G + eps)."""

    def init(params):
        return SumSquaresState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **aux):
        s = state.sum_of_squares + updates ** 2
        return updates / (np.sqrt(s) + eps), SumSquaresState(s)

    return Transform(init, update)


def scale_by_rms(decay: float, eps: float) -> Transform:
    """RMSProp's scaling: s ← ρs + (1 − ρ)g²; u ← g / (√s + eps)."""

    def init(params):
        return MeanSquaresState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **aux):
        s = decay * state.mean_square + (1 - decay) * updates ** 2
        return updates / (np.sqrt(s) + eps), MeanSquaresState(s)

    return Transform(init, update)


def scale_by_adam(b1: float, b2: float, eps: float) -> Transform:
    """Adam's scaling with bias correction (Kingma & Ba, Algorithm 1)."""

    def init(params):
        z = np.zeros_like(params, dtype=float)
        return AdamState(0, z, z.copy())

    def update(updates, state, params, **aux):
        t = state.count + 1
        mu = b1 * state.mu + (1 - b1) * updates
        nu = b2 * state.nu + (1 - b2) * updates ** 2
        mhat = mu / (1 - b1 ** t)
        vhat = nu / (1 - b2 ** t)
        return mhat / (np.sqrt(vhat) + eps), AdamState(t, mu, nu)

    return Transform(init, update)


def scale_by_newton() -> Transform:
    """Newton's direction: u ← H⁻¹g (H from the problem, at the current point)."""

    def init(params):
        return EmptyState()

    def update(updates, state, params, hessian=None, **aux):
        try:
            return np.linalg.solve(np.atleast_2d(hessian), updates), state
        except np.linalg.LinAlgError:
            return np.full_like(updates, np.nan), state

    return Transform(init, update, None, frozenset({"hessian"}))


@dataclass(frozen=True)
class Optimizer:
    """A named optimizer declaration: what a scene stores; ``transform()`` builds the functions."""

    name: str
    lr: Schedule
    hyper: tuple = ()            # (name, value) pairs, for labels and for building
    build: Callable = field(default=None, repr=False, compare=False)

    def transform(self) -> Transform:
        return self.build(self.lr, **dict(self.hyper))

    def describe(self) -> str:
        extra = ", ".join(f"{k}={v:g}" for k, v in self.hyper if k not in ("eps",))
        return f"{self.name}, lr {self.lr}" + (f", {extra}" if extra else "")


def gd(lr) -> Optimizer:
    """Plain gradient descent: w ← w − αₜ∇L(w)."""
    return Optimizer("GD", as_schedule(lr), (), lambda s: scale_by_learning_rate(s))


def momentum(lr, beta: float = 0.9) -> Optimizer:
    """CS 189's momentum: v ← βv − α∇L(w); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return Optimizer("momentum", as_schedule(lr), (("beta", beta),),
                     lambda s, beta: chain(scale_by_learning_rate(s), trace(beta)))


def momentum_variant(lr, eta: float = 0.9) -> Optimizer:
    """"Gradient descent in depth"'s ``gd_step_momentum``: v ← ηv − α∇L; w ← w − α∇L + η·v."""
    eta = checks.fraction(eta, "momentum eta")
    return Optimizer("momentum (η)", as_schedule(lr), (("eta", eta),),
                     lambda s, eta: chain(scale_by_learning_rate(s), trace(eta, nesterov=True)))


def nesterov(lr, beta: float = 0.9) -> Optimizer:
    """Nesterov momentum (Sutskever et al. 2013): v ← βv − α∇L(w + βv); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return Optimizer("Nesterov", as_schedule(lr), (("beta", beta),),
                     lambda s, beta: chain(scale_by_learning_rate(s), lookahead_trace(beta)))


def adagrad(lr, eps: float = 1e-8) -> Optimizer:
    """AdaGrad (Duchi et al. 2011): G ← G + g²; w ← w − α g / (√G + ε)."""
    eps = checks.positive_number(eps, "eps")
    return Optimizer("AdaGrad", as_schedule(lr), (("eps", eps),),
                     lambda s, eps: chain(scale_by_rss(eps), scale_by_learning_rate(s)))


def rmsprop(lr, decay: float = 0.9, eps: float = 1e-8) -> Optimizer:
    """RMSProp (Hinton's lecture 6e): s ← ρs + (1 − ρ)g²; w ← w − α g / (√s + ε)."""
    decay = checks.fraction(decay, "RMSProp decay")
    eps = checks.positive_number(eps, "eps")
    return Optimizer("RMSProp", as_schedule(lr), (("decay", decay), ("eps", eps)),
                     lambda s, decay, eps: chain(scale_by_rms(decay, eps), scale_by_learning_rate(s)))


def adam(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adam (Kingma & Ba 2015) with bias-corrected moments."""
    b1 = checks.fraction(b1, "Adam b1")
    b2 = checks.fraction(b2, "Adam b2")
    eps = checks.positive_number(eps, "eps")
    return Optimizer("Adam", as_schedule(lr), (("b1", b1), ("b2", b2), ("eps", eps)),
                     lambda s, b1, b2, eps: chain(scale_by_adam(b1, b2, eps), scale_by_learning_rate(s)))


def newton(lr=1.0) -> Optimizer:
    """Newton's method, damped by α: w ← w − α H(w)⁻¹∇L(w)."""
    return Optimizer("Newton", as_schedule(lr), (), lambda s: chain(scale_by_newton(), scale_by_learning_rate(s)))


OPTIMIZERS = {f.__name__: f for f in (gd, momentum, momentum_variant, nesterov, adagrad, rmsprop, adam, newton)}


def __getattr__(name: str) -> Any:
    # A misspelt optimizer in a scene (``optimizers.adma``) gets a suggestion, not a bare AttributeError.
    if name.startswith("__"):
        raise AttributeError(name)
    from .errors import UnknownName
    raise UnknownName(f"unknown optimizer {name!r}{checks.suggest(name, OPTIMIZERS)}")
