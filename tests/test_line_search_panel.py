"""Boyd's Figure 9.1 as a panel (LineSearchCurve) and the accepted step per step
(Traces(of="step")): the trial points are Algorithm 9.2 written out here again, the accepted one
is the step the run took; Traces(of="step"), Traces(of="lr") and LossCurve(metric="step_size") are
the accepted t, the schedule's αₜ and the step's length ‖θₜ − θₜ₋₁‖."""
import matplotlib
import numpy as np
import pytest

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.core.errors import SceneError

BOYD = problems.BoydExp()
RUN = Run("bt", optimizers.backtracking(alpha=0.1, beta=0.7), start=(-1, 1), steps=8)


def built(scene):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        figure = SceneFigure(scene, trajectories_of(scene), 40)
        figure.freeze_layout()
    return figure


def boyd_exp(x):
    return np.exp(x[0] + 3 * x[1] - 0.1) + np.exp(x[0] - 3 * x[1] - 0.1) + np.exp(-x[0] - 0.1)


def boyd_grad(x):
    a, b, c = np.exp(x[0] + 3 * x[1] - 0.1), np.exp(x[0] - 3 * x[1] - 0.1), np.exp(-x[0] - 0.1)
    return np.array([a + b - c, 3 * a - 3 * b])


def trials_by_hand(x, alpha=0.1, beta=0.7):
    """Algorithm 9.2 on Boyd's (9.20), Δx = −∇f: t := 1; while f(x + tΔx) > f(x) + αt∇fᵀΔx, t := βt."""
    d = -boyd_grad(x)
    t, out = 1.0, []
    while boyd_exp(x + t * d) > boyd_exp(x) + alpha * t * boyd_grad(x) @ d:
        out.append(t)
        t *= beta
    return out, t, d


def test_the_trial_points_are_algorithm_92s_and_the_dot_is_the_step_taken():
    fig = built(Scene(title="t", problem=BOYD, runs=[RUN], views=[views.LineSearchCurve()], size=(6.4, 3.2)))
    painter = fig.painters[0]
    traj = painter.run.traj
    for step in range(1, traj.steps + 1):
        fig.pose(step, 0)
        x = traj.params[step - 1]
        rejected, accepted, d = trials_by_hand(x)
        np.testing.assert_allclose(painter.rejected.get_xdata(), rejected, rtol=1e-12)
        assert list(painter.accepted.get_xdata()) == pytest.approx([accepted], rel=1e-12)
        assert accepted == pytest.approx(traj.lr[step], rel=1e-12)                # the step the run took
        np.testing.assert_allclose(traj.params[step], x + accepted * d, rtol=1e-12)
        slope = boyd_grad(x) @ d
        shown = painter.accepted.get_ydata()[0]
        assert shown == pytest.approx((boyd_exp(x + accepted * d) - boyd_exp(x)) / abs(slope), rel=1e-9)
        assert shown <= -0.1 * accepted + 1e-12                                   # under the Armijo line
        assert painter.info.get_text().startswith(f"step {step}: t = {accepted:.3g}\nafter {len(rejected) + 1} trial")
    armijo = next(line for line in painter.ax.get_lines() if line.get_label().startswith("f(x) + αt"))
    np.testing.assert_allclose(armijo.get_ydata(), -0.1 * armijo.get_xdata())


def test_a_line_search_panel_needs_a_backtracking_run():
    with pytest.raises(SceneError, match=r"LineSearchCurve draws a backtracking line search; GD, lr 0.1 is not one"):
        Scene(title="t", problem=BOYD, runs=[Run("gd", optimizers.gd(0.1), start=(-1, 1))],
              views=[views.LineSearchCurve()])


def drawn(painter) -> dict:
    return {line.get_label(): np.asarray(line.get_ydata(), dtype=float) for line in painter.ax.get_lines()
            if len(line.get_xdata())}


