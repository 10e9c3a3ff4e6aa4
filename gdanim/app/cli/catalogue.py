"""The commands about a folder of scenes: list, gallery, readme-gallery, new, examples, formats."""
from __future__ import annotations

from pathlib import Path

import click

from gdanim import formats
from gdanim.app.cli.failing import guarded, noting, one_line
from gdanim.app.cli.group import main
from gdanim.app.cli.options import Folder
from gdanim.app.cli.scene_runs import load_noting
from gdanim.core.errors import GdanimError

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
    from gdanim.rendering.chosen import output_files
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
