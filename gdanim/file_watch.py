"""Saved files, as `render --watch` learns of them: watchfiles (the operating system's file events,
inotify on Linux) on the folders the watched files are in, rather than polling their times.

A wait for changes holds Ctrl-C and ``kill`` (gdanim.transaction.signals_held) and ends at once
when one comes (watchfiles' stop event), then hands it on as the CLI's handler would: watchfiles
itself turns any stop into a bare KeyboardInterrupt, and ``kill`` must still say "terminated".
Changes made while gdanim renders are kept by the watcher and come with the next wait.
"""
from __future__ import annotations

from pathlib import Path

from .transaction import deliver, signals_held

DEBOUNCE_MS = 400       # at most this long gathering the files of one save (an editor writes several)
STEP_MS = 50            # a save is over when nothing changed for this long; also how often a wait looks up


class Watcher:
    """The files changed in ``folders`` (not their subfolders), a batch per ``wait``; watching
    starts when the Watcher is made. Close it (or use ``with``) to end the operating system's watch."""

    def __init__(self, folders):
        from watchfiles import watch
        self.folders = sorted({Path(f) for f in folders})
        self.held: list = []
        # a timeout every step: watchfiles yields an empty batch, which starts its watch here (a
        # generator runs on its first next()) and lets a wait look at the stop event
        self.batches = watch(*self.folders, watch_filter=None, recursive=False, debounce=DEBOUNCE_MS, step=STEP_MS,
                             rust_timeout=STEP_MS, yield_on_timeout=True, stop_event=self, raise_interrupt=True)
        next(self.batches)

    def is_set(self) -> bool:
        """watchfiles' stop event: set while a stop waits to be handed on."""
        return bool(self.held)

    def wait(self) -> set[Path]:
        """Block until files change; the paths that did (the watched folders' children)."""
        batch = set()
        with signals_held() as held:
            self.held = held
            try:
                while not batch and not held:
                    batch = next(self.batches, None)
                    if batch is None:           # ended: by the stop event
                        break
            finally:
                self.held = []
        deliver(held)                       # a stop held meanwhile: raised here, as its handler would
        if batch is None:
            raise RuntimeError("the watch ended")
        return {Path(path) for _, path in batch or ()}

    def close(self) -> None:
        self.batches.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def folders_of(files) -> list[Path]:
    """The existing folders holding ``files``."""
    return sorted({Path(f).parent for f in files if Path(f).parent.is_dir()})
