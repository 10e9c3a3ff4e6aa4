"""Learning-rate schedules.

Two numberings, both said here once. gdanim's runner calls a schedule with the step ``t``, 1 for the
first step (``inverse_time``: αₜ = C/t). The schedules transcribed from optax are defined, as in optax,
on the update count, 0 for the first step: ``schedule.at(count)`` is optax's ``schedule(count)``, and
``schedule(t) == schedule.at(t - 1)``. A plain function given where a learning rate goes (``gd(f)``)
is called as optax calls a schedule, with the count: ``f(0)`` is the first step's rate, so an optax
schedule can be handed in as it is.

>>> inverse_time(0.5)(2)
0.25
>>> s = exponential(1.0, decay_rate=0.5, every=2)
>>> s(1), s(3), s.at(2)          # step 1 is count 0; step 3 is count 2, one transition
(1.0, 0.5, 0.5)
>>> as_schedule(lambda count: 0.1 / (1 + count))(1)
0.1
"""
from __future__ import annotations

import inspect
import math
import numbers
from dataclasses import dataclass
from typing import Callable

from gdanim.declare import checks
from gdanim.core.errors import SceneError


class Schedule:
    """Step t (1 for the first step) → learning rate; ``at(count)`` the same on optax's count."""

    def __call__(self, t: int) -> float:
        raise NotImplementedError

    def at(self, count: int) -> float:
        return self(count + 1)


class CountSchedule(Schedule):
    """A schedule defined on the count (0 for the first step), as optax's are."""

    def __call__(self, t):
        return self.at(t - 1)

    def at(self, count):
        raise NotImplementedError


@dataclass(frozen=True)
class constant(Schedule):
    """The same rate every step."""

    lr: float

    def __post_init__(self):
        checks.positive_number(self.lr, "learning rate")

    def __call__(self, t):
        return self.lr

    def __str__(self):
        return f"{self.lr:g}"


@dataclass(frozen=True)
class inverse_time(Schedule):
    """αₜ = C / t, the decaying rate of "Gradient descent in depth" (t = 1 for the first step)."""

    C: float

    def __post_init__(self):
        checks.positive_number(self.C, "C (of C/t)")

    def __call__(self, t):
        return self.C / t

    def __str__(self):
        return f"{self.C:g}/t"


@dataclass(frozen=True)
class inverse_sqrt(Schedule):
    """αₜ = C / √t (t = 1 for the first step), the classic rate of subgradient and stochastic methods."""

    C: float

    def __post_init__(self):
        checks.positive_number(self.C, "C (of C/√t)")

    def __call__(self, t):
        return self.C / math.sqrt(t)

    def __str__(self):
        return f"{self.C:g}/√t"


