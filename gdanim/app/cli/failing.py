"""How the command says what went wrong: one line per error, naming the file (and line, run and
step), a traceback only with --debug."""
from __future__ import annotations

import contextlib
import os
import sys
import warnings
from pathlib import Path

import click

from gdanim.core.errors import GdanimError, Interrupted, Stopped, for_the_lecturer, meaning
from gdanim.runtime import signals

def fail(ctx: click.Context, exc: GdanimError):
    if ctx.find_root().obj.get("debug"):
        raise exc
    kind = "" if isinstance(exc, Interrupted) else "error: "     # a stop asked for is not an error
    click.echo(f"gdanim: {kind}{one_line(exc)}", err=True)
    ctx.exit(exc.exit_code)


def guarded(fn):
    """Run a command body; every failure is one line on stderr and an exit code (a traceback
    only with --debug): a GdanimError as it is, anything else as the scene's own code's error
    when the scene's code is on the traceback, else as an internal error."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        since = stops_so_far()
        try:
            return fn(*args, **kwargs)
        except GdanimError as exc:
            fail(ctx, exc)
        except Stopped as stop:
            if ctx.find_root().obj.get("debug"):
                raise
            fail(ctx, stop.error)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except BrokenPipeError:             # `gdanim list | head -1`: the reader left; nothing to say
            quiet_stdout()
            ctx.exit(1)
        except (Exception, KeyboardInterrupt, SystemExit) as exc:
            if ctx.find_root().obj.get("debug"):
                raise
            stopped = stop_since(since)
            fail(ctx, stopped.error if stopped is not None else unforeseen(exc, ctx.command.name))

    return wrapper


def quiet_stdout() -> None:
    """Standard output onto /dev/null: its reader has gone, and Python would otherwise report the
    broken pipe again when it flushes standard output on the way out (the recipe of Python's
    signal module documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):       # no real standard output (a test runner's)
        pass


def unforeseen(exc: BaseException, what: str, scene: Path | None = None) -> GdanimError:
    """An exception gdanim did not raise itself, as one line: the scene's own code's error where
    the innermost frame of the scene's folder (the scene file or a module beside it) is on the
    traceback, else an internal error. Ctrl-C reaches gdanim as Stopped (see on_signals), so
    a KeyboardInterrupt or SystemExit here was raised by code, like any other exception."""
    import traceback
    from gdanim.core.errors import InternalError, SceneCodeError
    message = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if scene is not None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if own_code(frame.filename):
                file = Path(frame.filename)
                where = str(scene) if file.resolve() == Path(scene).resolve() else shorter(file)
                return SceneCodeError(f"while {what.split()[0]}: {message}", where, frame.lineno)
    return InternalError(f"internal error while {what}: {message}; run with --debug and please report it")


def own_code(filename: str) -> bool:
    """Is this file the lecturer's own code (a scene, a module or package beside it), not gdanim,
    the standard library or an installed package?"""
    import sysconfig
    if filename.startswith("<"):
        return False
    file = Path(filename).resolve()
    libraries = {Path(p).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")
                 if (p := sysconfig.get_paths().get(key))}
    libraries.add(Path(__file__).resolve().parents[2])          # gdanim itself (gdanim/app/cli/failing.py)
    return not any(file.is_relative_to(lib) for lib in libraries)


def shorter(path: Path) -> str:
    """A path as the user would write it: relative to the current folder where it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@contextlib.contextmanager
def noting(path: Path):
    """Warnings raised while a scene loads or renders become one-line notes on stderr that say
    what they mean for the figure, never raw warnings; each is said once. A failure is said in
    its own one line, without them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    from gdanim.core.errors import GLYPH, missing_glyphs
    glyphs = [w for w in caught if GLYPH.match(str(w.message).strip())]
    lines_out = []
    for w in filter(for_the_lecturer, caught):   # the missing characters, all in one note where the first was
        line = f"gdanim: note: {path}: {missing_glyphs(glyphs) if w in glyphs else meaning(w)}"
        if line not in lines_out:
            lines_out.append(line)
            click.echo(line, err=True)


def stops_so_far() -> int:
    """How many stops the CLI's handlers have raised (``stop_since``)."""
    return len(signals.ASKED)


def stop_since(count: int) -> Stopped | None:
    """The first stop this process's handlers raised after ``count`` of them: an error met after
    it is the stop itself, turned into an error of its own by a library's code (matplotlib's Agg
    wrapper says "Invalid bounding box" when a conversion it makes is cut short)."""
    return next((stop for pid, _, stop in signals.ASKED[count:] if pid == os.getpid()), None)


@contextlib.contextmanager
def about(path: Path, doing: str):
    """Work on one scene file: its warnings become notes, its errors name it (and the line of its
    own code, and the run and step, where there are some), and anything unforeseen is one line.
    An error met after a stop arrived is that stop (``stop_since``)."""
    from gdanim.app.loader import declared_line, scene_line
    since = stops_so_far()
    try:
        with noting(path):
            yield
    except GdanimError as exc:
        stopped = stop_since(since)
        if stopped is not None and not isinstance(exc, Interrupted):
            raise stopped from exc
        if exc.path is None and not isinstance(exc, Interrupted):
            exc.located(str(path), scene_line(exc.__cause__ or exc, path) or declared_line(path, exc.declared))
        raise exc
    except (Exception, KeyboardInterrupt, SystemExit) as exc:
        stopped = stop_since(since)
        if stopped is not None:
            raise stopped from exc
        if click.get_current_context().find_root().obj.get("debug"):
            raise
        raise unforeseen(exc, f"{doing} {path.stem}", path) from exc


def one_line(exc) -> str:
    """An error's message on one line (a library's message may span several)."""
    return " ".join(str(exc).split())
