"""ModelFit of a model the lecturer writes (predict=, over data=) and of a problem with a predict of
its own (the tiny network): the line drawn is the model at the frame's step, in the frame's pixels;
mistakes are one-line errors naming what went wrong."""
import re
import textwrap

import numpy as np
import pytest

from conftest import invoke
from gdanim import Pin, Run, Scene, data, optimizers as O, problems as P, views as V
from gdanim.core import errors as E
from gdanim.core.errors import SceneError
from test_render import SMALL, draw, near

XS = np.linspace(0, 3, 12)
DECAY = data.Arrays(XS, 2 * np.exp(-0.7 * XS) + 0.05 * np.sin(7 * XS), names=("t",), target="amount")


def decay(w, x):
    return w[0] * np.exp(-w[1] * x)


# a custom loss: the mean absolute error of the lecturer's own model on that data
MAE = P.Function(lambda w: np.mean(np.abs(decay(w, XS) - DECAY.y)), dim=2, param_names=("a", "k"))
GREEN = "#009E73"


def test_a_model_of_ones_own_is_drawn_at_each_step_over_the_data():
    run = Run("GD", O.gd(0.05), start=(1.0, 0.1), steps=30, color=GREEN)
    scene = Scene("t", problem=MAE, runs=[run], views=[V.ModelFit(predict=decay, data=DECAY)], **SMALL)
    built, trajs, frames = draw(scene, [0, 30], texts=False)
    painter, traj = built.painters[0], trajs["GD"]
    ax = painter.ax
    line = painter.curves[0][1]
    x, y = line.get_data()
    np.testing.assert_allclose(y, decay(traj.params[30], x), rtol=1e-12)
    assert (x.min(), x.max()) == pytest.approx(ax.get_xlim())
    assert ax.get_xlabel() == "t" and ax.get_ylabel() == "amount"
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(points, np.column_stack([XS, DECAY.y]))
    for xi in (0.3, 1.5, 2.7):
        end, start = (xi, decay(traj.params[30], xi)), (xi, decay(traj.params[0], xi))
        assert near(frames[30], ax, end, GREEN) and not near(frames[30], ax, start, GREEN, radius=1, tol=30)
        assert near(frames[0], ax, start, GREEN) and not near(frames[0], ax, end, GREEN, radius=1, tol=30)


def test_a_pin_and_the_true_model_are_drawn_through_predict():
    truth = data.Arrays(XS, decay((2.0, 0.7), XS), true=(2.0, 0.7))
    scene = Scene("t", problem=MAE, pins=[Pin("guess", (1.5, 0.3), color=GREEN)],
                  views=[V.ModelFit(predict=decay, data=truth)], **SMALL)
    built, _, _ = draw(scene, [0])
    lines = {ln.get_label(): ln for ln in built.painters[0].ax.lines}
    x, y = lines["guess"].get_data()
    np.testing.assert_allclose(y, decay((1.5, 0.3), x))
    x, y = lines["true model"].get_data()
    np.testing.assert_allclose(y, decay((2.0, 0.7), x))


def test_the_tiny_networks_fit_is_drawn_by_its_own_predict():
    net = P.TinyNetwork(data.Wave(n=30, seed=0), hidden=3)
    scene = Scene("t", problem=net, runs=[Run("GD", O.gd(0.3), start=net.initial(0), steps=40, color=GREEN)],
                  views=[V.ModelFit(trail=10)], **SMALL)
    built, trajs, frames = draw(scene, [40], texts=False)
    traj, line, trail = built.painters[0].curves[0]
    x, y = line.get_data()
    np.testing.assert_allclose(y, net.predict(traj.params[40], x), rtol=1e-12)
    assert len(trail.get_segments()) == 5
    assert near(frames[40], built.painters[0].ax, (0.0, float(net.predict(traj.params[40], [0.0])[0])), GREEN)


@pytest.mark.parametrize("make, said", [
    (lambda: V.ModelFit(predict=3), r"ModelFit: predict must be a function of the parameters and x, got int 3"),
    (lambda: V.ModelFit(predict=decay, data=[1, 2]), r"ModelFit data must be a data set"),
    (lambda: Scene("t", problem=MAE, views=[V.ModelFit(predict=decay)]),
     r"ModelFit\(predict=\.\.\.\) needs the data to draw the model over: give data=\.\.\. \(gdanim\.data\); "
     r"Function has none"),
    (lambda: Scene("t", problem=MAE, views=[V.ModelFit(predict=decay, data=data.Correlated(n=5))]),
     r"ModelFit draws a model of one's own as a curve over one feature; the data has 2"),
    (lambda: Scene("t", problem=P.TinyNetwork(data.Correlated(n=5)), views=[V.ModelFit()]),
     r"ModelFit draws a model of one's own as a curve over one feature; the data has 2"),
])
def test_model_fit_mistakes_are_one_line_declaration_errors(make, said):
    with pytest.raises(SceneError, match=said):
        make()


@pytest.mark.parametrize("body, said", [
    ("return w[0] * np.ones(3)", r"ModelFit's predict\(w, x\) must return one output per x \(300 numbers\), "
                                 r"got an array of shape \(3,\)"),
    ("return w[5] * x", r"ModelFit's predict\(w, x\) raised IndexError \(index 5 is out of bounds for axis 0 with "
                        r"size 2\) at w = \(1\.0, 0\.1\): it is given the parameters and an array of 300 x values"),
])
def test_a_predict_that_fails_is_a_one_line_error_naming_it(tmp_path, body, said):
    scene = tmp_path / "fit.py"
    scene.write_text(textwrap.dedent(f"""
        import numpy as np
        from gdanim import Run, Scene, data, optimizers, problems, views
        xs = np.linspace(0, 3, 12)
        def model(w, x):
            {body}
        scene = Scene("fit", problem=problems.Function(lambda w: float(np.sum(w ** 2)), dim=2),
                      runs=[Run("GD", optimizers.gd(0.1), start=(1.0, 0.1), steps=3)],
                      views=[views.ModelFit(predict=model, data=data.Arrays(xs, xs))], size=(4, 2.25), dpi=40)
    """))
    r = invoke("render", scene, "--out", tmp_path / "out", "--format", "png")
    assert r.exit_code == E.SceneCodeError.exit_code, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: ") and "Traceback" not in r.output, r.output
    assert re.search(said, lines[0]), lines[0]
    assert not (tmp_path / "out" / "fit.png").exists()
