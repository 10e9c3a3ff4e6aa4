"""The ``gdanim`` command: render (once or --watch), deck, new, examples, gallery, formats, trajectory,
list, readme-gallery. Thin: it loads scenes and hands them on."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

import click

from gdanim import formats
from gdanim.core.version import __version__
from gdanim.core.errors import GdanimError, Interrupted, OutputError, Stopped, Terminated, for_the_lecturer, meaning, note
from gdanim.declare.scene import SIZES
from gdanim.declare.style import THEMES


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
    said = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if scene is not None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if own_code(frame.filename):
                file = Path(frame.filename)
                shown = str(scene) if file.resolve() == Path(scene).resolve() else shorter(file)
                return SceneCodeError(f"while {what.split()[0]}: {said}", shown, frame.lineno)
    return InternalError(f"internal error while {what}: {said}; run with --debug and please report it")


def own_code(filename: str) -> bool:
    """Is this file the lecturer's own code (a scene, a module or package beside it), not gdanim,
    the standard library or an installed package?"""
    import sysconfig
    if filename.startswith("<"):
        return False
    file = Path(filename).resolve()
    libraries = {Path(p).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")
                 if (p := sysconfig.get_paths().get(key))}
    libraries.add(Path(__file__).resolve().parents[1])          # gdanim itself
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
    said = []
    for w in filter(for_the_lecturer, caught):   # the missing characters, all in one note where the first was
        line = f"gdanim: note: {path}: {missing_glyphs(glyphs) if w in glyphs else meaning(w)}"
        if line not in said:
            said.append(line)
            click.echo(line, err=True)


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
    to the exit, and a render ends 0.07 s sooner. ``main`` called in a process that goes on (a
    test's CliRunner, a notebook) freezes nothing."""
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
        raise asked(Stopped(Interrupted("interrupted; outputs left as they were")))

    def terminated(signum, frame):
        raise asked(Stopped(Terminated("terminated; outputs left as they were")))

    def asked(stop: Stopped) -> Stopped:
        ctx.obj.setdefault("stops", []).append((os.getpid(), stop))    # kept: see stop_since
        return stop

    for sig, handler in ((signal.SIGINT, interrupted), (signal.SIGTERM, terminated)):
        if signal.getsignal(sig) is signal.SIG_IGN:     # started to ignore it (a background job): keep so
            continue
        previous = signal.signal(sig, handler)
        ctx.call_on_close(lambda sig=sig, previous=previous: signal.signal(sig, previous))


def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    if not names:
        raise click.BadParameter(f"{value!r}: choose from {','.join(formats.names())}", param_hint="'--format'")
    return names


def check_formats(names) -> None:
    """Every name a registered format (scene files may have registered their own by now); a
    broken plug-in says why it failed to load."""
    bad = []
    for n in names:
        try:
            formats.get(n)
        except GdanimError:
            if n in formats.broken():
                raise
            bad.append(n)
    if bad:
        raise click.BadParameter(f"{','.join(bad)}: choose from {','.join(formats.names())} (a format of your own is "
                                 f"registered with @gdanim.formats.register in a module the scene file imports)",
                                 param_hint="'--format'")


class FormatOption(click.Option):
    """--format, whose help lists the formats registered when the help is shown (plug-ins too)."""

    def get_help_record(self, ctx):
        self.help = f"Comma-separated, from: {', '.join(formats.names())} (see: gdanim formats)."
        return super().get_help_record(ctx)


def default_files() -> str:
    files = [file for n in formats.DEFAULT for file, _ in formats.get(n).outputs("NAME")]
    return ", ".join(files[:-1]) + " and " + files[-1]


