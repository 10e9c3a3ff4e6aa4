"""Scene files through the command: each loaded once, one output name each, rendered one after
the other or side by side."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from gdanim import formats
from gdanim.core import errors
from gdanim.app.cli.failing import about, one_line
from gdanim.core.errors import GdanimError, OutputError

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
    kept, codes, clashes_told = [], [], []
    for p, files in items:
        together = group[p]
        if len(together) == 1:
            kept.append(p)
            continue
        if together in clashes_told:
            continue
        clashes_told.append(together)
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


def placeable(ctx, items, out: Path) -> tuple[list[Path], list[int]]:
    """Of (scene file, the names of its files in ``out``), those whose files replace no other's:
    one scene a name (one_per_name), none over the gallery page (clear_of_the_gallery); each
    refused one said in one line. Returns them and the refused ones' exit codes."""
    kept, codes = one_per_name(ctx, items, out)
    kept, more = clear_of_the_gallery(ctx, [(p, files) for p, files in items if p in kept], out)
    return kept, codes + more


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
    from gdanim.runtime.cpus import wanted

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

    def reported(scene, path, processes) -> int:
        try:
            work(scene, path, processes)
            return 0
        except GdanimError as exc:
            if debug:
                raise
            click.echo(f"gdanim: error: {one_line(exc)}", err=True)
            return exc.exit_code

    if batch.side_by_side(count, len(loaded)) and not debug:
        from gdanim.rendering.planning import cost, warm_up
        warm_up()

        def emit(out, err):
            click.echo(out, nl=False)
            click.echo(err, nl=False, err=True)

        tasks = [functools.partial(reported, scene, path, 1) for scene, path in loaded]
        return batch.run(tasks, [cost(scene) for scene, _ in loaded], count, emit, [str(path) for _, path in loaded])
    return [reported(scene, path, None) for scene, path in loaded]


def rendered_since(scene, path: Path, sources, options) -> bool:
    """Are the scene's files in the output folder all there, and newer than what they are made
    from: the scene file, the modules beside it (``_*.py``) or imported from its folder, its CSV
    data and gdanim's own code?"""
    from gdanim.rendering.chosen import output_files
    from gdanim.rendering.freshness import package_files, up_to_date
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


def render_one(scene, path, options) -> None:
    """Render one scene and print the files written."""
    from gdanim.rendering.renderer import render_scene, trajectories_of

    def say(written):           # as the files are put in place, before a stop held meanwhile
        for p in written:
            click.echo(str(p))
    with about(path, "rendering"):
        trajectories = trajectories_of(scene) if options.get("lint") else None
        render_scene(scene, path.stem, options["out"], options["formats"], dpi=options["dpi"],
                     max_frames=options["max_frames"], progress=sys.stderr.isatty(),
                     processes=options.get("processes"), report=say, trajectories=trajectories)
    if options.get("lint"):
        with about(path, "linting"):
            lint_one(scene, path, options["dpi"], trajectories)


def lint_one(scene, path, dpi, trajectories) -> None:
    """Say each finding of the visual lint on ``scene`` as FILE: PANEL, STATE: WHAT, and fail if any."""
    from gdanim.rendering.lint import lint_scene
    findings = lint_scene(scene, dpi=dpi, trajectories=trajectories)
    for finding in findings:
        click.echo(f"{path}: {finding}")
    if findings:
        raise errors.LintFindings(f"the lint found {len(findings)} defect{'s' * (len(findings) > 1)} in the figure",
                                  str(path))
