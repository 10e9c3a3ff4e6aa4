"""Issue 28's "user extensions, without friction", point by point, through the gdanim command: an
optimizer of one's own is built afresh for each run (its closure's state is its run's alone);
adadelta(1.0) works; string and boolean hyperparameters are said as such in the alt text, and can be
swept; an optimizer without a learning rate needs no fake one."""
import textwrap

import numpy as np
import pytest

from conftest import invoke
from gdanim import Run, Scene, Sweep, optimizers as O, problems as P, views as V
from gdanim.compute.runner import run_scene
from gdanim.core.errors import SceneError
from test_render import SMALL, draw

OWN = '''
import numpy as np
from gdanim import Run, Scene, Sweep, optimizers as O, problems, views

def counting_gd(lr, mode="plain", centred=True):
    """Gradient descent with a rate lr/k at its own k-th step, counted in its closure."""
    def build(s, mode, centred):
        seen = []
        def update(u, state, params, **extra):
            seen.append(1)
            return -s(1) / len(seen) * (np.sign(u) if mode == "sign" else u), state
        return O.Transform(lambda p: O.EmptyState(), update)
    return O.optimizer("counting GD", lr, build, mode=mode, centred=centred)

def halving():
    return O.Transform(lambda p: O.EmptyState(), lambda u, state, params: (-0.5 * u, state))
'''


def scene_file(tmp_path, body):
    path = tmp_path / "own.py"
    path.write_text(OWN + textwrap.dedent(body))
    return path


def counting_by_hand(problem, start, steps, lr=0.1, sign=False):
    w = np.array(start, dtype=float)
    for k in range(1, steps + 1):
        g = problem.grad(w)
        w = w - lr / k * (np.sign(g) if sign else g)
    return w


def test_an_optimizer_of_ones_own_is_built_for_each_run(tmp_path):
    """The same declaration in three runs and a sweep: each run counts its own steps from 1."""
    ns = {}
    exec(OWN, ns)
    opt = ns["counting_gd"](0.1)
    problem = P.ill_conditioned
    scene = Scene("t", problem=problem, runs=[Run(f"r{i}", opt, start=(1, 1), steps=6) for i in range(3)],
                  views=[V.LossCurve()])
    for t in run_scene(scene):
        np.testing.assert_allclose(t.params[-1], counting_by_hand(problem, (1, 1), 6), rtol=1e-12)
    swept = Scene("t", problem=problem, sweep=Sweep(Run("s", opt, start=(1, 1), steps=6), over="mode",
                                                    values=["plain", "sign"]), views=[V.LossCurve()])
    plain, sign = run_scene(swept)
    np.testing.assert_allclose(plain.params[-1], counting_by_hand(problem, (1, 1), 6), rtol=1e-12)
    np.testing.assert_allclose(sign.params[-1], counting_by_hand(problem, (1, 1), 6, sign=True), rtol=1e-12)


def test_words_switches_no_learning_rate_and_adadelta_are_said_as_they_are(tmp_path):
    path = scene_file(tmp_path, '''
        scene = Scene("own", problem=problems.ill_conditioned,
            runs=[Run("a", counting_gd(0.1, mode="sign", centred=False), start=(1, 1), steps=5),
                  Run("c", O.adadelta(1.0), start=(1, 1), steps=5),
                  Run("d", O.optimizer("halving", None, halving), start=(1, 1), steps=5)],
            views=[views.Contours(xlim=(-2, 2), ylim=(-2, 2)), views.LossCurve(metric="step_size")],
            size=(4, 2.25), dpi=40)
    ''')
    r = invoke("render", path, "--out", tmp_path / "out", "--format", "alt,png")
    assert r.exit_code == 0, r.output
    alt = (tmp_path / "out" / "own.alt.txt").read_text()
    assert "a (counting GD, lr 0.1, mode=sign, centred=False) ran 5 steps" in alt
    assert "c (Adadelta, lr 1, rho=0.9, weight_decay=0) ran 5 steps" in alt
    assert "d (halving) ran 5 steps" in alt and "lr None" not in alt


def test_a_word_or_a_switch_of_ones_own_can_be_swept(tmp_path):
    ns = {}
    exec(OWN, ns)
    for over, values in (("mode", ["sign", "plain"]), ("centred", [True, False])):
        scene = Scene("t", problem=P.ill_conditioned,
                      sweep=Sweep(Run("s", ns["counting_gd"](0.1), start=(1, 1), steps=4), over=over, values=values),
                      views=[V.SweepSummary()], **SMALL)
        assert [r.label for r in scene.runs] == [f"{over} {v}" for v in values]      # in the order given
        built, trajs, _ = draw(scene, [4])
        ax = built.painters[0].ax
        assert [t.get_text() for t in ax.get_xticklabels()] == [str(v) for v in values]
        marks = [ln for ln in ax.lines if ln.get_marker() == "o"][:2]        # the runs' dots, then the chosen ring
        assert [float(m.get_xdata()[0]) for m in marks] == [0.0, 1.0]
        assert [float(m.get_ydata()[0]) for m in marks] == [trajs[r.label].loss[-1] for r in scene.runs]
    with pytest.raises(SceneError, match=r"Sweep over centred: value must be True or False, as centred=True of run "
                                         r"'s' is, got 1"):
        Sweep(Run("s", ns["counting_gd"](0.1), start=(1, 1), steps=4), over="centred", values=[1, 0])
    with pytest.raises(SceneError, match=r"Sweep over mode: value must be a string, as mode=plain of run 's' is, "
                                         r"got 0\.5"):
        Sweep(Run("s", ns["counting_gd"](0.1), start=(1, 1), steps=4), over="mode", values=["sign", 0.5])


def test_sweeping_a_word_renders_the_explorer_and_says_the_values(tmp_path):
    path = scene_file(tmp_path, '''
        scene = Scene("own", problem=problems.ill_conditioned,
            sweep=Sweep(Run("s", counting_gd(0.1), start=(1, 1), steps=5), over="mode", values=["sign", "plain"]),
            views=[views.Contours(xlim=(-2, 2), ylim=(-2, 2)), views.SweepSummary()], size=(4, 2.25), dpi=40)
    ''')
    r = invoke("render", path, "--out", tmp_path / "out", "--format", "alt,html")
    assert r.exit_code == 0, r.output
    assert '"values":["sign","plain"]' in (tmp_path / "out" / "own.html").read_text()
    assert "mode sign (counting GD, lr 0.1, mode=sign, centred=True)" in (tmp_path / "out" / "own.alt.txt").read_text()