def test_learning_rate_step_size_and_step_length_are_three_things():
    """Traces(of="lr") is the schedule's αₜ, Traces(of="step") the t a line search accepted, and
    LossCurve(metric="step_size") the length ‖θₜ − θₜ₋₁‖ of each step: on a scheduled GD run and a
    backtracking run they are the numbers written out here, and they differ."""
    from gdanim import schedules
    cosine = schedules.cosine(0.05, 8)
    gd = Run("gd", optimizers.gd(cosine), start=(-1, 1), steps=8)
    fig = built(Scene(title="t", problem=BOYD, runs=[RUN, gd], views=[
        views.Traces(of="step", runs=["bt"]), views.Traces(of="lr", runs=["gd"]), views.LossCurve(metric="step_size")]))
    fig.pose(8, 0)
    step, lr, length = (drawn(p) for p in fig.painters)
    bt, g = fig.painters[2].shown[0].traj, fig.painters[2].shown[1].traj
    accepted = [trials_by_hand(x)[1] for x in bt.params[:-1]]
    np.testing.assert_allclose(step["step size"][1:], accepted, rtol=1e-12)
    np.testing.assert_allclose(lr["learning rate"][1:], [cosine(t) for t in range(1, 9)], rtol=1e-15)
    np.testing.assert_allclose(length["bt"][1:], [a * np.linalg.norm(boyd_grad(x)) for a, x in zip(accepted, bt.params)],
                               rtol=1e-12)
    np.testing.assert_allclose(length["gd"][1:], [cosine(t) * np.linalg.norm(boyd_grad(x))
                                                  for t, x in zip(range(1, 9), g.params)], rtol=1e-12)
    assert not np.allclose(length["bt"][1:], step["step size"][1:])
    assert [p.ax.get_ylabel() for p in fig.painters] == ["step size", "learning rate", "step length ‖θₜ − θₜ₋₁‖"]


@pytest.mark.parametrize("opt, view, said", [
    (optimizers.backtracking(), views.Traces(of="lr"), r"Traces\(of='lr'\): GD, backtracking, .* has no learning rate; "
                                                        r"the step it chooses itself is of='step'$"),
    (optimizers.gd(0.1), views.Traces(of="step"), r"Traces\(of='step'\): GD, lr 0.1 chooses no step size of its own "
                                                    r"\(no line search\); its learning rate is of='lr', its step's "
                                                    r"length LossCurve\(metric='step_size'\)$"),
])
def test_a_rate_the_optimizer_has_not_is_refused(opt, view, said):
    with pytest.raises(SceneError, match=said):
        Scene(title="t", problem=BOYD, runs=[Run("r", opt, start=(-1, 1), steps=3)], views=[view])


def test_lbfgs_without_a_search_has_both_a_learning_rate_and_a_step_size():
    """torch's form: the learning rate is α throughout, the step taken at first min(1, 1/‖∇f₀‖₁)·α."""
    run = Run("l", optimizers.lbfgs(line_search=None, lr=0.5, form="torch"), start=(-1, 1), steps=4)
    fig = built(Scene(title="t", problem=BOYD, runs=[run], views=[views.Traces(of="lr"), views.Traces(of="step")]))
    fig.pose(4, 0)
    lr, step = (drawn(p) for p in fig.painters)
    assert lr["learning rate"][1:].tolist() == [0.5] * 4
    assert step["step size"][1:].tolist() == [min(1, 1 / np.abs(boyd_grad(np.array([-1.0, 1.0]))).sum()) * 0.5] + [0.5] * 3


def test_a_minibatch_run_shows_the_search_on_its_own_batch():
    """A stochastic backtracking run searches each step along its batch's loss φ_B(t) with the batch's
    slope: the panel draws that search (the batch's trials, the t the run accepted), not one re-traced
    on all the data, and says it is the batch's loss."""
    from gdanim import data
    from gdanim.compute.runner import Batches
    line = problems.LinearRegression(data.Linear(n=40, coef=[3], intercept=2, sigma=1.0, seed=0))
    run = Run("sbt", optimizers.backtracking(alpha=0.3, beta=0.5, t0=2.0), start=(0, 0), steps=12, batch_size=4, seed=3)
    fig = built(Scene(title="t", problem=line, runs=[run], views=[views.LineSearchCurve()], size=(6.4, 3.2)))
    painter = fig.painters[0]
    traj = painter.run.traj
    batches = Batches(line.n_samples, 4, 3)
    differs = 0
    for step in range(1, traj.steps + 1):
        idx = batches.next()
        batch = line.on_samples(idx)
        x = traj.params[step - 1]
        g = line.grad(x, idx)
        t, rejected = 2.0, []
        while batch.value(x - t * g) > batch.value(x) - 0.3 * t * g @ g:     # Algorithm 9.2 on the batch's loss
            rejected.append(t)
            t *= 0.5
        fig.pose(step, 0)
        assert list(painter.accepted.get_xdata()) == pytest.approx([t], rel=1e-12)
        assert t == pytest.approx(traj.lr[step], rel=1e-12)
        np.testing.assert_allclose(painter.rejected.get_xdata(), rejected, rtol=1e-12)
        full_t = 2.0
        while line.value(x - full_t * g) > line.value(x) - 0.3 * full_t * g @ g:
            full_t *= 0.5
        differs += full_t != t
    assert differs >= 2                               # the batch's search is not the full data's
    assert painter.ax.get_ylabel() == "(f_B(x + tΔx) − f_B(x)) / |∇f_B(x)ᵀΔx|"
    assert "minibatch" in painter.ax.get_title()
