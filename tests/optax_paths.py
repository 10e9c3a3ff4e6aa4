"""optax's iterates and projections for tests/test_optax_reference.py, computed in a process of their
own (``python tests/optax_paths.py OUT.npz``): jax starts threads, and the test process forks
gdanim's workers afterwards, which a process with jax's threads must not do."""
import sys

import numpy as np

from gdanim import data, problems as P

PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "beale": (P.Beale(), (1.0, 1.4)),
    "sine": (P.SineRegression(data.Sine()), (2.2, 2.2)),
}
STEPS = 40

# name -> optax's optimizer, as code (built in the helper's process)
THEIRS = {
    "sgd": "optax.sgd(0.002)",
    "sgd momentum": "optax.sgd(0.002, momentum=0.9)",
    "sgd nesterov": "optax.sgd(0.002, momentum=0.9, nesterov=True)",
    "sgd momentum, decayed weights": "optax.chain(optax.add_decayed_weights(0.1), optax.sgd(0.002, momentum=0.5))",
    "adam": "optax.adam(0.05)",
    "adam, cosine schedule": "optax.adam(optax.cosine_decay_schedule(0.05, 30))",
    "adamw": "optax.adamw(0.05)",
    "nadam": "optax.nadam(0.05)",
    "amsgrad": "optax.amsgrad(0.05)",
    "adamax": "optax.adamax(0.05)",
    "adadelta": "optax.adadelta(1.0, rho=0.9, eps=1e-6)",
    "adadelta, weight decay": "optax.adadelta(0.5, rho=0.95, eps=1e-5, weight_decay=0.1)",
    "rmsprop": "optax.rmsprop(0.01, eps_in_sqrt=False)",
    "rmsprop momentum": "optax.rmsprop(0.001, eps_in_sqrt=False, momentum=0.8)",
    "rmsprop centered": "optax.rmsprop(0.01, decay=0.99, eps_in_sqrt=False, centered=True)",
    "rmsprop centered momentum": "optax.rmsprop(0.001, eps_in_sqrt=False, centered=True, momentum=0.5)",
    "rmsprop eps in sqrt": "optax.rmsprop(0.01)",
    "rmsprop centered, eps in sqrt": "optax.rmsprop(0.01, centered=True, eps=1e-6)",
    "adagrad": "optax.adagrad(0.3, eps=0.0)",
    "lion": "optax.lion(0.01)",
    "clipped": "optax.chain(optax.clip(1.0), optax.clip_by_global_norm(3.0), optax.sgd(0.002))",
    "polyak": "optax.polyak_sgd(max_learning_rate=0.5)",
}
POINTS = [np.random.default_rng(7).normal(scale=s, size=n) for n in (2, 5) for s in (0.3, 3.0)]
# name -> optax's projection of a point x, as code
PROJECTIONS = {
    "simplex": "projections.projection_simplex(x, 1.5)",
    "l1": "projections.projection_l1_ball(x, 0.7)",
    "ball": "projections.projection_l2_ball(x, 0.9)",
    "box": "projections.projection_box(x, -0.4, 0.6)",
}


def path(optax, jnp, problem, start, tx, with_value):
    w = jnp.asarray(start, dtype=jnp.float64)
    state = tx.init(w)
    out = [np.asarray(w)]
    for _ in range(STEPS):
        g = jnp.asarray(problem.grad(np.asarray(w)))
        extra = dict(value=problem.value(np.asarray(w))) if with_value else {}
        u, state = tx.update(g, state, w, **extra)
        w = optax.apply_updates(w, u)
        out.append(np.asarray(w))
    return np.array(out)


def main(out: str) -> None:
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import optax
    import optax.projections as projections  # noqa: F401  (the PROJECTIONS' code names it)
    found = {}
    for name, code in THEIRS.items():
        for pname, (problem, start) in PROBLEMS.items():
            found[f"path/{name}/{pname}"] = path(optax, jnp, problem, start, eval(code), name == "polyak")
    for name, code in PROJECTIONS.items():
        for k, x in enumerate(POINTS):
            found[f"projection/{name}/{k}"] = np.asarray(eval(code, {"projections": projections, "x": jnp.asarray(x)}))
    np.savez(out, **found)


if __name__ == "__main__":
    main(sys.argv[1])
