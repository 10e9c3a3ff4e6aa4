"""Scenes a lecturer really writes, with mistakes in their own code: every failure is one line with
the file (and the line, run and step where there are some), its exit code, no traceback, and the
output folder exactly as it was."""
import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import invoke
from gdanim import errors as E

HEAD = "import numpy as np\nfrom gdanim import Run, Scene, Timing, data, optimizers, problems, views\n"


def scene(body: str) -> str:
    return HEAD + textwrap.dedent(body)


def snapshot(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.fixture
def out(tmp_path):
    """An output folder holding earlier outputs that must survive."""
    d = tmp_path / "out"
    d.mkdir()
    for name in ("s.gif", "s.mp4", "s.pdf", "s.png", "s.alt.txt"):
        (d / name).write_bytes(b"earlier " + name.encode())
    return d


CASES = {
    "a one-parameter Function indexing w[0]": (scene('''
        p = problems.Function(lambda w: w[0] ** 2, dim=1)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=1, steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:4: run 'a', step 0: IndexError: invalid index to scalar variable\. "
        r"\(a Function of one parameter gets w as a number: write w, not w\[0\]; for more, give "
        r"Function\(\.\.\., dim=2\)\)$"),
    "a loss that forgot its return": (scene('''
        def f(w):
            w[0] ** 2 + w[1] ** 2
        p = problems.Function(f, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:7: run 'a', step 0: Function's value \(the loss\) returned None: "
        r"is its `return` missing\?$"),
    "a loss that turns complex": (scene('''
        p = problems.Function(lambda w: np.sqrt(w[0] + 0j) + w[1] ** 2, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(-1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:5: run 'a', step 0: Function's value \(the loss\) must return one "
        r"number, got a complex number \(1\+1j\): a loss is real$"),
    "two numbers to start a Function of one": (scene('''
        p = problems.Function(lambda w: w[0] ** 2 + w[1] ** 2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_INVALID, r"s\.py:5: run 'a': start must have 1 number \(one per parameter w\), got 2; "
        r"a Function has one parameter unless given dim=$"),
    "a gradient that raises at step 3": (scene('''
        calls = []
        def grad(w):
            calls.append(1)
            if len(calls) == 4:
                raise ZeroDivisionError("division by zero")
            return 2 * w
        p = problems.Function(lambda w: float(w @ w), gradient=grad, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("b", optimizers.gd(0.1), start=(1, 1), steps=9)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:8: run 'b', step 4: ZeroDivisionError: division by zero$"),
    "a loss that returns a vector": (scene('''
        p = problems.Function(lambda w: w * 2.0, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:5: run 'a', step 0: Function's value \(the loss\) must return one number, "
                                  r"got an array of shape \(2,\)$"),
    "a gradient of the wrong shape": (scene('''
        p = problems.Function(lambda w: float(w @ w), gradient=lambda w: np.ones(3), dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:5: run 'a', step 1: Function's gradient must return 2 numbers \(one per "
                                  r"parameter\), got an array of shape \(3,\)$"),
    "a Hessian of the wrong shape": (scene('''
        p = problems.Function(lambda w: float(w @ w), hess=lambda w: np.eye(3), dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.newton(1.0), start=(1, 1), steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:5: run 'a', step 1: Function's Hessian must return a 2×2 matrix, "
                                  r"got an array of shape \(3, 3\)$"),
    "NaN at the start": (scene('''
        p = problems.Function(lambda w: float(np.log(w)), dim=1)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=-1, steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_INVALID, r"s\.py:5: run 'a', step 0: the loss at the start \(-1\.0,\) is nan: start where the loss "
                              r"is defined$"),
    "a schedule that raises": (scene('''
        from gdanim import schedules
        class Odd(schedules.Schedule):
            def __call__(self, t):
                if t == 3:
                    raise ValueError("no rate for step 3")
                return 0.1
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(Odd()), start=1, steps=5)],
                      views=[views.LossCurve()])
        '''), E.EXIT_SCENE_CODE, r"s\.py:8: run 'a', step 3: ValueError: no rate for step 3$"),
    "a figure of 40 × 40 inches at 600 dpi": (scene('''
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=5)],
                      views=[views.LossCurve()], size=(40, 40), dpi=600)
        '''), E.EXIT_INVALID, r"s\.py:4: a figure of 40 × 40 in at 600 dpi is 24000 × 24000 px \(576\.0 Mpx\); "
                              r"the limit is 20 Mpx: lower the dpi or the size$"),
    "a run colour that is not a colour": (scene('''
        scene = Scene(title="t", problem=problems.parabola, views=[views.LossCurve()],
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=5, color="blurple")])
        '''), E.EXIT_INVALID, r"s\.py:5: run 'a': color 'blurple' is not a colour"),
    "levels that do not increase": (scene('''
        scene = Scene(title="t", problem=problems.ill_conditioned, views=[views.Contours(levels=(5, 1, 2))],
                      runs=[Run("a", optimizers.gd(0.1), start=(1, 1), steps=5)])
        '''), E.EXIT_INVALID, r"s\.py:4: levels must be a number of levels or increasing numbers, got \(5, 1, 2\)$"),
    "a title whose math matplotlib cannot read": (scene('''
        scene = Scene(title=r"cost $\\frac{$ and more", problem=problems.parabola, views=[views.LossCurve()],
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=5)])
        '''), E.EXIT_INVALID, r"s\.py:4: title 'cost \$\\\\frac\{\$ and more': matplotlib cannot read its math "
                              r"\(\$…\$\): .*"),
    "a scene file that calls sys.exit(0)": (scene('''
        import sys
        sys.exit(0)
        '''), E.EXIT_SCENE_CODE, r"s\.py:5: the scene file called sys\.exit\(0\); a scene file only declares a figure$"),
    "a scene file that raises SystemExit": (scene('''
        raise SystemExit("bye")
        '''), E.EXIT_SCENE_CODE, r"s\.py:4: the scene file called sys\.exit\('bye'\)"),
    "a scene file that raises KeyboardInterrupt": (scene('''
        raise KeyboardInterrupt
        '''), E.EXIT_SCENE_CODE, r"s\.py:4: the scene file raised KeyboardInterrupt$"),
    "a panel of another problem shown a run it cannot show": (scene('''
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=5)],
                      views=[views.Curve1D(), views.Contours(problem=problems.ill_conditioned)])
        '''), E.EXIT_INVALID, r"s\.py:4: Contours shows a problem with 2 parameters, but run 'a' has 1: choose the "
                              r"runs it shows with runs=\[\.\.\.\], or give it their problem with problem=\.\.\.$"),
    "a title with a lone dollar sign": (scene('''
        scene = Scene(title=r"$x$ and $y", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)], views=[views.LossCurve()])
        '''), E.EXIT_INVALID, r"s\.py:4: title '\$x\$ and \$y' has an unmatched \$: math goes between two, "
        r"and a dollar sign itself is written \\\$$"),
    "a title whose backslash became a tab": (scene('''
        scene = Scene(title="cost $J(\\theta)$", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)], views=[views.LossCurve()])
        '''), E.EXIT_INVALID, r"title 'cost \$J\(\\theta\)\$' holds a control "
        r"character \(\\t in the source: in a Python string a backslash starts an escape, so write it as a raw "
        r"string, r'\.\.\.'\)$"),
    "a title whose \\nabla became a line break": (scene('''
        scene = Scene(title="Step along $-\\nabla L$", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)], views=[views.LossCurve()])
        '''), E.EXIT_INVALID, r"has a line break inside its math \(\$…\$\): \\n in the source, as in \\nabla, "
        r"starts an escape in a Python string, so write it as a raw string, r'\.\.\.'$"),
    "a scene file that declares nothing": (scene('''
        x = 1
        '''), E.EXIT_INVALID, r"s\.py: no scene declared"),
}


@pytest.mark.parametrize("case", CASES)
def test_one_line_exit_code_and_the_outputs_untouched(tmp_path, out, case):
    body, code, pattern = CASES[case]
    (tmp_path / "s.py").write_text(body)
    before = snapshot(out)
    r = invoke("render", tmp_path / "s.py", "--out", out, "--format", "gif,mp4,pdf,png,alt")
    lines = r.output.strip().splitlines()
    assert r.exit_code == code, r.output
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: ") and "Traceback" not in r.output, r.output
    assert re.search(pattern, lines[0]), lines[0]
    assert snapshot(out) == before


def test_a_constant_column_and_a_one_class_target_name_the_file_and_column(tmp_path, out):
    (tmp_path / "const.csv").write_text("x,z,y\n1,0,2\n1,1,3\n1,2,4\n")
    (tmp_path / "s.py").write_text(scene('''
        p = problems.LinearRegression(data.Table("const.csv", features=["x", "z"], target="y", standardize=True))
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0, 0, 0), steps=3)],
                      views=[views.LossCurve()])
        '''))
    r = invoke("render", tmp_path / "s.py", "--out", out)
    assert r.exit_code == E.EXIT_DATA
    assert r.output.strip() == (f"gdanim: error: {tmp_path / 's.py'}:4: {tmp_path / 'const.csv'}: column 'x' is "
                                "constant (1 in every row): it cannot be standardized (its standard deviation is 0); "
                                "drop it or set standardize=False")
    (tmp_path / "one.csv").write_text("a,b,t\n0.1,0.2,1\n0.3,0.1,1\n0.5,0.9,1\n")
    (tmp_path / "s.py").write_text(scene('''
        p = problems.LogisticRegression(data.Table("one.csv", features=["a", "b"], target="t"))
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0, 0), steps=3)],
                      views=[views.LossCurve()])
        '''))
    r = invoke("render", tmp_path / "s.py", "--out", out)
    assert r.exit_code == E.EXIT_DATA
    assert r.output.strip().endswith(f"{tmp_path / 'one.csv'}: the target column 't' has no row of class 0: "
                                     "logistic regression needs both classes (every row is 1)")


def test_an_error_raised_while_drawing_names_the_line_of_the_scenes_own_code(tmp_path, out):
    (tmp_path / "_panel.py").write_text(textwrap.dedent('''
        from dataclasses import dataclass
        from gdanim import views
        from gdanim.rendering.paint import Painter, paints

        @dataclass(frozen=True, kw_only=True)
        class Broken(views.View):
            pass

        @paints(Broken)
        class BrokenPainter(Painter):
            def update(self, step, frame):
                if step == 2:
                    raise RuntimeError("cannot draw step 2")
        '''))
    (tmp_path / "s.py").write_text(scene('''
        from _panel import Broken
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=5)],
                      views=[Broken()], timing=Timing(hold_first=0))
        '''))
    before = snapshot(out)
    r = invoke("render", tmp_path / "s.py", "--out", out)
    assert r.exit_code == E.EXIT_SCENE_CODE
    assert r.output.strip() == f"gdanim: error: {tmp_path / '_panel.py'}:14: while rendering: RuntimeError: cannot draw step 2"
    assert snapshot(out) == before


def test_anything_unforeseen_is_an_internal_error_in_one_line(tmp_path, out, monkeypatch):
    from gdanim.rendering import renderer
    # a fault inside gdanim itself (its code object says it is renderer.py's, not the test's)
    fault = eval(compile("lambda scene, total: {}['boom']", renderer.__file__, "eval"))
    monkeypatch.setattr(renderer, "still_steps", fault)
    (tmp_path / "s.py").write_text(scene('''
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)],
                      views=[views.LossCurve()])
        '''))
    before = snapshot(out)
    r = invoke("render", tmp_path / "s.py", "--out", out)
    assert r.exit_code == E.EXIT_INTERNAL
    assert r.output.strip() == ("gdanim: error: internal error while rendering s: KeyError: 'boom'; "
                                "run with --debug and please report it")
    assert snapshot(out) == before
    r = invoke("--debug", "render", tmp_path / "s.py", "--out", out)
    assert isinstance(r.exception, KeyError)                       # --debug lets the traceback through


def test_warnings_become_one_line_notes(tmp_path):
    (tmp_path / "s.py").write_text(scene('''
        import warnings
        floor = np.log(np.array([-1.0, 1.0])).min()        # numpy warns: invalid value in log
        def loss(w):
            warnings.warn("this loss is approximate", UserWarning)
            return float(w @ w)
        p = problems.Function(loss, gradient=lambda w: 2 * w, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0.5, 0.5), steps=3)],
                      views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), levels=5)], size=(3.2, 1.8), dpi=40)
        '''))
    r = subprocess.run([sys.executable, "-m", "gdanim", "render", str(tmp_path / "s.py"), "--out",
                        str(tmp_path / "o"), "--format", "png"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    notes = r.stderr.strip().splitlines()
    assert notes == [
        f"gdanim: note: {tmp_path / 's.py'}: values were undefined (NaN) (invalid value encountered in log); values "
        "that are not finite are not drawn",
        f"gdanim: note: {tmp_path / 's.py'}: UserWarning: this loss is approximate (the figure was written; check it)",
    ], r.stderr


def test_a_loss_that_overflows_on_part_of_the_panel_is_drawn_where_it_is_finite(tmp_path):
    (tmp_path / "s.py").write_text(scene('''
        one = problems.Function(lambda w: float(np.exp(w) ** 400 + w * w), gradient=lambda w: 2 * w, dim=1)
        two = problems.Function(lambda w: float(np.exp(w[0]) ** 400 + w @ w), gradient=lambda w: 2 * w, dim=2)
        scene = Scene(title="t", problem=one, runs=[Run("a", optimizers.gd(0.1), start=0.5, steps=3)],
                      views=[views.Curve1D(xlim=(-3, 3)), views.Contours(problem=two, runs=(), xlim=(-3, 3), ylim=(-3, 3))],
                      size=(4.8, 1.8), dpi=40)
        '''))
    r = invoke("render", tmp_path / "s.py", "--out", tmp_path / "o", "--format", "png")
    assert r.exit_code == 0, r.output
    png = np.asarray(Image.open(tmp_path / "o" / "s.png").convert("RGB")).astype(int)
    assert png.std() > 20


def test_a_failure_before_the_first_frame_leaves_no_ffmpeg_behind(tmp_path, out, monkeypatch):
    from gdanim.encode.gif_encoder import GifWriter

    def fail(self, samples):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(GifWriter, "set_palette", fail)
    (tmp_path / "s.py").write_text(scene('''
        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)],
                      views=[views.LossCurve()], size=(3.2, 1.8), dpi=40)
        '''))
    before = snapshot(out)
    r = invoke("render", tmp_path / "s.py", "--out", out, "--format", "mp4,gif")     # ffmpeg starts first
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert snapshot(out) == before and not [p for p in out.iterdir() if "gdanim-tmp" in p.name]
    children = subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "ffmpeg"], capture_output=True, text=True)
    assert children.stdout.strip() == "", children.stdout


def test_no_tempfile_mktemp_in_gdanim():
    from conftest import ROOT
    assert not [p for p in (ROOT / "gdanim").rglob("*.py") if "mktemp(" in p.read_text()]


def test_a_scene_file_not_named_py_is_refused_in_one_line(tmp_path, out):
    """importlib finds no loader for a file that does not end in .py: said, not an internal error."""
    for name in ("s.txt", "s", "s.py.txt"):
        (tmp_path / name).write_text(scene("x = 1\n"))
        r = invoke("render", tmp_path / name, "--out", out)
        assert r.exit_code == E.EXIT_NOT_FOUND, r.output
        assert r.output.strip().endswith(f"{name}: a scene file is Python and ends in .py (rename it s.py)"), r.output
        assert len(r.output.strip().splitlines()) == 1


def test_a_title_of_two_lines_with_math_renders_without_a_word(tmp_path, out):
    """The title check parsed the whole text as one piece of math: matplotlib logged 'Font
    'default' does not have a glyph for '\\n'' on stderr, raw, for a title it draws well."""
    (tmp_path / "s.py").write_text(scene('''
        scene = Scene(title="Two lines:\\nthe step $-\\\\eta \\\\nabla L$", problem=problems.parabola,
                      runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)], views=[views.LossCurve()])
        '''))
    r = invoke("render", tmp_path / "s.py", "--out", out, "--format", "png")
    assert r.exit_code == 0 and r.output.strip() == str(out / "s.png"), r.output


def surface_scene(elev) -> str:
    return scene(f'''
        scene = Scene(title="t", problem=problems.ill_conditioned,
                      runs=[Run("a", optimizers.gd(0.1), start=(-4, -2), steps=3)],
                      views=[views.Surface3D(elev={elev}, npts=10)],
                      size=(3.2, 1.8), dpi=40, timing=Timing(fps=10, hold_first=0, hold_last=0))
        ''')


@pytest.mark.parametrize("elev, said", [
    ('"high"', r"s\.py:6: Surface3D\.elev must be a number of degrees, got 'high'$"),
    ("100", r"s\.py:6: Surface3D\.elev must be between -90 and 90 degrees \(90: from straight above, "
            r"-90: from straight below\), got 100$"),
    ("float('nan')", r"s\.py:6: Surface3D\.elev must be a finite number of degrees, got nan$"),
])
def test_an_elevation_that_is_no_angle_is_refused_where_it_is_declared(tmp_path, out, elev, said):
    """It was an internal error (exit 70) while the page or the animation was drawn."""
    (tmp_path / "s.py").write_text(surface_scene(elev))
    before = snapshot(out)
    r = invoke("render", tmp_path / "s.py", "--out", out, "--format", "html")
    assert r.exit_code == E.EXIT_INVALID, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and re.search(said, lines[0]), r.output
    assert snapshot(out) == before


def test_a_surface_seen_from_below_renders_and_its_explorer_offers_its_own_elevation(tmp_path):
    """elev=-30 is a lecturer's view from underneath: the page's cameras are at -30° and 30° higher (0°)."""
    import json
    (tmp_path / "s.py").write_text(surface_scene(-30))
    r = invoke("render", tmp_path / "s.py", "--out", tmp_path / "o", "--format", "html,png")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "o" / "s.html").read_text()
    data = json.loads(re.search(r'class="gx-data">(.*?)</script>', page).group(1))
    (view,) = data["views3d"]
    assert view["elevs"] == [-30.0, 0.0] and view["elev0"] == -30.0
    assert view["default"] == 0 and len(view["images"]) == 2 * len(view["azims"])


def render_notes(tmp_path, body):
    """Render ``body`` to a PNG by the real command; its exit code, notes (stderr) and the picture."""
    (tmp_path / "s.py").write_text(scene(body))
    r = subprocess.run([sys.executable, "-m", "gdanim", "render", str(tmp_path / "s.py"), "--out",
                        str(tmp_path / "o"), "--format", "png"], capture_output=True, text=True)
    png = tmp_path / "o" / "s.png"
    return r, r.stderr.strip().splitlines(), np.asarray(Image.open(png).convert("RGB")).astype(int) if png.exists() else None


def test_log_levels_of_a_loss_not_positive_anywhere_on_the_panel_are_a_note_and_the_usual_levels(tmp_path):
    """It was an internal error (the minimum of no positive values)."""
    r, notes, png = render_notes(tmp_path, '''
        p = problems.Function(lambda w: -1.0 - float(w @ w), gradient=lambda w: -2 * w, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0.5, 0.5), steps=3)],
                      views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), levels=8, log_levels=True)],
                      size=(3.2, 1.8), dpi=40)
        ''')
    assert r.returncode == 0, r.stderr
    assert notes == [f"gdanim: note: {tmp_path / 's.py'}: Contours(log_levels=True): the loss is not positive anywhere "
                     "on the panel (from -19 to -1), which log levels cannot show; its levels are spaced as by "
                     "default"], r.stderr
    assert png.std() > 20                                   # the contours are drawn


@pytest.mark.parametrize("levels", ["levels=8", "levels=8, even_levels=True", "levels=8, log_levels=True"])
def test_a_constant_loss_is_drawn_in_one_colour_with_a_note(tmp_path, levels):
    """Every level of a constant loss is the same: matplotlib refused them (an internal error)."""
    r, notes, png = render_notes(tmp_path, f'''
        p = problems.Function(lambda w: 2.5, gradient=lambda w: 0 * w, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0.5, 0.5), steps=3)],
                      views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), {levels})], size=(3.2, 1.8), dpi=40)
        ''')
    assert r.returncode == 0, r.stderr
    assert notes == [f"gdanim: note: {tmp_path / 's.py'}: Contours: the loss is 2.5 everywhere on the panel: "
                     "it has no contours, and the panel is filled in one colour"], r.stderr
    assert png is not None


def test_levels_that_round_to_one_still_fill_the_panel(tmp_path):
    """A loss that varies by less than its labels' rounding gave one even level: none to fill between."""
    r, notes, png = render_notes(tmp_path, '''
        p = problems.Function(lambda w: 1000 + 0.01 * float(w @ w), gradient=lambda w: 0.02 * w, dim=2)
        scene = Scene(title="t", problem=p, runs=[Run("a", optimizers.gd(0.1), start=(0.5, 0.5), steps=3)],
                      views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), even_levels=True)], size=(3.2, 1.8), dpi=40)
        ''')
    assert r.returncode == 0 and notes == [], r.stderr
    assert png.std() > 20


def test_one_filled_level_is_refused_where_it_is_declared():
    """contourf fills between levels: one level given was an internal error while drawing."""
    from gdanim import views
    with pytest.raises(E.SceneError, match=r"^Contours: filled contours need at least two levels, got levels=\(1\.0,\) "
                                           r"\(filled=False draws the line alone\)$"):
        views.Contours(levels=(1.0,))
    assert views.Contours(levels=(1.0,), filled=False).levels == (1.0,)
