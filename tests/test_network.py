"""The tiny network problem (its gradient against central differences, its vectorised loss against
a loop) and what a minibatch step sees of the loss (value_fn on the batch, against a hand-written
stochastic line search)."""
import numpy as np
import pytest

from gdanim import Run, data, optimizers as O, problems as P
from gdanim.compute.runner import run
from gdanim.core.errors import DataError, SceneError

NET = P.TinyNetwork(data.Wave(n=30, seed=0), hidden=3)
X2 = np.random.RandomState(0).randn(25, 2)
NET2 = P.TinyNetwork(data.Arrays(X2, np.sin(X2[:, 0]) * X2[:, 1]), hidden=2, activation="sigmoid")


def central(f, w, h=1e-6):
    return np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(len(w))])


def by_hand(net, w, x):
    """The network written out unit by unit: v·σ(Wx + b) + c."""
    h, d = net.hidden, x.shape[1]
    W, b, v, c = w[: h * d].reshape(h, d), w[h * d: h * d + h], w[h * d + h: h * d + 2 * h], w[-1]
    act = np.tanh if net.activation == "tanh" else (lambda z: 1 / (1 + np.exp(-z)))
    return np.array([sum(v[i] * act(W[i] @ row + b[i]) for i in range(h)) + c for row in x])


@pytest.mark.parametrize("net", [NET, NET2], ids=["tanh 1-D", "sigmoid 2-D"])
def test_the_network_is_its_formula_and_its_gradient_is_exact(net):
    rng = np.random.RandomState(7)
    for _ in range(3):
        w = np.array(net.initial(int(rng.randint(100)))) + 0.3 * rng.randn(net.dim)
        np.testing.assert_allclose(net.predict(w, net.data.x), by_hand(net, w, net.data.x), rtol=1e-12)
        assert net.value(w) == pytest.approx(np.mean((by_hand(net, w, net.data.x) - net.data.y) ** 2), rel=1e-12)
        np.testing.assert_allclose(net.grad(w), central(net.value, w), rtol=1e-6, atol=1e-8)
        idx = np.array([0, 3, 3, 11])                  # a minibatch drawn with replacement
        batch = lambda p: np.mean((by_hand(net, p, net.data.x[idx]) - net.data.y[idx]) ** 2)  # noqa: E731
        np.testing.assert_allclose(net.grad(w, idx), central(batch, w), rtol=1e-6, atol=1e-8)
    pts = np.array(net.initial(0)) + 0.5 * rng.randn(40, net.dim)
    np.testing.assert_allclose(net.values_on(pts), [net.value(p) for p in pts], rtol=1e-12)
    np.testing.assert_allclose(net.grads_on(pts), [net.grad(p) for p in pts], rtol=1e-12)


def test_the_network_is_a_flat_vector_of_named_parameters_with_a_seeded_start():
    assert NET.dim == 10 and NET.names == ("w1", "w2", "w3", "b1", "b2", "b3", "v1", "v2", "v3", "c")
    assert NET2.names == ("w1_1", "w1_2", "w2_1", "w2_2", "b1", "b2", "v1", "v2", "c")
    assert NET.initial(3) == NET.initial(3) != NET.initial(4)
    rng = np.random.RandomState(3)
    np.testing.assert_allclose(NET.initial(3), np.r_[rng.randn(3), np.zeros(3), rng.randn(3) / np.sqrt(3), 0])
    assert NET.optimum is None
    t = run(NET, Run("GD", O.gd(0.3), start=NET.initial(0), steps=200))
    assert t.loss[-1] < 0.2 * t.loss[0]


@pytest.mark.parametrize("make, said", [
    (lambda: P.TinyNetwork(data.Wave(), hidden=0), r"hidden units must be"),
    (lambda: P.TinyNetwork(data.Wave(), activation="relu"), r"unknown activation 'relu'"),
    (lambda: P.TinyNetwork(None), r"dataset must be a data set"),
    (lambda: data.Wave(lo=2, hi=1), r"Wave: lo must be below hi, got lo=2, hi=1"),
])
def test_network_mistakes_are_one_line_errors(make, said):
    with pytest.raises((SceneError, DataError), match=said):
        make()


# --- a minibatch step's values are the batch's -------------------------------------------------

LINE = P.LinearRegression(data.Linear(n=40, coef=[3], intercept=2, sigma=1.0, seed=0))


def stochastic_backtracking(problem, start, steps, size, seed, alpha=0.3, beta=0.8):
    """Boyd's Algorithm 9.2 on each minibatch's own loss, f_B(w) = mean over B of (xᵢ·w − yᵢ)²,
    batches drawn as the runner draws them (RandomState(seed).choice, with replacement)."""
    X = np.column_stack([np.ones(problem.n_samples), problem.data.x])
    y = problem.data.y
    rng = np.random.RandomState(seed)
    w, path = np.array(start, dtype=float), [np.array(start, dtype=float)]
    for _ in range(steps):
        idx = rng.choice(len(y), size, replace=True)
        Xb, yb = X[idx], y[idx]
        f = lambda p: np.mean((Xb @ p - yb) ** 2)  # noqa: E731
        g = 2 * Xb.T @ (Xb @ w - yb) / size
        t = 1.0
        while not f(w - t * g) <= f(w) - alpha * t * (g @ g):
            t *= beta
        w = w - t * g
        path.append(w)
    return np.array(path)


def test_a_stochastic_line_search_compares_the_batchs_values_with_the_batchs_slope():
    t = run(LINE, Run("SGD, backtracking", O.backtracking(alpha=0.3, beta=0.8), start=(-2, 6), steps=25,
                      batch_size=4, seed=3))
    expected = stochastic_backtracking(LINE, (-2, 6), 25, 4, 3)
    np.testing.assert_allclose(t.params, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.loss, [LINE.value(w) for w in expected], rtol=1e-12)   # recorded: all the data


def test_every_value_a_minibatch_transform_asks_for_is_the_batchs():
    seen = []

    def probe():
        def update(updates, state, params, *, value_fn, grad_fn, hessian_fn, **extra):
            seen.append((value_fn(params), grad_fn(params), hessian_fn(params), updates))
            return -0.05 * updates, state
        return O.Transform(lambda p: O.EmptyState(), update)

    run(LINE, Run("probe", O.optimizer("probe", None, probe), start=(0, 0), steps=6, batch_size=5, seed=2))
    rng = np.random.RandomState(2)
    X = np.column_stack([np.ones(40), LINE.data.x])
    w = np.zeros(2)
    for value, grad, hess, g in seen:
        idx = rng.choice(40, 5, replace=True)
        Xb, yb = X[idx], LINE.data.y[idx]
        assert value == pytest.approx(np.mean((Xb @ w - yb) ** 2), rel=1e-12)
        np.testing.assert_allclose(grad, 2 * Xb.T @ (Xb @ w - yb) / 5, rtol=1e-12)
        np.testing.assert_allclose(hess, 2 * Xb.T @ Xb / 5, rtol=1e-12)
        np.testing.assert_allclose(g, grad, rtol=1e-12)
        w = w - 0.05 * g
    assert len(seen) == 6