class Folder(click.Path):
    """A folder to write into, never "" (which would be the current folder, unasked)."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("an empty name is no folder (the current one is written '.')", param, ctx)
        return super().convert(value, param, ctx)


@main.command(help=f"Render each SCENE file into OUT/{default_files()} (or the --format formats' files).")
@click.argument("scenes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", default="output", show_default=True, type=Folder(path_type=Path),
              metavar="DIRECTORY", help="Directory the files are written to.")
@click.option("--format", "formats_", cls=FormatOption, default=",".join(formats.DEFAULT), show_default=True)
@click.option("--dpi", type=click.IntRange(20, 600), default=None, help="Override the scene's dpi.")
@click.option("--size", "size", type=click.Choice(list(SIZES)), default=None,
              help="Override the scene's size preset.")
@click.option("--theme", type=click.Choice(list(THEMES)), default=None, help="Override the scene's theme.")
@click.option("--max-frames", type=click.IntRange(1), default=None,
              help="Render at most this many animation frames (quick previews and tests).")
@click.option("--processes", type=click.IntRange(1), default=None,
              help="How many processes work: for one scene, drawing its frames; for several, rendering "
                   "that many scenes at once. 1: this process alone  [default: every core (shared with the "
                   "other jobs of a make -jN); env: GDANIM_PROCESSES]. The files are the same bytes either way.")
@click.option("--changed", is_flag=True,
              help="Render only the scenes whose files in OUT are missing or older than the scene, a module "
                   "beside it, its CSV data or gdanim itself (as make would).")
@click.option("--watch", is_flag=True,
              help="Keep running; re-render a scene each time its file, a module beside it that it imports, "
                   "or its CSV data is saved.")
@click.option("--debug", is_flag=True, hidden=True)
@click.pass_context
@guarded
def render(ctx, scenes, out, formats_, dpi, size, theme, max_frames, processes, changed, watch, debug):
    if debug:
        ctx.find_root().obj["debug"] = True
    names = parse_formats(formats_)
    if processes is None:               # GDANIM_PROCESSES, said by its own name when it is no number
        from gdanim.runtime.workers import from_environment
        from_environment()
    options = dict(out=out, formats=names, dpi=dpi, max_frames=max_frames, size=size, theme=theme,
                   processes=processes)
    scenes = once_each(scenes)
    codes: list[int] = []
    if watch:
        scenes, codes = one_per_name(ctx, [(p, files_of(p, names)) for p in scenes], out)
        scenes, more = clear_of_the_gallery(ctx, [(p, files_of(p, names)) for p in scenes], out)
        codes += more
        if not scenes:
            ctx.exit(codes[0])
        return watch_and_render(ctx, scenes, options)
    loaded = []
    for p in scenes:                # all loaded before anything is drawn; one that fails is named
        try:
            scene, sources = load_noting_sources(p)
            scene = restyle(scene, size, theme)
            if all(n in formats.names() for n in names):     # (an unknown one is said below)
                from gdanim.rendering.renderer import own_clashes
                with about(p, "planning"):     # two formats' files of the same name: said before any is written
                    own_clashes(scene, p.stem, formats.resolve(names))
            loaded.append((scene, p, sources))
        except GdanimError as exc:
            if ctx.find_root().obj.get("debug"):
                raise
            click.echo(f"gdanim: error: {one_line(exc)}", err=True)
            codes.append(exc.exit_code)
    try:
        check_formats(names)
    except click.BadParameter:
        import difflib
        unknown = [n for n in names if n not in formats.names()]
        typo = any(difflib.get_close_matches(n, formats.names(), n=1, cutoff=0.6) for n in unknown)
        if codes and not typo:  # a format of one's own, from a scene that failed to load: said already
            ctx.exit(codes[0])
        raise
    from gdanim.rendering.renderer import output_files
    planned = [(p, set(output_files(scene, p.stem, names))) for scene, p, _ in loaded]
    kept, clashes = one_per_name(ctx, planned, out)
    kept, more = clear_of_the_gallery(ctx, [(p, files) for p, files in planned if p in kept], out)
    loaded = [item for item in loaded if item[1] in kept]
    codes += clashes + more
    if changed:
        loaded = [item for item in loaded if not rendered_since(*item, options)]
    codes += render_all(ctx, [(scene, path) for scene, path, _ in loaded], options)
    failed = [code for code in codes if code]
    if failed:
        ctx.exit(failed[0])


def once_each(paths) -> list[Path]:
    """The scene files given, each once: the same file named twice, or by another path to it, is
    rendered once; a link to it by another name is rendered under that name too."""
    seen, kept = set(), []
    for p in paths:
        key = (os.path.realpath(p), p.stem)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


def files_of(path: Path, names) -> set[str]:
    """The names of the files a render of ``path`` writes, as far as they are known before the
    scene runs (for --watch, whose scenes run when they render, once each): those of a scene
    without stills (a still's file, NAME-LABEL.png, is not among them)."""
    return {f for n in names for f, _ in formats.get(n).outputs(path.stem)}


def one_per_name(ctx, items, out: Path) -> tuple[list[Path], list[int]]:
    """Of (scene file, the names of its files in ``out``), the files whose outputs no other one
    would replace: scene files that share an output name (``week1/fig.py`` and ``week2/fig.py``;
    ``fig.py`` with a still "late" and ``fig-late.py``) are not rendered but said in one line per
    group. Returns the files kept and an exit code per group."""
    from collections import Counter

    group = {p: {p} for p, _ in items}              # each file's group: files linked by a shared name
    writer: dict[str, Path] = {}
    for p, files in items:
        for f in sorted(files):
            other = writer.setdefault(f, p)
            if other != p and group[other] is not group[p]:
                merged = group[other] | group[p]
                for q in merged:
                    group[q] = merged
    kept, codes, said = [], [], []
    for p, files in items:
        together = group[p]
        if len(together) == 1:
            kept.append(p)
            continue
        if together in said:
            continue
        said.append(together)
        members = [q for q, _ in items if q in together]
        counts = Counter(f for q, files_ in items if q in together for f in files_)
        shared = sorted(f for f, n in counts.items() if n > 1)
        exc = OutputError(f"{len(members)} scenes would write the same files in {out} ({', '.join(map(str, members))}: "
                          f"{', '.join(shared[:3])}{', …' if len(shared) > 3 else ''}): they would replace each "
                          f"other, so none is rendered; rename one, or render them into folders of their own")
        if ctx.find_root().obj.get("debug"):
            raise exc
        click.echo(f"gdanim: error: {exc}", err=True)
        codes.append(exc.exit_code)
    return kept, codes


def clear_of_the_gallery(ctx, items, out: Path) -> tuple[list[Path], list[int]]:
    """Of (scene file, the names of its files in ``out``), those that would not replace the
    gallery page there: a scene named index is said in one line and not rendered."""
    from gdanim.app.gallery_page import over_the_gallery
    kept, codes = [], []
    for p, files in items:
        why = over_the_gallery(p, files, out)
        if why is None:
            kept.append(p)
            continue
        exc = OutputError(why)
        if ctx.find_root().obj.get("debug"):
            raise exc
        click.echo(f"gdanim: error: {exc}", err=True)
        codes.append(exc.exit_code)
    return kept, codes


def render_all(ctx, loaded, options) -> list[int]:
    """Render every (scene, path), printing the files written (see each_scene). Returns each
    one's exit code."""
    from gdanim.runtime.workers import wanted

    def render(scene, path, processes):
        render_one(scene, path, options if processes is None else dict(options, processes=processes))
    return each_scene(ctx, loaded, render, min(wanted(options["processes"]), len(loaded)))


def each_scene(ctx, loaded, work, count: int) -> list[int]:
    """``work(scene, path, processes)`` for every (scene, path) of ``loaded``: side by side in
    forked processes (gdanim.batch), ``count`` at once with one core each (``processes=1``),
    when there are several and processes to spare; else one after the other here (``None``: as
    asked). A scene that fails is said in one line and does not stop the others. Returns each
    one's exit code."""
    from gdanim.runtime import batch
    debug = ctx.find_root().obj.get("debug")

    def said(scene, path, processes) -> int:
        try:
            work(scene, path, processes)
            return 0
        except GdanimError as exc:
            if debug:
                raise
            click.echo(f"gdanim: error: {one_line(exc)}", err=True)
            return exc.exit_code

    if batch.side_by_side(count, len(loaded)) and not debug:
        from gdanim.rendering.renderer import cost, warm_up
        warm_up()

        def emit(out, err):
            click.echo(out, nl=False)
            click.echo(err, nl=False, err=True)

        tasks = [functools.partial(said, scene, path, 1) for scene, path in loaded]
        return batch.run(tasks, [cost(scene) for scene, _ in loaded], count, emit, [str(path) for _, path in loaded])
    return [said(scene, path, None) for scene, path in loaded]


def rendered_since(scene, path: Path, sources, options) -> bool:
    """Are the scene's files in the output folder all there, and newer than what they are made
    from: the scene file, the modules beside it (``_*.py``) or imported from its folder, its CSV
    data and gdanim's own code?"""
    from gdanim.rendering.renderer import output_files, package_files, up_to_date
    made_from = {*sources, *path.parent.glob("_*.py"), *map(Path, scene.data_files()), *package_files()}
    wanted = [Path(options["out"]) / f for f in output_files(scene, path.stem, options["formats"])]
    return bool(wanted) and up_to_date(wanted, made_from)      # nothing it can write: the render says why


def load_noting(path: Path):
    return load_noting_sources(path)[0]


def load_noting_sources(path: Path):
    """The scene and the files it was made from (loader.load_with_sources), its errors said."""
    from gdanim.app.loader import load_with_sources
    with about(path, "loading"):
        return load_with_sources(path)


def stops_so_far() -> int:
    """How many stops the CLI's handlers have raised (``stop_since``)."""
    return len(click.get_current_context().find_root().obj.get("stops", ()))


def stop_since(count: int) -> Stopped | None:
    """The first stop this process's handlers raised after ``count`` of them: an error met after
    it is the stop itself, turned into an error of its own by a library's code (matplotlib's Agg
    wrapper says "Invalid bounding box" when a conversion it makes is cut short)."""
    raised = click.get_current_context().find_root().obj.get("stops", [])[count:]
    return next((stop for pid, stop in raised if pid == os.getpid()), None)


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


def render_one(scene, path, options) -> None:
    """Render one scene and print the files written."""
    from gdanim.rendering.renderer import render_scene

    def say(written):           # as the files are put in place, before a stop held meanwhile
        for p in written:
            click.echo(str(p))
    with about(path, "rendering"):
        render_scene(scene, path.stem, options["out"], options["formats"], dpi=options["dpi"],
                     max_frames=options["max_frames"], progress=sys.stderr.isatty(),
                     processes=options.get("processes"), report=say)


def one_line(exc) -> str:
    """An error's message on one line (a library's message may span several)."""
    return " ".join(str(exc).split())


def watch_and_render(ctx, paths, options) -> None:
    """Render every scene, then re-render a scene whenever its file, a module it imports from its
    folder, or a CSV file it reads is saved (gdanim.file_watch). A bad save prints its one-line
    error and the watch goes on (the previous outputs stay); Ctrl-C stops watching with exit
    code 0."""
    from gdanim.runtime.file_watch import Watcher, changed, folders_of, stamps
    from gdanim.app.loader import load_with_sources
    from gdanim.rendering.renderer import output_files
    claimed: dict[str, Path] = {}       # output file name -> the scene file that writes it

    def claim(p, scene) -> None:
        """Refuse a render whose files another watched scene writes (a still's NAME-LABEL.png is
        known only once the scene loads, so the check before the watch cannot see it)."""
        mine = set(output_files(scene, p.stem, options["formats"]))
        for f in [f for f, q in claimed.items() if q == p]:
            del claimed[f]
        shared = sorted(f for f in mine if f in claimed)
        if shared:
            raise OutputError(f"{', '.join(shared[:3])} would replace the file{'s' if len(shared) > 1 else ''} "
                              f"{claimed[shared[0]]} writes in {options['out']}, so it is not rendered; rename one")
        claimed.update(dict.fromkeys(mine, p))

    def attempt(p, before=()):
        """Render; returns the stamps of the files to watch for this scene, taken as it loads (a
        save during the render is a change): its sources and data, else (it did not load) what
        was watched before, so that a broken module beside it is still followed."""
        seen = stamps([p, *before])
        try:
            with noting(p):
                scene, sources = load_with_sources(p)
            now = [Path(f) for f in [p, *sources, *scene.data_files()]]      # what it is made from now
            seen = {f: seen[f] if f in seen else stamp for f, stamp in stamps(now).items()}   # earlier stamps kept
            scene = restyle(scene, options["size"], options["theme"])
            claim(p, scene)
            render_one(scene, p, options)
        except GdanimError as exc:
            if isinstance(exc, Interrupted):
                raise
            click.echo(f"gdanim: error: {exc.located(str(p)) if exc.path is None else exc}", err=True)
        return seen

    try:
        watched = {p: attempt(p) for p in paths}
        check_formats(options["formats"])        # scene files may have registered their own by now
        click.echo(f"gdanim: watching {len(paths)} scene file{'s' if len(paths) != 1 else ''}; Ctrl-C stops", err=True)
        while True:
            files = [f for seen in watched.values() for f in seen]
            folders = folders_of(files)
            try:
                with Watcher(folders) as watcher:     # closed while rendering: renders fork
                    # saved before it watched? a folder made or removed meanwhile: watch again
                    while not any(changed(seen) for seen in watched.values()) and folders_of(files) == folders:
                        watcher.wait()
            except FileNotFoundError:               # a folder removed as it was about to be watched
                continue
            except (OSError, RuntimeError) as exc:
                raise GdanimError(f"cannot watch {', '.join(map(str, folders))}: {one_line(exc)}") from None
            for p, seen in watched.items():
                if changed(seen):
                    watched[p] = attempt(p, seen)
    except Stopped as stop:
        if isinstance(stop.error, Terminated):
            raise
        click.echo("gdanim: stopped watching", err=True)


def restyle(scene, size, theme):
    """The scene with the command line's size and theme, if given (checked like the scene's own)."""
    import dataclasses
    changes = {k: v for k, v in (("size", size), ("theme", theme)) if v is not None}
    return dataclasses.replace(scene, **changes) if changes else scene


@main.command()
@click.argument("scenes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "target", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The deck to write; its suffix picks the kind: .pptx (PowerPoint), .html (reveal.js), .tex (beamer).")
@click.option("--renders", default="output", show_default=True, type=Folder(path_type=Path, file_okay=False),
              help="Where the renders the deck is made from live (a folder per size); missing ones are rendered first.")
@click.option("--aspect", type=click.Choice(["16:9", "4:3"]), default="16:9", show_default=True,
              help="The slides' shape.")
@click.option("--size", "size", type=click.Choice(list(SIZES)), default=None,
              help="The figures' size preset (default: powerpoint for .pptx and .html, beamer for .tex).")
@click.option("--dpi", type=click.IntRange(20, 600), default=None, help="Override the scenes' dpi.")
@click.option("--max-frames", type=click.IntRange(1), default=None,
              help="Render at most this many animation frames (quick previews and tests).")
@click.option("--gif", is_flag=True, help=".pptx: GIFs instead of videos, for Google Slides (which plays GIFs).")
@click.option("--explorer", multiple=True, metavar="NAME",
              help=".html: show scene NAME as its interactive explorer (the 'html' format) instead of its video; "
                   "repeatable.")
@click.option("--title", default=None,
              help="A title slide first, with this title, also the deck's title in its metadata "
                   "(default: no title slide; the file's name in the metadata).")
@click.pass_context
@guarded
def deck(ctx, scenes, target, renders, aspect, size, dpi, max_frames, gif, explorer, title):
    """Put each SCENE on a slide of one deck: its title, its animation (or still), its alt text and
    speaker notes (description, source, how each run ended). Outputs missing at the deck's size are
    rendered first; the deck is written whole or not at all."""
    from gdanim import decks
    from gdanim.app.loader import load_with_sources
    kind = decks.for_file(target)
    options = decks.DeckOptions(aspect=aspect, size=size, dpi=dpi, max_frames=max_frames, gif=gif,
                                explorer=tuple(explorer), title=title)
    kind.check(options)
    kind.check_target(target)
    loaded = {}
    for path in once_each(scenes):      # a scene named twice gets one slide
        with about(path, "loading"):
            scene, sources = load_with_sources(path)
        if path.stem in loaded:
            raise OutputError(f"two scenes are named {path.stem!r} ({loaded[path.stem][1]} and {path}); "
                              f"a deck's renders are named after their scene files", str(path))
        loaded[path.stem] = (scene, path, sources)
    decks.check_scenes(options, {name: scene for name, (scene, _, _) in loaded.items()})
    with decks.DeckJob(kind, target, options, renders) as job:
        rendered = render_stale(ctx, job, loaded)
        for name, (scene, path, sources) in loaded.items():
            with about(path, "rendering"), warnings.catch_warnings():
                if name in rendered:            # its run's warnings were said as it rendered
                    warnings.simplefilter("ignore")
                job.add(scene, name, sources)
        written, size_, warnings_ = job.finish()
    for line in warnings_:
        click.echo(f"gdanim: warning: {line}", err=True)
    click.echo(decks.report(job, size_))


def render_stale(ctx, job, loaded) -> set[str]:
    """Render first the deck's scenes whose renders at its size are missing or stale (each_scene:
    side by side where it can). A scene that fails is said in one line and the others are still
    rendered; then the command ends without writing the deck. Returns the names rendered."""
    from gdanim.runtime.transaction import output_dir
    from gdanim.runtime.workers import wanted
    stale = [(scene, path) for name, (scene, path, sources) in loaded.items() if job.stale(scene, name, sources)]

    def render(scene, path, processes):
        with about(path, "rendering"):
            job.render(scene, path.stem, processes=processes)
    with output_dir(job.renders):        # made here, not by the scenes side by side (one failing would remove it)
        failed = [code for code in each_scene(ctx, stale, render, min(wanted(), len(stale))) if code]
        if failed:
            ctx.exit(failed[0])
    return {path.stem for _, path in stale}


@main.command()
@click.argument("scene_path", metavar="SCENE", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.pass_context
@guarded
def trajectory(ctx, scene_path, fmt):
    """Print every run's trajectory of SCENE: one row per step, full float precision."""
    from gdanim.compute.runner import run_scene
    scene = load_noting(scene_path)
    with about(scene_path, "running"):
        trajs = run_scene(scene)
        for t in trajs:                 # where a run's rows end, and why (the JSON has it as "stop")
            if t.stop in ("diverged", "converged"):
                note(f"run {t.label!r} {t.reason()}: its rows end at step {t.steps}")
    if fmt == "json":
        click.echo(json.dumps(trajectories_json(scene, trajs), indent=1))
        return
    names = trajs[0].names if trajs else ()
    if any(t.names != names for t in trajs):
        dim = max(len(t.names) for t in trajs)
        names = tuple(f"p{i}" for i in range(dim))
    lines = [",".join(["run", "step", *map(csv_cell, names), "loss"])]
    for t in trajs:
        label = csv_cell(t.label)
        for k in range(t.steps + 1):
            cells = [repr(float(v)) for v in t.params[k]] + [""] * (len(names) - len(t.params[k]))
            lines.append(",".join([label, str(k), *cells, repr(float(t.loss[k]))]))
    click.echo("\n".join(lines))


def csv_cell(text: str) -> str:
    """A text field as a CSV cell: quoted where it must be, and one that a spreadsheet would take
    for a formula (starting with = + - @, a tab or a carriage return: OWASP's CSV injection rule)
    starts with a ' so that it stays text.

    >>> print(csv_cell("GD, lr 0.1"), csv_cell('=HYPERLINK("http://x","y")'), csv_cell("-lr"))
    "GD, lr 0.1" "'=HYPERLINK(""http://x"",""y"")" '-lr
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


def trajectories_json(scene, trajs) -> dict:
    return {
        "title": scene.title,
        "runs": [
            {
                "label": t.label,
                "names": list(t.names),
                "stop": t.stop,
                "diverged_at": t.diverged_at,
                "note": t.note,
                "params": json_numbers(t.params),
                "loss": json_numbers(t.loss),
                "grad": json_numbers(t.grad),         # the last one may be undefined (a run that stopped so)
                "lr": json_numbers(t.lr),
                "extras": {k: json_numbers(v) for k, v in t.extras.items()},      # optimizer state (velocity, ...)
            }
            for t in trajs
        ],
    }


def json_numbers(values) -> list:
    """An array as JSON takes it: NaN and infinities (lr[0], an undefined gradient) as null."""
    import numpy as np
    values = np.asarray(values, dtype=float)
    out = values.astype(object)
    out[~np.isfinite(values)] = None
    return out.tolist()


def scenes_folder(directory: Path | None, command: str) -> Path:
    """DIRECTORY as given, else scenes/; a folder that is not there is an error that says how to
    name another one (the current folder is not taken unasked: every .py file in it would run)."""
    from gdanim.core.errors import SceneNotFound
    folder = directory if directory is not None else Path("scenes")
    if not folder.is_dir():
        hint = "" if directory is not None else f"; name the folder your scene files are in: gdanim {command} FOLDER"
        raise SceneNotFound(f"no such directory{hint}", str(folder))
    return folder


@main.command(name="list")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list of {name, file, title, source, still, outputs} for tools.")
@click.pass_context
@guarded
def list_scenes(ctx, directory, fmt):
    """Show each scene file in DIRECTORY (default: scenes/) with its title and where it comes from."""
    import json
    from gdanim.app.loader import scene_files
    from gdanim.rendering.renderer import output_files
    directory = scenes_folder(directory, "list")
    paths = scene_files(directory)
    width = max((len(p.stem) for p in paths), default=0)
    first_error, listed = None, []
    for p in paths:
        try:
            scene = load_noting(p)
        except GdanimError as exc:
            if fmt == "text":
                click.echo(f"{p.stem:<{width}}  ! {one_line(exc)}")
            else:
                listed.append({"name": p.stem, "file": str(p), "error": one_line(exc)})
            first_error = first_error or exc
            continue
        if fmt == "text":
            click.echo(f"{p.stem:<{width}}  {scene.title}" + (f"  [{scene.source}]" if scene.source else ""))
        else:
            listed.append({"name": p.stem, "file": str(p), "title": scene.title, "source": scene.source,
                           "still": scene.is_still, "outputs": output_files(scene, p.stem)})
    if fmt == "json":
        click.echo(json.dumps(listed, indent=1, ensure_ascii=False))
    if first_error is not None:
        ctx.exit(first_error.exit_code)


@main.command(name="readme-gallery")
@click.argument("directory", default="scenes", type=click.Path(path_type=Path, file_okay=False))
@click.option("--images", default="docs/gallery", show_default=True, type=click.Path(path_type=Path))
@click.option("--readme", default="README.md", show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
@guarded
def readme_gallery_cmd(ctx, directory, images, readme):
    """Render a still of every scene into IMAGES and rewrite README's gallery table."""
    from gdanim.app.readme_table import readme_gallery
    with noting(directory):
        n = readme_gallery(directory, images, readme)
    click.echo(f"{readme}: gallery of {n} scenes")


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out", default="output", show_default=True, type=Folder(path_type=Path, file_okay=False))
@click.option("--title", default="gdanim figures", show_default=True, help="The page's heading.")
@click.pass_context
@guarded
def gallery(ctx, directory, out, title):
    """Write OUT/index.html: a card per scene in DIRECTORY (default: scenes/) with its GIF and MP4
    playing."""
    from gdanim.app.gallery_page import write_index
    directory = scenes_folder(directory, "gallery")
    failed: list[GdanimError] = []
    with noting(directory):
        click.echo(str(write_index(directory, out, title, failed)))
    for exc in failed:                  # their cards say it too; the page of the others is written
        click.echo(f"gdanim: error: {one_line(exc)}", err=True)
    if failed:
        ctx.exit(failed[0].exit_code)


@main.command()
@click.argument("name")
@click.option("--problem", "kind", default="quadratic", show_default=True,
              type=click.Choice(["quadratic", "parabola", "rosenbrock", "linear", "logistic"]),
              help="What the starter scene optimizes.")
@click.option("--dir", "folder", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Where to write it  [default: scenes/ if there is one here, else the current folder]")
@click.pass_context
@guarded
def new(ctx, name, kind, folder):
    """Write FOLDER/NAME.py, a commented starter scene that renders as it is."""
    import re
    from gdanim.app.starter import write_starter
    name = name.removesuffix(".py")         # `gdanim new fig.py` means fig
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
        raise click.BadParameter(f"{name!r}: letters, digits, '-' and '_', starting with a letter", param_hint="NAME")
    if folder is None:
        folder = Path("scenes") if Path("scenes").is_dir() else Path(".")
    path = write_starter(name, kind, folder)
    click.echo(f"{path}: written; render it with: gdanim render {path}")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.pass_context
@guarded
def examples(ctx, directory):
    """Copy the lecture catalogue's scene files (shipped with gdanim) into DIRECTORY."""
    from gdanim.app.starter import copy_examples
    copied = copy_examples(directory)
    click.echo(f"{directory}: {len(copied)} scenes; render them with: gdanim render {directory}/*.py")


@main.command(name="formats")
def list_formats():
    """List the output formats (--format), with the files each writes and what it is for."""
    for name in formats.names():
        fmt = formats.get(name)
        files = ", ".join(f for f, _ in fmt.outputs("NAME"))
        click.echo(f"{name:<11} {files:<48} {fmt.purpose}")
    for name, why in formats.broken().items():
        click.echo(f"{name:<11} (a plug-in that failed to load: {why})")
