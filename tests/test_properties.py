"""Property tests (hypothesis): random learning rates from 1e-8 to 1e4, starts far from the
optimum and random step counts, at every optimizer on every kind of problem. Each run either
renders or stops with a clear reason; no exception escapes and no NaN reaches a plot."""
import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text

from gdanim import Run, Scene, Timing, data, optimizers as opt, problems, views
from gdanim.core.errors import GdanimError
from gdanim.rendering.frame_pass import FramePass
from gdanim.rendering.scene_figure import SceneFigure
from gdanim.compute.runner import divergence_limit, run

OPTIMIZERS = {
    "gd": opt.gd, "momentum": opt.momentum, "momentum_variant": opt.momentum_variant, "nesterov": opt.nesterov,
    "adagrad": opt.adagrad, "rmsprop": opt.rmsprop, "adam": opt.adam, "newton": opt.newton,
}
PROBLEMS = {
    "parabola": problems.parabola,
    "double_well": problems.double_well,
    "ill_conditioned": problems.ill_conditioned,
    "rosenbrock": problems.Rosenbrock(),
    "function": problems.Function(lambda w: math.log1p(w[0] ** 2) + abs(w[1]) ** 1.5, dim=2),
    "linear": problems.LinearRegression(data.Linear(n=30, sigma=1.0)),
    "linear_2d": problems.LinearRegression(data.Correlated(n=40)),
    "logistic": problems.LogisticRegression(data.breast_cancer()),
    "sine": problems.SineRegression(data.Sine(n=40)),
}


def panels(problem):
    """Every view that can show the problem."""
    out = [views.LossCurve(log=True), views.Traces()]
    if problem.dim == 1:
        out.append(views.Curve1D())
    else:
        out.append(views.Contours(axes=(0, 1), levels=6))
    if problem.data is not None and not (isinstance(problem, problems.LinearRegression) and problem.dim != 2):
        out.append(views.ModelFit())
    return out


lrs = st.floats(min_value=-8, max_value=4).map(lambda e: 10.0 ** e)
far = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
steps = st.integers(min_value=0, max_value=300)



@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opt_name=st.sampled_from(sorted(OPTIMIZERS)), prob_name=st.sampled_from(sorted(PROBLEMS)),
       lr=lrs, start=st.lists(far, min_size=4, max_size=4), n=steps)
def test_every_run_ends_finite_or_says_it_diverged(opt_name, prob_name, lr, start, n):
    problem = PROBLEMS[prob_name]
    spec = Run("r", OPTIMIZERS[opt_name](lr), start=start[: problem.dim], steps=n)
    t = run(problem, spec)
    assert np.all(np.isfinite(t.params)) and np.all(np.isfinite(t.loss))
    assert np.all(np.abs(t.params) < divergence_limit(problem, spec.start))
    assert t.stop in ("budget", "diverged", "undefined")
    if t.stop == "diverged":
        assert 1 <= t.diverged_at <= n and t.steps == t.diverged_at - 1
        assert t.reason() == f"diverged at step {t.diverged_at}"
    elif t.stop == "undefined":                      # Newton at a singular Hessian: said as such
        assert opt_name == "newton" and t.steps < n
        assert t.reason() == f"stopped at step {t.steps}: the Hessian is singular, so Newton's step is undefined"
    else:
        assert t.steps == n


def plotted_numbers(fig):
    """Every coordinate an animated or static artist of the figure would draw."""
    for ax in fig.axes:
        for a in ax.get_children():
            if not a.get_visible():
                continue
            if isinstance(a, Line2D):
                yield from np.ravel(a.get_xydata())
            elif isinstance(a, PathCollection):
                yield from np.ravel(a.get_offsets())
            elif isinstance(a, Text):
                yield from a.get_position()


@pytest.mark.filterwarnings("ignore:constrained_layout not applied")      # 4 panels in a 4-inch figure
@pytest.mark.filterwarnings("ignore::gdanim.core.errors.Note")        # what such a figure cannot show is said, as it should
@settings(max_examples=20, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opt_name=st.sampled_from(sorted(OPTIMIZERS)), prob_name=st.sampled_from(sorted(PROBLEMS)),
       lrs_=st.lists(lrs, min_size=1, max_size=3), start=st.lists(far, min_size=4, max_size=4),
       n=st.integers(0, 40))
