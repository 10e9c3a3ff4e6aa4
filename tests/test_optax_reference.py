"""gdanim's optimizers and projections against optax itself (0.2.8 on jax 0.10.2, CPU, float64; the
``reference`` extra installs them), step for step on four problems, to 1e-12: optax is handed the
problem's own numpy gradient, so the two differ only in the update rule. optax runs in a process of
its own (tests/optax_paths.py), so that jax's threads never meet the forks of other tests."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdanim import Run, constraints as C, optimizers as O, schedules
from gdanim.compute.runner import run
from optax_paths import POINTS, PROBLEMS, STEPS, THEIRS

if importlib.util.find_spec("optax") is None or importlib.util.find_spec("jax") is None:
    pytest.skip("optax and jax are not installed (the reference extra)", allow_module_level=True)

OURS = {
    "sgd": O.gd(0.002),
    "sgd momentum": O.momentum(0.002, beta=0.9),
    "sgd nesterov": O.momentum_variant(0.002, eta=0.9),
    "sgd momentum, decayed weights": O.heavy_ball(0.002, momentum=0.5, weight_decay=0.1),
    "adam": O.adam(0.05),
    "adam, cosine schedule": O.adam(schedules.cosine(0.05, 30)),
    "adamw": O.adamw(0.05),
    "nadam": O.nadam(0.05),
    "amsgrad": O.amsgrad(0.05),
    "adamax": O.adamax(0.05),
    "adadelta": O.adadelta(1.0, rho=0.9, eps=1e-6),
    "adadelta, weight decay": O.adadelta(0.5, rho=0.95, eps=1e-5, weight_decay=0.1),
    "rmsprop": O.rmsprop(0.01),
    "rmsprop momentum": O.rmsprop(0.001, momentum=0.8),
    "rmsprop centered": O.rmsprop(0.01, decay=0.99, centered=True),
    "rmsprop centered momentum": O.rmsprop(0.001, centered=True, momentum=0.5),
    "rmsprop eps in sqrt": O.rmsprop(0.01, eps_in_sqrt=True),
    "rmsprop centered, eps in sqrt": O.rmsprop(0.01, centered=True, eps=1e-6, eps_in_sqrt=True),
    "adagrad": O.adagrad(0.3, eps=1e-300, initial_accumulator=0.1),
    "lion": O.lion(0.01),
    "clipped": O.clipped(O.gd(0.002), value=1.0, norm=3.0),
    "polyak": O.polyak(max_step=0.5),
}
SETS = {"simplex": C.Simplex(1.5), "l1": C.L1Ball(0.7), "ball": C.Ball(0.9), "box": C.Box(-0.4, 0.6)}


@pytest.fixture(scope="module")
def optax_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("optax") / "paths.npz"
    subprocess.run([sys.executable, str(Path(__file__).with_name("optax_paths.py")), str(out)], check=True,
                   timeout=600)
    return dict(np.load(out))


def test_every_optimizer_has_its_optax_counterpart():
    assert set(OURS) == set(THEIRS)


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("name", OURS)
def test_step_for_step_with_optax(name, problem_name, optax_results):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run(name, OURS[name], start=start, steps=STEPS))
    ref = optax_results[f"path/{name}/{problem_name}"]
    assert t.stop == "budget"
    assert np.abs(ref - ref[0]).max() > 1e-3                   # the runs go somewhere
    assert np.allclose(t.params, ref, atol=1e-12, rtol=1e-12), np.abs(t.params - ref).max()


@pytest.mark.parametrize("name", SETS)
def test_projections_are_optaxs(name, optax_results):
    for k, x in enumerate(POINTS):
        assert np.allclose(SETS[name].project(x), optax_results[f"projection/{name}/{k}"], atol=1e-12, rtol=0)
