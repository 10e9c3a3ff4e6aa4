"""What every fork of gdanim's needs: a child that reports back and never returns into the
parent's code, that dies with its parent, is reaped, keeps only its own pipes, and passes its
warnings on."""
from __future__ import annotations

import os
import pickle
import signal
import stat
import sys
import warnings


def fork_reporting(child, on_term=None) -> tuple[int, int]:
    """Fork a process that ignores Ctrl-C (it reaches the whole process group; this process
    decides), runs ``child()`` and sends what it returns back, pickled, on a pipe, then ends
    without returning into this process's code; (its pid, the pipe's end to read it from).
    ``on_term``: the process's SIGTERM handler. SIGTERM is blocked from before the fork until
    that handler is in place, so a SIGTERM sent as the process starts is met by it: Python drops a
    signal whose handler was replaced before it ran (a stop could leave a scene's process
    waiting forever)."""
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        os.close(r)
        os.close(w)
        raise
    if pid == 0:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if on_term is not None:
                signal.signal(signal.SIGTERM, on_term)
            close_pipes({0, 1, 2, w})
            signal.pthread_sigmask(signal.SIG_SETMASK, before)     # a SIGTERM sent meanwhile is met now
            write_all(w, pickle.dumps(child()))
        finally:
            os._exit(0)
    signal.pthread_sigmask(signal.SIG_SETMASK, before)
    os.close(w)
    return pid, r


def die_with(parent: int) -> bool:
    """In a forked process: be killed when ``parent`` dies, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG), so that nothing is written in its name after it is gone. False if it has
    died already."""
    import ctypes
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    return os.getppid() == parent


def reap(pid: int) -> None:
    """Wait for a child process to end (it may have been reaped already)."""
    while True:
        try:
            os.waitpid(pid, 0)
            return
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def close_pipes(keep: set[int]) -> None:
    """In a new worker: close the pipes it inherited but does not use (the parent's pipes to other
    workers, an encoder's stdin), so that no reader waits on it for an end of file."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd in keep:
            continue
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None at an end of file (the worker is gone)."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def pickle_warnings(caught) -> bytes:
    """Warnings caught in a fork, pickled for its parent (``rewarn``); a category that does not
    pickle goes as a UserWarning."""
    if not caught:
        return b""
    plain = []
    for w in caught:
        category = w.category if isinstance(w.category, type) and issubclass(w.category, Warning) else UserWarning
        plain.append((category, str(w.message), w.filename, w.lineno))
    try:
        return pickle.dumps(plain)
    except Exception:
        return pickle.dumps([(UserWarning, m, f, n) for _, m, f, n in plain])


def rewarn(pickled: bytes) -> None:
    """Raise again, in this process, the warnings a worker raised."""
    if not pickled:
        return
    try:
        items = pickle.loads(pickled)
    except Exception:
        return
    for category, message, filename, lineno in items:
        warnings.warn_explicit(message, category, filename, lineno)
