"""A tiny neural network on data: one hidden layer of a few tanh (or sigmoid) units, its mean
squared error, and the exact gradient by backpropagation, all in numpy. Its parameters are one
flat vector, so every optimizer and panel takes it as any other problem; re-exported by
gdanim.problems.

The vector is ``[W (h×d, row by row), b (h), v (h), c]`` for h hidden units on d inputs, and the
model is f(x) = v·σ(Wx + b) + c.

>>> net = TinyNetwork(Wave(n=20, seed=0), hidden=2)
>>> net.dim, net.names
(7, ('w1', 'w2', 'b1', 'b2', 'v1', 'v2', 'c'))
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdanim.core.errors import DataError
from gdanim.declare import checks
from gdanim.declare.data import Dataset, Wave  # noqa: F401  (Wave: the doctest's data)
from gdanim.declare.problem_base import DataProblem

ACTIVATIONS = ("tanh", "sigmoid")


def activation(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """σ(z) and σ'(z) for the named activation."""
    if name == "tanh":
        a = np.tanh(z)
        return a, 1 - a * a
    a = np.exp(-np.logaddexp(0, -z))
    return a, a * (1 - a)


@dataclass(frozen=True, eq=False)
class TinyNetwork(DataProblem):
    """Mean squared error of a one-hidden-layer network f(x) = v·σ(Wx + b) + c with ``hidden``
    units (``activation`` "tanh" or "sigmoid"), fitted to ``dataset``; no known minimum (a
    network's loss has many, symmetric under swapping units). ``initial(seed)`` is a seeded start
    (W ~ N(0, 1/d), v ~ N(0, 1/h), biases 0, as Glorot's scale)."""

    dataset: Dataset = None
    hidden: int = 3
    activation: str = "tanh"

    window_from_runs = True     # a loss of no natural scale: panels are fitted to the runs

    def __post_init__(self):
        checks.count(self.hidden, "hidden units", 1, 64)
        checks.choice(self.activation, "activation", ACTIVATIONS)
        DataProblem.__post_init__(self)

    def check_data(self, dataset):
        if dataset.x.shape[1] > 8:
            raise DataError(f"a tiny network takes at most 8 inputs, the data has {dataset.x.shape[1]}",
                            dataset.describe())

    @property
    def title(self):
        return f"MSE of a {self.hidden}-unit {self.activation} network"

    @property
    def inputs(self) -> int:
        return self.dataset.x.shape[1]

    @property
    def dim(self):
        return self.hidden * (self.inputs + 2) + 1

    @property
    def names(self):
        h, d = self.hidden, self.inputs
        weights = [f"w{i + 1}" if d == 1 else f"w{i + 1}_{k + 1}" for i in range(h) for k in range(d)]
        return (*weights, *(f"b{i + 1}" for i in range(h)), *(f"v{i + 1}" for i in range(h)), "c")

    def unpack(self, P: np.ndarray):
        """The layers of parameter vectors ``P`` (k, dim): W (k, h, d), b (k, h), v (k, h), c (k)."""
        h, d = self.hidden, self.inputs
        P = np.asarray(P, dtype=float).reshape(-1, self.dim)
        W = P[:, : h * d].reshape(-1, h, d)
        return W, P[:, h * d: h * d + h], P[:, h * d + h: h * d + 2 * h], P[:, -1]

    def initial(self, seed: int = 0) -> tuple[float, ...]:
        """A seeded start: W ~ N(0, 1/d), v ~ N(0, 1/h), b = c = 0, from ``RandomState(seed)``."""
        rng = np.random.RandomState(checks.count(seed, "seed", 0, 2 ** 32 - 1))
        h, d = self.hidden, self.inputs
        W = rng.randn(h * d) / np.sqrt(d)
        v = rng.randn(h) / np.sqrt(h)
        return tuple(np.r_[W, np.zeros(h), v, 0.0].tolist())

    def forward(self, P, X):
        """Hidden activations A (k, n, h), their slopes, and the outputs (k, n) for parameter rows P."""
        W, b, v, c = self.unpack(P)
        Z = np.einsum("khd,nd->knh", W, X) + b[:, None, :]
        A, slope = activation(self.activation, Z)
        return A, slope, np.einsum("knh,kh->kn", A, v) + c[:, None]

    def predict(self, w, x):
        x = np.asarray(x, dtype=float).reshape(len(np.atleast_1d(x)), -1)
        return self.forward(w, x)[2][0]

    def value(self, w):
        return float(self.values_on(np.asarray(w, dtype=float)[None, :])[0])

    def values_on(self, points, chunk: int = 512):
        points = np.asarray(points, dtype=float).reshape(-1, self.dim)
        X, y = self.dataset.x, self.dataset.y
        out = np.empty(len(points))
        for i in range(0, len(points), chunk):
            out[i:i + chunk] = np.mean((self.forward(points[i:i + chunk], X)[2] - y) ** 2, axis=1)
        return out

    def grad(self, w, idx=None):
        return self.grads_on(np.asarray(w, dtype=float)[None, :], idx)[0]

    def grads_on(self, points, idx=None):
        """Backpropagation: with r = f(x) − y, ∂L/∂f = 2r/n; ∂L/∂c = Σ 2r/n, ∂L/∂v = Aᵀ(2r/n),
        ∂L/∂z = (2r/n)·v·σ'(z), ∂L/∂b = Σ ∂L/∂z and ∂L/∂W = (∂L/∂z)ᵀX (over this batch)."""
        X, y = self.dataset.x, self.dataset.y
        if idx is not None:
            X, y = X[idx], y[idx]
        P = np.asarray(points, dtype=float).reshape(-1, self.dim)
        W, b, v, c = self.unpack(P)
        A, slope, out = self.forward(P, X)
        r = 2 * (out - y) / len(y)                                  # (k, n)
        dZ = r[:, :, None] * v[:, None, :] * slope                  # (k, n, h)
        dW = np.einsum("knh,nd->khd", dZ, X).reshape(len(P), -1)
        return np.column_stack([dW, dZ.sum(axis=1), np.einsum("knh,kn->kh", A, r), r.sum(axis=1)])
