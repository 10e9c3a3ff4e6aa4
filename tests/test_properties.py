"""Property tests (hypothesis): random learning rates from 1e-8 to 1e4, starts far from the
optimum and random step counts, at every optimizer on every kind of problem. Each run either
renders or stops with a clear reason; no exception escapes and no NaN reaches a plot."""
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text

from gdanim import Run, Scene, Timing, data, optimizers as opt, problems, views
from gdanim.errors import GdanimError
from gdanim.renderer import FramePass, SceneFigure
from gdanim.runner import divergence_limit, run

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
    "linear": problems.LinearRegression(data.linear(n=30, sigma=1.0)),
    "linear_2d": problems.LinearRegression(data.correlated(n=40)),
    "logistic": problems.LogisticRegression(data.breast_cancer()),
    "sine": problems.SineRegression(data.sine(n=40)),
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
        assert t.reason() == f"stopped after {t.steps} steps: the Hessian is singular, so Newton's step is " \
                             f"undefined at step {t.steps + 1}"
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
        from gdanim.style import THEMES, rc
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
