"""What a run produced: every iterate (the start included), its loss and gradient, the
optimizer's own state (e.g. velocity), and why it stopped."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

GREW = 1e3      # a run whose loss ends this many times its start's is blowing up within its budget


@dataclass(frozen=True, eq=False)
class Trajectory:
    label: str
    names: tuple[str, ...]
    params: np.ndarray                 # (steps + 1, dim); row k is the state after step k
    loss: np.ndarray                   # (steps + 1,), on the full data
    grad: np.ndarray                   # (steps + 1, dim); row k is ∇L(w_k) on step k + 1's minibatch (last: all data)
    lr: np.ndarray                     # (steps + 1,); lr[k] is the rate of step k (lr[0] = nan)
    extras: dict = field(default_factory=dict)   # name -> (steps + 1, dim) arrays
    samples: np.ndarray | None = None  # (steps + 1,): how many samples each gradient was taken on (data problems)
    stop: str = "budget"               # "budget", "converged", "diverged" or "undefined" (no step exists)
    diverged_at: int | None = None     # the step whose result was not finite / out of bounds
    note: str = ""                     # why the next step is undefined ("undefined")

    @property
    def steps(self) -> int:
        return len(self.params) - 1

    def at(self, step: int) -> int:
        """Row index for a frame's step: runs that stopped early stay at their last step."""
        return min(step, self.steps)

    def grows_from(self) -> int | None:
        """The step from which a run that used its whole budget has a loss GREW times its start's
        and keeps it to the end: it blows up (it leaves the plots) within the runner's bounds, so
        it did not stop as diverged. None for any other run."""
        return self._growth

    @cached_property
    def _growth(self) -> int | None:
        """grows_from's answer, found once: ``ending`` asks it for every frame of every panel."""
        if self.stop != "budget":
            return None
        big = self.loss > GREW * max(abs(float(self.loss[0])), 1e-12)      # up, not down to a negative minimum
        if not big[-1]:
            return None
        return int(len(big) - np.argmin(big[::-1]))      # the first step of the last run of big ones

    def ending(self, step: int) -> str:
        """What a frame at ``step`` says of how the run ended, once it shows that: 'diverged at
        step d', 'converged' (after its last step), why the next step is undefined, 'growing' (a
        loss blowing up within the budget); else ''."""
        grows = self.grows_from()
        if grows is not None and step >= grows:
            return "growing"
        if self.stop == "diverged" and step >= self.steps:
            return f"diverged at step {self.diverged_at}"
        if self.stop == "converged" and step > self.steps:
            return "converged"
        if self.stop == "undefined" and step >= self.steps:
            return self.note
        return ""

    def reason(self) -> str:
        if self.stop == "diverged":
            return f"diverged at step {self.diverged_at}"
        if self.stop == "converged":
            return f"converged after {self.steps} steps"
        if self.stop == "undefined":
            return f"stopped at step {self.steps}: {self.note}"
        return f"ran {self.steps} steps"
