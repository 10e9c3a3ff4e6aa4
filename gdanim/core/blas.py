"""One BLAS thread for the ``gdanim`` command. OpenBLAS (numpy's) starts a thread per core that
spins, busy, after each call it shares; gdanim's arrays are small, and its renders already keep
every core drawing frames, so those threads only take CPU from them. Kept, worth ≥ 5% (make bench's
render, 2026-12-07, two rounds of 8 and 10 alternating renders on the shared machine, load 4–6.5:
6.3% and 4.5% of its CPU, 13% and 1.6% of its wall time).
Set before numpy loads, and only for the command (``gdanim`` or ``python -m gdanim``, not any
``python -m`` package that imports gdanim): a notebook's or script's numpy is left as it is, and an
OPENBLAS_NUM_THREADS of one's own wins."""
import os
import signal
import sys


def command() -> bool:
    """Is this process the gdanim command: the ``gdanim`` script, or ``python -m gdanim`` (read off
    the interpreter's own command line: while ``-m`` looks for any package, ``sys.argv[0]`` is
    "-m", whichever package it is)?"""
    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) == "gdanim":
        return True
    line = list(getattr(sys, "orig_argv", ()))[1:]
    for i, arg in enumerate(line):
        if arg == "-m":
            return line[i + 1:i + 2] == ["gdanim"]
        if arg.startswith("-m"):
            return arg[2:] == "gdanim"
        if not arg.startswith("-"):          # a script or -c's code: not the command
            return False
    return False


IS_COMMAND = command()     # asked as gdanim loads: by the time it renders, ``python -m`` has changed argv[0]

if "numpy" not in sys.modules and IS_COMMAND:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def stopped_while_loading(signum, frame):
    """Ctrl-C while the command's modules load (before it handles Ctrl-C itself): one line, as a
    Ctrl-C later says it, not a traceback into an import, and the process ends by the signal
    itself (a shell's 130; only the CLI calls exit). Nothing is written yet."""
    sys.stderr.write("gdanim: interrupted; outputs left as they were\n")
    sys.stderr.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


if IS_COMMAND and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, stopped_while_loading)
