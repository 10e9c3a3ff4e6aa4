"""Data sets of the lectures: seeded generators that repeat the lectures' draws, and a CSV reader.

Every generator uses its own ``np.random.RandomState(seed)``, which yields the same stream as
the lectures' ``np.random.seed(seed)`` followed by the same calls, without touching numpy's
global random state. A data set is frozen data; its arrays are made on first use and cached.

>>> d = linear(n=100, coef=[3], intercept=2, seed=0)
>>> d.x.shape, d.y.shape
((100, 1), (100,))
"""
from __future__ import annotations

import csv
import math
import re
from array import array
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from contextvars import ContextVar
from pathlib import Path

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import DataError

# The folder of the scene file being loaded: relative data paths are read from there.
scene_dir: ContextVar[Path | None] = ContextVar("scene_dir", default=None)


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


@dataclass(frozen=True, eq=False)
class linear(Dataset):
    """y = intercept + x·coef + sigma·noise, x ~ N(0, 1): ``generate_linear_regression_data``
    of "Gradient descent in depth" (same draw order: x first, then the noise, always drawn)."""

    n: int = 100
    coef: tuple = (3.0,)
    intercept: float = 2.0
    sigma: float = 0.0
    seed: int = 0

    def __post_init__(self):
        object.__setattr__(self, "coef", checks.vector(self.coef, "coef"))
        checks.count(self.n, "n", 1, 1_000_000)

    def _make(self):
        rng = np.random.RandomState(self.seed)
        x = rng.randn(self.n, len(self.coef))
        y = (np.dot(x, self.coef) + self.intercept).squeeze() + self.sigma * rng.randn(self.n)
        return x, y

    @property
    def true_params(self):
        return (self.intercept, *self.coef)


@dataclass(frozen=True, eq=False)
class correlated(Dataset):
    """The "less friendly loss surface": x2 = x1 + (sigma/5)·noise, y = intercept + x·coef + sigma·noise."""

    n: int = 1000
    coef: tuple = (5.0, 4.0)
    intercept: float = 2.0
    sigma: float = 1.0
    seed: int = 0

    def _make(self):
        rng = np.random.RandomState(self.seed)
        x1 = rng.randn(self.n, 1)
        x2 = x1 + (self.sigma / 5) * rng.randn(self.n, 1)
        x = np.column_stack([x1, x2])
        y = (np.dot(x, self.coef) + self.intercept).squeeze() + self.sigma * rng.randn(self.n)
        return x, y

    @property
    def true_params(self):
        return (self.intercept, *self.coef)


@dataclass(frozen=True, eq=False)
class noisy_line(Dataset):
    """The ML1 notebook's data: x = linspace(lo, hi, n), y = slope·x + intercept + N(0, noise)."""

    n: int = 20
    slope: float = 2.0
    intercept: float = 1.0
    noise: float = 0.8
    lo: float = 0.0
    hi: float = 5.0
    seed: int = 0

    def _make(self):
        rng = np.random.RandomState(self.seed)
        x = np.linspace(self.lo, self.hi, self.n)
        return x, self.slope * x + self.intercept + rng.normal(0, self.noise, self.n)

    @property
    def true_params(self):
        return (self.intercept, self.slope)


@dataclass(frozen=True, eq=False)
class sine(Dataset):
    """CS 189's sine data: x = sort(rand(n)·2.5π), y = sin(1.1 + 2.5x) + 0.5·noise; seed 42."""

    n: int = 200
    phase: float = 1.1
    frequency: float = 2.5
    noise: float = 0.5
    seed: int = 42

    def _make(self):
        rng = np.random.RandomState(self.seed)
        x = np.sort(rng.rand(self.n) * 2.5 * np.pi)
        return x, np.sin(self.phase + self.frequency * x) + self.noise * rng.randn(self.n)

    @property
    def true_params(self):
        return (self.phase, self.frequency)


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
class arrays(Columns):
    """Data given in the scene: features ``x`` (n values, or n rows of d), targets ``y`` (n), and
    optionally their names and the true parameters (drawn dashed by the traces).

    >>> arrays([0, 1, 2], [1, 3, 5], true=(1, 2)).x.tolist()
    [[0.0], [1.0], [2.0]]
    """

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


@dataclass(frozen=True, eq=False)
class make_regression(Seeded):
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
        checks.count(self.n_samples, "n_samples", 1, 1_000_000)
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
class uniform_line(Seeded):
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
class normal_sample(Seeded):
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