def test_every_scene_renders_or_gives_a_clear_reason(opt_name, prob_name, lrs_, start, n):
    problem = PROBLEMS[prob_name]
    runs = [Run(f"lr {lr:.3g} #{k}", OPTIMIZERS[opt_name](lr), start=start[: problem.dim], steps=n)
            for k, lr in enumerate(lrs_)]
    try:
        scene = Scene(title="property", problem=problem, runs=runs, views=panels(problem),
                      size=(4, 2.25), dpi=20, timing=Timing(hold_first=0, hold_last=0))
        import matplotlib
        from gdanim import run_scene
        from gdanim.declare.style import THEMES, rc
        with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
            built = SceneFigure(scene, {t.label: t for t in run_scene(scene)}, 20)
            built.freeze_layout()
            fp = FramePass(built)
            for step in sorted({0, n // 2, n, n + 1}):
                rgb = fp.draw(step, 0)
                assert rgb.shape[2] == 3
                bad = [v for v in plotted_numbers(built.fig) if not np.isfinite(v)]
                assert not bad, f"{len(bad)} non-finite coordinates at step {step}"
    except GdanimError as exc:          # a clear reason is fine; it must be one line
        assert "\n" not in str(exc) and str(exc)


# Random scene files, as a lecturer might write them, right and wrong -------------------------

RAISER = '''
class Raiser:
    """A loss of the lecturer's own that raises at its N-th call (in a run, or while drawing)."""
    def __init__(self, at):
        self.at, self.calls = at, 0
    def __call__(self, w):
        self.calls += 1
        if self.calls == self.at:
            raise RuntimeError(f"call {self.at}")
        return float(np.sum(np.asarray(w, dtype=float) ** 2))
'''
RIGHT = dict(
    problem=["problems.parabola", "problems.ill_conditioned", "problems.Rosenbrock()",
             "problems.Function(Raiser({k}), dim=2)", "problems.Function(Raiser({k}), dim=1)",
             "problems.LinearRegression(data.Linear(n=30, coef=[3], intercept=2, sigma=1, seed=0))"],
    lr=["0.1", "1e6", "schedules.inverse_time(0.5)", "1.5"],
    steps=["0", "3", "12"],
    start=["(1, 1)", "1", "(0.5, -0.5)", "(1e150, -3)"],
    size=["(3.2, 1.8)", "(2.4, 2.4)", "(1, 1)"],
    dpi=["20", "30"],
    color=["None", "'tab:red'", "(0.2, 0.4, 0.6)"],
    view=["views.LossCurve()", "views.Curve1D()", "views.Contours(levels=5)", "views.Surface3D(npts=5)",
          "views.Traces()", "views.ModelFit()", "views.GradientField(arrow_grid=4)", "views.Taylor()"],
    fps=["10", "60"],
)
WRONG = dict(
    problem=["problems.Function(lambda w: w, dim=2)", "'not a problem'",
             "problems.Function(lambda w: float(w @ w), gradient=lambda w: np.ones(5), dim=2)"],
    lr=["-1", "'fast'", "0", "float('nan')"],
    steps=["-1", "10 ** 9", "2.5", "'many'"],
    start=["'here'", "(1, 1, 1)", "(float('inf'), 0)"],
    size=["(0.5, 1)", "(41, 2)", "'huge'", "(3.2,)"],
    dpi=["601", "19", "'x'"],
    color=["'notacolor'", "3"],
    view=["views.Contours(levels=(3, 1))", "views.Contours(axes=('w0', 'nope'))", "'a panel'"],
    fps=["0", "61"],
)


@st.composite
def scene_sources(draw):
    pick = {k: draw(st.sampled_from(WRONG[k] if draw(st.integers(0, 9)) == 0 else RIGHT[k])) for k in RIGHT}
    k = draw(st.integers(min_value=1, max_value=400))
    return ("import numpy as np\nfrom gdanim import Run, Scene, Timing, data, optimizers, problems, schedules, views\n"
            + RAISER
            + f"scene = Scene(title='random', problem={pick['problem'].format(k=k)},\n"
            + f"              runs=[Run('r', optimizers.gd({pick['lr']}), start={pick['start']}, steps={pick['steps']},\n"
            + f"                        color={pick['color']})],\n"
            + f"              views=[{pick['view']}], size={pick['size']}, dpi={pick['dpi']},\n"
            + f"              timing=Timing(fps={pick['fps']}, hold_first=0, hold_last=0.1))\n")


@settings(max_examples=int(os.environ.get("GDANIM_SCENE_EXAMPLES", 25)), derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=scene_sources())
def test_any_scene_renders_or_fails_in_one_line_leaving_the_folder_as_it_was(tmp_path, source):
    import hashlib
    import tempfile
    from pathlib import Path
    from conftest import invoke
    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        d = Path(d)
        (d / "s.py").write_text(source)
        out = d / "out"
        out.mkdir()
        for name in ("s.gif", "s.png", "s.alt.txt"):
            (out / name).write_bytes(b"earlier")
        before = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in out.iterdir()}
        r = invoke("render", d / "s.py", "--out", out, "--format", "gif,png,alt", "--max-frames", 3)
        lines = r.output.strip().splitlines()
        after = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in out.iterdir()}
        assert "Traceback" not in r.output and r.exit_code in (0, 5, 6, 7), (r.exit_code, r.output, source)
        if r.exit_code == 0:
            assert [x for x in lines if not x.startswith("gdanim: note:")] == [str(out / f) for f in
                                                                               ("s.gif", "s.png", "s.alt.txt")]
            assert all(after[n] != before[n] for n in before)
        else:
            assert len(lines) == 1 and lines[0].startswith(f"gdanim: error: {d / 's.py'}"), (r.output, source)
            assert after == before, source
