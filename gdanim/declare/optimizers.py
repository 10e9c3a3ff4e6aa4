"""Optimizers as in optax: a transform is a pair of pure functions
``init(params) -> state`` and ``update(grads, state, params, **extra) -> (updates, state)``;
the familiar optimizers are ``chain``s of small transforms; states are NamedTuples.

The runner applies ``params + updates``. Like optax's extra-args transforms, every ``update``
is also handed, by keyword, the problem as functions of a point: ``value_fn(w)``,
``grad_fn(w)`` (on this step's minibatch) and ``hessian_fn(w)``. A transform takes what it
needs and ignores the rest (``**extra``): Newton asks for the Hessian, Nesterov for the gradient
at its look-ahead point. Nothing in the runner knows about either.

>>> tx = momentum(0.9, beta=0.3).transform()
>>> import numpy as np
>>> state = tx.init(np.zeros(2))
>>> u, state = tx.update(np.array([1.0, 2.0]), state, np.zeros(2))
>>> u.tolist()
[-0.9, -1.8]

Your own optimizer: write a transform and chain it with built-in ones. Sign descent, say:

>>> def scale_by_sign():
...     def init(params):
...         return EmptyState()
...     def update(updates, state, params, **extra):
...         return np.sign(updates), state
...     return Transform(init, update)
>>> sign_gd = optimizer("sign GD", 0.1, lambda lr: chain(scale_by_sign(), scale_by_learning_rate(lr)))
>>> tx = sign_gd.transform()
>>> tx.update(np.array([3.0, -0.5]), tx.init(np.zeros(2)), np.zeros(2))[0].tolist()
[-0.1, 0.1]
"""
from __future__ import annotations

import inspect
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneCodeError, SceneError
from gdanim.declare.schedules import Schedule, as_schedule


class Transform(NamedTuple):
    init: Callable                        # params -> state
    update: Callable                      # (grads, state, params, **extra) -> (updates, state)


class UndefinedStep(ArithmeticError):
    """Raised by a transform whose step does not exist at this point (Newton's with a singular
    Hessian): the run stops there and says why; it did not diverge."""


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


def with_extra_args(update: Callable) -> Callable:
    """``update`` called with only the extra keyword arguments it accepts (as optax's
    ``with_extra_args_support``), so a transform written ``update(updates, state, params)``
    works beside those that take ``**extra``."""
    try:
        accepted = inspect.signature(update).parameters.values()
    except (TypeError, ValueError):
        return update
    if any(p.kind is p.VAR_KEYWORD for p in accepted):
        return update
    names = {p.name for p in accepted if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}

    def call(updates, state, params, **extra):
        return update(updates, state, params, **{k: v for k, v in extra.items() if k in names})
    return call


def chain(*transforms: Transform) -> Transform:
    """Apply transforms in order, each to the previous one's updates; the state is the tuple of
    their states, and each is handed the extra arguments it accepts."""
    updates_ = [with_extra_args(t.update) for t in transforms]

    def init(params):
        return tuple(t.init(params) for t in transforms)

    def update(updates, state, params, **extra):
        new = []
        for t, fn, s in zip(transforms, updates_, state):
            updates, s = returned(t, fn(updates, s, params, **extra), params)
            new.append(s)
        return updates, tuple(new)

    return Transform(init, update)


