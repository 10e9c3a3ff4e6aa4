"""Extending gdanim without editing it: a view and painter of one's own in a module beside the
scene, a subclass of a built-in view, an output format registered from outside the package (by a
module a scene imports, by the Python API, and by an installed package's entry point), and
`render --watch` following the modules a scene imports."""
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import Watching, invoke, wait_until
from gdanim import Run, Scene, Timing, formats, optimizers, problems, views
from gdanim.core.errors import EXIT_INVALID
from gdanim.compute.frame_schedule import schedule
from gdanim.app.loader import load
from gdanim.rendering.renderer import render_scene

STEP_PANEL = '''
"""A panel of my own: the length of each step against the iteration."""
from dataclasses import dataclass

import numpy as np

from gdanim import views
from gdanim.rendering.paint import Painter, paints

MAGENTA = "#ff00ff"


@dataclass(frozen=True, kw_only=True)
class StepLength(views.View):
    """‖w_k − w_(k−1)‖ against k."""

    def describe(self, problem):
        return "the length of each step against the iteration"


@paints(StepLength)
class StepLengthPainter(Painter):
    def window(self):
        self.lengths = [np.linalg.norm(np.diff(s.traj.params, axis=0), axis=1) for s in self.shown]
        self.ax.set_xlim(0, max(self.ctx.total, 1))
        self.ax.set_ylim(0, max(l.max() for l in self.lengths) * 1.1)

    def moving(self):
        self.lines = []
        for s, lengths in zip(self.shown, self.lengths):
            line, = self.ax.plot([], [], color=MAGENTA, lw=8 * self.k)
            self.lines.append((s.traj, lengths, self.animate(line)))

    def keys(self):
        self.title("Step length")

    def update(self, step, frame):
        for traj, lengths, line in self.lines:
            k = traj.at(step)
            line.set_data(np.arange(1, k + 1), lengths[:k])
'''

SCENE_WITH_PANEL = '''
from gdanim import Run, Scene, Timing, optimizers, problems, views
from step_panel import StepLength

scene = Scene(
    title="My own panel",
    problem=problems.ill_conditioned,
    runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=12)],
    views=[views.LossCurve(), StepLength()],
    size=(6.4, 3.2), dpi=40, timing=Timing(hold_first=0, hold_last=0),
)
'''


def magenta(path) -> int:
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(int)
    return int(((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] > 200)).sum())


