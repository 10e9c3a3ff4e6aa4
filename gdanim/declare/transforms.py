"""The pieces optimizers are built of, as in optax: a Transform is ``init(params) -> state`` and
``update(updates, state, params, **extra) -> (updates, state)``; ``chain`` applies several in
order; ``Optimizer`` is what a scene declares (a name, a learning rate, hyperparameters and the
function that builds its Transform). Re-exported by gdanim.optimizers, where the catalogue of
optimizers lives."""
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


def scale_by_rss(eps: float, initial: float = 0.0) -> Transform:
    """AdaGrad's scaling: G ← G + g² (G₀ = ``initial``); u ← g / (√G + eps)."""

    def init(params):
        return SumSquaresState(np.full(np.shape(params), float(initial)))

    def update(updates, state, params, **extra):
        s = state.sum_of_squares + updates ** 2
        return updates / (np.sqrt(s) + eps), SumSquaresState(s)

    return Transform(init, update)


def scale_by_rms(decay: float, eps: float, eps_in_sqrt: bool = False) -> Transform:
    """RMSProp's scaling: s ← ρs + (1 − ρ)g²; u ← g / (√s + eps) (``eps_in_sqrt``: g / √(s + eps), optax's default)."""

    def init(params):
        return MeanSquaresState(np.zeros_like(params, dtype=float))

    def update(updates, state, params, **extra):
        s = decay * state.mean_square + (1 - decay) * updates ** 2
        return updates / (np.sqrt(s + eps) if eps_in_sqrt else np.sqrt(s) + eps), MeanSquaresState(s)

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
