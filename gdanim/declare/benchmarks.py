"""Optimization test functions with their known minima (from the literature: Jamil & Yang 2013, "A
literature survey of benchmark functions for global optimization problems", and Boyd &
Vandenberghe's (9.20)), search bounds and a default window, each with an analytic gradient.
Re-exported by gdanim.problems.

>>> float(Himmelblau().value((3, 2))), Booth().optimum
(0.0, (1.0, 3.0))
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.problem_base import Problem, QuadraticForm

TAU = 2 * math.pi


class TestFunction(Problem):
    """A loss written once for any stack of points: ``f(W)`` for W of shape (..., dim), ``df(W)`` its
    gradient, of the same shape. ``minima``: every global minimiser (a Contours panel stars each),
    ``f_min`` the global minimum value; ``bounds`` the usual search box; the default window is the box."""

    __test__ = False                 # not a pytest class, whatever its name says
    minima: tuple = ()
    f_min: float | None = None
    bounds: tuple = ((-5.0, 5.0), (-5.0, 5.0))

    def f(self, W):
        raise NotImplementedError

    def df(self, W):
        raise NotImplementedError

    @property
    def names(self):
        return ("x", "y") if self.dim == 2 else tuple(f"x{i + 1}" for i in range(self.dim))

    @property
    def optimum(self):
        return self.minima[0] if self.minima else None

    def value(self, w):
        return float(self.f(np.asarray(w, dtype=float)))

    def grad(self, w, idx=None):
        return np.asarray(self.df(np.asarray(w, dtype=float)), dtype=float)

    def values_on(self, points):
        return self.f(np.asarray(points, dtype=float))

    def grads_on(self, points):
        return self.df(np.asarray(points, dtype=float))

    def default_window(self):
        return [tuple(b) for b in self.bounds[:2]]


def xy(W):
    return W[..., 0], W[..., 1]


def stack(gx, gy):
    return np.stack([gx, gy], axis=-1)


@dataclass(frozen=True, eq=False)
class Beale(TestFunction):
    """(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5)."""

    dim = 2
    title = "Beale"
    minima = ((3.0, 0.5),)
    f_min = 0.0
    bounds = ((-4.5, 4.5), (-4.5, 4.5))

    def f(self, W):
        x, y = xy(W)
        return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2

    def df(self, W):
        x, y = xy(W)
        a, b, c = 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3
        return stack(2 * a * (y - 1) + 2 * b * (y ** 2 - 1) + 2 * c * (y ** 3 - 1),
                     2 * a * x + 4 * b * x * y + 6 * c * x * y ** 2)


@dataclass(frozen=True, eq=False)
class Himmelblau(TestFunction):
    """(x² + y − 11)² + (x + y² − 7)², four minima of value 0: (3, 2), (−2.805118, 3.131312),
    (−3.779310, −3.283186), (3.584428, −1.848126)."""

    dim = 2
    title = "Himmelblau"
    minima = ((3.0, 2.0), (-2.805118086952745, 3.131312518250573), (-3.779310253377747, -3.283185991286170),
              (3.584428340330492, -1.848126526964404))
    f_min = 0.0

    def f(self, W):
        x, y = xy(W)
        return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2

    def df(self, W):
        x, y = xy(W)
        a, b = x ** 2 + y - 11, x + y ** 2 - 7
        return stack(4 * a * x + 2 * b, 2 * a + 4 * b * y)


@dataclass(frozen=True, eq=False)
class Rastrigin(TestFunction):
    """A·n + Σ(xᵢ² − A·cos 2πxᵢ), A = 10: minimum 0 at the origin, a local minimum near every integer point."""

    dim: int = 2
    A: float = 10.0

    def __post_init__(self):
        checks.count(self.dim, "dim", 1, 100)
        checks.positive_number(self.A, "A")

    title = "Rastrigin"
    f_min = 0.0

    @property
    def minima(self):
        return (tuple(0.0 for _ in range(self.dim)),)

    @property
    def bounds(self):
        return tuple((-5.12, 5.12) for _ in range(self.dim))

    def f(self, W):
        return self.A * self.dim + np.sum(W ** 2 - self.A * np.cos(TAU * W), axis=-1)

    def df(self, W):
        return 2 * W + self.A * TAU * np.sin(TAU * W)


@dataclass(frozen=True, eq=False)
class Ackley(TestFunction):
    """−a·exp(−b·√(Σxᵢ²/n)) − exp(Σcos(c·xᵢ)/n) + a + e (a = 20, b = 0.2, c = 2π): minimum 0 at the
    origin, where the gradient is taken as 0 (the cone's tip: no derivative)."""

    dim: int = 2

    def __post_init__(self):
        checks.count(self.dim, "dim", 1, 100)

    title = "Ackley"
    f_min = 0.0

    @property
    def minima(self):
        return (tuple(0.0 for _ in range(self.dim)),)

    @property
    def bounds(self):
        return tuple((-5.0, 5.0) for _ in range(self.dim))

    def f(self, W):
        n = self.dim
        r = np.sqrt(np.sum(W ** 2, axis=-1) / n)
        return -20 * np.exp(-0.2 * r) - np.exp(np.sum(np.cos(TAU * W), axis=-1) / n) + 20 + math.e

    def df(self, W):
        n = self.dim
        r = np.sqrt(np.sum(W ** 2, axis=-1) / n)[..., None]
        with np.errstate(invalid="ignore", divide="ignore"):
            cone = np.where(r > 0, 20 * 0.2 * np.exp(-0.2 * r) * W / (n * r), 0.0)
        waves = np.exp(np.sum(np.cos(TAU * W), axis=-1) / n)[..., None] * TAU * np.sin(TAU * W) / n
        return cone + waves


@dataclass(frozen=True, eq=False)
class Booth(TestFunction):
    """(x + 2y − 7)² + (2x + y − 5)², minimum 0 at (1, 3)."""

    dim = 2
    title = "Booth"
    minima = ((1.0, 3.0),)
    f_min = 0.0
    bounds = ((-10.0, 10.0), (-10.0, 10.0))

    def f(self, W):
        x, y = xy(W)
        return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2

    def df(self, W):
        x, y = xy(W)
        a, b = x + 2 * y - 7, 2 * x + y - 5
        return stack(2 * a + 4 * b, 4 * a + 2 * b)


@dataclass(frozen=True, eq=False)
class Matyas(TestFunction):
    """0.26(x² + y²) − 0.48xy, minimum 0 at the origin (a long, flat valley)."""

    dim = 2
    title = "Matyas"
    minima = ((0.0, 0.0),)
    f_min = 0.0
    bounds = ((-10.0, 10.0), (-10.0, 10.0))

    def f(self, W):
        x, y = xy(W)
        return 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y

    def df(self, W):
        x, y = xy(W)
        return stack(0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x)


@dataclass(frozen=True, eq=False)
class SixHumpCamel(TestFunction):
    """(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y², two global minima −1.031628 at ±(0.089842, −0.712656)."""

    dim = 2
    title = "six-hump camel"
    minima = ((0.08984201310031807, -0.7126564030207396), (-0.08984201310031807, 0.7126564030207396))
    f_min = -1.0316284534898774
    bounds = ((-3.0, 3.0), (-2.0, 2.0))

    def f(self, W):
        x, y = xy(W)
        return (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2

    def df(self, W):
        x, y = xy(W)
        return stack(8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y, x - 8 * y + 16 * y ** 3)

    def default_window(self):
        return [(-2.0, 2.0), (-1.2, 1.2)]


@dataclass(frozen=True, eq=False)
class StyblinskiTang(TestFunction):
    """½Σ(xᵢ⁴ − 16xᵢ² + 5xᵢ), minimum −39.16617·n at xᵢ = −2.903534."""

    dim: int = 2

    def __post_init__(self):
        checks.count(self.dim, "dim", 1, 100)

    title = "Styblinski–Tang"
    X = -2.903534027771178

    @property
    def minima(self):
        return (tuple(self.X for _ in range(self.dim)),)

    @property
    def f_min(self):
        return -39.16616570377142 * self.dim

    @property
    def bounds(self):
        return tuple((-5.0, 5.0) for _ in range(self.dim))

    def f(self, W):
        return 0.5 * np.sum(W ** 4 - 16 * W ** 2 + 5 * W, axis=-1)

    def df(self, W):
        return 2 * W ** 3 - 16 * W + 2.5


@dataclass(frozen=True, eq=False)
class GoldsteinPrice(TestFunction):
    """[1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy
    + 27y²)], minimum 3 at (0, −1)."""

    dim = 2
    title = "Goldstein–Price"
    minima = ((0.0, -1.0),)
    f_min = 3.0
    bounds = ((-2.0, 2.0), (-2.0, 2.0))

    def parts(self, W):
        x, y = xy(W)
        u, p = x + y + 1, 19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2
        v, q = 2 * x - 3 * y, 18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2
        return x, y, u, p, v, q

    def f(self, W):
        x, y, u, p, v, q = self.parts(W)
        return (1 + u ** 2 * p) * (30 + v ** 2 * q)

    def df(self, W):
        x, y, u, p, v, q = self.parts(W)
        A, B = 1 + u ** 2 * p, 30 + v ** 2 * q
        dA_dx = 2 * u * p + u ** 2 * (-14 + 6 * x + 6 * y)
        dA_dy = 2 * u * p + u ** 2 * (-14 + 6 * x + 6 * y)
        dB_dx = 4 * v * q + v ** 2 * (-32 + 24 * x - 36 * y)
        dB_dy = -6 * v * q + v ** 2 * (48 - 36 * x + 54 * y)
        return stack(dA_dx * B + A * dB_dx, dA_dy * B + A * dB_dy)


@dataclass(frozen=True, eq=False)
class Saddle(TestFunction):
    """x² − y²: no minimum; its one critical point, the origin, is a saddle (``critical``)."""

    dim = 2
    title = "saddle x² − y²"
    critical = (0.0, 0.0)
    bounds = ((-2.0, 2.0), (-2.0, 2.0))

    def f(self, W):
        x, y = xy(W)
        return x ** 2 - y ** 2

    def df(self, W):
        x, y = xy(W)
        return stack(2 * x, -2 * y)


@dataclass(frozen=True, eq=False)
class MonkeySaddle(TestFunction):
    """x³ − 3xy²: no minimum; the origin is a degenerate critical point (three valleys, ``critical``)."""

    dim = 2
    title = "monkey saddle x³ − 3xy²"
    critical = (0.0, 0.0)
    bounds = ((-1.5, 1.5), (-1.5, 1.5))

    def f(self, W):
        x, y = xy(W)
        return x ** 3 - 3 * x * y ** 2

    def df(self, W):
        x, y = xy(W)
        return stack(3 * x ** 2 - 3 * y ** 2, -6 * x * y)


@dataclass(frozen=True, eq=False)
class BoydExp(TestFunction):
    """exp(x₁ + 3x₂ − 0.1) + exp(x₁ − 3x₂ − 0.1) + exp(−x₁ − 0.1), Boyd & Vandenberghe (9.20): minimum
    2√2·e^(−0.1) ≈ 2.5593 at (−ln 2 / 2, 0)."""

    dim = 2
    title = "Boyd's exp(x₁+3x₂−0.1) + exp(x₁−3x₂−0.1) + exp(−x₁−0.1)"
    minima = ((-math.log(2) / 2, 0.0),)
    f_min = 2 * math.sqrt(2) * math.exp(-0.1)
    bounds = ((-3.0, 1.0), (-1.0, 1.0))

    @property
    def names(self):
        return ("x1", "x2")

    def f(self, W):
        x, y = xy(W)
        return np.exp(x + 3 * y - 0.1) + np.exp(x - 3 * y - 0.1) + np.exp(-x - 0.1)

    def df(self, W):
        x, y = xy(W)
        a, b, c = np.exp(x + 3 * y - 0.1), np.exp(x - 3 * y - 0.1), np.exp(-x - 0.1)
        return stack(a + b - c, 3 * a - 3 * b)

    def hessian(self, w):
        x, y = np.asarray(w, dtype=float)
        a, b, c = np.exp(x + 3 * y - 0.1), np.exp(x - 3 * y - 0.1), np.exp(-x - 0.1)
        return np.array([[a + b + c, 3 * a - 3 * b], [3 * a - 3 * b, 9 * a + 9 * b]])


def conditioned_quadratic(condition: float = 10.0, angle: float = 0.0, largest: float = 1.0) -> QuadraticForm:
    """wᵀHw with eigenvalues largest/condition and largest, its axes turned by ``angle`` degrees:
    H = R·diag(largest/condition, largest)·Rᵀ. ``conditioned_quadratic(10)`` is CS 189's
    ill-conditioned bowl, diag(0.1, 1). Minimum 0 at the origin."""
    condition = checks.positive_number(condition, "condition number")
    if condition < 1:
        raise SceneError(f"condition number must be at least 1, got {condition!r}")
    angle = checks.number(angle, "angle (degrees)")
    largest = checks.positive_number(largest, "largest eigenvalue")
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    R = np.array([[c, -s], [s, c]])
    H = R @ np.diag([largest / condition, largest]) @ R.T
    return QuadraticForm(tuple(map(tuple, H)))


BENCHMARKS = (Beale, Himmelblau, Rastrigin, Ackley, Booth, Matyas, SixHumpCamel, StyblinskiTang, GoldsteinPrice,
              Saddle, MonkeySaddle, BoydExp)
