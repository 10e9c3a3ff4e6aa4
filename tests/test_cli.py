"""The command line through click's CliRunner: outputs, exit codes, one-line errors."""
import csv
import io
import json
import textwrap

import pytest

from gdanim import __version__
from gdanim import errors as E

from conftest import SCENES, invoke

HEADER = "from gdanim import Run, Scene, Timing, data, optimizers, problems, stopping, views\n"
GOOD = HEADER + textwrap.dedent("""
    scene = Scene(
        title="tiny",
        problem=problems.ill_conditioned,
        runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=4)],
        views=[views.Contours(), views.LossCurve()],
        size=(3.2, 1.8), dpi=50, timing=Timing(fps=10, hold_first=0, hold_last=0),
    )
""")


def write(tmp_path, body, name="scene.py"):
    p = tmp_path / name
    p.write_text(body if body.startswith("from") else HEADER + textwrap.dedent(body))
    return p


def test_version_and_help():
    r = invoke("--version")
    assert r.exit_code == 0 and __version__ in r.output
    for cmd in ([], ["render"], ["trajectory"], ["list"]):
        r = invoke(*cmd, "--help")
        assert r.exit_code == 0 and "Usage:" in r.output


def test_trajectory_csv_prints_the_overshooting_iterates():
    r = invoke("trajectory", SCENES / "parabola_overshoot.py")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0] == ["run", "step", "w", "loss"]
    assert len(rows) == 12
    ws = [float(row[2]) for row in rows[1:]]
    assert ws[:3] == [2.0, -2.3200000000000003, 2.6912000000000003]     # full float precision
    assert [row[1] for row in rows[1:]] == [str(k) for k in range(11)]
    assert float(rows[1][3]) == 5.0


def test_trajectory_json(tmp_path):
    r = invoke("trajectory", write(tmp_path, GOOD), "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    (run,) = doc["runs"]
    assert run["label"] == "GD" and run["stop"] == "budget"
    assert run["params"][0] == [-4.0, -2.0] and len(run["loss"]) == 5


def test_list_shows_every_catalogue_scene_with_its_title():
    r = invoke("list", SCENES)
    assert r.exit_code == 0, r.output
    names = [line.split()[0] for line in r.output.splitlines()]
    assert names == sorted(p.stem for p in SCENES.glob("*.py"))
    assert "Momentum on the ill-conditioned bowl" in r.output


BAD = {
    "syntax error": ("scene = Scene(title='x',\n", E.EXIT_SYNTAX, r"scene\.py:\d+: syntax error"),
    "import error": ("import not_a_module_xyz\n", E.EXIT_SCENE_CODE, r"scene\.py:2: ModuleNotFoundError"),
    "no scene": ("x = 1\n", E.EXIT_INVALID, "no scene declared"),
    "two scenes": (GOOD.split("\n", 1)[1] + "other = scene.__class__(title='b', problem=problems.parabola, "
                   "views=[views.LossCurve()])\n", E.EXIT_INVALID, "2 scenes declared"),
    "no problem": ("scene = Scene(title='x', runs=[Run('a', optimizers.gd(0.1), start=1)], views=[views.LossCurve()])\n",
                   E.EXIT_INVALID, "no problem declared"),
    "wrong start length": ("scene = Scene(title='x', problem=problems.ill_conditioned, "
                           "runs=[Run('a', optimizers.gd(0.1), start=(1, 2, 3))], views=[views.LossCurve()])\n",
                           E.EXIT_INVALID, r"start must have 2 numbers .*got 3"),
    "negative lr": ("opt = optimizers.gd(-0.1)\n", E.EXIT_INVALID, r"scene\.py:2: learning rate must be a positive number, got -0\.1"),
    "zero lr": ("opt = optimizers.gd(0)\n", E.EXIT_INVALID, "learning rate must be a positive number, got 0"),
    "nan lr": ("opt = optimizers.gd(float('nan'))\n", E.EXIT_INVALID, "learning rate must be a finite"),
    "string lr": ("opt = optimizers.gd('fast')\n", E.EXIT_INVALID, "learning rate must be a positive number, got 'fast'"),
    "negative steps": ("r = Run('a', optimizers.gd(0.1), start=1, steps=-5)\n", E.EXIT_INVALID, "steps must be at least 0"),
    "absurd steps": ("r = Run('a', optimizers.gd(0.1), start=1, steps=10**9)\n", E.EXIT_INVALID, "steps must be at most 100,000"),
    "unknown optimizer": ("opt = optimizers.adma(0.1)\n", E.EXIT_INVALID, "unknown optimizer 'adma'; did you mean 'adam'"),
    "unknown view": ("v = views.Contour()\n", E.EXIT_INVALID, "unknown view 'Contour'; did you mean 'Contours'"),
    "unknown option": ("v = views.Contours(levls=3)\n", E.EXIT_INVALID, "Contours: unknown option 'levls'; did you mean 'levels'"),
    "missing data file": ("d = problems.LogisticRegression(data.table('nope.csv', features=['a', 'b'], target='t'))\n",
                          E.EXIT_DATA, r"nope\.csv: data file not found"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_scene_gets_one_line_error(tmp_path, case):
    body, code, pattern = BAD[case]
    path = write(tmp_path, body)
    out = tmp_path / "out"
    out.mkdir()
    (out / "scene.gif").write_bytes(b"old")
    for cmd in (["render", path, "--out", out], ["trajectory", path]):
        r = invoke(*cmd)
        assert r.exit_code == code, (case, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("gdanim: error: "), r.output
        assert "Traceback" not in r.output
        import re
        assert re.search(pattern, lines[0]), lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["scene.gif"] and (out / "scene.gif").read_bytes() == b"old"


def test_missing_path_and_directory(tmp_path):
    r = invoke("render", tmp_path / "nope.py")
    assert r.exit_code == E.EXIT_NOT_FOUND and "nope.py: no such scene file" in r.output
    r = invoke("render", tmp_path)
    assert r.exit_code == E.EXIT_NOT_FOUND and "is a directory" in r.output


def test_debug_shows_the_traceback(tmp_path):
    path = write(tmp_path, "opt = optimizers.gd(-1)\n")
    r = invoke("--debug", "trajectory", path)
    assert r.exit_code != 0 and isinstance(r.exception, E.SceneError)


def test_bad_format_is_a_usage_error(tmp_path):
    r = invoke("render", write(tmp_path, GOOD), "--format", "gif,bmp")
    assert r.exit_code == 2 and "bmp" in r.output
