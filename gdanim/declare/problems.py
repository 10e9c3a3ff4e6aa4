"""Loss functions of the lectures: value, gradient and (where the lectures use it) Hessian.

A problem is frozen data. Data problems take an optional ``idx`` (sample indices) in
``grad`` so the runner can draw stochastic minibatches; the loss is always on all the data.

>>> p = Polynomial([1, 0, 1])          # w² + 1
>>> float(p.value([2.0])), p.grad([2.0]).tolist()
(5.0, [4.0])
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

import numpy as np

from gdanim.declare import checks
from gdanim.declare.dataset import Dataset
from gdanim.core.errors import DataError, GdanimError, SceneCodeError, SceneError, note
from gdanim.declare.problem_base import (  # noqa: F401
    EPS, HUGE, DataProblem, Problem, Quadratic, QuadraticForm, hessian_of_gradient, steps, too_large)
from gdanim.declare.network import TinyNetwork  # noqa: F401
from gdanim.declare.composite import Constrained, L1Regularized, Wrapped  # noqa: F401
from gdanim.declare.benchmarks import (  # noqa: F401  (gdanim.problems' test functions)
    BENCHMARKS, Ackley, Beale, Booth, BoydExp, GoldsteinPrice, Himmelblau, Matyas, MonkeySaddle, Rastrigin, Saddle,
    SixHumpCamel, StyblinskiTang, TestFunction, conditioned_quadratic)

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, eq=False)
class Polynomial(Problem):
    """A 1-D polynomial, coefficients highest power first (as numpy.poly1d):
    ``Polynomial([1, -3, 4])`` is w² − 3w + 4."""

    coeffs: tuple = (1.0, 0.0, 1.0)
    var: str = "w"

    def __post_init__(self):
        object.__setattr__(self, "coeffs", checks.vector(self.coeffs, "coeffs"))
        if not self.coeffs:
            raise SceneError("coeffs must not be empty")

    dim = 1

    @property
    def quadratic(self):
        return len(self.coeffs) <= 3

    @property
    def names(self):
        return (self.var,)

    @cached_property
    def _polys(self):
        p = np.poly1d(self.coeffs)
        return p, p.deriv(), p.deriv(2)

    @property
    def title(self) -> str:
        return f"f({self.var}) = {self.formula()}"

    def formula(self) -> str:
        terms = []
        deg = len(self.coeffs) - 1
        for i, c in enumerate(self.coeffs):
            k = deg - i
            if c == 0:
                continue
            mag = abs(c)
            num = "" if (mag == 1 and k > 0) else f"{mag:g}"
            var = "" if k == 0 else self.var if k == 1 else self.var + str(k).translate(SUPERSCRIPTS)
            sign = "−" if c < 0 else "+"
            terms.append((sign, num + var))
        if not terms:
            return "0"
        first = ("−" if terms[0][0] == "−" else "") + terms[0][1]
        return " ".join([first] + [f"{s} {t}" for s, t in terms[1:]])

    @property
    def optimum(self):
        p, d1, d2 = self._polys
        roots = [r.real for r in np.atleast_1d(d1.roots) if abs(r.imag) < 1e-12 and d2(r.real) > 0]
        if not roots:
            return None
        best = min(roots, key=lambda r: p(r))
        return (float(best),)

    def value(self, w):
        return float(self._polys[0](np.asarray(w, dtype=float).reshape(-1)[0]))

    def grad(self, w, idx=None):
        return np.array([self._polys[1](np.asarray(w, dtype=float).reshape(-1)[0])])

    def hessian(self, w):
        return np.array([[self._polys[2](np.asarray(w, dtype=float).reshape(-1)[0])]])

    def values_on(self, points):
        return self._polys[0](np.asarray(points, dtype=float).reshape(-1))


@dataclass(frozen=True, eq=False)
class Rosenbrock(Problem):
    """(a − x)² + b(y − x²)², minimum at (a, a²)."""

    a: float = 1.0
    b: float = 100.0
    dim = 2
    title = "Rosenbrock"

    @property
    def names(self):
        return ("x", "y")

    @property
    def optimum(self):
        return (self.a, self.a ** 2)

    def value(self, w):
        x, y = np.asarray(w, dtype=float)
        return float((self.a - x) ** 2 + self.b * (y - x * x) ** 2)

    def grad(self, w, idx=None):
        x, y = np.asarray(w, dtype=float)
        return np.array([-2 * (self.a - x) - 4 * self.b * x * (y - x * x), 2 * self.b * (y - x * x)])

    def hessian(self, w):
        x, y = np.asarray(w, dtype=float)
        return np.array([[2 - 4 * self.b * (y - 3 * x * x), -4 * self.b * x], [-4 * self.b * x, 2 * self.b]])

    def values_on(self, points):
        x, y = np.asarray(points, dtype=float).T
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def default_window(self):
        return [(-2.0, 2.0), (-1.0, 3.0)]


# what numpy and Python say when a number is indexed (w[0] where w is one number)
INDEXED_NUMBER = ("invalid index to scalar variable.", "'float' object is not subscriptable",
                  "'numpy.float64' object is not subscriptable")


@dataclass(frozen=True, eq=False)
class Function(Problem):
    """A user's loss from ``value(w)``, with ``gradient(w)`` and ``hess(w)`` if given. Without
    them, central finite differences with a step relative to each parameter's size, hᵢ = c·max(|wᵢ|,
    scale) (``scale``: the size of a typical parameter, 1 by default): c = ε^(1/3) for the gradient
    and for a Hessian from the gradient, c = ε^(1/4) for a Hessian from values alone (second
    differences), the steps that balance truncation against rounding.

    >>> f = Function(lambda w: w[0] ** 2 * w[1] + np.exp(w[0]), dim=2)
    >>> np.round(f.hessian([0.5, -1.0]), 6).tolist()     # [[2y + eˣ, 2x], [2x, 0]]
    [[-0.351279, 1.0], [1.0, 0.0]]
