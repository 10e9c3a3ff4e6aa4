"""The command line through click's CliRunner: outputs, exit codes, one-line errors."""
import csv
import io
import json
import re
import textwrap
from pathlib import Path

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


def test_the_command_leaves_its_objects_to_the_exit_and_main_called_in_a_process_does_not():
    """``gdanim`` as a process freezes what is left before Python's exit (its last collection
    would scan it all for nothing); ``main`` in a process that goes on (here) freezes nothing."""
    import gc
    import subprocess
    import sys
    probe = ("import atexit, gc, sys; from gdanim.app.cli import command; "
             "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr)); "
             "sys.argv = ['gdanim', '--version']; command()")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert r.returncode == 0 and __version__ in r.stdout, r.stderr
    assert int(re.search(r"frozen (\d+)", r.stderr).group(1)) > 10000, r.stderr
    before = gc.get_freeze_count()
    assert invoke("--version").exit_code == 0
    assert gc.get_freeze_count() == before


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
    assert run["lr"] == [None, 0.9, 0.9, 0.9, 0.9]                   # no rate for the start: null


def test_trajectory_json_is_json_for_a_run_that_stopped_undefined(tmp_path):
    """A run that stopped where the finite-difference gradient is NaN: that gradient is null
    (json.dumps would write a bare NaN, which is not JSON), and the stop is noted."""
    scene = write(tmp_path, """
        import numpy as np
        problem = problems.Function(lambda w: w ** 2 if w >= 0.5 else np.nan, dim=1)
        scene = Scene(title="x", problem=problem, runs=[Run("GD", optimizers.gd(0.25), start=2.0, steps=10)],
                      views=[views.LossCurve()])
    """)
    r = invoke("trajectory", scene, "--format", "json")
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("gdanim:")]
    body = "\n".join(line for line in r.output.splitlines() if not line.startswith("gdanim:"))
    assert notes == [f"gdanim: note: {scene}: run 'GD' stopped at step 2: the gradient is nan there"]
    (run,) = json.loads(body, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))["runs"]
    assert run["stop"] == "undefined" and run["grad"][-1] == [None]
    assert [w for (w,) in run["params"]] == pytest.approx([2.0, 1.0, 0.5], rel=1e-8)     # finite differences


