"""The base of every problem (value, gradient, Hessian, a default window) and the quadratic form
wᵀHw, which the benchmark functions build on as well; re-exported by gdanim.problems."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gdanim.core.errors import DataError, SceneError
from gdanim.declare import checks
from gdanim.declare.data import Dataset, Subset

EPS = np.finfo(float).eps


class Problem:
    """Base of all problems. Subclasses set ``dim`` and implement ``value`` and ``grad``."""

    dim: int = 1
    title = "loss"
    quadratic = False        # a quadratic in w: exact line searches and linear CG take closed forms
    constraint = None        # the set it is minimised over (problems.Constrained), drawn by the views
    l1 = 0.0                 # λ of an added λ‖w‖₁ (problems.L1Regularized), taken by ISTA and FISTA

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f"w{i}" for i in range(self.dim)) if self.dim > 1 else ("w",)

    @property
    def optimum(self):
        """The minimiser when it is known in closed form (drawn as a star), else None."""
        return None

    @property
    def data(self) -> Dataset | None:
        return None

    @property
    def n_samples(self) -> int | None:
        return None

    def value(self, w) -> float:
        raise NotImplementedError

    def on_samples(self, idx) -> "Problem":
        """The loss on the samples ``idx`` (a minibatch); a problem without data is its own."""
        return self

    def grad(self, w, idx=None) -> np.ndarray:
        raise NotImplementedError

    def hessian(self, w) -> np.ndarray:
        """Central differences of the gradient, for problems without a closed form."""
        return hessian_of_gradient(self.grad, np.asarray(w, dtype=float), 1.0)

    def values_on(self, points: np.ndarray) -> np.ndarray:
        """Loss at many points (k, dim) at once; overridden where numpy can vectorise it."""
        return np.array([self.value(p) for p in points])

    def grads_on(self, points: np.ndarray) -> np.ndarray:
        return np.array([self.grad(p) for p in points])

    def default_window(self):
        """A sensible (xlim, ylim) for the first two parameters."""
        c = np.zeros(self.dim) if self.optimum is None else np.asarray(self.optimum, dtype=float)
        return [(c[i] - 5, c[i] + 5) for i in range(min(self.dim, 2))]


@dataclass(frozen=True, eq=False)
class QuadraticForm(Problem):
    """L(w) = wᵀHw, the CS 189 ill-conditioned bowl with ``H = [[0.1, 0], [0, 1]]``."""

    H: tuple = ((0.1, 0.0), (0.0, 1.0))

    def __post_init__(self):
        try:
            h = np.asarray(self.H, dtype=float)
        except (TypeError, ValueError):
            raise SceneError(f"H must be a square matrix of numbers, got {self.H!r}") from None
        if h.ndim != 2 or h.shape[0] != h.shape[1] or not np.all(np.isfinite(h)):
            raise SceneError(f"H must be a square matrix of finite numbers, got {self.H!r}")
        object.__setattr__(self, "H", tuple(map(tuple, h.tolist())))

    @property
    def dim(self):
        return len(self.H)

    @property
    def names(self):
        return tuple(f"w{i + 1}" for i in range(self.dim))

    title = "L(w) = wᵀHw"
    quadratic = True

    @cached_property
    def _H(self):
        return np.array(self.H)

    @property
    def optimum(self):
        h = self._H + self._H.T
        if np.all(np.linalg.eigvalsh(h) > 0):
            return tuple(0.0 for _ in range(self.dim))
        return None

    def value(self, w):
        w = np.asarray(w, dtype=float)
        return float(w @ self._H @ w)

    def grad(self, w, idx=None):
        w = np.asarray(w, dtype=float)
        return w @ self._H * 2 if np.allclose(self._H, self._H.T) else (self._H + self._H.T) @ w

    def hessian(self, w):
        return self._H + self._H.T

    def values_on(self, points):
        points = np.asarray(points, dtype=float)
        return np.sum((points @ self._H) * points, axis=1)

    def grads_on(self, points):
        return np.asarray(points, dtype=float) @ (self._H + self._H.T).T


def steps(w: np.ndarray, scale: float, power: float) -> np.ndarray:
    """Finite-difference steps relative to each parameter's size: ε^power · max(|wᵢ|, scale)."""
    return EPS ** power * np.maximum(np.abs(w), scale)


def hessian_of_gradient(grad, w: np.ndarray, scale: float) -> np.ndarray:
    """Central differences of the gradient, symmetrised."""
    h = steps(w, scale, 1 / 3)
    cols = []
    for i in range(len(w)):
        e = np.zeros(len(w))
        e[i] = h[i]
        cols.append((grad(w + e) - grad(w - e)) / (2 * h[i]))
    hess = np.array(cols).T
    return (hess + hess.T) / 2