"""

    fn: Callable = None
    gradient: Callable | None = None
    hess: Callable | None = None
    dim: int = 1
    param_names: tuple = ()
    minimum: tuple | None = None
    title: str = "L(w)"
    scale: float = 1.0

    window_from_runs = True     # a panel with no limits declared is fitted to the runs (paint.base.fitted)

    def __post_init__(self):
        if not callable(self.fn):
            raise SceneError(f"Function needs a callable value function, got {self.fn!r}")
        checks.count(self.dim, "dim", 1, 1000)
        checks.positive_number(self.scale, "Function scale")
        if self.param_names and len(self.param_names) != self.dim:
            raise SceneError(f"param_names must have {self.dim} names, got {len(self.param_names)}")
        for name in self.param_names:
            checks.text(name, "param_names entry")
        checks.text(self.title, "Function title")

    @property
    def names(self):
        return tuple(self.param_names) or Problem.names.fget(self)

    @property
    def optimum(self):
        return None if self.minimum is None else tuple(np.asarray(self.minimum, dtype=float).reshape(-1))

    def values_on(self, points):
        """The loss at every point of a panel's grid; a point where the lecturer's function raises
        (a logarithm of a negative number, say) is left blank (NaN), and a Note counts them."""
        return self.each(self.value, points, ())

    def grads_on(self, points):
        return self.each(self.grad, points, (self.dim,))

    def each(self, fn, points, shape) -> np.ndarray:
        out, failed = np.full((len(points), *shape), np.nan), None
        for k, p in enumerate(points):
            try:
                out[k] = fn(p)
            except Exception as exc:
                failed = failed or (k, exc)
        blank = np.isnan(out.reshape(len(points), -1)).all(axis=1)
        if failed is not None:
            k, exc = failed
            where = (f"{int(blank.sum())} of {len(points)} points of a panel (first at "
                     f"{tuple(np.round(points[k], 4).tolist())})")
            if isinstance(exc, GdanimError):        # a value that is no loss (complex, None): said as such
                note(f"at {where}, {exc.message}; they are left blank")
            else:
                note(f"the loss raised {type(exc).__name__} ({exc}) at {where}; they are left blank")
        elif blank.any():               # one note for the scene, whichever panels meet it
            note(f"{'the loss' if not shape else 'its gradient'} is nan on part of a panel: the function is "
                 f"not defined there, and it is left blank")
        return out

    def value(self, w):
        w = np.asarray(w, dtype=float)
        return float(result(self.called(self.fn, w), (), "Function's value (the loss)", "one number"))

    def called(self, fn, w):
        """``fn`` of the parameters: a number when there is one (dim=1), else the array. Indexing
        that number (``w[0]``, written for two parameters) says so in its message."""
        if self.dim != 1:
            return fn(w)
        try:
            return fn(w[0])
        except (IndexError, TypeError) as exc:
            said = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else ""
            if said in INDEXED_NUMBER:
                exc.args = (f"{exc.args[0]} (a Function of one parameter gets w as a number: write w, not w[0]; "
                            f"for more, give Function(..., dim=2))",)
            raise

    def grad(self, w, idx=None):
        w = np.asarray(w, dtype=float)
        if self.gradient is not None:
            g = result(self.called(self.gradient, w), (self.dim,), "Function's gradient",
                       f"{self.dim} number{'s' if self.dim > 1 else ''} (one per parameter)")
            if not np.all(np.isfinite(g)) and np.isfinite(self.value(w)):
                raise SceneCodeError(f"Function's gradient is {g.tolist()} at w = {tuple(w.tolist())}, where the loss "
                                     f"is finite ({self.value(w):.6g}): a gradient there must be finite")
            return g
        h = steps(w, self.scale, 1 / 3)
        g = np.empty(self.dim)
        for i in range(self.dim):
            e = np.zeros(self.dim)
            e[i] = h[i]
            g[i] = (self.value(w + e) - self.value(w - e)) / (2 * h[i])
        return g

    def hessian(self, w):
        w = np.asarray(w, dtype=float)
        if self.hess is not None:
            return result(self.called(self.hess, w), (self.dim, self.dim), "Function's Hessian",
                          f"a {self.dim}×{self.dim} matrix")
        if self.gradient is not None:
            return hessian_of_gradient(self.grad, w, self.scale)
        return hessian_of_values(self.value, w, self.scale)


@dataclass(frozen=True, eq=False)
class LinearRegression(DataProblem):
    """Mean squared error of y ≈ Xw, X the features with a leading column of ones.

    ``gradient="exact"`` steps along ∇MSE = (2/n)Xᵀ(Xw − y) (the workshop's 2/m gradient). "Gradient
    descent in depth" and the ML1 notebook step along (1/n)Xᵀ(Xw − y), the gradient of ½·MSE,
    while plotting the MSE itself: ``gradient="half"`` reproduces them exactly. ``loss="half_mse"``
    is the blog's cost J = ½·MSE = (1/2m)(Xθ − y)ᵀ(Xθ − y), plotted and descended as J (its exact
    gradient is (1/m)Xᵀ(Xθ − y)). ``intercept=False`` fits y ≈ w·x through the origin.
    """

    dataset: Dataset = None
    gradient: str = "exact"
    intercept: bool = True
    param_names: tuple = ()
    loss: str = "mse"

    def __post_init__(self):
        DataProblem.__post_init__(self)
        checks.choice(self.gradient, "gradient convention", ("exact", "half"))
        checks.choice(self.loss, "loss", ("mse", "half_mse"))
        if self.loss == "half_mse" and self.gradient == "half":
            raise SceneError("loss='half_mse' already is half the MSE: its gradient is the exact one "
                             "(drop gradient='half')")

    @property
    def title(self):
        return "J = ½·MSE" if self.loss == "half_mse" else "MSE"

    @property
    def _factor(self):
        """The loss as a multiple of the MSE."""
        return 0.5 if self.loss == "half_mse" else 1.0

    @cached_property
    def design(self) -> np.ndarray:
        x = self.dataset.x
        return np.column_stack([np.ones(len(x)), x]) if self.intercept else x

    @property
    def dim(self):
        return self.dataset.x.shape[1] + (1 if self.intercept else 0)

    @property
    def names(self):
        if self.param_names:
            return tuple(self.param_names)
        return tuple(f"w{i}" for i in range(self.dim)) if self.intercept else tuple(f"w{i + 1}" for i in range(self.dim))

    @cached_property
    def least_squares(self) -> np.ndarray:
        return np.linalg.lstsq(self.design, self.dataset.y, rcond=None)[0]

    @property
    def optimum(self):
        return tuple(self.least_squares.tolist())

    @property
    def _scale(self):
        return 1.0 if self.gradient == "half" else 2.0 * self._factor

    def value(self, w):
        err = self.design @ np.asarray(w, dtype=float) - self.dataset.y
        return float(self._factor * np.mean(err ** 2))

    def grad(self, w, idx=None):
        X, y = self.design, self.dataset.y
        if idx is not None:
            X, y = X[idx], y[idx]
        err = X @ np.asarray(w, dtype=float) - y
        return self._scale * (X.T @ err) / len(y)

    def hessian(self, w):
        X = self.design
        return self._scale * (X.T @ X) / len(X)

    @cached_property
    def _moments(self):
        """XᵀX/n, Xᵀy/n and yᵀy/n: the loss is a quadratic form in them, so the loss on a grid of
        parameters costs the same however many samples there are (a 120×120 contour grid over
        1000 samples: 80 ms through the residuals, 1 ms so)."""
        X, y = self.design, self.dataset.y
        return X.T @ X / len(y), X.T @ y / len(y), float(y @ y) / len(y)

    def values_on(self, points):
        P = np.asarray(points, dtype=float)
        G, b, c = self._moments
        return self._factor * np.maximum(np.einsum("ki,ij,kj->k", P, G, P) - 2 * P @ b + c, 0.0)

    def grads_on(self, points):
        err = np.asarray(points, dtype=float) @ self.design.T - self.dataset.y
        return self._scale * err @ self.design / len(self.dataset.y)

    def predict(self, w, x):
        x = np.asarray(x, dtype=float).reshape(len(x), -1)
        w = np.asarray(w, dtype=float)
        return (w[0] + x @ w[1:]) if self.intercept else x @ w

    def default_window(self):
        c = self.least_squares
        return [(c[i] - 3, c[i] + 3) for i in range(min(self.dim, 2))]


@dataclass(frozen=True, eq=False)
class LogisticRegression(DataProblem):
    """Mean negative log-likelihood of p = σ(w·x), computed with the stable softplus
    ``logaddexp(0, z) − t·z``. Targets are 0/1. Without a bias (CS 189's two-feature model) the
    parameters are one weight per feature; ``bias=True`` adds b first, p = σ(b + w·x) (the Slido
    question's offset feature). One feature gives a one-parameter problem (a 1-D loss curve)."""

    dataset: Dataset = None
    param_names: tuple = ()
    bias: bool = False
    title = "cross-entropy"

    @cached_property
    def design(self) -> np.ndarray:
        x = self.dataset.x
        return np.column_stack([np.ones(len(x)), x]) if self.bias else x

    @property
    def dim(self):
        return self.dataset.x.shape[1] + (1 if self.bias else 0)

    @property
    def names(self):
        if len(self.param_names) == self.dim:
            return tuple(self.param_names)
        if self.dim == 1:
            return ("w",)
        return ("b", *(f"w{i + 1}" for i in range(self.dim - 1))) if self.bias else \
            tuple(f"w{i + 1}" for i in range(self.dim))         # CS 189's w1, w2

    def check_data(self, dataset):
        y = dataset.y
        name = f"the target column {dataset.target_name!r}" if dataset.target_name != "y" else "the targets"
        if not np.all((y == 0) | (y == 1)):
            bad = y[(y != 0) & (y != 1)][0]
            raise DataError(f"{name} must be 0 or 1 for logistic regression, found {bad:g}", dataset.describe())
        for cls in (0, 1):
            if not np.any(y == cls):
                raise DataError(f"{name} has no row of class {cls}: logistic regression needs both classes "
                                f"(every row is {1 - cls})", dataset.describe())

    def value(self, w):
        z = self.design @ np.asarray(w, dtype=float)
        return float(np.mean(np.logaddexp(0, z) - self.dataset.y * z))

    def grad(self, w, idx=None):
        x, t = self.design, self.dataset.y
        if idx is not None:
            x, t = x[idx], t[idx]
        p = sigmoid(x @ np.asarray(w, dtype=float))
        return np.mean((p - t)[:, None] * x, axis=0)

    def hessian(self, w):
        x = self.design
        p = sigmoid(x @ np.asarray(w, dtype=float))
        return (x.T * (p * (1 - p))) @ x / len(p)

    def values_on(self, points, chunk: int = 1024):
        """The loss at many points, ``chunk`` at a time (a contour grid times every sample does
        not fit in a cache), with softplus(z) = max(z, 0) + log1p(e^−|z|): 7× faster than
        ``np.logaddexp`` on a grid, equal to within rounding."""
        points = np.asarray(points, dtype=float)
        out = np.empty(len(points))
        for i in range(0, len(points), chunk):
            z = points[i:i + chunk] @ self.design.T
            loss = np.maximum(z, 0)
            loss += np.log1p(np.exp(-np.abs(z)))
            loss -= self.dataset.y * z
            out[i:i + chunk] = loss.mean(axis=1)
        return out

    def grads_on(self, points):
        p = sigmoid(np.asarray(points, dtype=float) @ self.design.T)
        return (p - self.dataset.y) @ self.design / len(self.dataset.y)

    def probability(self, w, x):
        """p(t = 1 | x) at parameters ``w`` for feature rows ``x`` (the bias added when declared)."""
        x = np.asarray(x, dtype=float).reshape(len(x), -1)
        w = np.asarray(w, dtype=float)
        return sigmoid(w[0] + x @ w[1:]) if self.bias else sigmoid(x @ w)

    def default_window(self):
        if self.dim == 2 and not self.bias:
            return [(-10.0, 1.0), (-5.0, 1.3)]
        return [(-10.0, 10.0)] * min(self.dim, 2)

    @property
    def window_from_runs(self) -> bool:
        """Panels fitted to the runs (paint.base.fitted), but for CS 189's two-feature model, whose
        lecture window is the default: ±10 left a path of one unit a dot in the middle."""
        return not (self.dim == 2 and not self.bias)


@dataclass(frozen=True, eq=False)
class MeanEstimation(DataProblem):
    """The workshop's ``mse(X, m) = Σ(m − xᵢ)² / n``: the mean squared distance of a 1-D sample
    from a candidate mean m, minimised by the sample mean; ∇ = 2(m − x̄) (over the batch)."""

    dataset: Dataset = None
    dim = 1
    title = "MSE(m)"

    @property
    def names(self):
        return ("m",)

    def check_data(self, dataset):
        if dataset.x.shape[1] != 1:
            raise DataError(f"the mean of a 1-D sample needs one column of x, got {dataset.x.shape[1]}",
                            dataset.describe())

    @property
    def optimum(self):
        return (float(np.mean(self.dataset.x[:, 0])),)

    def value(self, w):
        m = float(np.asarray(w, dtype=float).reshape(-1)[0])
        x = self.dataset.x
        return float(np.sum(np.square(m - x)) / len(x))

    def grad(self, w, idx=None):
        x = self.dataset.x[:, 0] if idx is None else self.dataset.x[idx, 0]
        return np.array([2 * np.mean(float(np.asarray(w, dtype=float).reshape(-1)[0]) - x)])

    def hessian(self, w):
        return np.array([[2.0]])

    def values_on(self, points):
        m = np.asarray(points, dtype=float).reshape(-1, 1)
        return np.mean((m - self.dataset.x[:, 0]) ** 2, axis=1)

    def predict(self, w, x):
        return np.full(len(np.atleast_1d(x)), float(np.asarray(w, dtype=float).reshape(-1)[0]))

    def default_window(self):
        c = self.optimum[0]
        s = float(np.std(self.dataset.x[:, 0])) or 1.0
        return [(c - 3 * s, c + 3 * s)]


@dataclass(frozen=True, eq=False)
class SineRegression(DataProblem):
    """Mean squared error of y ≈ sin(w0 + w1·x), CS 189's non-convex example."""

    dataset: Dataset = None
    param_names: tuple = ("w0", "w1")
    title = "MSE of sin(w0 + w1·x)"

    dim = 2

    @property
    def names(self):
        return tuple(self.param_names)

    def _xy(self, idx=None):
        x, y = self.dataset.x[:, 0], self.dataset.y
        return (x, y) if idx is None else (x[idx], y[idx])

    def value(self, w):
        x, y = self._xy()
        return float(np.mean((y - np.sin(w[0] + x * w[1])) ** 2))

    def grad(self, w, idx=None):
        x, y = self._xy(idx)
        arg = w[0] + w[1] * x
        r = (y - np.sin(arg)) * np.cos(arg)
        return np.array([-2 * np.mean(r), -2 * np.mean(r * x)])

    def hessian(self, w):
        x, y = self._xy()
        arg = w[0] + w[1] * x
        k = np.cos(arg) ** 2 + (y - np.sin(arg)) * np.sin(arg)
        a, b, c = 2 * np.mean(k), 2 * np.mean(x * k), 2 * np.mean(x * x * k)
        return np.array([[a, b], [b, c]])

    def values_on(self, points):
        x, y = self._xy()
        p = np.asarray(points, dtype=float)
        return np.mean((y - np.sin(p[:, :1] + p[:, 1:2] * x)) ** 2, axis=1)

    def grads_on(self, points):
        x, y = self._xy()
        p = np.asarray(points, dtype=float)
        arg = p[:, :1] + p[:, 1:2] * x
        r = (y - np.sin(arg)) * np.cos(arg)
        return np.column_stack([-2 * r.mean(axis=1), -2 * (r * x).mean(axis=1)])

    def predict(self, w, x):
        return np.sin(w[0] + np.asarray(x, dtype=float) * w[1])

    def default_window(self):
        return [(-1.5, 3.0), (1.0, 4.0)]




def hessian_of_values(value, w: np.ndarray, scale: float) -> np.ndarray:
    """Second central differences of the loss itself (no gradient to difference):
    (f(w+hᵢ+hⱼ) − f(w+hᵢ−hⱼ) − f(w−hᵢ+hⱼ) + f(w−hᵢ−hⱼ)) / 4hᵢhⱼ, and the diagonal from f(w±2hᵢ)."""
    h = steps(w, scale, 1 / 4)
    n = len(w)
    hess = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i], ej[j] = h[i], h[j]
            hess[i, j] = hess[j, i] = (value(w + ei + ej) - value(w + ei - ej) - value(w - ei + ej)
                                       + value(w - ei - ej)) / (4 * h[i] * h[j])
    return hess


def result(value, shape: tuple, what: str, expected: str) -> np.ndarray:
    """A user function's result as a float array of ``shape`` (a scalar for ()), or a
    SceneCodeError that says what was expected and what came back."""
    if value is None:
        raise SceneCodeError(f"{what} returned None: is its `return` missing?")
    if np.iscomplexobj(value):
        z = np.asarray(value)
        if np.any(z.imag != 0):
            raise SceneCodeError(f"{what} must return {expected}, got a complex "
                                 f"{'number' if z.ndim == 0 else 'array'} ({complex(z[z.imag != 0].flat[0]):.4g}): "
                                 f"a loss is real")
        value = z.real
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raw = None
    if raw is not None and (raw.dtype.kind in "bUSV" or raw.dtype.kind == "O" and any(
            isinstance(v, (str, bytes, bool, np.bool_)) for v in raw.flat)):     # "1.5" and True convert to floats
        odd = next((v for v in raw.flat if isinstance(v, (str, bytes, bool, np.bool_))), raw.flat[0]) if raw.size else value
        what_it_is = "a truth value" if isinstance(odd, (bool, np.bool_)) else "a string"
        kind = "bool" if isinstance(value, np.bool_) else type(value).__name__      # numpy 1's is bool_
        raise SceneCodeError(f"{what} must return {expected}, got {kind} {value!r:.60}: {what_it_is} is no number")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise SceneCodeError(f"{what} must return {expected}, got {type(value).__name__} {value!r:.60}") from None
    if arr.size != int(np.prod(shape)):
        got = "a number" if arr.ndim == 0 else f"an array of shape {arr.shape}"
        raise SceneCodeError(f"{what} must return {expected}, got {got}")
    return arr.reshape(shape)


def sigmoid(z):
    """σ(z) without overflow warnings for large |z|."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0, -z))


def grid_best(problem: Problem, xlim, ylim=None, npts: int = 30) -> np.ndarray:
    """The lowest point of an npts×npts grid over xlim × ylim (CS 189's ``grid_best``), or of
    npts points over xlim for a one-parameter problem (the Slido cells' ``ws[argmin(nll)]``); ties
    go to the first, as ``np.argmin``.

    >>> grid_best(parabola, (-3, 3), npts=7).tolist()
    [0.0]
    """
    if problem.dim == 1:
        pts = np.linspace(*xlim, npts)[:, None]
    else:
        if ylim is None:
            raise SceneError(f"grid_best over {problem.dim} parameters needs ylim as well as xlim")
        if problem.dim != 2:
            raise SceneError(f"grid_best searches a grid over one or two parameters; this problem has {problem.dim}")
        g1, g2 = np.meshgrid(np.linspace(*xlim, npts), np.linspace(*ylim, npts))
        pts = np.stack([g1.ravel(), g2.ravel()]).T
    with np.errstate(all="ignore"):
        values = problem.values_on(pts)
    return pts[int(np.nanargmin(values))]


# The lectures' one-dimensional functions, ready to use.
convex_quadratic = Polynomial((1, -3, 4))          # w² − 3w + 4 (CS 189)
double_well = Polynomial((1, 0, -5, 1, 4))          # w⁴ − 5w² + w + 4 (CS 189)
blog_quadratic = Polynomial((1, -6, 5), var="x")    # x² − 6x + 5 (the blog post)
parabola = Polynomial((1, 0, 1))                    # w² + 1 (CS 189)
ill_conditioned = QuadraticForm(((0.1, 0.0), (0.0, 1.0)))



def __getattr__(name: str):
    # A misspelt problem in a scene (``problems.rosenbrok``) gets a suggestion, not a bare AttributeError.
    if name.startswith("__"):
        raise AttributeError(name)
    from gdanim.declare import checks
    from gdanim.core.errors import UnknownName
    known = [n for n, v in globals().items() if not n.startswith("_")
             and (isinstance(v, Problem) or (isinstance(v, type) and issubclass(v, Problem) and v not in (Problem, DataProblem, TestFunction, Wrapped)))]
    raise UnknownName(f"unknown problem {name!r}{checks.suggest(name, known)}")
