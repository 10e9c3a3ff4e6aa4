"""Results of ``work(i)`` for i = 0 … n-1, computed in forked worker processes and handed back in
order; the renderer uses it to draw animation frames on every core.

Each worker is a fork of the process at the moment the pool starts, so it owns a copy of the
figure as it stands (laid out, its background cached) and needs no set-up of its own. Worker k
takes the positions k, k + N, k + 2N, …, and writes each result (bytes of a fixed size) into one of
its two slots of an anonymous shared memory map; the parent copies a result out and hands the slot
back. Memory stays flat whatever the number of frames: two slots per worker.

``SideProcess`` runs one piece of work in a forked process of its own, beside this one: the
renderer's vector formats, while the frames are drawn.

Workers ignore Ctrl-C (it reaches the whole process group; the parent decides) and end when the
parent closes their pipes, when it dies (their next read or write fails), or when killed by
``close``. A result a worker could not compute is reported as failed, never raised there: the
caller computes it itself to get the error, with its traceback, in the main process. Warnings a
worker raises are passed on to the parent, which raises them again as its own.
"""
from __future__ import annotations

import mmap
import os
import pickle
import signal
import stat
import struct
import sys
import threading
import warnings

from gdanim.runtime.transaction import deliver, signals_held

HEADER = struct.Struct("<iiii")        # position, slot, status (0 done, 1 failed), warnings' length
SLOTS = 2


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


class WorkerFailed(Exception):
    """A worker could not compute the result at ``position`` (or died)."""

    def __init__(self, position: int):
        super().__init__(f"worker failed at {position}")
        self.position = position


class Pool:
    """``count`` forked workers computing ``work(i)`` (a bytes-like object of ``size`` bytes) for
    i in range(n). Iterate ``results()`` for them in order; always ``close()`` (or use ``with``)."""

    def __init__(self, work, n: int, size: int, count: int):
        self.n, self.size, self.count = n, size, count
        self.memory = mmap.mmap(-1, max(1, count * SLOTS * size))
        self.pids: list[int] = []
        self.tokens: list[int] = []       # parent → worker k: a free slot (one byte)
        self.messages: list[int] = []     # worker k → parent: HEADER (+ pickled warnings)
        try:
            for k in range(count):
                self.start(k, work)
        except BaseException:
            self.close()
            raise

    def start(self, k: int, work) -> None:
        token_r, token_w = os.pipe()
        message_r, message_w = os.pipe()
        # A stop is held across the fork: raised in an at-fork hook (logging's), it was swallowed
        # ("Exception ignored") and the command went on to exit 0; it is delivered once the
        # worker is known to the pool, which then ends it.
        with signals_held() as held:
            pid = os.fork()
            if pid == 0:                                        # the worker
                status = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    keep = {0, 1, 2, token_r, message_w}
                    close_pipes(keep)
                    self.serve(k, work, token_r, message_w)
                    status = 0
                finally:
                    os._exit(status)
            self.pids.append(pid)
            os.close(token_r)
        os.close(message_w)
        self.tokens.append(token_w)
        self.messages.append(message_r)
        for slot in range(min(SLOTS, self.share(k))):
            os.write(token_w, bytes([slot]))
        deliver(held)

    def share(self, k: int) -> int:
        """How many positions worker k computes."""
        return len(range(k, self.n, self.count))

    def serve(self, k: int, work, token_r: int, message_w: int) -> None:
        """In the worker: for each of its positions, wait for a free slot, compute, report."""
        for position in range(k, self.n, self.count):
            token = os.read(token_r, 1)
            if not token:                                       # the parent closed: stop
                return
            slot = token[0]
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    data = memoryview(work(position)).cast("B")
                    start = (k * SLOTS + slot) * self.size
                    self.memory[start:start + self.size] = data
                    status = 0
                except Exception:
                    status = 1
            said = pickle_warnings(caught)
            write_all(message_w, HEADER.pack(position, slot, status, len(said)) + said)
            if status:
                return

    def results(self):
        """Each result in order, as bytes copied out of shared memory."""
        for position in range(self.n):
            k = position % self.count
            head = read_exact(self.messages[k], HEADER.size)
            if head is None:
                raise WorkerFailed(position)
            got, slot, status, length = HEADER.unpack(head)
            said = read_exact(self.messages[k], length) if length else b""
            rewarn(said)
            if status or got != position:
                raise WorkerFailed(position)
            start = (k * SLOTS + slot) * self.size
            data = self.memory[start:start + self.size]
            if position // self.count + SLOTS < self.share(k):     # the slot is needed again
                try:
                    os.write(self.tokens[k], bytes([slot]))
                except BrokenPipeError:         # the worker stopped (it failed further on): its
                    pass                        # next message says so, or its pipe's end of file
            yield data

    def close(self) -> None:
        """Stop the workers (killed if still running) and wait for them: none is left behind."""
        for fd in self.tokens + self.messages:
            try:
                os.close(fd)
            except OSError:
                pass
        self.tokens, self.messages = [], []
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            reap(pid)
        self.pids = []
        self.memory.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


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
        from gdanim.runtime.transaction import deliver, signals_held
        parent = os.getpid()

        def child():
            if not die_with(parent):
                return None
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    result = work()
                except BaseException:
                    return 1, None, b""
            return 0, result, pickle_warnings(caught)

        with signals_held() as held:        # a stop now finds the process known, to be closed
            self.pid, self.fd = fork_reporting(child)
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
            status, result, said = pickle.loads(b"".join(chunks))
        except Exception:
            raise SideProcessFailed() from None
        if status:
            raise SideProcessFailed()
        rewarn(said)
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


def fork_reporting(child) -> tuple[int, int]:
    """Fork a process that ignores Ctrl-C (it reaches the whole process group; this process
    decides), runs ``child()`` and sends what it returns back, pickled, on a pipe, then ends
    without returning into this process's code; (its pid, the pipe's end to read it from)."""
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(r)
        os.close(w)
        raise
    if pid == 0:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            close_pipes({0, 1, 2, w})
            write_all(w, pickle.dumps(child()))
        finally:
            os._exit(0)
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
    if not caught:
        return b""
    said = []
    for w in caught:
        category = w.category if isinstance(w.category, type) and issubclass(w.category, Warning) else UserWarning
        said.append((category, str(w.message), w.filename, w.lineno))
    try:
        return pickle.dumps(said)
    except Exception:
        return pickle.dumps([(UserWarning, m, f, n) for _, m, f, n in said])


def rewarn(said: bytes) -> None:
    """Raise again, in this process, the warnings a worker raised."""
    if not said:
        return
    try:
        items = pickle.loads(said)
    except Exception:
        return
    for category, message, filename, lineno in items:
        warnings.warn_explicit(message, category, filename, lineno)
