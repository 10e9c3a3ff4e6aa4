"""gdanim's optimizers and projections against optax itself (0.2.8 on jax, CPU, float64; the
``reference`` extra installs them), step for step on four problems, to 1e-12: optax is handed the
problem's own numpy gradient, so the two differ only in the update rule."""
import numpy as np
import pytest

jax = pytest.importorskip("jax")
optax = pytest.importorskip("optax")
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import optax.projections as projections  # noqa: E402

from gdanim import Run, constraints as C, data, optimizers as O, problems as P  # noqa: E402
from gdanim.compute.runner import run  # noqa: E402

PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "beale": (P.Beale(), (1.0, 1.4)),
    "sine": (P.SineRegression(data.sine()), (2.2, 2.2)),
}
STEPS = 40

PAIRS = {
    "sgd": (O.gd(0.002), optax.sgd(0.002)),
    "sgd momentum": (O.momentum(0.002, beta=0.9), optax.sgd(0.002, momentum=0.9)),
    "sgd nesterov": (O.momentum_variant(0.002, eta=0.9), optax.sgd(0.002, momentum=0.9, nesterov=True)),
    "sgd momentum, decayed weights": (O.heavy_ball(0.002, momentum=0.5, weight_decay=0.1), optax.chain(
        optax.add_decayed_weights(0.1), optax.sgd(0.002, momentum=0.5))),
    "adam": (O.adam(0.05), optax.adam(0.05)),
    "adamw": (O.adamw(0.05), optax.adamw(0.05)),
    "nadam": (O.nadam(0.05), optax.nadam(0.05)),
    "amsgrad": (O.amsgrad(0.05), optax.amsgrad(0.05)),
    "adamax": (O.adamax(0.05), optax.adamax(0.05)),
    "adadelta": (O.adadelta(1.0, rho=0.9, eps=1e-6), optax.adadelta(1.0, rho=0.9, eps=1e-6)),
    "adadelta, weight decay": (O.adadelta(0.5, rho=0.95, eps=1e-5, weight_decay=0.1),
                               optax.adadelta(0.5, rho=0.95, eps=1e-5, weight_decay=0.1)),
    "rmsprop": (O.rmsprop(0.01), optax.rmsprop(0.01, eps_in_sqrt=False)),
    "rmsprop momentum": (O.rmsprop(0.001, momentum=0.8), optax.rmsprop(0.001, eps_in_sqrt=False, momentum=0.8)),
    "adagrad": (O.adagrad(0.3, eps=1e-300, initial_accumulator=0.1), optax.adagrad(0.3, eps=0.0)),
    "lion": (O.lion(0.01), optax.lion(0.01)),
    "clipped": (O.clipped(O.gd(0.002), value=1.0, norm=3.0), optax.chain(
        optax.clip(1.0), optax.clip_by_global_norm(3.0), optax.sgd(0.002))),
}


def optax_path(problem, start, tx, steps=STEPS, with_value=False):
    w = jnp.asarray(start, dtype=jnp.float64)
    state = tx.init(w)
    path = [np.asarray(w)]
    for _ in range(steps):
        g = jnp.asarray(problem.grad(np.asarray(w)))
        extra = dict(value=problem.value(np.asarray(w))) if with_value else {}
        u, state = tx.update(g, state, w, **extra)
        w = optax.apply_updates(w, u)
        path.append(np.asarray(w))
    return np.array(path)


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("pair", PAIRS)
def test_step_for_step_with_optax(pair, problem_name):
    problem, start = PROBLEMS[problem_name]
    ours, theirs = PAIRS[pair]
    t = run(problem, Run(pair, ours, start=start, steps=STEPS))
    ref = optax_path(problem, start, theirs)
    assert t.stop == "budget"
    assert np.abs(ref - ref[0]).max() > 1e-3
    assert np.allclose(t.params, ref, atol=1e-12, rtol=1e-12), np.abs(t.params - ref).max()


@pytest.mark.parametrize("problem_name", ["ill-conditioned", "beale"])
def test_polyak_step_with_optax(problem_name):
    problem, start = PROBLEMS[problem_name]
    t = run(problem, Run("polyak", O.polyak(max_step=0.5), start=start, steps=STEPS))
    ref = optax_path(problem, start, optax.polyak_sgd(max_learning_rate=0.5), with_value=True)
    assert np.allclose(t.params, ref, atol=1e-12, rtol=1e-12)


def test_a_schedule_under_adam_as_optax_schedules_it():
    from gdanim import schedules
    problem, start = PROBLEMS["rosenbrock"]
    t = run(problem, Run("s", O.adam(schedules.cosine(0.05, 30)), start=start, steps=STEPS))
    ref = optax_path(problem, start, optax.adam(optax.cosine_decay_schedule(0.05, 30)))
    assert np.allclose(t.params, ref, atol=1e-12, rtol=1e-12)


RNG = np.random.default_rng(7)


@pytest.mark.parametrize("w", [RNG.normal(scale=s, size=n) for n in (2, 5) for s in (0.3, 3.0)],
                         ids=lambda w: f"n{w.size}")
def test_projections_are_optaxs(w):
    x = jnp.asarray(w)
    assert np.allclose(C.Simplex(1.5).project(w), projections.projection_simplex(x, 1.5), atol=1e-12)
    assert np.allclose(C.L1Ball(0.7).project(w), projections.projection_l1_ball(x, 0.7), atol=1e-12)
    assert np.allclose(C.Ball(0.9).project(w), projections.projection_l2_ball(x, 0.9), atol=1e-12)
    assert np.allclose(C.Box(-0.4, 0.6).project(w), projections.projection_box(x, -0.4, 0.6), atol=1e-15)
