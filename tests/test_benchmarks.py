"""The test functions of gdanim.problems: analytic gradients against central differences, and
each known minimum against the literature's value (Jamil & Yang 2013; Boyd & Vandenberghe (9.20))
with the gradient vanishing there."""
import math

import numpy as np
import pytest

from gdanim import Run, Scene, optimizers as O, problems as P, views as V
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError

FUNCTIONS = {
    "beale": P.Beale(), "himmelblau": P.Himmelblau(), "rastrigin": P.Rastrigin(), "rastrigin 3d": P.Rastrigin(dim=3),
    "ackley": P.Ackley(), "ackley 3d": P.Ackley(dim=3), "booth": P.Booth(), "matyas": P.Matyas(),
    "six-hump camel": P.SixHumpCamel(), "styblinski-tang": P.StyblinskiTang(), "styblinski-tang 4d": P.StyblinskiTang(4),
    "goldstein-price": P.GoldsteinPrice(), "saddle": P.Saddle(), "monkey saddle": P.MonkeySaddle(),
    "boyd exp": P.BoydExp(),
}

# (function, minimiser, minimum value, decimals the literature gives them to)
LITERATURE = [
    ("beale", (3, 0.5), 0.0, 12),
    ("himmelblau", (3, 2), 0.0, 12),
    ("himmelblau", (-2.805118, 3.131312), 0.0, 6),
    ("himmelblau", (-3.779310, -3.283186), 0.0, 6),
    ("himmelblau", (3.584428, -1.848126), 0.0, 6),
    ("rastrigin", (0, 0), 0.0, 12),
    ("ackley", (0, 0), 0.0, 12),
    ("booth", (1, 3), 0.0, 12),
    ("matyas", (0, 0), 0.0, 12),
    ("six-hump camel", (0.0898, -0.7126), -1.0316, 4),
    ("six-hump camel", (-0.0898, 0.7126), -1.0316, 4),
    ("styblinski-tang", (-2.903534, -2.903534), -39.16617 * 2, 4),     # −39.16617 a dimension
    ("goldstein-price", (0, -1), 3.0, 12),
    ("boyd exp", (-0.3466, 0.0), 2.5593, 4),
]


def central(f, w, h=1e-6):
    g = np.zeros_like(w)
    for i in range(len(w)):
        e = np.zeros_like(w)
        e[i] = h * max(1.0, abs(w[i]))
        g[i] = (f(w + e) - f(w - e)) / (2 * e[i])
    return g


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_gradient_is_the_losss_own(name):
    p = FUNCTIONS[name]
    rng = np.random.RandomState(1)
    lo, hi = np.array(p.bounds, dtype=float).T
    for w in rng.uniform(lo, hi, size=(12, p.dim)):
        np.testing.assert_allclose(p.grad(w), central(p.value, w), rtol=1e-6, atol=1e-6 * max(1.0, abs(p.value(w))))
    pts = rng.uniform(lo, hi, size=(7, p.dim))                   # vectorised forms agree with one point at a time
    np.testing.assert_allclose(p.values_on(pts), [p.value(q) for q in pts], rtol=1e-14)
    np.testing.assert_allclose(p.grads_on(pts), [p.grad(q) for q in pts], rtol=1e-14)


@pytest.mark.parametrize("name, at, value, decimals", LITERATURE)
def test_known_minima_are_the_literatures(name, at, value, decimals):
    p = FUNCTIONS[name]
    ours = min(p.minima, key=lambda m: np.linalg.norm(np.subtract(m, at)))
    np.testing.assert_allclose(ours, at, atol=0.6 * 10.0 ** -decimals)   # the literature's point, rounded
    assert p.value(ours) == pytest.approx(value, abs=0.6 * 10.0 ** -decimals)
    if p.f_min is not None:
        assert p.value(ours) == pytest.approx(p.f_min, abs=1e-12)
    grad = p.grad(ours)
    assert np.all(np.abs(grad) < 1e-9), grad                          # a stationary point, to our digits
    assert np.all(np.linalg.eigvalsh(p.hessian(np.array(ours))) > 0)  # and a minimum


