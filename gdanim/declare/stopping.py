"""Stopping rules of the lectures, checked after every step.

``change_below(1e-6)`` is CS 189's ``if np.linalg.norm(w - w_old) < epsilon: break``;
``change_at_most(0.001)`` is the blog's ``while abs(temp_min - old_min) > precision``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdanim.declare import checks


@dataclass(frozen=True)
class StopRule:
    tol: float
    inclusive: bool = False

    def __post_init__(self):
        checks.positive_number(self.tol, "tolerance")

    def done(self, w_new: np.ndarray, w_old: np.ndarray) -> bool:
        change = float(np.linalg.norm(w_new - w_old))
        return change <= self.tol if self.inclusive else change < self.tol

    def __str__(self):
        return f"‖Δw‖ {'≤' if self.inclusive else '<'} {self.tol:g}"


def change_below(tol: float) -> StopRule:
    """Stop when ‖w_{t+1} − w_t‖ < tol."""
    return StopRule(tol, inclusive=False)


def change_at_most(tol: float) -> StopRule:
    """Stop when ‖w_{t+1} − w_t‖ ≤ tol."""
    return StopRule(tol, inclusive=True)
