"""``gdanim render --watch``: every scene rendered again whenever what it is made from is saved."""
from __future__ import annotations

from pathlib import Path

import click

from gdanim.app.cli.failing import noting, one_line
from gdanim.app.cli.options import check_formats, restyle
from gdanim.app.cli.scene_runs import render_one
from gdanim.core.errors import GdanimError, Interrupted, OutputError, Stopped, Terminated

def watch_and_render(ctx, paths, options) -> None:
    """Render every scene, then re-render a scene whenever its file, a module it imports from its
    folder, or a CSV file it reads is saved (gdanim.file_watch). A bad save prints its one-line
    error and the watch goes on (the previous outputs stay); Ctrl-C stops watching with exit
    code 0."""
    from gdanim.runtime.file_watch import Watcher, changed, folders_of, stamps
    from gdanim.app.loader import load_with_sources
    from gdanim.rendering.chosen import output_files
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
