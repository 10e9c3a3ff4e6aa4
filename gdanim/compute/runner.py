"""The numpy runner: a problem and a run declaration in, a Trajectory out. Pure numpy.

>>> from gdanim import problems, optimizers, Run
>>> t = run(problems.parabola, Run("GD", optimizers.gd(1.08), start=2, steps=2))
>>> [round(float(w), 4) for w in t.params[:, 0]]
[2.0, -2.32, 2.6912]
"""
from __future__ import annotations

import numpy as np

from gdanim.core.errors import GdanimError, SceneCodeError, SceneError, note
from gdanim.declare.optimizers import UndefinedStep, fields, returned, state_keys, with_extra_args
from gdanim.declare.problems import Problem
from gdanim.compute.bounds import BOUND, divergence_limit, not_finite, point  # noqa: F401  (where they were)
from gdanim.compute.together import sweep_together
from gdanim.compute.trajectory import Trajectory

def run_scene(scene) -> list[Trajectory]:
    """Every run of a scene as a Trajectory, in declaration order. A run that stopped where a step
    is undefined is drawn and said in the alt text, but easily missed there: it is also a Note."""
    together = sweep_together(scene)
    trajs = [together.get(r.label) or run(scene.problem_for(run=r), r) for r in scene.runs]
    for t in trajs:
        if t.stop == "undefined":
            note(f"run {t.label!r} {t.reason()}")
    return trajs


def run(problem: Problem, spec) -> Trajectory:
    """Iterate ``spec.optimizer`` on ``problem`` from ``spec.start`` for at most ``spec.steps``
    steps; minibatches (``spec.batch_size``) are drawn from a RandomState seeded with
    ``spec.seed``, with replacement or by epochs without (``spec.replace``, see Batches). A non-finite or exploding step ends the run as diverged;
    a step to a point where the loss is NaN, or from one where the gradient is not finite (the
    lecturer's function is not defined there), or an undefined Newton step, ends it as undefined.

    Every transform's ``update`` is handed the gradient at the current point and, by keyword,
    ``value_fn``, ``grad_fn``, ``hessian_fn`` (all three on this step's minibatch, so a stochastic
    line search compares the batch's values with the batch's slope), ``quadratic`` (is the loss a
    quadratic in w, so that a line search may take its closed form), and the problem's non-smooth
    part: ``constraint`` (its set, or None) and ``l1`` (its λ, or 0). The loss recorded for each
    iterate is on all the data.

    An exception raised by the scene's own code (a Function's value or gradient, a schedule, a
    stopping rule, a transform) becomes a SceneCodeError naming the run and the step; the
    exception is kept as its ``__cause__``."""
    progress = [0]                      # the step being computed, for the message
    try:
        return iterate(spec.problem or problem, spec, progress)
    except GdanimError as exc:
        if exc.path is not None:        # names its own file (a data file): as it is
            raise
        raise type(exc)(f"run {spec.label!r}, step {progress[0]}: {exc.message}").concerning("run", spec.label) from exc
    except Exception as exc:
        raise SceneCodeError(f"run {spec.label!r}, step {progress[0]}: {type(exc).__name__}: {exc}"
                             ).concerning("run", spec.label) from exc


def iterate(problem: Problem, spec, progress: list) -> Trajectory:
    tx = spec.optimizer.transform()
    update = with_extra_args(tx.update)
    w = np.array(spec.start, dtype=float)
    state = tx.init(w)
    n = problem.n_samples
    batches = batches_of(problem, spec)

    params, losses, grads, lrs = [w], [problem.value(w)], [], [np.nan]
    counts = []                             # how many samples each gradient was taken on
    if not np.isfinite(losses[0]):
        raise SceneError(f"the loss at the start {tuple(w.tolist())} is {losses[0]}: start where the loss is defined")
    recorder = StateRecorder(state, w)
    limit = divergence_limit(problem, w)
    stop, diverged_at, undefined = "budget", None, ""
    with np.errstate(all="ignore"):
        for t in range(1, spec.steps + 1):
            progress[0] = t
            idx = batches.next() if batches is not None else None
            g = problem.grad(w, idx)
            if not np.all(np.isfinite(g)):          # at a point whose loss is finite: not a blow-up
                stop, undefined = "undefined", f"the gradient is {not_finite(g)} there"
                break
            batch = problem if idx is None else problem.on_samples(idx)     # what this step sees of the loss
            try:
                updates, state = returned(tx, update(g, state, w, value_fn=batch.value,
                                                     grad_fn=lambda p, idx=idx: problem.grad(p, idx),
                                                     hessian_fn=batch.hessian, quadratic=problem.quadratic,
                                                     constraint=problem.constraint, l1=problem.l1), w)
            except UndefinedStep as why:
                stop, undefined = "undefined", str(why)
                break
            if np.isnan(updates).any():             # from a finite gradient at a finite point: 0/0, not a blow-up
                stop, undefined = "undefined", "the optimizer's update is nan there"
                break
            w_new = w + updates
            loss = problem.value(w_new) if np.all(np.isfinite(w_new)) else np.nan
            grads.append(g)
            counts.append(len(idx) if idx is not None else n)
            if np.isnan(loss) and np.all(np.abs(w_new) < limit):    # finite, in bounds, yet no loss
                stop, undefined = "undefined", f"the loss is nan at {point(w_new)}, where step {t} goes"
                break
            if not (np.isfinite(loss) and np.all(np.abs(w_new) < limit)):
                stop, diverged_at = "diverged", t
                break
            params.append(w_new)
            losses.append(loss)
            lrs.append(step_size(spec.optimizer, state, t))
            recorder.add(state)
            if spec.until is not None and spec.until.done(w_new, w):
                stop = "converged"
                w = w_new
                break
            w = w_new
    grads, counts = grads[: len(params) - 1], counts[: len(params) - 1]
    progress[0] = len(params) - 1
    grads.append(problem.grad(params[-1]))
    counts.append(n)
    return Trajectory(
        label=spec.label,
        names=problem.names,
        params=np.array(params),
        loss=np.array(losses, dtype=float),
        grad=np.array(grads, dtype=float),
        lr=np.array(lrs, dtype=float),
        extras=recorder.arrays(),
        samples=None if n is None else np.array(counts, dtype=int),
        stop=stop,
        diverged_at=diverged_at,
        note=undefined,
    )