def returned(transform: Transform, result, params):
    """A transform's ``(updates, state)``, checked, with the updates as a float array shaped like
    the parameters (a number, for one parameter). A transform of one's own that returns only the
    updates, or updates of another shape, would otherwise be unpacked or broadcast into steps the
    lecturer never wrote (an array of two numbers taken as (updates, state)).

    >>> returned(Transform(None, None), np.ones(2), np.zeros(2))
    Traceback (most recent call last):
    gdanim.core.errors.SceneCodeError: the optimizer's update must return (updates, state); it returned an array of shape (2,)
    >>> returned(Transform(None, None), [0.5, None], np.zeros(1))
    (array([0.5]), None)
    """
    shape = np.shape(params)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        got = (f"an array of shape {np.shape(result)}" if isinstance(result, np.ndarray) else
               f"a {type(result).__name__} of {len(result)}" if isinstance(result, (tuple, list)) else
               type(result).__name__)
        raise SceneCodeError(f"the {whose(transform)}'s update must return (updates, state); it returned {got}")
    updates = np.asarray(result[0], dtype=float)           # a list of numbers is taken as an array
    if updates.shape != shape and not (shape == (1,) and updates.size == 1):
        raise SceneCodeError(f"the {whose(transform)}'s update must return updates of shape {shape}, one per "
                             f"parameter; it returned shape {updates.shape}")
    return updates.reshape(shape), result[1]


def whose(transform: Transform) -> str:
    """'transform NAME' for a transform of one's own (its update's function), else 'optimizer'."""
    fn = transform.update
    if fn is None or getattr(fn, "__module__", None) and fn.__module__.startswith("gdanim."):
        return "optimizer"
    name = getattr(fn, "__qualname__", None) or getattr(getattr(fn, "func", None), "__qualname__", None) \
        or type(fn).__name__
    name = name.split(".<locals>")[0]
    return "transform" if name.endswith("<lambda>") else f"transform {name}"


def scale_by_learning_rate(schedule: Schedule) -> Transform:
    """u ← −αₜ·u, with t counted from 1."""

    def init(params):
        return CountState(0)

    def update(updates, state, params, **extra):
        t = state.count + 1
        return -schedule(t) * updates, CountState(t)

    return Transform(init, update)


def trace(decay: float, nesterov: bool = False) -> Transform:
    """v ← decay·v + u; the update is v (heavy ball) or u + decay·v (the look-ahead form)."""

    def init(params):
        return VelocityState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **extra):
        v = decay * state.velocity + updates
        return (updates + decay * v if nesterov else v), VelocityState(v)

    return Transform(init, update)


class NesterovState(NamedTuple):
    count: int
    velocity: np.ndarray


def lookahead_momentum(schedule: Schedule, decay: float) -> Transform:
    """Sutskever's Nesterov momentum: v ← decay·v − αₜ∇L(w + decay·v); the update is v. It takes
    its gradient itself, at the look-ahead point (``grad_fn``), so it starts a chain: updates
    handed to it by an earlier transform are not used."""

    def init(params):
        return NesterovState(0, np.zeros_like(params, dtype=float))

    def update(updates, state, params, *, grad_fn, **extra):
        t = state.count + 1
        g = grad_fn(params + decay * state.velocity)
        v = decay * state.velocity + -schedule(t) * g
        return v, NesterovState(t, v)

    return Transform(init, update)


def scale_by_rss(eps: float) -> Transform:
    """AdaGrad's scaling: G ← G + g²; u ← g / (√G + eps)."""

    def init(params):
        return SumSquaresState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **extra):
        s = state.sum_of_squares + updates ** 2
        return updates / (np.sqrt(s) + eps), SumSquaresState(s)

    return Transform(init, update)


def scale_by_rms(decay: float, eps: float) -> Transform:
    """RMSProp's scaling: s ← ρs + (1 − ρ)g²; u ← g / (√s + eps)."""

    def init(params):
        return MeanSquaresState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **extra):
        s = decay * state.mean_square + (1 - decay) * updates ** 2
        return updates / (np.sqrt(s) + eps), MeanSquaresState(s)

    return Transform(init, update)


def scale_by_adam(b1: float, b2: float, eps: float) -> Transform:
    """Adam's scaling with bias correction (Kingma & Ba, Algorithm 1)."""

    def init(params):
        z = np.zeros_like(params, dtype=float)
        return AdamState(0, z, z.copy())

    def update(updates, state, params, **extra):
        t = state.count + 1
        mu = b1 * state.mu + (1 - b1) * updates
        nu = b2 * state.nu + (1 - b2) * updates ** 2
        mhat = mu / (1 - b1 ** t)
        vhat = nu / (1 - b2 ** t)
        return mhat / (np.sqrt(vhat) + eps), AdamState(t, mu, nu)

    return Transform(init, update)