def test_trajectory_says_where_and_why_a_runs_rows_end(tmp_path):
    """The CSV has no column for how a run ended: a run that diverged (or converged) is said on
    stderr, where its rows end; one that ran its budget is not."""
    scene = write(tmp_path, """
        scene = Scene(title="x", problem=problems.parabola, views=[views.LossCurve()],
                      runs=[Run("wild", optimizers.gd(1.5), start=2.0, steps=100),
                            Run("calm", optimizers.gd(0.1), start=2.0, steps=5)])
    """)
    r = invoke("trajectory", scene)
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("gdanim:")]
    rows = [line.split(",") for line in r.output.splitlines()[1:] if not line.startswith("gdanim:")]
    last = max(int(row[1]) for row in rows if row[0] == "wild")
    assert notes == [f"gdanim: note: {scene}: run 'wild' diverged at step {last + 1}: its rows end at step {last}"]


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
    "unknown problem": ("p = problems.rosenbrok\n", E.EXIT_INVALID, "unknown problem 'rosenbrok'; did you mean 'Rosenbrock'"),
    "problem class not called": ("scene = Scene(title='x', problem=problems.Rosenbrock, runs=[Run('a', optimizers.gd(0.1), "
                                 "start=(1, 1))], views=[views.LossCurve()])\n", E.EXIT_INVALID,
                                 r"scene\.py:2: problem must be .*got the class Rosenbrock itself: call it, Rosenbrock\(\.\.\.\)"),
    "a string among a sweep's runs": ("import gdanim\nscene = Scene(title='x', problem=problems.parabola, runs=['GD'], "
                                      "sweep=gdanim.Sweep(Run('a', optimizers.gd(0.1), start=1, steps=3), over='lr', "
                                      "values=[0.1, 0.2]), views=[views.LossCurve()])\n", E.EXIT_INVALID,
                                      r"scene\.py:3: each of runs must be a Run\(.*\), got str 'GD'$"),
    "a sweep among the runs": ("import gdanim\nscene = Scene(title='x', problem=problems.parabola, runs=[gdanim.Sweep("
                               "Run('a', optimizers.gd(0.1), start=1, steps=3), over='lr', values=[0.1, 0.2])], "
                               "sweep=gdanim.Sweep(Run('b', optimizers.gd(0.1), start=1, steps=3), over='lr', "
                               "values=[0.1, 0.2]), views=[views.LossCurve()])\n", E.EXIT_INVALID,
                               r"scene\.py:3: runs: a Sweep is declared as Scene\(sweep=Sweep\(\.\.\.\)\), "
                               r"not among the runs$"),
    "a TypeError in the scene's own helper": ("def halve(x):\n    return x / '2'\nlr = halve(0.2)\n", E.EXIT_SCENE_CODE,
                                              r"scene\.py:3: TypeError: unsupported operand type\(s\) for /: "
                                              r"'float' and 'str'$"),
    "the scene's own helper called wrong": ("def halve(x):\n    return x / 2\nlr = halve()\n", E.EXIT_SCENE_CODE,
                                            r"scene\.py:4: TypeError: halve\(\) missing 1 required positional "
                                            r"argument: 'x'$"),
    "gdanim's function called wrong": ("opt = optimizers.gd()\n", E.EXIT_INVALID,
                                       r"scene\.py:2: TypeError: gd\(\) missing 1 required positional argument: 'lr'$"),
    "missing data file": ("d = problems.LogisticRegression(data.Table('nope.csv', features=['a', 'b'], target='t'))\n",
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


@pytest.mark.parametrize("args, said", [
    (("render", "--format", "gifx", "GOOD"), "Invalid value for '--format': gifx: choose from"),
    (("render",), "Missing argument 'SCENES...' (see 'gdanim render --help')"),
    (("new", "my scene"), "Invalid value for NAME: 'my scene': letters, digits"),
    (("rendr", "x.py"), "No such command 'rendr'. Did you mean 'render'? (see 'gdanim --help')"),
    (("--bogus",), "No such option '--bogus' (see 'gdanim --help')"),
])
def test_usage_errors_are_one_line_too(tmp_path, args, said):
    """click says a usage error in three lines (Usage, Try, Error); gdanim in one, like the rest."""
    r = invoke(*[write(tmp_path, GOOD) if a == "GOOD" else a for a in args])
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: ") and said in lines[0], r.output


def test_errors_met_while_rendering_name_the_line_that_declares_what_they_concern(tmp_path):
    """No line of the scene is on the traceback of a run's shape error or of a still past the end:
    the line named is the run's ``Run(...)``, and the ``stills=`` keyword."""
    grad = write(tmp_path, """
        import numpy as np
        problem = problems.Function(lambda w: float(w @ w), gradient=lambda w: np.ones(3), dim=2)
        scene = Scene(title="x", problem=problem,
                      runs=[Run("other", optimizers.gd(0.1), start=(1, 1), steps=2),
                            Run("a", optimizers.gd(0.1), start=(1, 1), steps=2)],
                      views=[views.LossCurve()])
    """, "grad.py")
    r = invoke("render", grad, "--out", tmp_path / "o", "--format", "alt")
    assert r.exit_code == E.EXIT_SCENE_CODE, r.output
    assert r.output.strip().splitlines() == [f"gdanim: error: {grad}:6: run 'other', step 1: Function's gradient must "
                                             "return 2 numbers (one per parameter), got an array of shape (3,)"]
    late = write(tmp_path, """
        scene = Scene(title="x", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=2, steps=3)],
                      views=[views.Curve1D()],
                      stills={"late": 50})
    """, "late.py")
    r = invoke("render", late, "--out", tmp_path / "o", "--format", "png")
    assert r.exit_code == E.EXIT_INVALID and r.output.strip() == \
        f"gdanim: error: {late}:6: still 'late' asks for step 50, but the runs end at step 3", r.output
    paused = write(tmp_path, """
        scene = Scene(title="x", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=2, steps=3)],
                      views=[views.Curve1D()],
                      timing=Timing(pause_on={50: 1.0}))
    """, "paused.py")
    r = invoke("render", paused, "--out", tmp_path / "o", "--format", "gif")      # it had been ignored
    assert r.exit_code == E.EXIT_INVALID and r.output.strip() == \
        f"gdanim: error: {paused}:6: pause_on asks for a pause at step 50, but the runs end at step 3", r.output


def test_scene_files_whose_outputs_would_replace_each_other_are_not_rendered(tmp_path):
    """week1/fig.py and week2/fig.py into one folder, or fig.py with a still "late" and
    fig-late.py: their files would replace each other, so none of them is rendered and they are
    named; the other scenes render; a file named twice renders once; a missing file is said as
    missing and hides nothing."""
    (tmp_path / "week1").mkdir()
    (tmp_path / "week2").mkdir()
    a = write(tmp_path / "week1", GOOD, "fig.py")
    b = write(tmp_path / "week2", GOOD.replace('"tiny"', '"other"'), "fig.py")
    c = write(tmp_path, GOOD, "ok.py")
    out = tmp_path / "out"
    r = invoke("render", a, b, c, tmp_path / "." / "ok.py", "--out", out, "--format", "alt")
    assert r.exit_code == E.EXIT_OUTPUT, r.output
    assert r.output.strip().splitlines() == [
        f"gdanim: error: 2 scenes would write the same files in {out} ({a}, {b}: fig.alt.txt): they would replace "
        "each other, so none is rendered; rename one, or render them into folders of their own",
        str(out / "ok.alt.txt")]
    assert sorted(p.name for p in out.iterdir()) == ["ok.alt.txt"]
    stills = write(tmp_path, GOOD.replace("dpi=50,", "dpi=50, stills={'late': 2},"), "fig.py")
    late = write(tmp_path, GOOD, "fig-late.py")
    r = invoke("render", stills, late, "--out", tmp_path / "o2", "--format", "png")
    assert r.exit_code == E.EXIT_OUTPUT and "fig-late.png)" in r.output and not (tmp_path / "o2").exists(), r.output
    r = invoke("render", a, b, "--watch", "--out", tmp_path / "o3", "--format", "png")   # watched: by name
    assert r.exit_code == E.EXIT_OUTPUT and "fig.png)" in r.output and not (tmp_path / "o3").exists(), r.output
    link = tmp_path / "alias.py"                        # another name for a scene: rendered under each
    link.symlink_to(c)
    r = invoke("render", link, c, "--out", tmp_path / "o4", "--format", "alt")
    assert r.exit_code == 0 and sorted(p.name for p in (tmp_path / "o4").iterdir()) == ["alias.alt.txt", "ok.alt.txt"]
    r = invoke("render", a, tmp_path / "nope" / "fig.py", "--out", out, "--format", "alt")
    assert r.exit_code == E.EXIT_NOT_FOUND and r.output.strip().splitlines() == [
        f"gdanim: error: {tmp_path / 'nope' / 'fig.py'}: no such scene file", str(out / "fig.alt.txt")], r.output


def test_list_and_gallery_without_scenes_here_say_how_to_name_a_folder(tmp_path, monkeypatch):
    """With no scenes/ here (``gdanim new`` then writes into the current folder), ``list`` and
    ``gallery`` say how to name the folder rather than run every .py file here unasked."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleanup.py").write_text("open('ran', 'w').write('yes')\n")   # not a scene: never run
    assert invoke("new", "first").exit_code == 0 and (tmp_path / "first.py").is_file()
    for command in ("list", "gallery"):
        r = invoke(command)
        assert r.exit_code == E.EXIT_NOT_FOUND and r.output.strip() == \
            f"gdanim: error: scenes: no such directory; name the folder your scene files are in: gdanim {command} FOLDER"
    assert not (tmp_path / "ran").exists()
    (tmp_path / "scenes").mkdir()
    write(tmp_path / "scenes", GOOD, "second.py")
    r = invoke("list")
    assert r.exit_code == 0 and r.output.split()[0] == "second", r.output
    r = invoke("list", "nowhere")                       # a folder named: no hint, it was asked for
    assert r.exit_code == E.EXIT_NOT_FOUND and r.output.strip() == "gdanim: error: nowhere: no such directory"


def test_out_naming_a_file_says_so(tmp_path):
    scene = write(tmp_path, GOOD)
    blocker = tmp_path / "figures"
    blocker.write_text("notes")
    for out, where in ((blocker, "in"), (blocker / "week1", "under")):
        r = invoke("render", scene, "--out", out, "--format", "alt")
        assert r.exit_code == E.EXIT_OUTPUT and r.output.strip() == \
            f"gdanim: error: {blocker}: is a file, not a folder: the outputs cannot go {where} it", r.output
    assert blocker.read_text() == "notes"


def test_a_scene_file_name_outputs_cannot_take_is_refused_with_a_name_they_can(tmp_path):
    scene = write(tmp_path, GOOD, "week 2 – Säule.py")
    r = invoke("render", scene, "--out", tmp_path / "o", "--format", "alt")
    assert r.exit_code == E.EXIT_OUTPUT, r.output
    line = r.output.strip()
    assert line.startswith(f"gdanim: error: {scene}: output name 'week 2 – Säule': ") and \
        line.endswith("; rename it to 'week_2_Saule'"), line
    assert not (tmp_path / "o").exists()


def test_a_run_stopped_where_the_loss_is_undefined_is_a_note_not_divergence(tmp_path):
    scene = write(tmp_path, """
        import numpy as np
        problem = problems.Function(lambda w: np.sqrt(w[0]) + w[1] ** 2, dim=2)
        scene = Scene(title="x", problem=problem, runs=[Run("GD", optimizers.gd(0.5), start=(1, -2), steps=10)],
                      views=[views.Contours(xlim=(-1, 2), ylim=(-3, 1)), views.LossCurve()], size=(3.2, 1.8), dpi=40)
    """)
    r = invoke("render", scene, "--out", tmp_path / "o", "--format", "alt")
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0] == str(tmp_path / "o" / "scene.alt.txt")
    assert any(line.startswith(f"gdanim: note: {scene}: run 'GD' stopped at step 3: the loss is nan at (")
               for line in lines), lines
    assert any(line.startswith(f"gdanim: note: {scene}: the loss is nan on part of a panel") and "left blank" in line
               for line in lines), lines                    # the panel's w0 < 0 half
    assert "stopped at step 3" in (tmp_path / "o" / "scene.alt.txt").read_text()
    assert "diverged" not in r.output + (tmp_path / "o" / "scene.alt.txt").read_text()


def test_a_loss_that_raises_on_part_of_a_panel_is_one_note_with_the_count(tmp_path):
    scene = write(tmp_path, """
        import math
        problem = problems.Function(lambda w: math.log(w[0]) + w[1] ** 2, dim=2)
        scene = Scene(title="x", problem=problem, runs=[Run("GD", optimizers.gd(0.1), start=(1, -2), steps=3)],
                      views=[views.Contours(xlim=(-1, 2), ylim=(-3, 1))], size=(3.2, 1.8), dpi=40)
    """)
    r = invoke("render", scene, "--out", tmp_path / "o", "--format", "png")
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("gdanim: note:")]
    assert len(notes) == 1, r.output
    assert re.fullmatch(rf"gdanim: note: {re.escape(str(scene))}: the loss raised ValueError \(math domain error\) at "
                        r"\d+ of \d+ points of a panel \(first at \(-1\.0, -3\.0\)\); they are left blank", notes[0]), notes


def test_a_still_scene_asked_for_animations_alone_is_refused_and_the_others_render(tmp_path):
    still = write(tmp_path, """
        scene = Scene(title="pins", problem=problems.ill_conditioned, runs=[],
                      pins=[__import__("gdanim").Pin("guess", (1.0, 2.0))],
                      views=[views.Contours()], size=(3.2, 1.8), dpi=50)
    """, name="still.py")
    moving = write(tmp_path, GOOD, name="moving.py")
    out = tmp_path / "out"
    r = invoke("render", still, moving, "--out", out, "--format", "gif,mp4")
    assert r.exit_code == E.EXIT_USAGE == 2
    assert r.output.count("gdanim: error:") == 1
    assert ("still.py: a still scene (nothing in it moves) has no gif, mp4; ask for what it has: "
            "--format pdf,png,html,alt") in r.output
    r = invoke("render", still, "--out", out, "--format", "gif", "--changed")     # nothing to be up to date
    assert r.exit_code == 2 and "has no gif" in r.output
    assert sorted(p.name for p in out.iterdir()) == ["moving.gif", "moving.mp4"]
    r = invoke("render", still, "--out", out, "--format", "gif,png")      # what it has is written
    assert r.exit_code == 0, r.output
    assert (out / "still.png").exists() and not (out / "still.gif").exists()


def test_readme_gallery_is_all_or_nothing(tmp_path):
    """Without the README's markers, or with a scene that fails, nothing is written: no stills in
    the images folder, the README as it was; with both fine, the stills and the table."""
    scenes, images, readme = tmp_path / "scenes", tmp_path / "docs" / "gallery", tmp_path / "README.md"
    scenes.mkdir()
    write(scenes, GOOD, "a.py")
    readme.write_text("# course\n")
    r = invoke("readme-gallery", scenes, "--images", images, "--readme", readme)
    assert r.exit_code == E.EXIT_OUTPUT and "no <!-- gallery:start --> … <!-- gallery:end --> markers" in r.output
    assert not images.exists() or not any(images.iterdir())
    marked = "# course\n<!-- gallery:start -->\n<!-- gallery:end -->\n<!-- formats:start -->\n<!-- formats:end -->\n"
    readme.write_text(marked)
    write(scenes, "from gdanim import Scene\nscene = Scene(title='broken', problem=None, views=[])\n", "b.py")
    r = invoke("readme-gallery", scenes, "--images", images, "--readme", readme)
    assert r.exit_code != 0 and "b.py" in r.output
    assert readme.read_text() == marked and sorted(p.name for p in images.iterdir()) == []
    (scenes / "b.py").unlink()
    r = invoke("readme-gallery", scenes, "--images", images, "--readme", readme)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in images.iterdir()) == ["a.png"]
    assert "| ![a](docs/gallery/a.png) | **`a`**" in readme.read_text()


def test_gdanim_alone_shows_its_help_not_an_error():
    r = invoke()
    assert "Commands:" in r.output and "render" in r.output and "gdanim: error" not in r.output, r.output


def test_a_reader_that_leaves_early_gets_no_error(tmp_path):
    """`gdanim list | head -1`: the pipe closes while gdanim still writes; it was 'internal error
    while list: BrokenPipeError ... please report it', exit 70."""
    import subprocess
    import sys
    done = subprocess.run(f"'{sys.executable}' -m gdanim list '{SCENES}' | head -1", shell=True,
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.stdout.count("\n") == 1 and done.stderr == "", done.stderr


def test_gdanim_processes_in_the_environment_is_a_usage_error_for_decks_too(tmp_path, monkeypatch):
    monkeypatch.setenv("GDANIM_PROCESSES", "abc")
    r = invoke("deck", write(tmp_path, GOOD), "-o", tmp_path / "x.pptx")
    assert r.exit_code == 2 and r.output.strip() == \
        "gdanim: error: GDANIM_PROCESSES must be a whole number of processes, 1 or more; got 'abc'", r.output


def test_a_batch_of_all_the_data_without_replacement_is_a_note(tmp_path):
    body = HEADER + textwrap.dedent("""
        from gdanim import data
        p = problems.LinearRegression(data.Linear(n=30, coef=[3], intercept=2, sigma=0.5, seed=0))
        scene = Scene(title="t", problem=p, views=[views.LossCurve()],
                      runs=[Run("sgd", optimizers.gd(0.1), start=(0, 0), steps=3, batch_size=100, replace=False)])
        """)
    r = invoke("render", write(tmp_path, body), "--out", tmp_path / "out", "--format", "png")
    assert r.exit_code == 0 and "gdanim: note: " in r.output and (
        "run 'sgd': batch_size 100 without replacement takes all 30 samples at every step: it is gradient "
        "descent on the whole data") in r.output, r.output
