"""What a data set is: features ``x`` (n, d), targets ``y`` (n,), their names and the true
parameters if known, its arrays made on first use and cached; data given by column names
(``Columns``), and data given in the scene itself (``Arrays``).

>>> Arrays([0, 1, 2], [1, 3, 5], true=(1, 2)).x.tolist()
[[0.0], [1.0], [2.0]]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import DataError

MAX_N = 1_000_000        # points a data set may have: a generator's n, a CSV's rows


class Dataset:
    """Features ``x`` (n, d), targets ``y`` (n,), feature names, and the true parameters if known."""

    feature_names: tuple[str, ...] = ()
    target_name = "y"

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._make()
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float).reshape(-1)
        if x.ndim == 1:
            x = x[:, None]
        if len(y) == 0:
            raise DataError(f"{self.describe()}: the data set is empty")
        return x, y

    @property
    def x(self) -> np.ndarray:
        return self.arrays[0]

    @property
    def y(self) -> np.ndarray:
        return self.arrays[1]

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def names(self) -> tuple[str, ...]:
        d = self.x.shape[1]
        return self.feature_names if len(self.feature_names) == d else tuple(f"x{i + 1}" for i in range(d))

    true_params = None

    def describe(self) -> str:
        return type(self).__name__

    def _make(self):
        raise NotImplementedError


class Subset(Dataset):
    """The rows ``idx`` of a data set (repeats allowed: a minibatch drawn with replacement), with
    its names: the data a minibatch's loss is taken on."""

    def __init__(self, parent: Dataset, idx):
        self.parent, self.idx = parent, np.asarray(idx, dtype=int)

    @property
    def names(self):
        return self.parent.names

    @property
    def target_name(self):
        return self.parent.target_name

    def describe(self) -> str:
        return f"{self.parent.describe()} (a minibatch of {len(self.idx)})"

    def _make(self):
        return self.parent.x[self.idx], self.parent.y[self.idx]


class Columns(Dataset):
    """A data set whose feature and target names are its ``features`` and ``target`` fields."""

    features: tuple = ()
    target: str = "y"

    @property
    def feature_names(self):
        return self.features

    @property
    def target_name(self):
        return self.target


@dataclass(frozen=True, eq=False)
class Arrays(Columns):
    """Data given in the scene: features ``x`` (n values, or n rows of d), targets ``y`` (n), and
    optionally their names and the true parameters (drawn dashed by the traces)."""

    x_values: object = ()
    y_values: object = ()
    features: tuple = ()
    target: str = "y"
    true: tuple | None = None

    def __init__(self, x, y, names=(), target="y", true=None):
        object.__setattr__(self, "x_values", x)
        object.__setattr__(self, "y_values", y)
        object.__setattr__(self, "features", tuple(checks.text(n, "feature name", written=False) for n in names))
        object.__setattr__(self, "target", checks.text(target, "target name", written=False))
        object.__setattr__(self, "true", None if true is None else checks.vector(true, "true parameters"))
        try:
            xs = np.asarray(x, dtype=float)
            ys = np.asarray(y, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise DataError("x and y must be arrays of numbers", "arrays") from None
        n = xs.shape[0] if xs.ndim else 0
        if xs.ndim not in (1, 2) or n != len(ys):
            raise DataError(f"x must have one row per value of y ({len(ys)}), got shape {xs.shape}", "arrays")
        if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
            raise DataError("x and y must be finite numbers", "arrays")

    def describe(self) -> str:
        return "arrays"

    @property
    def true_params(self):
        return self.true

    def _make(self):
        return self.x_values, self.y_values