def batches_of(problem: Problem, spec) -> "Batches | None":
    """The minibatches a run draws, one ``next()`` a step (None for a full-batch run): what the runner
    iterates on, and what a panel replays to show a step's own batch (LineSearchCurve)."""
    if not spec.batch_size:
        return None
    return Batches(problem.n_samples, spec.batch_size, spec.seed, getattr(spec, "replace", True))


def step_size(optimizer, state, t: int) -> float:
    """The rate step t took: a line search's accepted step where the optimizer's state records one
    (a ``step_size`` field, the last in the chain), else the learning rate's schedule at t; nan for
    an optimizer with neither."""
    found = [s for s in walk(state) if "step_size" in getattr(s, "_fields", ())]
    if found:
        return float(found[-1].step_size)
    return np.nan if optimizer.lr is None else optimizer.lr(t)


def walk(state):
    """Every NamedTuple in a (chain's) state, depth first."""
    if hasattr(state, "_fields"):
        yield state
    if isinstance(state, tuple):
        for s in state:
            yield from walk(s)


class Batches:
    """The sample indices of each stochastic step, from ``RandomState(seed)``: drawn with
    replacement (``rng.choice``, as "Gradient descent in depth" does), or by epochs without
    replacement: each epoch a fresh ``rng.permutation(n)`` cut into consecutive batches, the last
    one of an epoch shorter when the batch size does not divide n.

    >>> b = Batches(5, 2, seed=0, replace=False)
    >>> [sorted(b.next().tolist()) for _ in range(3)] + [len(b.next())]
    [[0, 2], [1, 3], [4], 2]
    """

    def __init__(self, n: int, size: int, seed: int, replace: bool = True):
        self.n, self.size, self.replace = n, size, replace
        self.rng = np.random.RandomState(seed)
        self.order, self.pos = np.arange(0), 0

    def next(self) -> np.ndarray:
        if self.replace:
            return self.rng.choice(self.n, self.size, replace=True)
        if self.pos >= len(self.order):
            self.order, self.pos = self.rng.permutation(self.n), 0
        idx = self.order[self.pos: self.pos + self.size]
        self.pos += self.size
        return idx


class StateRecorder:
    """Keeps every optimizer-state field shaped like the parameters (velocity, moments), step by
    step. A field is known by its name (``velocity``) where that is unique in the state; where two
    transforms of a chain have a field of the same name, each is known by its place in the chain
    as well (``0.velocity``, ``2.velocity``).

    >>> import numpy as np
    >>> from gdanim.optimizers import VelocityState
    >>> w = np.zeros(2)
    >>> sorted(StateRecorder((VelocityState(w), (VelocityState(w),)), w).keys.values())
    ['0.velocity', '1.0.velocity']
    """

    def __init__(self, state, params: np.ndarray):
        self.shape = params.shape
        self.keys = state_keys(state, params.shape)
        self.rows: dict[str, list] = {key: [] for key in self.keys.values()}
        self.add(state)

    def add(self, state) -> None:
        for path, name in fields(state, self.shape):
            key = self.keys.get((path, name))
            if key is not None:
                self.rows[key].append(np.array(at(state, path + (name,)), dtype=float))

    def arrays(self) -> dict:
        return {key: np.array(rows) for key, rows in self.rows.items()}


def at(state, path):
    for key in path:
        state = getattr(state, key) if isinstance(key, str) else state[key]
    return state
