"""The runs of a sweep computed together: one numpy iteration over an (runs, dim) array of
iterates instead of a Python loop per run, so a 20 × 20 sweep costs about what a few runs do.

It applies where it gives exactly the runs one at a time would (checked against them in
tests/test_sweep_grid.py): the runs differ only in their learning rate and hyperparameters, run
without minibatches or a stopping rule, on a problem with a vectorised gradient (``grads_on``),
with an optimizer whose transform is elementwise in its hyperparameters (TOGETHER). Any other
sweep runs one run at a time (gdanim.compute.runner).
"""
from __future__ import annotations

import numpy as np

from gdanim.compute.bounds import divergence_limit, not_finite, point
from gdanim.compute.trajectory import Trajectory
from gdanim.declare.optimizers import state_keys
from gdanim.declare.problem_base import Problem
from gdanim.declare.schedules import constant

# built-in optimizers whose transforms are elementwise in lr and their hyperparameters
TOGETHER = ("GD", "momentum", "momentum (η)", "Nesterov", "AdaGrad", "RMSprop", "Adam")
LEAST = 8           # fewer runs than this: one at a time is as quick


def can_run_together(runs, problems) -> bool:
    """Can these runs be computed as one array (see the module docstring)?"""
    if len(runs) < LEAST:
        return False
    first, problem = runs[0], problems[0]
    if any(p is not problem for p in problems) or type(problem).grads_on is Problem.grads_on:
        return False
    if first.optimizer.name not in TOGETHER:
        return False
    for r in runs:
        if (r.optimizer.name != first.optimizer.name or r.optimizer.build is not first.optimizer.build
                or r.start != first.start or r.steps != first.steps or r.until is not None
                or r.batch_size is not None or not isinstance(r.optimizer.lr, constant)
                or [k for k, _ in r.optimizer.hyper] != [k for k, _ in first.optimizer.hyper]
                or any(isinstance(v, bool) or not isinstance(v, (int, float)) for _, v in r.optimizer.hyper)):
            return False
    with np.errstate(all="ignore"):         # a start where the loss is undefined: said by the runner
        return bool(np.isfinite(problem.value(np.asarray(first.start, dtype=float))))


def sweep_together(scene) -> dict:
    """label → Trajectory of the sweep's runs where they can be computed as one array
    (gdanim.compute.together); empty where they cannot."""
    swept = [r for r in scene.runs if r.swept is not None]
    problems = [r.problem or scene.problem_for(run=r) for r in swept]
    if not swept or not can_run_together(swept, problems):
        return {}
    limit = divergence_limit(problems[0], np.asarray(swept[0].start, dtype=float))
    return {t.label: t for t in run_together(problems[0], swept, limit)}


def run_together(problem, runs, limit, starts=None) -> list[Trajectory]:
    """Every run of ``runs`` (checked by ``can_run_together``), iterated as rows of one array;
    ``limit``: |w| beyond it counts as diverged, as in gdanim.compute.runner (one number, or one a
    run: each start's own, where they differ). ``starts``: each run's own start (k, dim), where they
    differ (else the runs' one start)."""
    R = len(runs)
    opt = runs[0].optimizer
    rates = np.array([float(r.optimizer.lr(1)) for r in runs])[:, None]
    hyper = {k: np.array([float(dict(r.optimizer.hyper)[k]) for r in runs])[:, None] for k, _ in opt.hyper}
    tx = opt.build(lambda t: rates, **hyper)
    w = np.tile(np.asarray(runs[0].start, dtype=float), (R, 1)) if starts is None else np.array(starts, dtype=float)
    state = tx.init(w)
    keys = state_keys(state, w.shape)
    params, losses, grads, extras = [w], [problem.values_on(w)], [], [record(state, keys)]
    last = np.full(R, runs[0].steps)                 # the last step each run reaches
    stop = np.array(["budget"] * R, dtype=object)
    notes = np.array([""] * R, dtype=object)
    diverged_at = np.zeros(R, dtype=int)
    alive = np.ones(R, dtype=bool)
    with np.errstate(all="ignore"):
        for t in range(1, runs[0].steps + 1):
            g = problem.grads_on(w)
            updates, state = tx.update(g, state, w, grad_fn=problem.grads_on, value_fn=problem.values_on,
                                       quadratic=problem.quadratic)
            new = w + updates
            loss = problem.values_on(new)
            grads.append(g)
            inside = np.all(np.abs(new) < np.reshape(limit, (-1, 1)), axis=1)
            bad_grad = alive & ~np.all(np.isfinite(g), axis=1)
            bad_update = alive & ~bad_grad & np.isnan(updates).any(axis=1)
            no_loss = alive & ~bad_grad & ~bad_update & np.isnan(loss) & inside
            gone = alive & ~bad_grad & ~bad_update & ~no_loss & ~(np.isfinite(loss) & inside)
            for mask, why in ((bad_grad, "gradient"), (bad_update, "update"), (no_loss, "loss"), (gone, None)):
                for r in np.flatnonzero(mask):
                    last[r] = t - 1
                    if why is None:
                        stop[r], diverged_at[r] = "diverged", t
                    else:
                        stop[r] = "undefined"
                        notes[r] = undefined_note(why, g[r], new[r], t)
                alive &= ~mask
            params.append(new)
            losses.append(loss)
            extras.append(record(state, keys))
            w = new
            if not alive.any():
                break
        grads.append(problem.grads_on(w))
    P, L, G = np.array(params), np.array(losses, dtype=float), np.array(grads, dtype=float)
    out = []
    for r, run in enumerate(runs):
        n = last[r] + 1
        lr = np.concatenate([[np.nan], np.full(n - 1, rates[r, 0])])
        grad = np.concatenate([G[: n - 1, r], [problem.grad(P[n - 1, r])]])
        out.append(Trajectory(label=run.label, names=problem.names, params=P[:n, r].copy(), loss=L[:n, r].copy(),
                              grad=grad, lr=lr, extras={k: np.array([e[k][r] for e in extras[:n]]) for k in keys.values()},
                              samples=None if problem.n_samples is None else np.full(n, problem.n_samples),
                              stop=str(stop[r]), diverged_at=int(diverged_at[r]) if stop[r] == "diverged" else None,
                              note=str(notes[r])))
    return out


def record(state, keys) -> dict:
    """The recorded state fields (velocity, moments) of every run at this step: name → (runs, dim)."""
    out = {}
    for (path, name), key in keys.items():
        value = state
        for part in (*path, name):
            value = getattr(value, part) if isinstance(part, str) else value[part]
        out[key] = np.array(value, dtype=float)
    return out


def undefined_note(why: str, g, w, t: int) -> str:
    """The runner's words for a run that stopped where its next step is undefined."""
    if why == "gradient":
        return f"the gradient is {not_finite(g)} there"
    if why == "update":
        return "the optimizer's update is nan there"
    return f"the loss is nan at {point(w)}, where step {t} goes"
