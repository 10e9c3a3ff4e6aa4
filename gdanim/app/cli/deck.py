"""``gdanim deck``: scenes into one PowerPoint, reveal.js or beamer deck."""
from __future__ import annotations

import warnings
from pathlib import Path

import click

from gdanim.app.cli.failing import about, guarded
from gdanim.app.cli.group import main
from gdanim.app.cli.options import Folder
from gdanim.app.cli.scene_runs import each_scene, once_each
from gdanim.core.errors import OutputError
from gdanim.declare.scene import SIZES

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
    from gdanim.runtime.cpus import wanted
    stale = [(scene, path) for name, (scene, path, sources) in loaded.items() if job.stale(scene, name, sources)]

    def render(scene, path, processes):
        with about(path, "rendering"):
            job.render(scene, path.stem, processes=processes)
    with output_dir(job.renders):        # made here, not by the scenes side by side (one failing would remove it)
        failed = [code for code in each_scene(ctx, stale, render, min(wanted(), len(stale))) if code]
        if failed:
            ctx.exit(failed[0])
    return {path.stem for _, path in stale}
