"""The optimizer zoo against hand-written numpy loops of optax's and torch's update rules
(transcribed from optax/_src/transform.py, alias.py, clipping.py and torch/optim/*.py), on three
problems, to 1e-12."""
import numpy as np
import pytest

from gdanim import Run, Scene, data, optimizers as O, problems as P, views as V
from gdanim.compute.runner import run
from gdanim.core.errors import SceneError
from gdanim.formats.alt_text import run_phrase

PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "sine": (P.SineRegression(data.Sine()), (2.2, 2.2)),
}
STEPS = 40


def reference(rule, problem, w0, steps=STEPS):
    w = np.array(w0, dtype=float)
    s, path = {}, [w]
    for t in range(1, steps + 1):
        w = rule(problem, w, s, t)
        path.append(w)
    return np.array(path)


def adamw_torch(lr, b1=0.9, b2=0.999, eps=1e-8, wd=1e-4):     # torch.optim.AdamW, single tensor
    def step(p, w, s, t):
        g = p.grad(w)
        w = w * (1 - lr * wd)
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
        denom = np.sqrt(s["v"]) / np.sqrt(1 - b2 ** t) + eps
        return w - lr / (1 - b1 ** t) * s["m"] / denom
    return step


def nadam_optax(lr, b1=0.9, b2=0.999, eps=1e-8):
    def step(p, w, s, t):
        g = p.grad(w)
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
        mhat = b1 * (s["m"] / (1 - b1 ** (t + 1))) + (1 - b1) * (g / (1 - b1 ** t))
        return w - lr * mhat / (np.sqrt(s["v"] / (1 - b2 ** t)) + eps)
    return step


def amsgrad_optax(lr, b1=0.9, b2=0.999, eps=1e-8):
    def step(p, w, s, t):
        g = p.grad(w)
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
        s["vmax"] = np.maximum(s.get("vmax", 0), s["v"] / (1 - b2 ** t))
        return w - lr * (s["m"] / (1 - b1 ** t)) / (np.sqrt(s["vmax"]) + eps)
    return step


def adamax_torch(lr, b1=0.9, b2=0.999, eps=1e-8):          # torch.optim.Adamax
    def step(p, w, s, t):
        g = p.grad(w)
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["u"] = np.maximum(b2 * s.get("u", np.zeros_like(w)), np.abs(g) + eps)
        clr = lr / (1 - b1 ** t)
        return w - clr * s["m"] / s["u"]
    return step


def adadelta_torch(lr=1.0, rho=0.9, eps=1e-6, wd=0.0):     # torch.optim.Adadelta
    def step(p, w, s, t):
        g = p.grad(w) + wd * w
        s["sq"] = rho * s.get("sq", 0) + (1 - rho) * g * g
        std = np.sqrt(s["sq"] + eps)
        delta = np.sqrt(s.get("acc", 0) + eps) / std * g
        s["acc"] = rho * s.get("acc", 0) + (1 - rho) * delta * delta
        return w - lr * delta
    return step


def lion_paper(lr, b1=0.9, b2=0.99, wd=1e-3):              # Chen et al. (2023), Program 1
    def step(p, w, s, t):
        g = p.grad(w)
        m = s.get("m", np.zeros_like(w))
        c = b1 * m + (1 - b1) * g
        s["m"] = b2 * m + (1 - b2) * g
        return w - lr * (np.sign(c) + wd * w)
    return step


def sgd_torch(lr, momentum=0.0, dampening=0.0, nesterov=False, wd=0.0):   # torch.optim.SGD
    def step(p, w, s, t):
        g = p.grad(w)
        if wd:
            g = g + wd * w
        if momentum:
            if "buf" not in s:
                s["buf"] = g.copy()
            else:
                s["buf"] = momentum * s["buf"] + (1 - dampening) * g
            g = g + momentum * s["buf"] if nesterov else s["buf"]
        return w - lr * g
    return step


