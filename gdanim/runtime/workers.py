"""Results of ``work(i)`` for i = 0 … n-1, computed in forked worker processes and handed back in
order; the renderer uses it to draw animation frames on every core.

Each worker is a fork of the process at the moment the pool starts, so it owns a copy of the
figure as it stands (laid out, its background cached) and needs no set-up of its own. Worker k
takes the positions k, k + N, k + 2N, …, and writes each result (bytes of a fixed size) into one of
its two slots of an anonymous shared memory map; the parent copies a result out and hands the slot
back. Memory stays flat whatever the number of frames: two slots per worker.

Workers ignore Ctrl-C (it reaches the whole process group; the parent decides) and end when the
parent closes their pipes, when it dies (their next read or write fails), or when killed by
``close``. A result a worker could not compute is reported as failed, never raised there: the
caller computes it itself to get the error, with its traceback, in the main process. Warnings a
worker raises are passed on to the parent, which raises them again as its own.
"""
from __future__ import annotations

import mmap
import os
import signal
import struct
import warnings

from gdanim.runtime.forking import close_pipes, pickle_warnings, read_exact, reap, rewarn, write_all
from gdanim.runtime.signals import deliver, signals_held

HEADER = struct.Struct("<iiii")        # position, slot, status (0 done, 1 failed), warnings' length
SLOTS = 2


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
            pickled = pickle_warnings(caught)
            write_all(message_w, HEADER.pack(position, slot, status, len(pickled)) + pickled)
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
            pickled = read_exact(self.messages[k], length) if length else b""
            rewarn(pickled)
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
