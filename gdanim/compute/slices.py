"""The plane a Slice declares, in numbers: its centre c and directions D (dim × 2), the (α, β) of
any point projected onto it (least squares: Dᵀ(θ − c) where D is orthonormal), and the parameter
vectors c + Dᵢ(α, β) of a grid over it. Pure numpy.

>>> from gdanim.declare.slices import Slice
>>> path = np.array([[0.0, 0, 0], [2, 1, 0], [4, 2, 0.1]])
>>> b = basis(Slice("pca"), path, names=("x", "y", "z"), dim=3)
>>> np.round(b.coords(path), 3)[:, 0].tolist()          # the run goes left to right
[-4.473, -2.238, 0.0]
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gdanim.core.errors import SceneError


class Basis(NamedTuple):
    centre: np.ndarray          # (dim,)
    D: np.ndarray               # (dim, 2)
    labels: tuple[str, str]     # the panel's axis labels

    def coords(self, params) -> np.ndarray:
        """(α, β) of each row of ``params`` (k, dim): its projection onto the plane."""
        P = np.atleast_2d(np.asarray(params, dtype=float)) - self.centre
        return np.linalg.lstsq(self.D, P.T, rcond=None)[0].T

    def points(self, A, B) -> np.ndarray:
        """The parameter vectors at plane coordinates (A, B) (any shapes, flattened): (k, dim)."""
        return self.centre + np.outer(np.ravel(A), self.D[:, 0]) + np.outer(np.ravel(B), self.D[:, 1])

    def off(self, point) -> float:
        """How far ``point`` lies from the plane, relative to its size."""
        p = np.asarray(point, dtype=float)
        back = self.points(*self.coords(p)[0])[0]
        return float(np.linalg.norm(p - back) / (1.0 + np.linalg.norm(p)))


def basis(spec, path, names, dim, optimum=None) -> Basis:
    """The plane of ``spec`` (a declare.slices.Slice) for a run whose iterates are ``path``
    (k, dim; None where the Slice needs no run)."""
    centre = centre_of(spec, path, optimum)
    d = spec.directions
    if d == "pca":
        D, labels = principal(path, centre)
    elif d == "random":
        D = np.linalg.qr(np.random.RandomState(spec.seed).randn(dim, 2))[0]      # Gram–Schmidt of the draws
        labels = ("random direction 1", "random direction 2")
    elif spec.vectors:
        D = np.array(d, dtype=float).T
        if np.linalg.matrix_rank(D) < 2:
            raise SceneError("the two Slice directions are parallel: they span no plane")
        labels = ("direction 1", "direction 2")
    else:
        idx = [names.index(a) if isinstance(a, str) else a for a in d]
        D = np.zeros((dim, 2))
        D[idx[0], 0] = D[idx[1], 1] = 1.0
        centre[idx] = 0.0               # the panel's coordinates are those two parameters' own values
        labels = (names[idx[0]], names[idx[1]])
    return Basis(centre, D, labels)


def centre_of(spec, path, optimum) -> np.ndarray:
    if not isinstance(spec.centre, str):
        return np.array(spec.centre, dtype=float)
    if spec.centre == "optimum":
        return np.array(optimum, dtype=float)
    return np.array(path[-1] if spec.centre == "end" else path[0], dtype=float)


def principal(path, centre) -> tuple[np.ndarray, tuple[str, str]]:
    """The first two principal directions of the iterates (PCA: the right singular vectors of the
    iterates less their mean), each signed so the path's start lies at a negative coordinate (the
    run goes left to right, bottom to top), and the axis labels with the share of the path's
    variance each explains."""
    P = np.asarray(path, dtype=float)
    M = P - P.mean(axis=0)
    _, s, Vt = np.linalg.svd(M, full_matrices=False)
    if len(s) < 2 or s[1] <= 1e-12 * max(s[0], 1e-300):
        raise SceneError("Slice('pca'): the run's path spans less than a plane (it moves along one line or not "
                         "at all), so it has no second principal direction; give directions='random' or two "
                         "parameters")
    D = Vt[:2].T.copy()
    start = (P[0] - centre) @ D
    D[:, start > 0] *= -1
    share = s[:2] ** 2 / np.sum(s ** 2)
    return D, tuple(f"PC{k + 1} ({100 * v:.0f}% of the path's variance)" for k, v in enumerate(share))