def polyak_optax(f_star=0.0, max_lr=1.0, scaling=1.0, eps=0.0):
    def step(p, w, s, t):
        g = p.grad(w)
        sq = np.sum(g * g)
        gamma = 0.0 if sq + eps <= np.finfo(float).eps else min((p.value(w) - f_star) / (sq + eps), max_lr)
        return w - scaling * gamma * g
    return step


def clipped_gd(lr, value=None, norm=None):
    def step(p, w, s, t):
        g = p.grad(w)
        if value is not None:
            g = np.clip(g, -value, value)
        if norm is not None and np.linalg.norm(g) >= norm:
            g = g / np.linalg.norm(g) * norm
        return w - lr * g
    return step


CASES = {
    "adamw": (O.adamw(0.05, weight_decay=0.1), adamw_torch(0.05, wd=0.1)),
    "nadam": (O.nadam(0.05), nadam_optax(0.05)),
    "amsgrad": (O.amsgrad(0.05, b2=0.9), amsgrad_optax(0.05, b2=0.9)),
    "adamax": (O.adamax(0.05), adamax_torch(0.05)),
    "adadelta": (O.adadelta(1.0, weight_decay=0.01), adadelta_torch(1.0, wd=0.01)),
    "lion": (O.lion(0.01), lion_paper(0.01)),
    "heavy ball": (O.heavy_ball(0.001, momentum=0.8), sgd_torch(0.001, 0.8)),
    "heavy ball, dampening, decay": (O.heavy_ball(0.001, 0.8, dampening=0.3, weight_decay=0.05),
                                     sgd_torch(0.001, 0.8, 0.3, wd=0.05)),
    "heavy ball, nesterov": (O.heavy_ball(0.001, 0.7, nesterov=True), sgd_torch(0.001, 0.7, nesterov=True)),
    "polyak": (O.polyak(max_step=0.002), polyak_optax(max_lr=0.002)),
    "polyak, f* and scaling": (O.polyak(f_star=-0.5, max_step=0.01, scaling=0.5), polyak_optax(-0.5, 0.01, 0.5)),
    "clipped by value": (O.clipped(O.gd(0.01), value=1.0), clipped_gd(0.01, value=1.0)),
    "clipped by norm": (O.clipped(O.gd(0.01), norm=2.0), clipped_gd(0.01, norm=2.0)),
    "l2-decayed momentum": (O.l2_decayed(O.heavy_ball(0.001, 0.5), 0.1), sgd_torch(0.001, 0.5, wd=0.1)),
}


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("opt_name", CASES)
def test_update_rules(problem_name, opt_name):
    problem, start = PROBLEMS[problem_name]
    opt, rule = CASES[opt_name]
    t = run(problem, Run(opt_name, opt, start=start, steps=STEPS))
    assert t.stop == "budget"
    np.testing.assert_allclose(t.params, reference(rule, problem, start), rtol=1e-12, atol=1e-12)


def test_polyak_records_its_step_and_needs_no_learning_rate():
    problem, start = PROBLEMS["ill-conditioned"]
    t = run(problem, Run("p", O.polyak(), start=start, steps=5))
    w = np.array(start)
    for k in range(1, 6):
        g = problem.grad(w)
        gamma = min(problem.value(w) / (g @ g), 1.0)
        assert t.lr[k] == pytest.approx(gamma, rel=1e-12)
        w = w - gamma * g
    assert O.polyak().describe() == "Polyak step, f_star=0, max_step=1, scaling=1"
    assert O.polyak().lr is None


def test_the_zoo_is_in_the_catalogue_of_names_and_records_its_state():
    for name in ("adamw", "nadam", "amsgrad", "adamax", "adadelta", "lion", "heavy_ball", "polyak"):
        assert name in O.OPTIMIZERS
    assert O.recorded_state(O.amsgrad(0.1), 2) == ("mu", "nu", "nu_max")
    assert O.recorded_state(O.heavy_ball(0.1), 2) == ("velocity",)


