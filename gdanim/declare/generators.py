"""The lectures' data generators: seeded draws that repeat the lectures' own.

Every generator uses its own ``np.random.RandomState(seed)``, which yields the same stream as
the lectures' ``np.random.seed(seed)`` followed by the same calls, without touching numpy's
global random state.

>>> d = Linear(n=100, coef=[3], intercept=2, seed=0)
>>> d.x.shape, d.y.shape
((100, 1), (100,))
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdanim.core.errors import DataError
from gdanim.declare import checks
from gdanim.declare.dataset import MAX_N, Dataset


class Seeded(Dataset):
    """A generator that draws from ``np.random.RandomState(seed)`` as a lecture draws from
    ``np.random.seed(seed)``; ``next_randn(k)`` gives the draws the lecture takes next from the same
    stream (the workshop's random start ``w = np.random.randn(2, 1)``, drawn after its data)."""

    seed: int = 0

    def _make(self):
        return self._draw(np.random.RandomState(self.seed))

    def _draw(self, rng):
        raise NotImplementedError

    def next_randn(self, k: int) -> tuple[float, ...]:
        rng = np.random.RandomState(self.seed)
        self._draw(rng)
        return tuple(float(v) for v in rng.randn(checks.count(k, "next_randn count", 1, 1000)))



class OnALine(Seeded):
    """A generator of y = intercept + x·coef + noise: its true parameters are (intercept, *coef)."""

    @property
    def true_params(self):
        return (self.intercept, *self.coef)


@dataclass(frozen=True, eq=False)
class Linear(OnALine):
    """y = intercept + x·coef + sigma·noise, x ~ N(0, 1): ``generate_linear_regression_data``
    of "Gradient descent in depth" (same draw order: x first, then the noise, always drawn)."""

    n: int = 100
    coef: tuple = (3.0,)
    intercept: float = 2.0
    sigma: float = 0.0
    seed: int = 0

    def __post_init__(self):
        object.__setattr__(self, "coef", checks.vector(self.coef, "coef"))
        checks.count(self.n, "n", 1, MAX_N)

    def _draw(self, rng):
        x = rng.randn(self.n, len(self.coef))
        y = (np.dot(x, self.coef) + self.intercept).squeeze() + self.sigma * rng.randn(self.n)
        return x, y


@dataclass(frozen=True, eq=False)
class Correlated(OnALine):
    """The "less friendly loss surface": x2 = x1 + (sigma/5)·noise, y = intercept + x·coef + sigma·noise."""

    n: int = 1000
    coef: tuple = (5.0, 4.0)
    intercept: float = 2.0
    sigma: float = 1.0
    seed: int = 0

    def _draw(self, rng):
        x1 = rng.randn(self.n, 1)
        x2 = x1 + (self.sigma / 5) * rng.randn(self.n, 1)
        x = np.column_stack([x1, x2])
        y = (np.dot(x, self.coef) + self.intercept).squeeze() + self.sigma * rng.randn(self.n)
        return x, y


@dataclass(frozen=True, eq=False)
class NoisyLine(Seeded):
    """The ML1 notebook's data: x = linspace(lo, hi, n), y = slope·x + intercept + N(0, noise)."""

    n: int = 20
    slope: float = 2.0
    intercept: float = 1.0
    noise: float = 0.8
    lo: float = 0.0
    hi: float = 5.0
    seed: int = 0

    def _draw(self, rng):
        x = np.linspace(self.lo, self.hi, self.n)
        return x, self.slope * x + self.intercept + rng.normal(0, self.noise, self.n)

    @property
    def true_params(self):
        return (self.intercept, self.slope)


@dataclass(frozen=True, eq=False)
class Sine(Seeded):
    """CS 189's sine data: x = sort(rand(n)·2.5π), y = sin(1.1 + 2.5x) + 0.5·noise; seed 42."""

    n: int = 200
    phase: float = 1.1
    frequency: float = 2.5
    noise: float = 0.5
    seed: int = 42

    def _draw(self, rng):
        x = np.sort(rng.rand(self.n) * 2.5 * np.pi)
        return x, np.sin(self.phase + self.frequency * x) + self.noise * rng.randn(self.n)

    @property
    def true_params(self):
        return (self.phase, self.frequency)


@dataclass(frozen=True, eq=False)
class Wave(Seeded):
    """A 1-D toy set for a small network: x = sort(U(lo, hi)) (n draws), y = sin(frequency·x) +
    noise·N(0, 1), drawn in that order from ``RandomState(seed)``.

    >>> d = Wave(n=5, seed=0)
    >>> d.x.shape, bool(np.all(np.diff(d.x[:, 0]) > 0))
    ((5, 1), True)
    """

    n: int = 40
    lo: float = -3.0
    hi: float = 3.0
    frequency: float = 1.0
    feature_names = ("x",)
    noise: float = 0.1
    seed: int = 0

    def __post_init__(self):
        checks.count(self.n, "n", 1, MAX_N)
        checks.positive_number(self.noise, "noise", allow_zero=True)
        checks.count(self.seed, "seed", 0, 2 ** 32 - 1)
        if not checks.number(self.lo, "Wave lo") < checks.number(self.hi, "Wave hi"):
            raise DataError(f"lo must be below hi, got lo={self.lo:g}, hi={self.hi:g}", "Wave")

    def _draw(self, rng):
        x = np.sort(rng.uniform(self.lo, self.hi, self.n))
        return x, np.sin(self.frequency * x) + self.noise * rng.randn(self.n)


@dataclass(frozen=True, eq=False)
class MakeRegression(Seeded):
    """scikit-learn's ``make_regression`` transcribed draw for draw (X ~ N(0, 1); coefficients
    100·U(0, 1) on the informative features; Gaussian noise; rows then features shuffled; all from
    ``RandomState(random_state)``), so the blog's ``make_regression(n_samples=100, n_features=1,
    n_informative=1, noise=10, random_state=2015)`` gives its data without scikit-learn. The test
    suite checks it against scikit-learn itself."""

    n_samples: int = 100
    n_features: int = 1
    n_informative: int = 1
    noise: float = 0.0
    bias: float = 0.0
    random_state: int = 0
    shuffle: bool = True

    def __post_init__(self):
        checks.count(self.n_samples, "n_samples", 1, MAX_N)
        checks.count(self.n_features, "n_features", 1, 1000)
        checks.count(self.n_informative, "n_informative", 0, 1000)
        checks.positive_number(self.noise, "noise", allow_zero=True)
        checks.count(self.random_state, "random_state", 0, 2 ** 32 - 1)

    @property
    def seed(self):
        return self.random_state

    def _draw(self, rng):
        n, d = self.n_samples, self.n_features
        informative = min(d, self.n_informative)
        X = rng.standard_normal(size=(n, d))
        truth = np.zeros((d, 1))
        truth[:informative, :] = 100 * rng.uniform(size=(informative, 1))
        y = np.dot(X, truth) + self.bias
        if self.noise > 0.0:
            y += rng.normal(scale=self.noise, size=y.shape)
        if self.shuffle:
            rows = np.arange(n)
            rng.shuffle(rows)
            X, y = X[rows], y[rows]
            cols = np.arange(d)
            rng.shuffle(cols)
            X[:, :] = X[:, cols]
        return X, np.squeeze(y, axis=1)


@dataclass(frozen=True, eq=False)
class UniformLine(Seeded):
    """The workshop's data: x = width·U(0, 1) (n × 1), y = intercept + slope·x + N(0, 1), drawn in
    that order (``X = 2 * np.random.rand(50, 1); y = 8 + 6 * X + np.random.randn(50, 1)``)."""

    n: int = 50
    slope: float = 6.0
    intercept: float = 8.0
    width: float = 2.0
    seed: int = 42

    def _draw(self, rng):
        x = self.width * rng.rand(self.n, 1)
        return x, self.intercept + self.slope * x + rng.randn(self.n, 1)

    @property
    def true_params(self):
        return (self.intercept, self.slope)


@dataclass(frozen=True, eq=False)
class NormalSample(Seeded):
    """A 1-D sample x ~ N(loc, scale) (n × 1), the workshop's ``np.random.normal(loc=2, scale=0.3,
    size=(1000, 1))``. Its ``y`` is not a target: it is the heights the workshop plots the points at,
    ``np.random.rand(len(X), 1)``, the next draws of the same stream (a strip of jittered points)."""

    n: int = 1000
    loc: float = 2.0
    scale: float = 0.3
    seed: int = 42
    target_name = "height"

    def _draw(self, rng):
        x = rng.normal(loc=self.loc, scale=self.scale, size=(self.n, 1))
        return x, rng.rand(self.n, 1)
