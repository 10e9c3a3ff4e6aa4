"""``SideProcess``: one piece of work in a forked process of its own, beside this one (the
renderer's vector formats, while the frames are drawn), its result or its failure reported back."""
from __future__ import annotations

import os
import pickle
import signal
import warnings

from gdanim.runtime.forking import die_with, fork_reporting, pickle_warnings, reap, rewarn


class SideProcessFailed(Exception):
    """The work set aside raised, or its process died: do it here instead."""


class SideProcess:
    """``work()`` computed in a process forked now, beside this one (the renderer writes its
    vector formats there while this process draws the frames). ``join()`` returns what ``work``
    returned, after raising here again the warnings it raised there; it raises SideProcessFailed if
    ``work`` raised or its process died, so that the caller does the work itself and meets the
    error as it would have without the fork. ``close()`` kills the process if it still runs and
    waits for it; it may be called again. The process dies with this one, even by SIGKILL."""

    def __init__(self, work):
        from gdanim.runtime.signals import deliver, signals_held
        parent = os.getpid()

        def child():
            if not die_with(parent):
                return None
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    result = work()
                except BaseException:
                    return 1, None, b""
            return 0, result, pickle_warnings(caught)

        with signals_held() as held:        # a stop now finds the process known, to be closed
            self.pid, self.fd = fork_reporting(child, signal.SIG_DFL)
        try:
            deliver(held)
        except BaseException:
            self.close()
            raise

    def join(self):
        chunks = []
        while chunk := os.read(self.fd, 65536):
            chunks.append(chunk)
        self.close()
        try:
            status, result, pickled = pickle.loads(b"".join(chunks))
        except Exception:
            raise SideProcessFailed() from None
        if status:
            raise SideProcessFailed()
        rewarn(pickled)
        return result

    def close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)
        pid, self.pid = self.pid, None
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            reap(pid)