def test_hyperparameters_that_are_strings_or_booleans_are_described_as_such():
    problem, start = PROBLEMS["ill-conditioned"]

    def signed(lr, mode="sign", centred=True):
        return O.optimizer("signed", lr, lambda s, mode, centred: O.chain(
            O.scale(1.0) if mode == "plain" else O.Transform(lambda p: O.EmptyState(),
                                                             lambda u, st, p, **e: (np.sign(u), st)),
            O.scale_by_learning_rate(s)), mode=mode, centred=centred)

    opt = signed(0.1)
    assert opt.describe() == "signed, lr 0.1, mode=sign, centred=True"
    assert O.heavy_ball(0.1, nesterov=False).describe().endswith("nesterov=False, weight_decay=0")
    t = run(problem, Run("signed run", opt, start=start, steps=3))
    assert run_phrase(Run("signed run", opt, start=start, steps=3), t).startswith(
        "signed run (signed, lr 0.1, mode=sign, centred=True) ran 3 steps")


def test_a_users_optimizer_factory_with_its_own_hyperparameters_builds_each_run():
    """A function of one's own that declares an optimizer, called once per run with other values."""
    def decayed_gd(lr, shrink=0.5):
        return O.optimizer("shrinking GD", lr, lambda s, shrink: O.chain(O.scale(shrink), O.scale_by_learning_rate(s)),
                           shrink=shrink)

    problem, start = PROBLEMS["ill-conditioned"]
    runs = [Run(f"shrink {k}", decayed_gd(0.1, k), start=start, steps=10) for k in (0.25, 0.5, 1.0)]
    scene = Scene("t", problem=problem, runs=runs, views=[V.LossCurve()])
    for r, k in zip(scene.runs, (0.25, 0.5, 1.0)):
        t = run(problem, r)
        w = np.array(start)
        for _ in range(10):
            w = w - 0.1 * k * problem.grad(w)
        np.testing.assert_allclose(t.params[-1], w, rtol=1e-12)
        assert r.optimizer.describe() == f"shrinking GD, lr 0.1, shrink={k:g}"


@pytest.mark.parametrize("make, said", [
    (lambda: O.adamw(0.1, weight_decay=-1), r"weight_decay must be a number >= 0, got -1"),
    (lambda: O.nadam(0.1, b1=1.0), r"NAdam b1 must be in \[0, 1\), got 1\.0"),
    (lambda: O.amsgrad(-0.1), r"learning rate must be a positive number, got -0\.1"),
    (lambda: O.adamax(0.1, eps=0), r"eps must be a positive number, got 0"),
    (lambda: O.adadelta(rho=2), r"Adadelta rho must be in \[0, 1\), got 2"),
    (lambda: O.lion(0.1, b2="x"), r"Lion b2 must be a positive number, got 'x'"),
    (lambda: O.heavy_ball(0.1, dampening=1.5), r"dampening must be in \[0, 1\], got 1\.5"),
    (lambda: O.heavy_ball(0.1, nesterov="yes"), r"nesterov must be True or False, got str 'yes'"),
    (lambda: O.heavy_ball(0.1, momentum=0.5, dampening=0.1, nesterov=True),
     r"Nesterov momentum needs a momentum > 0 and dampening 0 \(as torch\.optim\.SGD\), got momentum 0\.5, "
     r"dampening 0\.1"),
    (lambda: O.polyak(f_star=float("nan")), r"f_star must be a finite number, got nan"),
    (lambda: O.polyak(max_step=0), r"max_step must be a positive number, got 0"),
    (lambda: O.clipped(O.gd(0.1)), r"clipped: give value=\.\.\. \(clip each gradient entry\) or norm=\.\.\."),
    (lambda: O.clipped(O.gd, norm=1), r"clipped: optimizer must be an optimizer such as optimizers\.gd\(0\.1\), got the "
                                      r"function optimizers\.gd itself"),
    (lambda: O.clip_by_global_norm(-1), r"clip norm must be a positive number, got -1"),
    (lambda: O.adamz, r"unknown optimizer 'adamz'; did you mean 'adam'\?"),
])
def test_zoo_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()
