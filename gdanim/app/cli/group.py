"""The ``gdanim`` command group: its options, its one-line usage errors and its signal handlers."""
from __future__ import annotations

import signal
import threading

import click

from gdanim.core.errors import Interrupted, Stopped, Terminated
from gdanim.core.version import __version__
from gdanim.runtime import signals

class OneLineUsage(click.ClickException):
    """A usage error (an unknown option or value, a missing argument) said on one line like every
    other error, with where to look; click's own takes three (Usage, Try, Error)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"gdanim: error: {self.format_message()}", err=True)


def said_once(usage: click.UsageError) -> OneLineUsage:
    path = usage.ctx.command_path.split()[1:] if usage.ctx is not None else []
    where = f" (see '{' '.join(['gdanim', *path])} --help')" if usage.ctx is not None else ""
    return OneLineUsage(usage.format_message().rstrip(".") + where)


class Commands(click.Group):
    """gdanim's commands, whose usage errors are one line (OneLineUsage)."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except HELP_ASKED:
            raise                   # `gdanim` alone: the help, as click shows it
        except click.UsageError as usage:
            raise said_once(usage) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HELP_ASKED:
            raise
        except click.UsageError as usage:
            raise said_once(usage) from None


HELP_ASKED = getattr(click.exceptions, "NoArgsIsHelpError", ())     # a UsageError since click 8.2


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gdanim")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx, debug):
    """Turn gradient-descent scene files into GIF, MP4, PDF and PNG figures."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    on_signals(ctx)


def command() -> None:
    """The ``gdanim`` command (and ``python -m gdanim``): ``main`` run as its own process. Python's
    exit ends with a collection that scans every object left (a render's figure, matplotlib's
    modules) only to free them as the process ends; frozen first (``gc.freeze``), they are left
    to the exit. Kept, worth ≥ 5% (make bench's render, 2026-12-07, 8 and 10 alternating renders:
    15% and 16% of its wall time, 8.9% and 3.7% of its CPU). ``main`` called in a process that
    goes on (a test's CliRunner, a notebook) freezes nothing."""
    import gc
    from gdanim.core import blas
    if signal.getsignal(signal.SIGINT) is blas.stopped_while_loading:   # loaded: Ctrl-C is the command's now
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        main(prog_name="gdanim")
    finally:
        gc.freeze()


def on_signals(ctx: click.Context) -> None:
    """Ctrl-C and ``kill PID`` raise Stopped (a BaseException that no ``except Exception`` of a
    scene's own code catches) inside the render, so temporary files are removed and the previous
    outputs stay; a KeyboardInterrupt that a scene raises itself is then told apart from a real
    Ctrl-C. A signal ignored when gdanim started stays ignored. The old handlers are restored."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupted(signum, frame):
        raise asked(signum, Stopped(Interrupted("interrupted; outputs left as they were")))

    def terminated(signum, frame):
        raise asked(signum, Stopped(Terminated("terminated; outputs left as they were")))

    def asked(signum, stop: Stopped) -> Stopped:
        signals.ask(signum, stop)       # kept (failing.stop_since), and never lost with a dropped raise
        return stop

    signals.ASKED.clear()                   # the stops of this command, not of one before it in this process
    ctx.call_on_close(signals.ASKED.clear)  # (click's CliRunner runs many in one)
    for sig, handler in ((signal.SIGINT, interrupted), (signal.SIGTERM, terminated)):
        if signal.getsignal(sig) is signal.SIG_IGN:     # started to ignore it (a background job): keep so
            continue
        previous = signal.signal(sig, handler)
        ctx.call_on_close(lambda sig=sig, previous=previous: signal.signal(sig, previous))
