"""``gdanim render``: scene files into figures (``--watch``: again on every save)."""
from __future__ import annotations

from pathlib import Path

import click

from gdanim import formats
from gdanim.core import errors
from gdanim.app.cli.failing import about, guarded, one_line
from gdanim.app.cli.group import main
from gdanim.app.cli.options import Folder, FormatOption, check_formats, default_files, parse_formats, restyle
from gdanim.app.cli.scene_runs import files_of, load_noting_sources, once_each, placeable, render_all, rendered_since
from gdanim.app.cli.watch import watch_and_render
from gdanim.core.errors import GdanimError
from gdanim.declare.scene import SIZES
from gdanim.declare.style import THEMES

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
@click.option("--lint", is_flag=True,
              help="Check each figure's text, marks and colour maps (gdanim.rendering.lint): one line per "
                   f"finding, and exit code {errors.EXIT_LINT} if there are any.")
@click.option("--debug", is_flag=True, hidden=True)
@click.pass_context
@guarded
def render(ctx, scenes, out, formats_, dpi, size, theme, max_frames, processes, changed, watch, lint, debug):
    if debug:
        ctx.find_root().obj["debug"] = True
    names = parse_formats(formats_)
    if processes is None:               # GDANIM_PROCESSES, said by its own name when it is no number
        from gdanim.runtime.cpus import from_environment
        from_environment()
    options = dict(out=out, formats=names, dpi=dpi, max_frames=max_frames, size=size, theme=theme,
                   processes=processes, lint=lint)
    scenes = once_each(scenes)
    codes: list[int] = []
    if watch:
        scenes, codes = placeable(ctx, [(p, files_of(p, names)) for p in scenes], out)
        if not scenes:
            ctx.exit(codes[0])
        return watch_and_render(ctx, scenes, options)
    loaded = []
    for p in scenes:                # all loaded before anything is drawn; one that fails is named
        try:
            scene, sources = load_noting_sources(p)
            scene = restyle(scene, size, theme)
            if all(n in formats.names() for n in names):     # (an unknown one is said below)
                from gdanim.rendering.chosen import own_clashes
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
    from gdanim.rendering.chosen import output_files
    planned = [(p, set(output_files(scene, p.stem, names))) for scene, p, _ in loaded]
    kept, clashes = placeable(ctx, planned, out)
    loaded = [item for item in loaded if item[1] in kept]
    codes += clashes
    if changed:
        loaded = [item for item in loaded if not rendered_since(*item, options)]
    codes += render_all(ctx, [(scene, path) for scene, path, _ in loaded], options)
    failed = [code for code in codes if code]
    if failed:
        ctx.exit(failed[0])
