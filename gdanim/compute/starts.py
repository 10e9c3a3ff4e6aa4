"""Where one run ends from each of many starts (the basins panel's grid): the runs computed
together as one array where they can be (gdanim.compute.together), else one at a time."""
from __future__ import annotations

import dataclasses

import numpy as np

from gdanim.compute.bounds import divergence_limit
from gdanim.compute.runner import run as run_one
from gdanim.compute.together import LEAST, can_run_together, run_together


def final_points(problem, run, starts) -> tuple[np.ndarray, np.ndarray]:
    """Where ``run`` (its optimizer and step budget) ends from each of ``starts`` (k, dim), and
    whether it got there without diverging: as one array where the runs allow it (the basins
    panel's grid of starts), else one run at a time."""
    starts = np.asarray(starts, dtype=float)
    runs = [dataclasses.replace(run, label=f"start {k}", start=tuple(s)) for k, s in enumerate(starts)]
    same = [dataclasses.replace(r, start=run.start) for r in runs[:LEAST]]
    if can_run_together(same, [problem] * len(same)) and np.all(np.isfinite(problem.values_on(starts))):
        limits = np.array([divergence_limit(problem, s) for s in starts])     # each start's own, as alone
        trajs = run_together(problem, runs, limits, starts)
    else:
        trajs = [run_one(problem, r) for r in runs]
    return (np.array([t.params[-1] for t in trajs]), np.array([t.stop != "diverged" for t in trajs]))