def test_a_view_and_painter_of_ones_own_beside_the_scene_render(tmp_path):
    (tmp_path / "step_panel.py").write_text(STEP_PANEL)
    (tmp_path / "lecture.py").write_text(SCENE_WITH_PANEL)
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "lecture.py", "--out", out, "--format", "png,png-frames,alt")
    assert r.exit_code == 0, r.output
    frames = sorted((out / "lecture-frames").glob("*.png"))
    assert magenta(frames[0]) == 0 < magenta(frames[len(frames) // 2]) < magenta(frames[-1])   # it grows
    still = np.asarray(Image.open(out / "lecture.png").convert("RGB"))
    w = still.shape[1]
    pink = (still[..., 0] > 200) & (still[..., 1] < 60) & (still[..., 2] > 200)
    assert pink[:, w // 2:].sum() > 100 and pink[:, : w // 2].sum() == 0        # in its own (right) panel
    alt = (out / "lecture.alt.txt").read_text()
    assert "the length of each step against the iteration" in alt                  # its own words


def test_a_subclass_of_a_built_in_view_is_drawn_like_its_parent(tmp_path):
    def scene(view_cls):
        return Scene(title="sub", problem=problems.ill_conditioned,
                     runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=6)],
                     views=[view_cls(xlim=(-5, 5), ylim=(-5, 5), levels=6)], size=(3.2, 2.4), dpi=40)

    class MyContours(views.Contours):
        pass

    render_scene(scene(views.Contours), "parent", tmp_path, ("png",))
    render_scene(scene(MyContours), "child", tmp_path, ("png",))
    assert (tmp_path / "child.png").read_bytes() == (tmp_path / "parent.png").read_bytes()


def test_a_subclass_may_register_a_painter_of_its_own(tmp_path):
    from gdanim.rendering.paint import painter_for, paints
    from gdanim.rendering.paint.contours import ContourPainter

    class Plain(views.Contours):
        pass

    class Special(views.Contours):
        pass

    @paints(Special)
    class SpecialPainter(ContourPainter):
        pass

    assert painter_for(Plain()) is ContourPainter
    assert painter_for(Special()) is SpecialPainter
    assert painter_for(views.GradientField()) is ContourPainter       # along the MRO


def test_a_view_without_a_painter_is_one_line_and_writes_nothing(tmp_path):
    (tmp_path / "bare.py").write_text(textwrap.dedent('''
        from dataclasses import dataclass
        from gdanim import Run, Scene, optimizers, problems, views

        @dataclass(frozen=True, kw_only=True)
        class Lonely(views.View):
            pass

        scene = Scene(title="t", problem=problems.parabola, runs=[Run("a", optimizers.gd(0.1), start=1, steps=3)],
                      views=[Lonely()])
    '''))
    r = invoke("render", tmp_path / "bare.py", "--out", tmp_path / "out")
    assert r.exit_code == EXIT_INVALID
    assert r.output.strip() == (f"gdanim: error: {tmp_path / 'bare.py'}: no painter draws Lonely views: "
                                "register one with @gdanim.paint.paints(Lonely)")
    assert not (tmp_path / "out").exists()


MISTAKES = {
    "a built-in view's painter replaced": ("""
        @paints(views.Contours)
        class Blank(Painter):
            def update(self, step, frame):
                pass
     """, r"@paints\(Contours\): Contours views are drawn by gdanim's own painter in every scene of a render, "
         r"not only this one; to draw them your way, subclass the view \(class MyContours\(views.Contours\): pass\) "
         r"and register @paints\(MyContours\)"),
    "a painter for a built-in view drawn by its parent's": ("""
        @paints(views.GradientField)
        class Arrows(Painter):
            def update(self, step, frame):
                pass
     """, r"@paints\(GradientField\): GradientField views are drawn by gdanim's own painter in every scene .*"),
    "a painter without ctx": ("""
        @paints(Mine)
        class MinePainter(Painter):
            def __init__(self, ax, view, problem, shown):
                pass
     """, r"MinePainter.__init__ must take \(self, ax, view, problem, shown, ctx\), as gdanim calls it"),
    "an update without frame": ("""
        @paints(Mine)
        class MinePainter(Painter):
            def update(self, step):
                pass
     """, r"MinePainter.update must take \(self, step, frame\), as gdanim calls it"),
    "a painter's part that takes what gdanim does not pass": ("""
        @paints(Mine)
        class MinePainter(Painter):
            def static(self, ax):
                pass
     """, r"MinePainter.static must take \(self\), as gdanim calls it"),
    "a painter that is no Painter": ("""
        @paints(Mine)
        class MinePainter:
            pass
     """, r"@paints decorates a subclass of gdanim.paint.Painter; MinePainter is not one"),
    "a format named gif": ("""
        @register
        class Fake(Format):
            name, consumes, files = "gif", "nothing", (("{name}.txt", None),)
            def writer(self, job):
                return Writer()
     """, r"format 'gif': 'gif' is the name of gdanim's own gif format, which every scene of a render writes "
         r"with it; give yours a name of its own"),
    "a format consuming what no render gives": ("""
        @register
        class Odd(Format):
            name, consumes, files = "odd", "everything", (("{name}.txt", None),)
            def writer(self, job):
                return Writer()
     """, r"format 'odd': consumes must be one of frames, pages, stills, layers, nothing, got 'everything'"),
    "outputs that needs the stills": ("""
        @register
        class Odd(Format):
            name, consumes, writer_class = "odd", "nothing", Writer
            def outputs(self, name, stills):
                return [(name + ".txt", None)]
     """, r"format 'odd': Odd.outputs must take \(self, name, stills=\(\)\), as gdanim calls it"),
    "a writer whose finish takes more": ("""
        class Table(Writer):
            def __init__(self, job):
                pass
            def finish(self, extra):
                pass
        @register
        class Odd(Format):
            name, consumes, files, writer_class = "odd", "nothing", (("{name}.txt", None),), Table
     """, r"format 'odd': Table.finish must take \(self\), as gdanim calls it"),
}


@pytest.mark.parametrize("case", list(MISTAKES))
def test_a_plug_in_mistake_is_said_when_its_module_loads_and_other_scenes_render_as_ever(tmp_path, case):
    """Said as the scene's invalid declaration (exit 6), never as gdanim's internal error while a
    frame is drawn; a painter or format replacing gdanim's own would change every other scene
    rendered with it (make all, a deck), so it is refused."""
    body, message = MISTAKES[case]
    (tmp_path / "_mine.py").write_text(textwrap.dedent("""
        from dataclasses import dataclass
        from gdanim import views
        from gdanim.formats import Format, Writer, register
        from gdanim.rendering.paint import Painter, paints

        @dataclass(frozen=True, kw_only=True)
        class Mine(views.View):
            pass
    """) + textwrap.dedent(body))
    (tmp_path / "bad.py").write_text("import _mine  # noqa: F401\n" + SCENE_WITH_PANEL.replace("from step_panel import StepLength\n", "")
                                     .replace(", StepLength()", ""))
    (tmp_path / "good.py").write_text(SCENE_WITH_PANEL.replace("from step_panel import StepLength\n", "")
                                      .replace("views.LossCurve(), StepLength()", "views.Contours(), views.LossCurve()"))
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "bad.py", tmp_path / "good.py", "--out", out, "--format", "png,gif")
    assert r.exit_code == EXIT_INVALID, r.output
    errors = [line for line in r.output.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and re.fullmatch(rf"gdanim: error: {re.escape(str(tmp_path / 'bad.py'))}:1: {message}",
                                            errors[0]), r.output
    assert sorted(p.name for p in out.iterdir()) == ["good.gif", "good.png"]
    reference = tmp_path / "reference"
    render_scene(load(tmp_path / "good.py"), "good", reference, ("png",))
    assert (out / "good.png").read_bytes() == (reference / "good.png").read_bytes()     # gdanim's own painters


def test_a_format_may_make_its_writer_with_a_staticmethod():
    class Quiet(formats.Format):
        name, consumes, files = "quiet-test", "nothing", (("{name}.q", None),)

        @staticmethod
        def writer(job):
            return formats.Writer()

    assert formats.register(Quiet) is Quiet and formats.get("quiet-test").name == "quiet-test"


def test_a_format_whose_module_fails_is_said_once_not_again_as_an_unknown_name(tmp_path):
    (tmp_path / "_odd.py").write_text(textwrap.dedent(MISTAKES["a format consuming what no render gives"][0]).replace(
        "@register", "from gdanim.formats import Format, Writer, register\n@register", 1))
    (tmp_path / "fig.py").write_text("import _odd  # noqa: F401\n" + SCENE_WITH_PANEL.replace("from step_panel import StepLength\n", "")
                                     .replace(", StepLength()", ""))
    r = invoke("render", tmp_path / "fig.py", "--out", tmp_path / "out", "--format", "png,odd")
    assert r.exit_code == EXIT_INVALID and r.output.count("rror") == 1 and "Usage" not in r.output, r.output
    r = invoke("render", tmp_path / "fig.py", "--out", tmp_path / "out", "--format", "png,gfi")    # a typo is said too
    assert r.exit_code == 2 and "format 'odd'" in r.output and "gfi: choose from" in r.output, r.output
    (tmp_path / "_odd.py").write_text("")                       # forgotten: --format odd is unknown, with a hint
    r = invoke("render", tmp_path / "fig.py", "--out", tmp_path / "out", "--format", "png,odd")
    assert r.exit_code == 2 and "odd: choose from" in r.output and "@gdanim.formats.register" in r.output


LOSS_CSV = '''
"""A format of my own: every run's loss, one row per step."""
from gdanim.formats import Format, Writer, register


class LossTable(Writer):
    def __init__(self, job):
        self.job = job

    def finish(self):
        rows = ["run,step,loss"] + [f"{label},{k},{loss!r}" for label, t in self.job.trajectories.items()
                                    for k, loss in enumerate(t.loss.tolist())]
        self.job.temp(f"{self.job.name}.losses.csv").write_text("\\n".join(rows) + "\\n")


@register
class LossCsv(Format):
    name, consumes = "loss-csv", "nothing"
    purpose = "every run's loss per step, as CSV"

    def outputs(self, name, stills=()):
        return [(f"{name}.losses.csv", "losses (CSV)")]

    def writer(self, job):
        return LossTable(job)
'''


def test_a_format_registered_by_a_module_the_scene_imports_is_written_by_the_cli(tmp_path):
    (tmp_path / "loss_csv.py").write_text(LOSS_CSV)
    (tmp_path / "fig.py").write_text(
        "import loss_csv  # noqa: F401  (registers --format loss-csv)\n"
        "from gdanim import Run, Scene, optimizers, problems, views\n"
        "scene = Scene(title='t', problem=problems.parabola,\n"
        "              runs=[Run('lr 1.08', optimizers.gd(1.08), start=2, steps=3)], views=[views.Curve1D()])\n")
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "fig.py", "--out", out, "--format", "loss-csv")
    assert r.exit_code == 0, r.output
    assert r.output.split() == [str(out / "fig.losses.csv")]
    rows = (out / "fig.losses.csv").read_text().splitlines()
    assert rows[0] == "run,step,loss" and len(rows) == 5
    w = [2.0, -2.32, 2.6912, -3.121792]                     # the lecture's overshooting iterates
    np.testing.assert_allclose([float(r.split(",")[2]) for r in rows[1:]], [x * x + 1 for x in w], rtol=1e-12)
    r = invoke("render", tmp_path / "fig.py", "--out", out, "--format", "loss-xls")
    assert r.exit_code == 2 and "loss-xls: choose from" in r.output and "loss-csv" in r.output


