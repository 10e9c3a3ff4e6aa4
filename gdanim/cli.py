"""The ``gdanim`` command: render, trajectory, list. Thin: it loads scenes and hands them on."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_INTERRUPTED, GdanimError

FORMATS = ("gif", "mp4", "pdf", "png")


def fail(ctx: click.Context, exc: GdanimError):
    if ctx.find_root().obj.get("debug"):
        raise exc
    click.echo(f"gdanim: error: {exc}", err=True)
    ctx.exit(exc.exit_code)


def guarded(fn):
    """Run a command body; GdanimError → one line on stderr and its exit code (traceback with --debug)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        try:
            return fn(*args, **kwargs)
        except GdanimError as exc:
            fail(ctx, exc)
        except KeyboardInterrupt:
            if ctx.find_root().obj.get("debug"):
                raise
            click.echo("gdanim: interrupted; outputs left as they were", err=True)
            ctx.exit(EXIT_INTERRUPTED)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gdanim")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx, debug):
    """Turn gradient-descent scene files into GIF, MP4, PDF and PNG figures."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"{','.join(bad) or value!r}: choose from {','.join(FORMATS)}")
    return formats


@main.command()
@click.argument("scenes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Directory the files are written to.")
@click.option("--format", "formats", default="gif,mp4,pdf", show_default=True,
              help="Comma-separated: gif, mp4, pdf, png.")
@click.option("--dpi", type=click.IntRange(20, 600), default=None, help="Override the scene's dpi.")
@click.option("--max-frames", type=click.IntRange(1), default=None,
              help="Render at most this many animation frames (quick previews and tests).")
@click.option("--debug", is_flag=True, hidden=True)
@click.pass_context
@guarded
def render(ctx, scenes, out, formats, dpi, max_frames, debug):
    """Render each SCENE file into OUT/NAME.gif, NAME.mp4 and NAME.pdf (and stills)."""
    if debug:
        ctx.find_root().obj["debug"] = True
    from .loader import load
    from .render import render_scene
    formats = parse_formats(formats)
    loaded = [(load(p), p) for p in scenes]      # every scene is checked before anything is drawn
    for scene, path in loaded:
        written = render_scene(scene, path.stem, out, formats, dpi=dpi, max_frames=max_frames,
                               progress=sys.stderr.isatty())
        for p in written:
            click.echo(str(p))


@main.command()
@click.argument("scene_path", metavar="SCENE", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.pass_context
@guarded
def trajectory(ctx, scene_path, fmt):
    """Print every run's trajectory of SCENE: one row per step, full float precision."""
    from . import run_scene
    from .loader import load
    scene = load(scene_path)
    trajs = run_scene(scene)
    if fmt == "json":
        click.echo(json.dumps(trajectories_json(scene, trajs), indent=1))
        return
    names = trajs[0].names if trajs else ()
    if any(t.names != names for t in trajs):
        dim = max(len(t.names) for t in trajs)
        names = tuple(f"p{i}" for i in range(dim))
    lines = [",".join(["run", "step", *names, "loss"])]
    for t in trajs:
        label = csv_cell(t.label)
        for k in range(t.steps + 1):
            cells = [repr(float(v)) for v in t.params[k]] + [""] * (len(names) - len(t.params[k]))
            lines.append(",".join([label, str(k), *cells, repr(float(t.loss[k]))]))
    click.echo("\n".join(lines))


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def trajectories_json(scene, trajs) -> dict:
    return {
        "title": scene.title,
        "runs": [
            {
                "label": t.label,
                "names": list(t.names),
                "stop": t.stop,
                "diverged_at": t.diverged_at,
                "params": t.params.tolist(),
                "loss": t.loss.tolist(),
                "grad": t.grad.tolist(),
                "lr": [None if v != v else v for v in t.lr.tolist()],
                **{k: v.tolist() for k, v in t.extras.items()},
            }
            for t in trajs
        ],
    }


@main.command(name="list")
@click.argument("directory", default="scenes", type=click.Path(path_type=Path))
@click.pass_context
@guarded
def list_scenes(ctx, directory):
    """Show each scene file in DIRECTORY with its title."""
    from .errors import SceneNotFound
    from .loader import load
    if not directory.is_dir():
        raise SceneNotFound("no such directory", str(directory))
    paths = sorted(directory.glob("*.py"))
    width = max((len(p.stem) for p in paths), default=0)
    first_error = None
    for p in paths:
        try:
            scene = load(p)
        except GdanimError as exc:
            click.echo(f"{p.stem:<{width}}  ! {exc}")
            first_error = first_error or exc
            continue
        click.echo(f"{p.stem:<{width}}  {scene.title}")
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
    from .gallery import readme_gallery
    n = readme_gallery(directory, images, readme)
    click.echo(f"{readme}: gallery of {n} scenes")