@dataclass(frozen=True, eq=False)
class table(Columns):
    """Columns of a CSV file (parsed, never evaluated); ``standardize`` scales features to
    mean 0 and population standard deviation 1, as scikit-learn's StandardScaler does."""

    path: str = ""
    features: tuple = ()
    target: str = ""
    standardize: bool = False

    plain_names = True      # its columns' names are the file's: drawn as written, "$" and all

    def __post_init__(self):
        features = (self.features,) if isinstance(self.features, str) else self.features   # one column by name
        object.__setattr__(self, "features", tuple(features))
        for column in (*self.features, self.target):
            checks.text(column, "column name", written=False)
        path = Path(self.path)
        base = scene_dir.get()
        if not path.is_absolute() and base is not None:
            object.__setattr__(self, "path", str(base / path))

    def describe(self) -> str:
        return str(self.path)

    def _make(self):
        x, y = read_csv(self.path, self.features, self.target)
        if self.standardize:
            std = x.std(axis=0)
            for name, s, column in zip(self.features, std, x.T):
                if not s > 0:
                    raise DataError(f"column {name!r} is constant ({column[0]:g} in every row): it cannot be "
                                    f"standardized (its standard deviation is 0); drop it or set standardize=False",
                                    self.describe())
            x = (x - x.mean(axis=0)) / std
        return x, y


# a number as a data file writes it: ASCII digits, a point, an exponent (float() also takes 1_000
# and other scripts' digits)
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
MAX_ROWS = 1_000_000        # as many as a generator draws (n): beyond, a sample shows the same


def read_csv(path, features, target) -> tuple[np.ndarray, np.ndarray]:
    """Read numeric columns by header name; every problem is a DataError naming file and line (the
    line a row starts on, a quoted cell's line breaks counted). Rows are parsed as they are read,
    into one array of floats: a million rows of two numbers take 16 MB, not a list of strings."""
    path = Path(path)
    if not path.is_file():
        raise DataError("data file not found" if not path.exists() else "data path is not a file", str(path))
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:     # -sig: Excel's "CSV UTF-8" starts with a BOM
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise DataError("data file is empty", str(path))
            header = [h.strip() for h in header]
            cols = columns(header, [*features, target], path)
            values, rows = read_rows(reader, header, cols, path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"cannot read data file: {exc}", str(path)) from None
    if not rows:
        raise DataError("data file has a header but no rows", str(path))
    arr = np.frombuffer(values, dtype=float).reshape(rows, len(cols))
    return arr[:, :-1], arr[:, -1]


def columns(header: list[str], wanted: list[str], path: Path) -> list[int]:
    """The header's index of each wanted column; a DataError on line 1 for one it lacks."""
    for name in wanted:
        if name not in header:
            other = next((sep for sep in ";\t|" if len(header) == 1 and sep in header[0]), None)
            if other is not None:
                raise DataError(f"no column {name!r}: the header is one column, {header[0]!r}; the file seems to be "
                                f"separated by {other!r}, and gdanim reads commas: save it as comma-separated",
                                str(path), 1)
            raise DataError(f"no column {name!r}{checks.suggest(name, header)}", str(path), 1)
    return [header.index(name) for name in wanted]


def read_rows(reader, header: list[str], cols: list[int], path: Path) -> tuple[array, int]:
    """The ``cols`` of every row after the header, as floats one after the other, and how many
    rows; blank rows are skipped. ``reader.line_num`` is the line a row ends on, so a row starts
    one after where the one before it ended."""
    values, rows, lineno = array("d"), 0, reader.line_num + 1
    for row in reader:
        if row and any(c.strip() for c in row):
            if len(row) != len(header):
                raise DataError(f"row has {len(row)} cells, the header has {len(header)}", str(path), lineno)
            if rows == MAX_ROWS:
                raise DataError(f"data file has more than {MAX_ROWS:,} rows, the most gdanim reads (as many as a "
                                f"generator draws): use a sample of them", str(path), lineno)
            values.extend(number(row[c].strip(), header[c], path, lineno) for c in cols)
            rows += 1
        lineno = reader.line_num + 1
    return values, rows


def number(cell: str, column: str, path: Path, lineno: int) -> float:
    """The finite number ``cell`` writes, as a data file writes numbers, else a DataError."""
    try:
        v = float(cell)
        if not NUMBER.fullmatch(cell) and math.isfinite(v):     # 1_000, ١٢: Python's, not a CSV's
            raise ValueError
    except ValueError:
        hint = (" (digits grouped with _ are Python's way, not a data file's: write 1000)" if "_" in cell
                else " (digits are 0-9)" if not cell.isascii() else "")
        raise DataError(f"column {column!r}: {cell!r} is not a number{hint}", str(path), lineno) from None
    if not math.isfinite(v):
        raise DataError(f"column {column!r}: {cell!r} is not a finite number", str(path), lineno)
    return v


def packaged(name: str) -> str:
    """Path of a data file shipped inside gdanim (see gdanim/data/README.md for provenance)."""
    return str(resources.files("gdanim") / "data" / name)


def breast_cancer() -> table:
    """Breast Cancer Wisconsin: mean radius and mean texture (standardized) against the target
    (0 = malignant, 1 = benign). UCI ML Repository, CC BY 4.0; see gdanim/data/README.md."""
    return table(packaged("breast_cancer_radius_texture.csv"),
                 features=("mean radius", "mean texture"), target="target", standardize=True)