@dataclass(frozen=True)
class step_decay(Schedule):
    """αₜ = lr · factor^⌊(t − 1) / every⌋: drop by ``factor`` every ``every`` steps."""

    lr: float
    factor: float = 0.5
    every: int = 10

    def __post_init__(self):
        checks.positive_number(self.lr, "learning rate")
        checks.positive_number(self.factor, "factor")
        checks.count(self.every, "every", 1)

    def __call__(self, t):
        return self.lr * self.factor ** ((t - 1) // self.every)

    def __str__(self):
        return f"{self.lr:g}·{self.factor:g}^(t/{self.every})"


@dataclass(frozen=True)
class exponential(CountSchedule):
    """optax.exponential_decay on the count k (0 for the first step): α = lr·decay_rate^((k − begin)/every)
    for k > begin, lr before; ``staircase`` floors the exponent; ``end`` bounds it (below when
    decay_rate < 1, above otherwise)."""

    lr: float
    decay_rate: float
    every: int = 1
    begin: int = 0
    staircase: bool = False
    end: float | None = None

    def __post_init__(self):
        checks.positive_number(self.lr, "learning rate")
        checks.positive_number(self.decay_rate, "decay_rate")
        checks.count(self.every, "every", 1)
        checks.count(self.begin, "begin")
        checks.instance(self.staircase, "staircase", bool, "True or False")
        if self.end is not None:
            checks.positive_number(self.end, "end", allow_zero=True)

    def at(self, count):
        k = count - self.begin
        p = math.floor(k / self.every) if self.staircase else k / self.every
        value = self.lr if k <= 0 else self.lr * self.decay_rate ** p
        if self.end is not None:
            value = max(value, self.end) if self.decay_rate < 1 else min(value, self.end)
        return value

    def __str__(self):
        return f"{self.lr:g}·{self.decay_rate:g}^(k/{self.every})"


@dataclass(frozen=True)
class polynomial(CountSchedule):
    """optax.polynomial_schedule on the count k: α = (init − end)·(1 − min(max(k − begin, 0), steps)/steps)^power
    + end: from ``init`` at k ≤ begin to ``end`` at k ≥ begin + steps."""

    init: float
    end: float
    power: float
    steps: int
    begin: int = 0

    def __post_init__(self):
        checks.positive_number(self.init, "init (learning rate)")
        checks.positive_number(self.end, "end (learning rate)", allow_zero=True)
        checks.positive_number(self.power, "power")
        checks.count(self.steps, "steps", 1)
        checks.count(self.begin, "begin")

    def at(self, count):
        k = min(max(count - self.begin, 0), self.steps)
        return (self.init - self.end) * (1 - k / self.steps) ** self.power + self.end

    def __str__(self):
        return f"{self.init:g}→{self.end:g} (power {self.power:g}, {self.steps} steps)"


@dataclass(frozen=True)
class cosine(CountSchedule):
    """optax.cosine_decay_schedule on the count k: α = lr·((1 − alpha)·(½(1 + cos(π·min(k, steps)/steps)))^exponent
    + alpha). With ``restarts=n`` the decay runs n + 1 times (SGDR, Loshchilov & Hutter 2017, as
    optax.sgdr_schedule of n + 1 equal cycles, each ``mult`` times the length of the one before;
    after the last, α stays at lr·alpha)."""

    lr: float
    steps: int
    alpha: float = 0.0
    exponent: float = 1.0
    restarts: int = 0
    mult: int = 1

    def __post_init__(self):
        checks.positive_number(self.lr, "learning rate")
        checks.count(self.steps, "steps", 1)
        checks.positive_number(self.alpha, "alpha (the final fraction of lr)", allow_zero=True)
        if self.alpha > 1:
            raise SceneError(f"alpha (the final fraction of lr) must be at most 1, got {self.alpha!r}")
        checks.positive_number(self.exponent, "exponent")
        checks.count(self.restarts, "restarts", 0, 1000)
        checks.count(self.mult, "mult", 1, 100)

    def at(self, count):
        length, start = self.steps, 0
        for _ in range(self.restarts):           # optax's join_schedules: a cycle starts at its boundary
            if count < start + length:
                break
            start, length = start + length, length * self.mult
        k = min(count - start, length)
        decay = 0.5 * (1 + math.cos(math.pi * k / length))
        return self.lr * ((1 - self.alpha) * decay ** self.exponent + self.alpha)

    def __str__(self):
        again = f", {self.restarts} restart{'s' if self.restarts != 1 else ''}" if self.restarts else ""
        return f"cosine {self.lr:g} over {self.steps} steps{again}"


@dataclass(frozen=True)
class warmup(CountSchedule):
    """A linear warm-up over ``steps`` counts from ``init`` to ``then``'s first rate, then ``then``
    (any schedule, number or function) counted from the end of the warm-up: α = init + (k/steps)·(then.at(0) − init)
    for k < steps, ``then.at(k − steps)`` after (optax.warmup_cosine_decay_schedule is
    ``warmup(w, cosine(peak, decay_steps − w, alpha=end/peak))``)."""

    steps: int
    then: object
    init: float = 0.0

    def __post_init__(self):
        checks.count(self.steps, "warm-up steps", 1)
        object.__setattr__(self, "then", as_schedule(self.then, "warm-up's then"))
        checks.positive_number(self.init, "warm-up init", allow_zero=True)

    def at(self, count):
        if count < self.steps:
            return self.init + (count / self.steps) * (self.then.at(0) - self.init)
        return self.then.at(count - self.steps)

    def __str__(self):
        return f"{self.steps}-step warm-up, then {self.then}"


@dataclass(frozen=True)
class one_cycle(CountSchedule):
    """Smith's one-cycle on the count k. ``shape="cosine"`` is optax.cosine_onecycle_schedule: from
    peak/div_factor, a cosine rise to ``peak`` at k = ⌊pct_start·steps⌋, then a cosine fall to
    peak/(div_factor·final_div_factor) at k = steps, held after. ``shape="linear"`` is
    optax.linear_onecycle_schedule: linear up to ``peak`` at ⌊pct_start·steps⌋, down to peak/div_factor at
    ⌊pct_final·steps⌋, then to peak/(div_factor·final_div_factor) at steps."""

    steps: int
    peak: float
    pct_start: float = 0.3
    div_factor: float = 25.0
    final_div_factor: float = 1e4
    shape: str = "cosine"
    pct_final: float = 0.85

    def __post_init__(self):
        checks.count(self.steps, "steps", 2)
        checks.positive_number(self.peak, "peak (learning rate)")
        checks.fraction(self.pct_start, "pct_start")
        if int(self.pct_start * self.steps) == 0:
            raise SceneError(f"pct_start × steps must be at least 1 step, got {self.pct_start!r} × {self.steps}")
        checks.positive_number(self.div_factor, "div_factor")
        checks.positive_number(self.final_div_factor, "final_div_factor")
        checks.choice(self.shape, "one-cycle shape", ("cosine", "linear"))
        checks.fraction(self.pct_final, "pct_final")
        if self.shape == "linear" and not int(self.pct_start * self.steps) < int(self.pct_final * self.steps) < self.steps:
            raise SceneError(f"pct_final must come after pct_start and before the end, got pct_start "
                             f"{self.pct_start!r}, pct_final {self.pct_final!r} of {self.steps} steps")

    def at(self, count):
        lo = self.peak / self.div_factor
        if self.shape == "linear":
            bounds = (0, int(self.pct_start * self.steps), int(self.pct_final * self.steps), self.steps)
            values = (lo, self.peak, lo, lo / self.final_div_factor)
        else:
            bounds = (0, int(self.pct_start * self.steps), self.steps)
            values = (lo, self.peak, lo / self.final_div_factor)
        for i in range(len(bounds) - 1):
            if bounds[i] <= count < bounds[i + 1]:
                pct = (count - bounds[i]) / (bounds[i + 1] - bounds[i])
                if self.shape == "linear":
                    return (values[i + 1] - values[i]) * pct + values[i]
                return values[i + 1] + (values[i] - values[i + 1]) / 2 * (math.cos(math.pi * pct) + 1)
        return values[-1] if count >= self.steps else values[0]

    def __str__(self):
        return f"one-cycle to {self.peak:g} over {self.steps} steps"


@dataclass(frozen=True)
class piecewise_constant(CountSchedule):
    """optax.piecewise_constant_schedule on the count k: lr times every scale whose boundary b has k ≥ b
    (``boundaries={100: 0.1, 200: 0.1}``: lr, then lr/10 from count 100, lr/100 from count 200)."""

    lr: float
    boundaries: tuple = ()

    def __post_init__(self):
        checks.positive_number(self.lr, "learning rate")
        items = self.boundaries.items() if isinstance(self.boundaries, dict) else self.boundaries
        try:
            pairs = tuple(sorted((checks.count(b, "a boundary"), checks.positive_number(s, f"the scale at {b}"))
                                 for b, s in items))
        except (TypeError, ValueError):
            raise SceneError(f"boundaries must be a dict {{count: scale}}, got {self.boundaries!r}") from None
        object.__setattr__(self, "boundaries", pairs)

    def at(self, count):
        value = self.lr
        for b, scale in self.boundaries:
            if count >= b:
                value *= scale
        return value

    def __str__(self):
        return f"{self.lr:g}, piecewise"


@dataclass(frozen=True, eq=False)
class function(CountSchedule):
    """A plain function of the count k (0 for the first step, as optax's schedules): α = fn(k). Its
    result must be a finite number ≥ 0 at every step (checked at k = 0 when declared)."""

    fn: Callable

    def __post_init__(self):
        try:
            self.at(0)
        except SceneError:
            raise
        except Exception as exc:
            raise SceneError(f"learning rate {self.name()}(0) raised {type(exc).__name__}: {exc}") from exc

    def at(self, count):
        value = self.fn(count)
        if hasattr(value, "item") and getattr(value, "shape", None) == ():   # a numpy or jax scalar
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise SceneError(f"learning rate {self.name()}({count}) must be a number, got {value!r}")
        return checks.positive_number(value, f"learning rate {self.name()}({count})", allow_zero=True)

    def name(self) -> str:
        name = getattr(self.fn, "__name__", type(self.fn).__name__)
        return "the function" if name == "<lambda>" else name

    def __str__(self):
        name = self.name()
        return "a function of the step" if name == "the function" else f"{name}(k)"


def as_schedule(lr, field: str = "learning rate") -> Schedule:
    """A schedule from a number, a schedule or a plain function of the count; a SceneError for
    anything else (a schedule's class not called, ``schedules.cosine`` for ``cosine(0.1, 100)``)."""
    if isinstance(lr, Schedule):
        return lr
    if isinstance(lr, type):
        what = f"the class {lr.__name__} itself: call it, {lr.__name__}(...)" if issubclass(lr, Schedule) else \
            f"the class {lr.__name__}"
        raise SceneError(f"{field} must be a number, a schedule or a function of the step, got {what}")
    if callable(lr) and not isinstance(lr, numbers.Real):
        if (getattr(lr, "__module__", None) or "").startswith("gdanim.") and getattr(lr, "__name__", "") != "<lambda>":
            raise SceneError(f"{field} must be a number, a schedule or a function of the step, got gdanim's "
                             f"{getattr(lr, '__name__', lr)!s}")
        try:
            inspect.signature(lr).bind(0)
        except TypeError:
            raise SceneError(f"{field}: the function {getattr(lr, '__name__', lr)} must take one argument, the "
                             f"step count (0 for the first step)") from None
        except ValueError:
            pass
        return function(lr)
    return constant(checks.positive_number(lr, field))