class Counting(formats.Format):
    """A counting writer: how many frames arrive, and a digest of their pixels."""

    name, consumes = "counting-test", "frames"
    seen: list = []

    def outputs(self, name, stills=()):
        return []

    def writer(self, job):
        seen = self.seen

        class Count(formats.Writer):
            def grab(self, shot):
                seen.append((shot.step, shot.duration, int(shot.rgb().sum())))
        return Count()


def test_a_format_registered_from_python_gets_every_frame(tmp_path):
    formats.register(Counting)
    Counting.seen.clear()
    scene = Scene(title="count", problem=problems.ill_conditioned,
                  runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=9)],
                  views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5)], size=(3.2, 1.8), dpi=40,
                  timing=Timing(every=2, hold_first=0.3))
    assert render_scene(scene, "c", tmp_path, ("counting-test",)) == []
    expected = schedule(9, scene.timing)
    assert [(s, d) for s, d, _ in Counting.seen] == [(f.step, f.duration) for f in expected]
    assert len({digest for _, _, digest in Counting.seen}) == len(expected)        # each frame its own pixels


def test_a_format_from_an_installed_packages_entry_point(tmp_path):
    site = tmp_path / "site"
    (site / "gdanim_npy-1.0.dist-info").mkdir(parents=True)
    (site / "gdanim_npy-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: gdanim-npy\nVersion: 1.0\n")
    (site / "gdanim_npy-1.0.dist-info" / "entry_points.txt").write_text("[gdanim.formats]\nnpy = gdanim_npy\n")
    (site / "gdanim_npy.py").write_text(textwrap.dedent('''
        import numpy as np
        from gdanim.formats import Format, Writer, register

        class LastFrame(Writer):
            def __init__(self, job):
                self.job, self.last = job, None
            def grab(self, shot):
                self.last = shot.rgb()
            def finish(self):
                np.save(self.job.temp(f"{self.job.name}.last.npy"), self.last)

        @register
        class Npy(Format):
            name, consumes, purpose = "npy", "frames", "the last frame as a numpy array"
            def outputs(self, name, stills=()):
                return [(f"{name}.last.npy", "last frame (numpy)")]
            def writer(self, job):
                return LastFrame(job)
    '''))
    scene = tmp_path / "s.py"
    scene.write_text("from gdanim import Run, Scene, optimizers, problems, views\n"
                     "scene = Scene(title='t', problem=problems.parabola, size=(3.2, 1.8), dpi=40,\n"
                     "              runs=[Run('a', optimizers.gd(0.1), start=2, steps=4)], views=[views.Curve1D()])\n")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    help_ = subprocess.run([sys.executable, "-m", "gdanim", "render", "--help"], capture_output=True, text=True, env=env)
    assert "npy" in help_.stdout.replace("\n", " "), help_.stdout
    r = subprocess.run([sys.executable, "-m", "gdanim", "render", str(scene), "--out", str(tmp_path / "out"),
                        "--format", "npy,png"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    last = np.load(tmp_path / "out" / "s.last.npy")
    png = np.asarray(Image.open(tmp_path / "out" / "s.png").convert("RGB"))
    assert last.shape == png.shape == (72, 128, 3) and np.array_equal(last, png)   # the final frame is the still


def test_every_built_in_format_writes_exactly_the_files_it_declares(tmp_path):
    scene = Scene(title="files", problem=problems.ill_conditioned,
                  runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=4)],
                  views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5)], size=(3.2, 1.8), dpi=30,
                  stills={"start": 0}, timing=Timing(hold_last=1.0))
    for name in ("pdf", "png", "gif", "mp4", "beamer", "png-frames", "alt"):
        fmt = formats.get(name)
        written = render_scene(scene, "f", tmp_path / name, (name,))
        assert sorted(p.name for p in written) == sorted(f.rstrip("/") for f, _ in fmt.outputs("f", scene.stills)), name


