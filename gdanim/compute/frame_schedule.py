"""Which steps become frames, and how long each is shown.

Frame i shows the state after step ``steps[i]``: every k-th step, always the first and the
last, with holds at both ends and pauses on chosen steps.

>>> from gdanim.scene import Timing
>>> [f.step for f in schedule(10, Timing(every=4))]
[0, 4, 8, 10]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Frame:
    index: int
    step: int
    duration: float       # seconds on screen


def schedule(total: int, timing, max_frames: int | None = None) -> list[Frame]:
    steps = list(range(0, total + 1, timing.every))
    pauses = dict(timing.pause_on)
    steps = sorted(set(steps) | {total} | {s for s in pauses if s <= total})
    if max_frames is not None and len(steps) > max_frames:
        keep = np.unique(np.round(np.linspace(0, len(steps) - 1, max_frames)).astype(int))
        steps = [steps[k] for k in keep]
    base = 1.0 / timing.fps
    frames = []
    for i, s in enumerate(steps):
        d = base + pauses.get(s, 0.0)
        if i == 0:
            d += timing.hold_first
        if i == len(steps) - 1:
            d += timing.hold_last
        frames.append(Frame(i, s, d))
    return frames


def ticks(durations, unit: float) -> list[int]:
    """Whole numbers of ``unit`` per frame whose running sum tracks the true time (no drift);
    each frame gets at least one."""
    out, shown, clock = [], 0, 0.0
    for d in durations:
        clock += d
        n = max(1, int(round(clock / unit)) - shown)
        out.append(n)
        shown += n
    return out