def scale_by_newton() -> Transform:
    """Newton's direction: u ← H⁻¹g, with H = ``hessian_fn`` at the current point."""

    def init(params):
        return EmptyState()

    def update(updates, state, params, *, hessian_fn, **extra):
        hessian = np.atleast_2d(hessian_fn(params))
        singular = "the Hessian is singular, so Newton's step is undefined"
        if not np.all(np.isfinite(hessian)):
            raise UndefinedStep("the Hessian is not finite here, so Newton's step is undefined")
        d = np.sqrt(np.abs(np.diag(hessian)))            # scaled to a unit diagonal, cond() sees the
        d[d == 0] = 1.0                                  # Hessian's shape, not its parameters' units
        if np.linalg.cond(hessian / np.outer(d, d)) > 1 / np.finfo(float).eps:
            raise UndefinedStep(singular)
        try:
            return np.linalg.solve(hessian, updates), state
        except np.linalg.LinAlgError:
            raise UndefinedStep(singular) from None

    return Transform(init, update)


@dataclass(frozen=True)
class Optimizer:
    """A named optimizer declaration: what a scene stores; ``transform()`` builds the functions.
    Make one with ``optimizer(name, lr, build, **hyper)``."""

    name: str
    lr: Schedule
    hyper: tuple = ()            # (name, value) pairs, for labels and for building
    build: Callable = field(default=None, repr=False, compare=False)

    def transform(self) -> Transform:
        if self.lr is None:
            return self.build(**dict(self.hyper))
        return self.build(self.lr, **dict(self.hyper))

    def describe(self) -> str:
        extra = ", ".join(f"{k}={hyper_text(v)}" for k, v in self.hyper if k not in ("eps",))
        rate = [] if self.lr is None else [f"lr {self.lr}"]
        return ", ".join([self.name, *rate] + ([extra] if extra else []))


def hyper_text(value) -> str:
    """A hyperparameter as the alt text and labels say it: a number with ``:g``, a boolean as
    True/False (not 1), a string as itself, anything else by ``str``.

    >>> [hyper_text(v) for v in (0.5, True, "armijo", None, (1, 2))]
    ['0.5', 'True', 'armijo', 'None', '(1, 2)']
    """
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, numbers.Real):
        return f"{value:g}"
    return str(value)


def optimizer(name: str, lr, build: Callable, **hyper) -> Optimizer:
    """Declare an optimizer: ``build(schedule, **hyper)`` returns its Transform, usually a
    ``chain`` ending in ``scale_by_learning_rate(schedule)``; ``lr`` is a number, a schedule or a
    function of the step count (see gdanim.schedules). ``lr=None`` declares an optimizer without
    a learning rate (a line search, Polyak's step, Newton's full step): ``build(**hyper)``."""
    checks.instance(name, "optimizer name", str, "a string")
    if not callable(build):
        raise SceneError(f"optimizer {name!r}: build must be a function of the learning-rate schedule")
    return Optimizer(name, None if lr is None else as_schedule(lr), tuple(hyper.items()), build)


def gd(lr) -> Optimizer:
    """Plain gradient descent: w ← w − αₜ∇L(w)."""
    return optimizer("GD", lr, scale_by_learning_rate)


def momentum(lr, beta: float = 0.9) -> Optimizer:
    """CS 189's momentum: v ← βv − α∇L(w); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return optimizer("momentum", lr, lambda s, beta: chain(scale_by_learning_rate(s), trace(beta)), beta=beta)


def momentum_variant(lr, eta: float = 0.9) -> Optimizer:
    """"Gradient descent in depth"'s ``gd_step_momentum``: v ← ηv − α∇L; w ← w − α∇L + η·v."""
    eta = checks.fraction(eta, "momentum eta")
    return optimizer("momentum (η)", lr, lambda s, eta: chain(scale_by_learning_rate(s), trace(eta, nesterov=True)),
                     eta=eta)


