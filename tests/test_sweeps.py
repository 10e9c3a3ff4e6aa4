"""Sweeps: one run per value of a hyperparameter. Each value reaches the run it names (against runs
written out by hand), the summary panel plots the final losses and marks the diverged, and a swept
scene survives being restyled on the command line."""
import dataclasses

import matplotlib
import numpy as np
import pytest

from conftest import invoke
from gdanim import Run, Scene, Sweep, optimizers, problems, schedules, views
from gdanim.core.errors import SceneError
from gdanim.compute.runner import run_scene

BOWL = problems.ill_conditioned
START = (-4.0, -2.0)


def by_label(scene):
    return {t.label: t for t in run_scene(scene)}


@pytest.mark.parametrize("over, values, by_hand", [
    ("lr", (0.1, 0.5), lambda v: Run("x", optimizers.momentum(v, beta=0.3), start=START, steps=12)),
    ("momentum", (0.0, 0.6), lambda v: Run("x", optimizers.momentum(0.5, beta=v), start=START, steps=12)),
    ("start", ((1, 1), (-3, 2)), lambda v: Run("x", optimizers.momentum(0.5, beta=0.3), start=v, steps=12)),
    ("steps", (3, 7), lambda v: Run("x", optimizers.momentum(0.5, beta=0.3), start=START, steps=v)),
])
def test_each_value_reaches_its_run(over, values, by_hand):
    template = Run("m", optimizers.momentum(0.5, beta=0.3), start=START, steps=12)
    swept = Scene(title="s", problem=BOWL, sweep=Sweep(template, over=over, values=values), views=[views.LossCurve()])
    got = by_label(swept)
    assert list(got) == list(swept.swept_labels) and len(got) == len(values)
    for label, value in zip(swept.swept_labels, values):
        hand = by_label(Scene(title="h", problem=BOWL, runs=[by_hand(value)], views=[views.LossCurve()]))["x"]
        np.testing.assert_array_equal(got[label].params, hand.params)
        assert next(r for r in swept.runs if r.label == label).swept == (over, value)


def test_batch_size_and_eta_and_b1_are_swept_by_name():
    data_problem = problems.LinearRegression(__import__("gdanim").data.Linear(n=40, coef=[3], intercept=2, sigma=0.5, seed=1))
    s = Sweep(Run("sgd", optimizers.gd(0.1), start=(0, 0), steps=5, batch_size=4), over="batch_size", values=(2, 8))
    scene = Scene(title="b", problem=data_problem, sweep=s, views=[views.LossCurve()])
    assert [r.batch_size for r in scene.runs] == [2, 8]
    assert Sweep(Run("v", optimizers.momentum_variant(0.1, eta=0.9)), over="momentum", values=(0.5, 0.7)).field == "eta"
    assert Sweep(Run("a", optimizers.adam(0.1)), over="momentum", values=(0.5, 0.7)).field == "b1"


@pytest.mark.parametrize("make, message", [
    (lambda: Sweep(Run("a", optimizers.adam(0.1)), over="b2", values=(0.9, 1.5)), r"Sweep over b2: value must be in \[0, 1\), got 1.5"),
    (lambda: Sweep(Run("a", optimizers.adagrad(0.1)), over="eps", values=(0, 1e-8)), "Sweep over eps: value must be a positive number, got 0"),
    (lambda: Sweep(Run("g", optimizers.gd(schedules.inverse_time(1.0))), over="lr", values=(0.1, 0.2)),
     "has the schedule .*a sweep gives each run a constant rate"),
    (lambda: Sweep(Run("g", optimizers.gd(0.1)), over="lr", values=(0.1, 0.1)), "the value 0.1 is given twice"),
    (lambda: Sweep(Run("g", optimizers.gd(0.1)), over="seed", values=(0, 1)),
     "Sweep over seed: run 'g' has no batch_size, and a seed only draws minibatches: every value would give the same run"),
    (lambda: Scene(title="t", problem=BOWL, runs=[Run("solo", optimizers.gd(0.1), start=START)],
                   sweep=Sweep(Run("g", optimizers.gd(0.1), start=START), over="lr", values=(0.1, 0.2)),
                   views=[views.SweepSummary(runs=["solo"])]), "SweepSummary\\(runs=...\\) must show some of the sweep's runs"),
    (lambda: Scene(title="t", problem=BOWL, runs=[Run("solo", optimizers.gd(0.1), start=START)],
                   views=[views.SweepSummary()]), "SweepSummary needs a sweep"),
])
def test_what_cannot_be_swept_is_refused(make, message):
    with pytest.raises(SceneError, match=message):
        make()


def test_the_summary_plots_final_losses_and_crosses_the_diverged():
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    values = (0.1, 0.9, 2.5, 3.0)                 # 2/λmax = 2 on this bowl: the last two diverge
    scene = Scene(title="s", problem=BOWL, sweep=Sweep(Run("g", optimizers.gd(0.1), start=START, steps=30),
                                                      over="lr", values=values),
                  views=[views.SweepSummary()], size=(6.4, 3.2), dpi=40)
    trajs = trajectories_of(scene)
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        built = SceneFigure(scene, trajs, scene.dpi)
    ax = built.fig.axes[0]
    line = ax.get_lines()[0]                      # the static curve through the finite final losses
    np.testing.assert_allclose(line.get_xdata(), [0.1, 0.9])
    np.testing.assert_allclose(line.get_ydata(), [trajs["lr 0.1"].loss[-1], trajs["lr 0.9"].loss[-1]])
    crosses = [ln for ln in ax.get_lines() if ln.get_marker() == "X"]
    assert sorted(float(ln.get_xdata()[0]) for ln in crosses) == [2.5, 3.0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    rings = built.painters[0].rings
    assert not any(r.get_visible() for r in rings.values())
    built.painters[0].focus("lr 0.9")
    assert [lab for lab, r in rings.items() if r.get_visible()] == ["lr 0.9"]


def test_a_swept_scene_can_be_restyled_on_the_command_line(tmp_path):
    scene = tmp_path / "s.py"
    scene.write_text("from gdanim import Run, Scene, Sweep, optimizers, problems, views\n"
                     "scene = Scene(title='t', problem=problems.ill_conditioned, size=(6.4, 3.2), dpi=40,\n"
                     "    sweep=Sweep(Run('g', optimizers.gd(0.1), start=(-4, -2), steps=4), over='lr', values=(0.1, 0.5)),\n"
                     "    views=[views.LossCurve(), views.SweepSummary()])\n")
    r = invoke("render", scene, "--out", tmp_path / "out", "--format", "png", "--theme", "dark", "--size", "wide")
    assert r.exit_code == 0, r.output
    dark = dataclasses.replace(Scene(title="t", problem=BOWL, views=[views.LossCurve()],
                                     sweep=Sweep(Run("g", optimizers.gd(0.1), start=START), over="lr", values=(0.1, 0.5))),
                               theme="dark")
    assert [r.label for r in dark.runs] == ["lr 0.1", "lr 0.5"]            # not twice
    assert dark.runs[0].color is None                                      # the figure colours them, by its theme:
    from gdanim.declare.style import THEMES, run_colors
    assert run_colors(THEMES["dark"], dark.runs)["lr 0.1"] == "#3b518b"    # the dark theme's end of viridis
    assert run_colors(THEMES["light"], dark.runs)["lr 0.1"] == "#451263"