HUGE = 1e150       # a value whose square (a squared error, a Hessian) overflows past this


def too_large(dataset: Dataset) -> None:
    """A DataError naming the first column with a value no loss can square (1e300 in a CSV), which
    would otherwise surface as a loss of inf at whatever start the lecturer chose."""
    columns = [*zip(dataset.names, dataset.x.T), (dataset.target_name, dataset.y)]
    for name, values in columns:
        big = np.abs(values) > HUGE
        if big.any():
            raise DataError(f"column {name!r} holds {values[big][0]:g}, too large for a loss to square; "
                            f"rescale it (other units)", dataset.describe())


class DataProblem(Problem):
    """A loss averaged over a data set; ``grad(w, idx)`` averages over the samples ``idx``.
    The data are read (or generated) when the problem is declared, so a bad file is reported
    at the line of the scene that names it."""

    dataset: Dataset

    def __post_init__(self):
        checks.instance(self.dataset, "dataset", Dataset, "a data set (gdanim.data)")
        self.dataset.arrays
        too_large(self.dataset)
        self.check_data(self.dataset)

    def check_data(self, dataset: Dataset) -> None:
        """Raise a DataError if this model cannot be fitted to ``dataset``."""

    @property
    def data(self):
        return self.dataset

    @property
    def n_samples(self):
        return self.dataset.n

    def on_samples(self, idx) -> "DataProblem":
        """The same loss on the rows ``idx`` alone (a minibatch, repeats allowed): what a stochastic
        step's ``value_fn`` and ``hessian_fn`` evaluate. Not checked again as declared data is (a
        batch of one class is still a batch)."""
        batch = copy.copy(self)
        for name in list(batch.__dict__):           # what was worked out from all the data (a design matrix)
            if isinstance(getattr(type(self), name, None), cached_property):
                del batch.__dict__[name]
        batch.__dict__["dataset"] = Subset(self.dataset, idx)
        return batch


@dataclass(frozen=True, eq=False)
class Quadratic(Problem):
    """f(x) = ½xᵀAx − bᵀx + c, the form of Shewchuk's notes and of Nocedal & Wright's linear CG;
    its minimiser solves Ax = b (A symmetric positive definite). ``b`` defaults to 0.

    >>> q = Quadratic(((3, 2), (2, 6)), (2, -8))          # Shewchuk's (4)
    >>> q.optimum, q.value((2, -2))
    ((2.0, -2.0), -10.0)
    """

    A: tuple = ((1.0, 0.0), (0.0, 1.0))
    b: tuple | None = None
    c: float = 0.0

    def __post_init__(self):
        try:
            a = np.asarray(self.A, dtype=float)
        except (TypeError, ValueError):
            raise SceneError(f"A must be a square matrix of numbers, got {self.A!r}") from None
        if a.ndim != 2 or a.shape[0] != a.shape[1] or not np.all(np.isfinite(a)):
            raise SceneError(f"A must be a square matrix of finite numbers, got {self.A!r}")
        if not np.allclose(a, a.T):
            raise SceneError(f"A must be symmetric (½xᵀAx sees only its symmetric part), got {self.A!r}")
        object.__setattr__(self, "A", tuple(map(tuple, a.tolist())))
        from gdanim.declare import checks
        b = (0.0,) * len(a) if self.b is None else checks.vector(self.b, "b", len(a))
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "c", checks.number(self.c, "c"))

    @property
    def dim(self):
        return len(self.A)

    @property
    def names(self):
        return tuple(f"x{i + 1}" for i in range(self.dim))

    title = "f(x) = ½xᵀAx − bᵀx + c"
    quadratic = True

    @cached_property
    def _Ab(self):
        return np.array(self.A), np.array(self.b)

    @property
    def optimum(self):
        A, b = self._Ab
        if np.all(np.linalg.eigvalsh(A) > 0):
            return tuple(np.linalg.solve(A, b).tolist())
        return None

    def value(self, w):
        A, b = self._Ab
        w = np.asarray(w, dtype=float)
        return float(0.5 * w @ A @ w - b @ w + self.c)

    def grad(self, w, idx=None):
        A, b = self._Ab
        return A @ np.asarray(w, dtype=float) - b

    def hessian(self, w):
        return self._Ab[0]

    def values_on(self, points):
        A, b = self._Ab
        P = np.asarray(points, dtype=float)
        return 0.5 * np.sum((P @ A) * P, axis=1) - P @ b + self.c

    def grads_on(self, points):
        A, b = self._Ab
        return np.asarray(points, dtype=float) @ A - b