def nesterov(lr, beta: float = 0.9) -> Optimizer:
    """Nesterov momentum (Sutskever et al. 2013): v ← βv − α∇L(w + βv); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return optimizer("Nesterov", lr, lambda s, beta: lookahead_momentum(s, beta), beta=beta)


def adagrad(lr, eps: float = 1e-8) -> Optimizer:
    """AdaGrad (Duchi et al. 2011): G ← G + g²; w ← w − α g / (√G + ε)."""
    eps = checks.positive_number(eps, "eps")
    return optimizer("AdaGrad", lr, lambda s, eps: chain(scale_by_rss(eps), scale_by_learning_rate(s)), eps=eps)


def rmsprop(lr, decay: float = 0.9, eps: float = 1e-8) -> Optimizer:
    """RMSProp (Hinton's lecture 6e): s ← ρs + (1 − ρ)g²; w ← w − α g / (√s + ε)."""
    decay = checks.fraction(decay, "RMSProp decay")
    eps = checks.positive_number(eps, "eps")
    return optimizer("RMSProp", lr, lambda s, decay, eps: chain(scale_by_rms(decay, eps), scale_by_learning_rate(s)),
                     decay=decay, eps=eps)


def adam(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adam (Kingma & Ba 2015) with bias-corrected moments."""
    b1 = checks.fraction(b1, "Adam b1")
    b2 = checks.fraction(b2, "Adam b2")
    eps = checks.positive_number(eps, "eps")
    return optimizer("Adam", lr, lambda s, b1, b2, eps: chain(scale_by_adam(b1, b2, eps), scale_by_learning_rate(s)),
                     b1=b1, b2=b2, eps=eps)


def newton(lr=1.0) -> Optimizer:
    """Newton's method, damped by α: w ← w − α H(w)⁻¹∇L(w)."""
    return optimizer("Newton", lr, lambda s: chain(scale_by_newton(), scale_by_learning_rate(s)))


OPTIMIZERS = {f.__name__: f for f in (gd, momentum, momentum_variant, nesterov, adagrad, rmsprop, adam, newton)}


def __getattr__(name: str) -> Any:
    # A misspelt optimizer in a scene (``optimizers.adma``) gets a suggestion, not a bare AttributeError.
    if name.startswith("__"):
        raise AttributeError(name)
    from gdanim.core.errors import UnknownName
    raise UnknownName(f"unknown optimizer {name!r}{checks.suggest(name, OPTIMIZERS)}")


def fields(state, shape, path=()):
    """(path, field name) of every NamedTuple field shaped like the parameters, depth first;
    a path is the chain positions that lead to the NamedTuple."""
    if hasattr(state, "_fields"):
        for name in state._fields:
            v = getattr(state, name)
            if isinstance(v, np.ndarray) and v.shape == shape:
                yield path, name
    elif isinstance(state, tuple):
        for i, s in enumerate(state):
            yield from fields(s, shape, path + (i,))


def state_keys(state, shape) -> dict:
    """(path, name) → the name a recorded state field is known by: its own where unique, else
    prefixed with its place in the chain (``0.velocity``)."""
    found = list(fields(state, shape))
    names = [name for _, name in found]
    return {(path, name): name if names.count(name) == 1 else ".".join([*map(str, path), name])
            for path, name in found}


def recorded_state(optimizer: "Optimizer", dim: int) -> tuple[str, ...]:
    """The optimizer-state fields a run records in ``Trajectory.extras`` (``velocity`` for momentum).

    >>> recorded_state(momentum(0.1, beta=0.9), 2), recorded_state(gd(0.1), 2)
    (('velocity',), ())
    """
    w = np.zeros(dim)
    return tuple(state_keys(optimizer.transform().init(w), w.shape).values())