def titled_by(module: str, folder) -> Path:
    """A scene w.py whose title comes from ``module``.py beside it (TITLE = 'first')."""
    (folder / f"{module}.py").write_text("TITLE = 'first'\n")
    scene = folder / "w.py"
    scene.write_text(f"import {module}\n"
                     "from gdanim import Run, Scene, optimizers, problems, views\n"
                     f"scene = Scene(title={module}.TITLE, problem=problems.parabola,\n"
                     "              runs=[Run('a', optimizers.gd(0.1), start=2, steps=3)], views=[views.LossCurve()])\n")
    return scene


def test_watch_follows_the_modules_a_scene_imports(tmp_path):
    scene = titled_by("settings", tmp_path)
    with Watching(scene, tmp_path / "out") as w:
        w.until_alt_starts_with("first.")
        (tmp_path / "settings.py").write_text("TITLE = 'second, from the module'\n")
        w.until_alt_starts_with("second, from the module.")


def test_sibling_modules_of_two_folders_do_not_mix(tmp_path):
    from gdanim.app.loader import load
    for folder, title in (("one", "from one"), ("two", "from two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "common.py").write_text(f"TITLE = {title!r}\n")
        (tmp_path / folder / "s.py").write_text(
            "import common\nfrom gdanim import Scene, problems, views\n"
            "scene = Scene(title=common.TITLE, problem=problems.parabola, views=[views.Curve1D()])\n")
    assert load(tmp_path / "one" / "s.py").title == "from one"
    assert load(tmp_path / "two" / "s.py").title == "from two"
    assert "common" not in sys.modules


def test_only_the_scenes_own_modules_are_forgotten_after_a_load(tmp_path):
    """A package beside the scene is the scene's and is imported afresh next time; a library that
    merely lives somewhere under the scene's folder (a virtual environment there) is not."""
    from gdanim.app.loader import load_with_sources
    site = tmp_path / "venv" / "lib" / "site-packages"
    (site / "extlib_for_test").mkdir(parents=True)
    (site / "extlib_for_test" / "__init__.py").write_text("VALUE = 1\n")
    (tmp_path / "helpers_for_test").mkdir()
    (tmp_path / "helpers_for_test" / "__init__.py").write_text("from .titles import TITLE\n")
    (tmp_path / "helpers_for_test" / "titles.py").write_text("TITLE = 'helped'\n")
    (tmp_path / "s.py").write_text(
        f"import sys\nsys.path.append({str(site)!r})\nimport extlib_for_test, helpers_for_test\n"
        "from gdanim import Scene, problems, views\n"
        "scene = Scene(title=helpers_for_test.TITLE, problem=problems.parabola, views=[views.Curve1D()])\n")
    try:
        scene, sources = load_with_sources(tmp_path / "s.py")
        assert scene.title == "helped"
        assert "extlib_for_test" in sys.modules                       # a library: kept
        assert not [m for m in sys.modules if m.startswith("helpers_for_test")]     # the scene's own: forgotten
        assert sorted(p.name for p in sources) == ["__init__.py", "s.py", "titles.py"]
    finally:
        sys.modules.pop("extlib_for_test", None)
        if str(site) in sys.path:
            sys.path.remove(str(site))


def test_watch_follows_a_sibling_module_through_a_broken_save(tmp_path):
    scene = titled_by("_settings", tmp_path)
    with Watching(scene, tmp_path / "out") as w:
        w.until_alt_starts_with("first.")
        (tmp_path / "_settings.py").write_text("TITLE = 'broken\n")
        wait_until(lambda: "SyntaxError" in w.log.read_text() or "syntax error" in w.log.read_text(), w.proc)
        (tmp_path / "_settings.py").write_text("TITLE = 'mended'\n")
        w.until_alt_starts_with("mended.")


def readme_block(first_line: str) -> str:
    """The ```python block of the README or the docs (the tutorial) that starts with ``first_line``."""
    from conftest import ROOT
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for block in page.read_text().split("```python\n")[1:]:
            code = block.split("```")[0]
            if code.startswith(first_line):
                return code
    raise AssertionError(f"no block of the README or the docs starts with {first_line!r}")


def test_the_readmes_extension_examples_work_as_written(tmp_path):
    (tmp_path / "_step_panel.py").write_text(readme_block("# _step_panel.py"))
    (tmp_path / "_loss_csv.py").write_text(readme_block("# _loss_csv.py"))
    optimizer = readme_block("import numpy as np\nfrom gdanim import optimizers as opt")
    (tmp_path / "lecture.py").write_text(optimizer + textwrap.dedent('''
        import _loss_csv
        from gdanim import Run, Scene, problems, views
        from _step_panel import StepLength

        scene = Scene(title="README", problem=problems.ill_conditioned, size=(6.4, 3.2), dpi=40,
                      runs=[Run("sign momentum", sign_momentum, start=(-4, -2), steps=8)],
                      views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5), StepLength()])
    '''))
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "lecture.py", "--out", out, "--format", "loss-csv,png,alt")
    assert r.exit_code == 0, r.output
    rows = (out / "lecture.losses.csv").read_text().splitlines()
    assert rows[0] == "run,step,loss" and len(rows) == 10
    w, v = np.array([-4.0, -2.0]), np.zeros(2)
    for _ in range(8):                                   # the README's rule, by hand
        v = 0.5 * v - 0.01 * np.sign(problems.ill_conditioned.grad(w))
        w = w + v
    assert float(rows[-1].split(",")[2]) == pytest.approx(problems.ill_conditioned.value(w), rel=1e-12)
    assert "the length of each step against the iteration" in (out / "lecture.alt.txt").read_text()


def test_the_readmes_format_table_is_the_registrys():
    """`make readme` writes the table from the registry; a format added without it fails here."""
    from conftest import ROOT
    from gdanim.app.readme_table import MARKERS, formats_table
    text = (ROOT / "README.md").read_text()
    start, end = MARKERS["formats"]
    assert text.split(start)[1].split(end)[0].strip() == formats_table()


OWN_VIEW_IN_THE_SCENE = '''
from dataclasses import dataclass

import gdanim
from gdanim import Run, Scene, Timing, optimizers, problems, views


@dataclass(frozen=True, kw_only=True)
class MyView(views.View):
    """A magenta bar as long as the loss has fallen."""
    width: float = 8.0

    def describe(self, problem):
        return "how far the loss has fallen"


@gdanim.paint.paints(MyView)
class MyPainter(gdanim.paint.Painter):
    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        self.traj = self.shown[0].traj
        self.bar, = ax.plot([], [], color="#ff00ff", lw=view.width * self.k)
        self.animate(self.bar)
        ax.set_xlim(0, self.traj.loss[0])
        ax.set_ylim(-1, 1)

    def update(self, step, frame):
        self.bar.set_data([0, self.traj.loss[0] - self.traj.loss[self.traj.at(step)]], [0, 0])


scene = Scene(title="A view of the scene's own", problem=problems.ill_conditioned,
              runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=12)],
              views=[views.LossCurve(), MyView(width=10)],
              size=(6.4, 3.2), dpi=40, timing=Timing(hold_first=0, hold_last=0))
'''


def test_a_dataclass_view_and_its_painter_declared_in_the_scene_file_itself_render(tmp_path):
    """@dataclass looks its class's module up in sys.modules: the scene's module is there while it
    loads (it was not: "'NoneType' object has no attribute '__dict__'"), and gone after."""
    from gdanim.app.loader import load_with_sources
    (tmp_path / "own.py").write_text(OWN_VIEW_IN_THE_SCENE)
    scene, sources = load_with_sources(tmp_path / "own.py")
    assert type(scene.views[1]).__name__ == "MyView" and scene.views[1].width == 10
    assert not [m for m in list(sys.modules) if getattr(sys.modules[m], "__file__", None) == str(tmp_path / "own.py")]
    assert sources == [tmp_path / "own.py"]
    r = invoke("render", tmp_path / "own.py", "--out", tmp_path / "out", "--format", "png,alt")
    assert r.exit_code == 0, r.output
    assert magenta(tmp_path / "out" / "own.png") > 100
    assert "how far the loss has fallen" in (tmp_path / "out" / "own.alt.txt").read_text()


def test_a_painters_parts_are_called_in_order_and_only_the_moving_ones_are_animated():
    """window → static → moving → keys; what ``moving`` registers is the moving layer, what
    ``static`` draws stays in the background; a painter with an __init__ of its own still works."""
    from dataclasses import dataclass
    from matplotlib.figure import Figure
    from gdanim.compute.runner import run as run_trajectory
    from gdanim.rendering.paint import PaintContext, Painter, Shown
    from gdanim.declare.style import LIGHT
    from gdanim import Run, optimizers, problems, views

    calls = []

    @dataclass(frozen=True, kw_only=True)
    class Panel(views.View):
        pass

    class Ordered(Painter):
        def window(self):
            calls.append("window")
            self.ax.set_xlim(0, 1)

        def static(self):
            calls.append("static")
            self.floor, = self.ax.plot([0, 1], [0, 0])

        def moving(self):
            calls.append("moving")
            self.head, = self.ax.plot([], [], "o")
            self.animate(self.head, run=self.shown[0])

        def keys(self):
            calls.append("keys")
            self.title("ordered")

    class Old(Painter):             # the constructor style of before: still drawn
        def __init__(self, ax, view, problem, shown, ctx):
            super().__init__(ax, view, problem, shown, ctx)
            self.line, = ax.plot([], [])
            self.animate(self.line)

    problem = problems.ill_conditioned
    run = Run("GD", optimizers.gd(0.5), start=(1.0, 1.0), steps=3)
    shown = [Shown(run, run_trajectory(problem, run), problem, "#000000")]
    ax = Figure().add_subplot()
    painter = Ordered(ax, Panel(), problem, shown, PaintContext(theme=LIGHT, total=3))
    assert calls == ["window", "static", "moving", "keys"]
    assert painter.animated == [painter.head] and painter.floor not in painter.animated
    assert painter.owners == {id(painter.head): "GD"} and ax.get_title() == "ordered"
    old = Old(Figure().add_subplot(), Panel(), problem, shown, PaintContext(theme=LIGHT, total=3))
    assert old.animated == [old.line]