def test_four_minima_for_himmelblau_and_a_minimum_for_each_dimension():
    h = P.Himmelblau()
    assert len(h.minima) == 4 and all(h.value(m) < 1e-20 for m in h.minima)
    assert P.StyblinskiTang(4).f_min == pytest.approx(-156.66466, abs=1e-4)
    assert P.StyblinskiTang(4).value(P.StyblinskiTang(4).optimum) == pytest.approx(P.StyblinskiTang(4).f_min)
    assert P.Rastrigin(3).optimum == (0, 0, 0) and P.Rastrigin(3).bounds[2] == (-5.12, 5.12)
    assert P.BoydExp().f_min == pytest.approx(2.559266, abs=1e-6)    # Boyd's p* for (9.20)


@pytest.mark.parametrize("p", [P.Saddle(), P.MonkeySaddle()])
def test_saddles_have_a_critical_point_and_no_minimum(p):
    assert p.optimum is None and p.f_min is None
    np.testing.assert_allclose(p.grad(p.critical), 0, atol=1e-15)
    eig = np.linalg.eigvalsh(p.hessian(np.array(p.critical)))
    assert (eig.min() < 0 < eig.max()) if isinstance(p, P.Saddle) else np.allclose(eig, 0, atol=1e-6)


def test_a_quadratic_of_given_condition_number_and_rotation():
    q = P.conditioned_quadratic(10)
    np.testing.assert_allclose(q.H, P.ill_conditioned.H, atol=1e-16)
    r = P.conditioned_quadratic(100, angle=30, largest=2.0)
    eig, vec = np.linalg.eigh(np.array(r.H))
    np.testing.assert_allclose(eig, [0.02, 2.0], rtol=1e-12)
    assert abs(vec[:, 1] @ [-math.sin(math.pi / 6), math.cos(math.pi / 6)]) == pytest.approx(1, abs=1e-12)
    assert r.optimum == (0.0, 0.0) and r.quadratic
    t = run(r, Run("cg", O.linear_cg(), start=(1.0, 2.0), steps=2))      # a QuadraticForm: linear CG in 2 steps
    np.testing.assert_allclose(t.params[2], 0, atol=1e-12)


@pytest.mark.parametrize("name", ["himmelblau", "booth", "beale", "boyd exp", "six-hump camel"])
def test_bfgs_finds_a_known_minimum(name):
    p = FUNCTIONS[name]
    start = {"beale": (1.0, 1.0)}.get(name, (0.5, -0.5))
    t = run(p, Run("bfgs", O.bfgs(), start=start, steps=80, ))
    assert min(np.linalg.norm(t.params[-1] - np.array(m)) for m in p.minima) < 1e-6


def test_they_declare_and_fit_the_panels():
    scene = Scene("t", problem=P.Himmelblau(), runs=[Run("gd", O.gd(0.01), start=(0, 0), steps=20)],
                  views=[V.Contours(), V.LossCurve()])
    assert P.Himmelblau().default_window() == [(-5.0, 5.0), (-5.0, 5.0)] and scene.problem.title == "Himmelblau"


@pytest.mark.parametrize("make, said", [
    (lambda: P.Rastrigin(dim=0), r"dim must be at least 1, got 0"),
    (lambda: P.StyblinskiTang(dim=2.5), r"dim must be a whole number, got 2\.5"),
    (lambda: P.conditioned_quadratic(0.5), r"condition number must be at least 1, got 0\.5"),
    (lambda: P.conditioned_quadratic(10, angle="x"), r"angle \(degrees\) must be a number, got 'x'"),
    (lambda: P.Himmelblu, r"unknown problem 'Himmelblu'; did you mean 'Himmelblau'\?"),
])
def test_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()


def test_a_contours_panel_stars_every_global_minimum():
    from test_render import SMALL, draw
    scene = Scene("t", problem=P.Himmelblau(), runs=[Run("gd", O.gd(0.01), start=(0, 0), steps=3)],
                  views=[V.Contours()], **SMALL)
    built, _, _ = draw(scene, [0])
    stars = [ln for ln in built.painters[0].ax.lines if ln.get_marker() == "*"]
    assert sorted((round(float(s.get_xdata()[0]), 3), round(float(s.get_ydata()[0]), 3)) for s in stars) == \
        sorted((round(x, 3), round(y, 3)) for x, y in P.Himmelblau().minima)
