"""How many processes a render or a batch uses: the cores there are, GDANIM_PROCESSES, and
frames enough to be worth a fork."""
from __future__ import annotations

import os
import sys
import threading


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forked workers are used on Linux only (macOS' system frameworks are not fork-safe)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


ENV = "GDANIM_PROCESSES"
MIN_FRAMES = 12          # per worker: below this, forking costs more than it saves


def plan(frames: int, requested: int | None = None) -> int:
    """How many processes draw ``frames`` frames: ``requested`` if given, else ``GDANIM_PROCESSES``
    if set, else every core, shared with the other jobs of a parallel ``make`` (``-jN`` in
    MAKEFLAGS: make already runs N renders at once); never more than there are frames for
    (``MIN_FRAMES`` each), and 1 (this process alone) where processes cannot be forked safely."""
    requested = wanted(requested)
    if requested <= 1 or not can_fork() or threading.active_count() > 1:
        return 1            # (a process with threads, a Jupyter kernel's, is not forked: a lock
                            # another thread holds would stay held in the copy)
    return max(1, min(requested, frames // MIN_FRAMES))


def wanted(requested: int | None = None) -> int:
    """How many processes may work: ``requested`` if given, else ``GDANIM_PROCESSES`` if set, else
    every core, shared with the other jobs of a parallel ``make``."""
    if requested is None:
        requested = from_environment()
    if requested is None:
        requested = max(1, cpu_count() // make_jobs())
    return requested


def from_environment() -> int | None:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:           # a usage error, as render's --processes says it
        from gdanim.core.errors import UsageError
        raise UsageError(f"{ENV} must be a whole number of processes, 1 or more; got {value!r}")
    return int(value)


def make_jobs() -> int:
    """How many jobs the ``make`` that started this process runs at once (1 outside make)."""
    flags = os.environ.get("MAKEFLAGS", "")
    jobs = 1
    for word in flags.split():
        if word.startswith("-j") and not word.startswith("--"):
            count = word[2:]
            jobs = int(count) if count.isdigit() else cpu_count()
    return max(1, jobs)
