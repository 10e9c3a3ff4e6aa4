"""Saved files, as `render --watch` learns of them: the operating system's file events (inotify on
Linux, through watchfiles) on the folders of the watched files wake the watch, and the files'
stamps (time, size, inode: ``stamps``) say which changed, so an event of an unrelated file costs
nothing and no change is lost between two watchers.

A wait holds Ctrl-C and ``kill`` (gdanim.transaction.signals_held), ends at once when one comes
(watchfiles' stop event) and then hands it on as the CLI's handler would: watchfiles itself turns
any stop into a bare KeyboardInterrupt, and ``kill`` must still say "terminated". The watcher's
threads are stopped (``close``) before a render, which forks its workers.
"""
from __future__ import annotations

import os
from pathlib import Path

from gdanim.runtime.signals import asked, deliver, signals_held

DEBOUNCE_MS = 400       # at most this long gathering the files of one save (an editor writes several)
STEP_MS = 50            # a save is over when nothing changed for this long


def stamp(path: Path):
    """What changes when a file is saved, written in place or replaced (through a link: its target)."""
    try:
        st = os.stat(path)
        return st.st_mtime_ns, st.st_size, st.st_ino
    except OSError:
        return None


def stamps(files) -> dict:
    return {Path(f): stamp(f) for f in files}


def changed(seen: dict) -> bool:
    """Has any file of ``seen`` (path → stamp) changed since?"""
    return any(stamp(f) != s for f, s in seen.items())


def folders_of(files) -> list[Path]:
    """The folders to watch for ``files``: each one's folder, as named and as its link resolves, or
    the nearest existing folder above a missing one (its creation is an event there)."""
    folders = set()
    for f in files:
        for d in {Path(os.path.abspath(f)).parent, Path(os.path.realpath(f)).parent}:    # (a link loop: as named)
            while not d.is_dir() and d != d.parent:
                d = d.parent
            folders.add(d)
    return sorted(folders)


class Watcher:
    """Events in ``folders`` (not their subfolders) from the moment it is made; ``wait`` until
    one comes. Close it (or use ``with``) to stop watching and its threads."""

    def __init__(self, folders):
        from gdanim.core.compat import file_notifier
        self.folders = sorted({Path(f) for f in folders})
        # watchfiles' Rust notifier, polling where events do not arrive (WSL, WATCHFILES_FORCE_POLLING),
        # as watchfiles' own watch() decides
        self.notify = file_notifier([str(f) for f in self.folders], 300)
        self.held: list = []

    def is_set(self) -> bool:
        """watchfiles' stop event: set once a stop is held."""
        return bool(self.held)

    def wait(self) -> None:
        """Block until something in the folders changes (a batch of events of one save)."""
        with signals_held() as held:
            if asked() is not None and not held:      # a stop whose raise was lost (signals.ask): no wait
                held.append(asked())
            self.held = held
            try:
                self.notify.watch(DEBOUNCE_MS, STEP_MS, 0, self)     # the events: what changed, ``stamps`` say
            finally:
                self.held = []
        deliver(held)                       # a stop held meanwhile: raised here, as its handler would

    def close(self) -> None:
        self.notify.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
