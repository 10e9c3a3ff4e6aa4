"""The numpy runner: a problem and a run declaration in, a Trajectory out. Pure numpy.

>>> from gdanim import problems, optimizers, Run
>>> t = run(problems.parabola, Run("GD", optimizers.gd(1.08), start=2, steps=2))
>>> [round(w, 4) for w in t.params[:, 0]]
[2.0, -2.32, 2.6912]
"""
from __future__ import annotations

import numpy as np

from .problems import Problem
from .trajectory import Trajectory

BOUND = 1e8   # |w| beyond this counts as diverged: the path has long left any sensible plot


def run(problem: Problem, spec) -> Trajectory:
    """Iterate ``spec.optimizer`` on ``problem`` from ``spec.start`` for at most ``spec.steps``
    steps; minibatches (``spec.batch_size``) are drawn with replacement from a RandomState
    seeded with ``spec.seed``. A non-finite or exploding step ends the run as diverged."""
    problem = spec.problem or problem
    tx = spec.optimizer.transform()
    w = np.array(spec.start, dtype=float)
    state = tx.init(w)
    rng = np.random.RandomState(spec.seed) if spec.batch_size else None
    n = problem.n_samples

    params, losses, grads, lrs, extras = [w], [problem.value(w)], [], [np.nan], {}
    stop, diverged_at = "budget", None
    record(extras, state, w)
    with np.errstate(all="ignore"):
        for t in range(1, spec.steps + 1):
            point = tx.lookahead(w, state) if tx.lookahead else w
            idx = rng.choice(n, spec.batch_size, replace=True) if rng is not None else None
            g = problem.grad(point, idx)
            aux = {"hessian": problem.hessian(point)} if "hessian" in tx.needs else {}
            updates, state = tx.update(g, state, w, **aux)
            w_new = w + updates
            loss = problem.value(w_new) if np.all(np.isfinite(w_new)) else np.nan
            if not (np.isfinite(loss) and np.all(np.abs(w_new) < BOUND)):
                grads.append(g)
                stop, diverged_at = "diverged", t
                break
            grads.append(g)
            params.append(w_new)
            losses.append(loss)
            lrs.append(spec.optimizer.lr(t))
            record(extras, state, w_new)
            if spec.until is not None and spec.until.done(w_new, w):
                stop = "converged"
                w = w_new
                break
            w = w_new
    grads = grads[: len(params) - 1]
    grads.append(problem.grad(params[-1]))
    steps = len(params)
    return Trajectory(
        label=spec.label,
        names=problem.names,
        params=np.array(params),
        loss=np.array(losses, dtype=float),
        grad=np.array(grads, dtype=float),
        lr=np.array(lrs, dtype=float),
        extras={k: np.array(v[:steps]) for k, v in extras.items()},
        stop=stop,
        diverged_at=diverged_at,
    )


def record(extras: dict, state, params: np.ndarray) -> None:
    """Keep every state field shaped like the parameters (velocity, moments) under its name."""
    for s in state if isinstance(state, tuple) and not hasattr(state, "_fields") else (state,):
        if hasattr(s, "_fields"):
            for name in s._fields:
                v = getattr(s, name)
                if isinstance(v, np.ndarray) and v.shape == params.shape:
                    extras.setdefault(name, []).append(v.copy())
        elif isinstance(s, tuple):
            record(extras, s, params)
