"""Where a run counts as diverged, and how the runner's notes say a point: shared by the runner
one run at a time (gdanim.compute.runner) and the runs of a sweep computed together
(gdanim.compute.together)."""
from __future__ import annotations

import numpy as np

from gdanim.declare.problems import Problem

BOUND = 1e8   # |w| beyond BOUND × the problem's scale counts as diverged: long off any sensible plot


def divergence_limit(problem: Problem, start) -> float:
    """|w| beyond this counts as diverged: BOUND times the problem's own scale (the size of its
    start, its optimum and its default window), so parameters that are naturally in the billions
    are not taken for a run gone wild."""
    sizes = [1.0, float(np.max(np.abs(start)))]
    if problem.optimum is not None:
        sizes.append(float(np.max(np.abs(problem.optimum))))
    sizes += [abs(float(x)) for lim in problem.default_window() for x in lim]
    return BOUND * max(s for s in sizes if np.isfinite(s))


def not_finite(x: np.ndarray) -> str:
    return "nan" if np.any(np.isnan(x)) else "infinite"


def point(w: np.ndarray) -> str:
    """``w`` as the notes show a point: (0.1234, -2)."""
    return "(" + ", ".join(f"{float(x):.4g}" for x in np.ravel(w)) + ")"
