"""The process's signals: Ctrl-C and ``kill`` held while a block must not be cut short and handed on
after it, and whether another process still runs (signal 0, where it is a probe)."""
from __future__ import annotations

import contextlib
import os
import signal
import threading


ASKED: list = []        # (pid, signal, what was raised) of each stop this command was asked for


def ask(signum: int, stop=None) -> None:
    """Record that this process was asked to stop, and the exception its handler raises for it
    (the CLI's handlers call it before they raise). The one record of stops: the CLI reads what
    was raised (``failing.stop_since``), and a wait reads that one came, since a handler that raises
    while Python runs a weakref callback or a ``__del__`` has its exception printed and dropped
    ("Exception ignored in ..."), and the stop would be forgotten."""
    ASKED.append((os.getpid(), signum, stop))


def asked() -> int | None:
    """The first stop this process (not the one it was forked from) was asked for, or None."""
    return next((sig for pid, sig, _ in ASKED if pid == os.getpid()), None)


@contextlib.contextmanager
def signals_held():
    """Ctrl-C (SIGINT) and ``kill`` (SIGTERM) are held while the block runs: the block yields a
    list that collects them, and the caller hands them on (``deliver``) when it is done. Python
    runs signal handlers in the main thread whichever thread a signal reaches (numpy's BLAS
    threads included), so the handlers are swapped, rather than the thread's mask changed. A
    signal this process ignores (a background job's Ctrl-C) stays ignored: never held."""
    held: list = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = {sig: signal.signal(sig, lambda signum, frame: held.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(sig) is not signal.SIG_IGN}
    try:
        yield held
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        held[:] = [(sig, previous[sig]) for sig in held[:1]]


def deliver(held, written=None) -> None:
    """Handle a held signal now, as its handler would have; after a commit (``written``: the
    files put in place), a stop that the CLI's handler raises says they were written first."""
    from gdanim.core.errors import Stopped
    for sig, handler in held:
        if not callable(handler):
            signal.raise_signal(sig)
            continue
        try:
            handler(sig, None)
        except Stopped as stop:
            if written is None:
                raise
            raise after_commit(stop, written) from None


def after_commit(stop, written):
    """The stop, said as one that came just after ``written`` were put in place."""
    from gdanim.core.errors import Stopped
    word = str(stop.error).split(";")[0]
    return Stopped(type(stop.error)(f"{word} just after writing: the new files are complete and in place"), written)



SIGNAL_0_PROBES = os.name == "posix"      # elsewhere (Windows) os.kill(pid, 0) is a console Ctrl-C


def alive(pid: int) -> bool:
    """Does process ``pid`` still run? Where signal 0 is no probe (Windows, where os.kill sends a
    console Ctrl-C), every process is taken to run: another's temporary files are left alone."""
    if not SIGNAL_0_PROBES:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
