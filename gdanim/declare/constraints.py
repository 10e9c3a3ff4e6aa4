"""Constraint sets of a problem (``problems.Constrained``) and their Euclidean projections
P_C(w) = argmin over x in C of ‖x − w‖, the functions named as optax.projections names them.
A set also gives its outline in a plane of two parameters, which Contours and Surface3D draw.

>>> projection_simplex(np.array([0.5, 1.5, -1.0])).tolist()
[0.0, 1.0, 0.0]
>>> Ball(1.0).project((3.0, 4.0))
array([0.6, 0.8])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError

ROUND = 256               # points on a circle's outline


def projection_box(w, lower, upper) -> np.ndarray:
    """min(max(w, lower), upper), element by element."""
    return np.clip(np.asarray(w, dtype=float), lower, upper)


def projection_l2_ball(w, radius: float, center=0.0) -> np.ndarray:
    """c + (w − c)·min(1, r/‖w − c‖)."""
    d = np.asarray(w, dtype=float) - center
    norm = float(np.linalg.norm(d))
    return center + (d if norm <= radius else d * (radius / norm))


def projection_simplex(w, total: float = 1.0) -> np.ndarray:
    """Onto {x ≥ 0, Σx = total}, by sorting (Duchi, Shalev-Shwartz, Singer & Chandra 2008, Figure 1):
    u = w sorted decreasing, ρ = the largest j with u_j − (Σ_{i≤j} u_i − total)/j > 0,
    θ = (Σ_{i≤ρ} u_i − total)/ρ; P(w) = max(w − θ, 0)."""
    w = np.asarray(w, dtype=float)
    u = np.sort(w)[::-1]
    css = np.cumsum(u) - total
    j = np.arange(1, w.size + 1)
    rho = int(np.nonzero(u - css / j > 0)[0][-1]) + 1
    return np.maximum(w - css[rho - 1] / rho, 0.0)


def projection_l1_ball(w, radius: float, center=0.0) -> np.ndarray:
    """Onto {‖x − c‖₁ ≤ r}: w itself inside, else c + sign(d)·P_simplex(|d|, r), d = w − c (Duchi
    et al. 2008, §4)."""
    d = np.asarray(w, dtype=float) - center
    if float(np.sum(np.abs(d))) <= radius:
        return center + d
    return center + np.sign(d) * projection_simplex(np.abs(d), radius)


def soft_threshold(w, tau) -> np.ndarray:
    """The proximal map of τ‖·‖₁: sign(w)·max(|w| − τ, 0)."""
    w = np.asarray(w, dtype=float)
    return np.sign(w) * np.maximum(np.abs(w) - tau, 0.0)


class Constraint:
    """A closed convex set: ``project(w)``, ``contains(w)`` and ``outline(i, j, base)``, the
    boundary of its slice through ``base`` in the plane of parameters i and j, as polylines."""

    def project(self, w) -> np.ndarray:
        raise NotImplementedError

    def contains(self, w, tol: float = 1e-9) -> bool:
        w = np.asarray(w, dtype=float)
        return bool(np.linalg.norm(self.project(w) - w) <= tol * max(1.0, float(np.linalg.norm(w))))

    def outline(self, i: int, j: int, base) -> list[np.ndarray]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


def sized(value, field: str):
    """A number or a tuple of numbers (one per parameter)."""
    if np.ndim(value) == 0:
        return checks.number(value, field)
    return checks.vector(value, field)


def at(value, k: int) -> float:
    return float(value) if np.ndim(value) == 0 else float(value[k])


def others(base, i, j) -> np.ndarray:
    return np.delete(np.asarray(base, dtype=float), [i, j])


@dataclass(frozen=True)
class Box(Constraint):
    """lower ≤ w ≤ upper, each a number or one per parameter."""

    lower: object = -1.0
    upper: object = 1.0

    def __post_init__(self):
        lower, upper = sized(self.lower, "Box lower"), sized(self.upper, "Box upper")
        if np.any(np.asarray(lower) > np.asarray(upper)):
            raise SceneError(f"Box: lower must not exceed upper, got lower {lower!r}, upper {upper!r}")
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    def project(self, w):
        return projection_box(w, np.asarray(self.lower), np.asarray(self.upper))

    def outline(self, i, j, base):
        base = np.asarray(base, dtype=float)
        rest = [k for k in range(base.size) if k not in (i, j)]
        if any(not at(self.lower, k) <= base[k] <= at(self.upper, k) for k in rest):
            return []
        (x0, x1), (y0, y1) = (at(self.lower, i), at(self.upper, i)), (at(self.lower, j), at(self.upper, j))
        return [np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])]

    def describe(self):
        return f"the box from {self.lower!r} to {self.upper!r}"


@dataclass(frozen=True)
class Ball(Constraint):
    """‖w − center‖₂ ≤ radius (center: the origin, or one number per parameter)."""

    radius: float = 1.0
    center: object = 0.0

    def __post_init__(self):
        object.__setattr__(self, "radius", checks.positive_number(self.radius, "Ball radius"))
        object.__setattr__(self, "center", sized(self.center, "Ball center"))

    def project(self, w):
        return projection_l2_ball(w, self.radius, np.asarray(self.center))

    def outline(self, i, j, base):
        c = np.broadcast_to(np.asarray(self.center, dtype=float), np.shape(base))
        left = self.radius ** 2 - float(np.sum((others(base, i, j) - np.delete(c, [i, j])) ** 2))
        if left <= 0:
            return []
        a = np.linspace(0, 2 * np.pi, ROUND + 1)
        return [np.column_stack([c[i] + np.sqrt(left) * np.cos(a), c[j] + np.sqrt(left) * np.sin(a)])]

    def describe(self):
        about = "" if np.ndim(self.center) == 0 and self.center == 0 else f" about {self.center!r}"
        return f"the ball of radius {self.radius:g}{about}"


@dataclass(frozen=True)
class Simplex(Constraint):
    """w ≥ 0 with Σw = total (the probability simplex for total 1)."""

    total: float = 1.0

    def __post_init__(self):
        object.__setattr__(self, "total", checks.positive_number(self.total, "Simplex total"))

    def project(self, w):
        return projection_simplex(w, self.total)

    def outline(self, i, j, base):
        rest = others(base, i, j)
        left = self.total - float(rest.sum())
        if np.any(rest < 0) or left < 0:
            return []
        return [np.array([(left, 0.0), (0.0, left)])]          # a segment: the simplex has no inside

    def describe(self):
        return f"the simplex of total {self.total:g}"


@dataclass(frozen=True)
class L1Ball(Constraint):
    """‖w − center‖₁ ≤ radius: a diamond in two dimensions."""

    radius: float = 1.0
    center: object = 0.0

    def __post_init__(self):
        object.__setattr__(self, "radius", checks.positive_number(self.radius, "L1Ball radius"))
        object.__setattr__(self, "center", sized(self.center, "L1Ball center"))

    def project(self, w):
        return projection_l1_ball(w, self.radius, np.asarray(self.center))

    def outline(self, i, j, base):
        c = np.broadcast_to(np.asarray(self.center, dtype=float), np.shape(base))
        left = self.radius - float(np.sum(np.abs(others(base, i, j) - np.delete(c, [i, j]))))
        if left <= 0:
            return []
        return [np.array([(c[i] + left, c[j]), (c[i], c[j] + left), (c[i] - left, c[j]), (c[i], c[j] - left),
                          (c[i] + left, c[j])])]

    def describe(self):
        about = "" if np.ndim(self.center) == 0 and self.center == 0 else f" about {self.center!r}"
        return f"the L1 ball of radius {self.radius:g}{about}"


CONSTRAINTS = (Box, Ball, Simplex, L1Ball)
