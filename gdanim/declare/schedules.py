"""Learning-rate schedules: step t (1 for the first step) → learning rate.

>>> inverse_time(0.5)(2)
0.25
"""
from __future__ import annotations

from dataclasses import dataclass

from gdanim.declare import checks


class Schedule:
    def __call__(self, t: int) -> float:
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
    """αₜ = C / t, the decaying rate of "Gradient descent in depth"."""

    C: float

    def __post_init__(self):
        checks.positive_number(self.C, "C (of C/t)")

    def __call__(self, t):
        return self.C / t

    def __str__(self):
        return f"{self.C:g}/t"


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


def as_schedule(lr) -> Schedule:
    """A schedule from a number or a schedule; a SceneError for anything else."""
    if isinstance(lr, Schedule):
        return lr
    return constant(checks.positive_number(lr, "learning rate"))
