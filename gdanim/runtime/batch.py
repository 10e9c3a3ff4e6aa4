"""Many scenes rendered side by side, each in a process forked from this one.

This process has imported gdanim and matplotlib, loaded every scene and drawn a first text
(fonts loaded) before it forks, so no scene pays for that again (a fresh ``gdanim render`` per
scene spends about 0.7 s on it, half the time of a still). ``count`` scenes render at once, the
heaviest first, so that no long one is left running alone at the end. What each one prints is
sent back and printed here, in the scenes' order, as soon as it and those before it are done.

A stop (Ctrl-C, ``kill``) is passed on to the scenes still rendering as one SIGTERM, and this
process waits for them: each removes its temporary files and keeps its earlier outputs. They
ignore Ctrl-C themselves, so that a Ctrl-C at the terminal (sent to the whole process group)
stops each of them exactly once.
"""
from __future__ import annotations

import io
import os
import pickle
import select
import signal
import sys
import threading

from gdanim.core.errors import Stopped
from gdanim.runtime.signals import deliver, signals_held
from gdanim.runtime.cpus import can_fork
from gdanim.runtime.forking import fork_reporting, reap


def side_by_side(count: int, tasks: int) -> bool:
    """Are ``tasks`` scenes rendered in forked processes, ``count`` at once?"""
    return count > 1 and tasks > 1 and can_fork() and threading.active_count() == 1


def run(tasks, weights, count: int, emit, names=None):
    """Run every ``task()`` (which prints what it has to say and returns an exit code) in a forked
    process, ``count`` at once, the largest ``weights`` first; ``emit(out, err)`` prints what
    each said, in the tasks' order (on a stop: what those done had said). Returns their exit
    codes, in order. ``names``: what a task's process that died is said to have been rendering."""
    order = sorted(range(len(tasks)), key=lambda i: (-weights[i], i))
    reports: dict[int, tuple] = {}
    running: dict[int, tuple] = {}             # pipe → (task index, pid, chunks)
    emitted = 0
    try:
        while order or running:
            while order and len(running) < count:
                on_term = signal.getsignal(signal.SIGTERM)
                with signals_held() as held:    # started and registered together: a stop reaches it
                    i = order.pop(0)
                    fd, pid = start(tasks[i], on_term, held)
                    running[fd] = (i, pid, [])
                deliver(held)
            ready, _, _ = select.select(list(running), [], [])
            for fd in ready:
                i, pid, chunks = running[fd]
                chunk = os.read(fd, 65536)
                if chunk:
                    chunks.append(chunk)
                    continue
                with signals_held() as held:    # reaped and let go together: a stop finds it in either state
                    reports[i] = finished(pid, b"".join(chunks), names[i] if names else None)
                    del running[fd]
                    os.close(fd)
                deliver(held)
            while emitted in reports:
                emitted += 1                  # before it is said: a stop meanwhile does not say it again
                emit(*reports[emitted - 1][1:])
    except BaseException:
        reports.update(stop(running))      # what they said, a render put in place as the stop came included
        for i in sorted(reports):          # done before the stop, but not said yet: their files are in place
            if i >= emitted:
                emit(*reports[i][1:])
        raise
    return [reports[i][0] for i in range(len(tasks))]


def start(task, on_term=signal.SIG_DFL, held=()) -> tuple[int, int]:
    """Fork a process that runs ``task`` with its output captured; the pipe it reports on. Forked
    while stops are ``held``: the process takes back ``on_term`` for SIGTERM, and a SIGTERM held
    in it before that is met as it starts."""
    pid, fd = fork_reporting(lambda: captured(task, on_term, held), on_term)
    return fd, pid


def captured(task, on_term=signal.SIG_DFL, held=()) -> tuple[int, str, str]:
    """In the scene's process (its SIGTERM handler ``on_term`` set by fork_reporting): (exit
    code, stdout, stderr) of ``task()``; a SIGTERM held in the parent as it forked is met first."""
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        if signal.SIGTERM in held:
            if callable(on_term):
                on_term(signal.SIGTERM, None)
            elif on_term == signal.SIG_DFL:
                signal.raise_signal(signal.SIGTERM)
        code = task()
    except Stopped as stop:             # the stop is said once, by the parent that was asked
        code = stop.error.exit_code
    except BaseException:
        code = 70
    return code, out.getvalue(), err.getvalue()


def finished(pid: int, report: bytes, name=None) -> tuple:
    """(exit code, stdout, stderr) of a finished task; a process that died without reporting is
    said to have done so."""
    _, status = os.waitpid(pid, 0)
    try:
        return pickle.loads(report)
    except Exception:
        why = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else "no report"
        where = f"{name}: " if name else ""
        return 70, "", f"gdanim: error: {where}internal error: a render's process ended ({why}); run with --debug\n"


def stop(running: dict) -> dict:
    """Stop the tasks still running (SIGTERM: each cleans up), wait for them and return what each
    reported (task index → exit code, stdout, stderr). Their reports are read to the end: one
    left in its pipe could keep its process from ending. A further stop meanwhile is held and
    dropped: the one being handled already stops them, and every one is reaped."""
    with signals_held():
        return stopped(running)


def stopped(running: dict) -> dict:
    """stop()'s work, with stops held (in the main thread; elsewhere a stop met is waited through)."""
    for fd, (_, pid, _) in running.items():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    reports = {}
    for fd, (i, pid, chunks) in running.items():
        while True:
            try:
                chunk = os.read(fd, 65536)
            except (Stopped, KeyboardInterrupt, InterruptedError):
                continue                # a second stop while waiting: the scene is still cleaning up
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(fd)
        while True:
            try:
                reap(pid)
                break
            except (Stopped, KeyboardInterrupt):
                continue
        try:
            reports[i] = pickle.loads(b"".join(chunks))
        except Exception:
            pass                        # it died without a report: nothing it said to pass on
    running.clear()
    return reports
