"""``gdanim trajectory``: a scene's runs as CSV or JSON."""
from __future__ import annotations

import json
from pathlib import Path

import click

from gdanim.app.cli.failing import about, guarded
from gdanim.app.cli.group import main
from gdanim.app.cli.scene_runs import load_noting
from gdanim.core.errors import note

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
