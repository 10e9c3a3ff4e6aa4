"""Sweeps over two fields (Distill's α × β): each pair reaches the run it names (against a
hand-written momentum loop), the runs computed together as one array agree with the runs one at
a time, the heat map's cells are each pair's convergence rate (and the rate that of the iteration
matrix's spectral radius, Distill's formula), the other panels draw the chosen pair alone, and the
explorer's two sliders choose any pair, in headless Chromium."""
import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

from conftest import invoke
from gdanim import Run, Scene, Sweep, Timing, optimizers, problems, views
from gdanim.compute.runner import run, run_scene
from gdanim.compute.together import sweep_together
from gdanim.core.errors import SceneError

BOWL = problems.conditioned_quadratic(100.0, angle=30.0)       # ∇²f has eigenvalues 0.02 and 2
ALPHAS, BETAS = (0.3, 0.9, 1.5, 1.8), (0.0, 0.4, 0.7)
TEMPLATE = Run("m", optimizers.momentum(0.9, beta=0.4), start=(-2.7, -1.2), steps=40)


def grid_scene(views_=None, alphas=ALPHAS, betas=BETAS, chosen=(0.9, 0.4), **kw):
    return Scene(title="g", problem=BOWL, sweep=Sweep(TEMPLATE, over=("lr", "momentum"), values=(alphas, betas),
                                                      chosen=chosen),
                 views=views_ or [views.Contours(xlim=(-3, 3), ylim=(-3, 3), levels=6), views.Heatmap(),
                                  views.LossCurve(log=True)], size=(9.6, 3.2), dpi=40, **kw)


def momentum_by_hand(alpha, beta, start, steps):
    """CS 189's momentum, v ← βv − α∇f(w); w ← w + v, on f(w) = wᵀHw (∇f = 2Hw), written out."""
    H = np.array(BOWL.H)
    w, v, path = np.array(start, float), np.zeros(2), [np.array(start, float)]
    for _ in range(steps):
        v = beta * v - alpha * 2 * H @ w
        w = w + v
        path.append(w)
    return np.array(path)


def test_each_pair_reaches_its_run_in_the_order_of_the_values():
    scene = grid_scene()
    trajs = {t.label: t for t in run_scene(scene)}
    pairs = [(a, b) for a in ALPHAS for b in BETAS]
    assert [r.swept[1] for r in scene.runs] == pairs
    for a, b in pairs:
        label = f"lr {a:g} · momentum {b:g}"
        t = trajs[label]
        by_hand = momentum_by_hand(a, b, TEMPLATE.start, len(t.params) - 1)
        np.testing.assert_allclose(t.params, by_hand, rtol=1e-9, atol=1e-12)
        stable = a * 2 < 2 * (1 + b)                        # αλmax < 2(1 + β)
        assert (t.stop == "budget" and t.loss[-1] < t.loss[0]) == stable, label


def test_runs_computed_together_are_the_runs_one_at_a_time():
    alphas = tuple(np.round(np.linspace(0.1, 2.0, 10), 3))
    betas = tuple(np.round(np.linspace(0.0, 0.95, 10), 3))
    for opt, over in ((optimizers.momentum(0.5, beta=0.5), "momentum"), (optimizers.nesterov(0.5, beta=0.5), "momentum"),
                      (optimizers.adam(0.5), "b2")):
        scene = Scene(title="t", problem=BOWL, views=[views.Heatmap()],
                      sweep=Sweep(Run("r", opt, start=(-1, 1), steps=60), over=("lr", over), values=(alphas, betas)))
        together = sweep_together(scene)
        assert len(together) == 100, opt.name                       # computed as one array
        for r in scene.runs:
            one, many = run(BOWL, r), together[r.label]
            assert (one.stop, one.diverged_at, one.steps) == (many.stop, many.diverged_at, many.steps), r.label
            for field in ("params", "loss", "grad", "lr"):
                np.testing.assert_allclose(getattr(many, field), getattr(one, field), rtol=1e-9, atol=1e-12)
            assert one.extras.keys() == many.extras.keys()
            for key in one.extras:
                np.testing.assert_allclose(many.extras[key], one.extras[key], rtol=1e-9, atol=1e-12)


def test_a_sweep_that_cannot_be_computed_together_runs_one_at_a_time():
    scene = Scene(title="t", problem=BOWL, views=[views.Heatmap()],
                  sweep=Sweep(Run("r", optimizers.backtracking(alpha=0.3, beta=0.5), start=(-1, 1), steps=5),
                              over=("alpha", "beta"), values=((0.1, 0.2, 0.3), (0.3, 0.5, 0.8))))
    assert sweep_together(scene) == {}
    assert len(run_scene(scene)) == 9


@pytest.mark.parametrize("make, message", [
    (lambda: Sweep(TEMPLATE, over=("lr", "momentum"), values=(ALPHAS, BETAS), chosen=(0.5, 0.4)),
     r"Sweep chosen: lr 0.5 is not one of its values \(0.3, 0.9, 1.5, 1.8\)"),
    (lambda: Sweep(TEMPLATE, over=("lr", "lr"), values=(ALPHAS, ALPHAS)), "the two fields must differ"),
    (lambda: Sweep(TEMPLATE, over=("lr", "momentum"), values=(ALPHAS,)), "values must be two lists"),
    (lambda: Sweep(TEMPLATE, over=("lr", "momentum"), values=(ALPHAS, (0.5, 1.2))),
     r"Sweep over momentum: value must be in \[0, 1\), got 1.2"),
    (lambda: grid_scene([views.SweepSummary()]), "a sweep over two is shown by views.Heatmap"),
    (lambda: Scene(title="t", problem=BOWL, runs=[TEMPLATE], views=[views.Heatmap()]),
     "Heatmap shows a sweep over two fields"),
])
def test_what_cannot_be_swept_over_two_fields_is_refused(make, message):
    with pytest.raises(SceneError, match=message):
        make()


def built(scene):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        figure = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        figure.freeze_layout()
    return figure


def rate_by_hand(loss):
    """((f_T − p*)/(f_0 − p*))^(1/T) with p* = 0, the bowl's minimum."""
    return (loss[-1] / loss[0]) ** (1 / (len(loss) - 1))


def test_the_heat_map_cells_are_each_pairs_rate_and_the_ring_is_on_the_chosen_pair():
    scene = grid_scene()
    fig = built(scene)
    heat = fig.painters[1]
    mesh = next(c for c in heat.ax.collections if isinstance(c, matplotlib.collections.QuadMesh))
    cells = np.ma.filled(mesh.get_array(), np.nan).reshape(len(BETAS), len(ALPHAS))
    trajs = {t.label: t for t in run_scene(scene)}
    for i, a in enumerate(ALPHAS):
        for j, b in enumerate(BETAS):
            t = trajs[f"lr {a:g} · momentum {b:g}"]
            if t.stop == "diverged" or rate_by_hand(t.loss) >= 1:       # grey: did not converge
                assert np.isnan(cells[j, i])
            else:
                assert cells[j, i] == pytest.approx(rate_by_hand(t.loss), rel=1e-12)
    assert np.isnan(cells).any() and np.isfinite(cells).any()
    assert heat.ring.get_xydata().tolist() == [[0.9, 0.4]]
    assert heat.readout.get_text() == f"{cells[1, 1]:.3g}"
    heat.focus("lr 1.5 · momentum 0.7")                  # the explorer's sliders move it
    assert heat.ring.get_xydata().tolist() == [[1.5, 0.7]]


def test_the_rate_is_that_of_the_iteration_matrix_on_a_long_run():
    """Distill's analysis: on an eigenvalue λ of ∇²f momentum iterates with [[β, −αλ], [β, 1 − αλ]];
    the loss (squared error) falls by the square of the largest spectral radius a step (within 3%:
    the average over 600 steps keeps some of the transient)."""
    from gdanim.rendering.paint.heatmap import convergence_rate
    for a, b in ((0.5, 0.3), (1.65, 0.67), (1.0, 0.0)):
        t = run(BOWL, Run("r", optimizers.momentum(a, beta=b), start=(-2.7, -1.2), steps=600))
        rho = max(max(abs(np.linalg.eigvals([[b, -a * lam], [b, 1 - a * lam]]))) for lam in (0.02, 2.0))
        assert convergence_rate(t, 0.0) == pytest.approx(rho ** 2, rel=0.03), (a, b)


def test_the_other_panels_draw_the_chosen_pair_alone():
    fig = built(grid_scene())
    contours, loss = fig.painters[0], fig.painters[2]
    assert [s.label for s in contours.shown] == ["lr 0.9 · momentum 0.4"]
    assert [s.label for s in loss.shown] == ["lr 0.9 · momentum 0.4"]
    assert len(fig.painters[1].shown) == 12
    assert contours.ax.get_title() == "lr 0.9 · momentum 0.4"


def test_a_20_by_20_sweep_renders_in_little_more_than_one_run(tmp_path):
    """The brief's budget: 400 runs cost at most three times one run's render (measured here
    as CPU time of the default formats, in this process)."""
    import time
    from gdanim.rendering.renderer import render_scene
    alphas = tuple(np.round(np.linspace(0.1, 1.9, 20), 3))
    betas = tuple(np.round(np.linspace(0.0, 0.95, 20), 3))
    many = grid_scene(alphas=alphas, betas=betas, chosen=(alphas[9], betas[10]), timing=Timing(every=2))
    one = Scene(title="g", problem=BOWL, runs=[Run("one", optimizers.momentum(alphas[9], beta=betas[10]),
                                                 start=TEMPLATE.start, steps=40)],
                views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), levels=6), views.LossCurve(log=True),
                       views.LossCurve()], size=(9.6, 3.2), dpi=40, timing=Timing(every=2))
    cost = {}
    for name, scene in (("one", one), ("many", many), ("one", one)):
        t0 = time.process_time()
        render_scene(scene, name, tmp_path / name, processes=1)
        cost[name] = time.process_time() - t0               # the second "one": modules warm for both
    assert cost["many"] < 3 * cost["one"], cost


SLIDERS = """from gdanim import Run, Scene, Sweep, Timing, optimizers, problems, views
scene = Scene(title="grid", problem=problems.conditioned_quadratic(100.0, angle=30.0),
    sweep=Sweep(Run("m", optimizers.momentum(0.9, beta=0.4), start=(-2.7, -1.2), steps=8),
                over=("lr", "momentum"), values=((0.3, 0.9, 1.5, 1.8), (0.0, 0.4, 0.7)), chosen=(0.9, 0.4)),
    views=[views.Contours(xlim=(-3, 3), ylim=(-3, 3), levels=6), views.Heatmap()],
    size=(6.4, 3.2), dpi=50, timing=Timing(fps=10, hold_first=0, hold_last=0))
"""


def test_the_explorer_has_a_slider_for_each_field_and_shows_the_pair_they_choose(tmp_path):
    from browser import Chromium
    (tmp_path / "grid.py").write_text(SLIDERS)
    r = invoke("render", tmp_path / "grid.py", "--out", tmp_path, "--format", "html")
    assert r.exit_code == 0, r.output
    b = Chromium(1000, 800)
    try:
        b.open((tmp_path / "grid.html").as_uri())
        canvas = b.driver.find_element("css selector", ".gdanim-explorer canvas")

        def pixels():
            return np.asarray(Image.open(io.BytesIO(canvas.screenshot_as_png)).convert("RGB")).astype(int)

        def variant():
            return b.evaluate("document.querySelector('.gdanim-explorer').gdanim.state.variant")

        def said():
            return b.evaluate("document.querySelector('.gx-sweepout').textContent")

        assert variant() == 4 and said() == "lr 0.9, momentum 0.4"          # the chosen pair: (1, 1) → 1 × 3 + 1
        assert b.evaluate("document.querySelectorAll('.gx-sweep').length") == 2
        first = pixels()
        b.driver.find_element("css selector", ".gx-sweep1").send_keys("\ue014")       # → on the momentum slider
        assert variant() == 5 and said() == "lr 0.9, momentum 0.7"
        assert b.evaluate("document.querySelector('.gx-losses').textContent").startswith("lr 0.9 · momentum 0.7: loss")
        second = pixels()
        b.driver.find_element("css selector", ".gx-sweep0").send_keys("\ue014")       # → on the lr slider
        assert variant() == 8 and said() == "lr 1.5, momentum 0.7"
        third = pixels()
        half = first.shape[1] // 2
        for a, c in ((first, second), (second, third)):
            changed = np.abs(a - c).max(axis=2) > 64
            assert changed[:, :half].sum() > 30                 # another path on the contours
            assert changed[:, half:].sum() > 10                 # the ring moved on the heat map
        assert b.problems() == []
    finally:
        b.close()


GRID20 = """from gdanim import Run, Scene, Sweep, Timing, optimizers, problems, views
ALPHAS = tuple(round(0.09 * k, 2) for k in range(1, 21))
BETAS = tuple(round(0.045 * k, 3) for k in range(20))
scene = Scene(title="grid", problem=problems.conditioned_quadratic(100.0, angle=30.0),
    sweep=Sweep(Run("m", optimizers.momentum(1.62, beta=0.675), start=(-2.7, -1.2), steps=60),
                over=("lr", "momentum"), values=(ALPHAS, BETAS), chosen=CHOSEN),
    views=[views.Contours(xlim=(-3.2, 3.2), ylim=(-3.2, 3.2), levels=14, log_levels=True),
           views.Heatmap(metric="rate", log_x=False), views.LossCurve(minus="p*", log=True)],
    timing=Timing(every=3))
"""


@pytest.mark.slow
def test_the_explorer_of_a_20_by_20_sweep_fits_the_page_budget_and_shows_each_pair(tmp_path):
    """Distill's figure at the default size with 400 pairs: the page is at most 1.5 MB (it was
    4.9 MB when every frame of every pair listed its drawables in full); with its sliders on a
    pair, the readout says the loss of a hand-written momentum loop of that pair, and both the
    path on the contours and the ring on the heat map move from pair to pair."""
    from browser import Chromium
    (tmp_path / "grid.py").write_text(GRID20.replace("CHOSEN", "(1.62, 0.675)"))
    r = invoke("render", tmp_path / "grid.py", "--out", tmp_path, "--format", "html")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "grid.html").stat().st_size <= 1_500_000
    H = np.array(BOWL.H)
    b = Chromium(1400, 1000)
    try:
        b.open((tmp_path / "grid.html").as_uri())
        canvas = b.driver.find_element("css selector", ".gdanim-explorer canvas")
        shots = []
        for i, j in ((3, 15), (17, 14), (10, 19), (0, 0)):     # slow, near α = 1 + β, a corner, the other
            alpha, beta = round(0.09 * (i + 1), 2), round(0.045 * j, 3)
            b.evaluate(f"""(() => {{ for (const [d, v] of [[0, {i}], [1, {j}]]) {{
                const s = document.querySelector('.gx-sweep' + d); s.value = v; s.dispatchEvent(new Event('input')); }}
                return true; }})()""")
            assert b.evaluate("document.querySelector('.gdanim-explorer').gdanim.state.variant") == i * 20 + j
            w = momentum_by_hand(alpha, beta, (-2.7, -1.2), 60)[-1]
            said = b.evaluate("document.querySelector('.gx-losses').textContent")
            assert said == f"lr {alpha:g} · momentum {beta:g}: loss {w @ H @ w:.4g}", said
            shots.append(np.asarray(Image.open(io.BytesIO(canvas.screenshot_as_png)).convert("RGB")).astype(int))
        third = shots[0].shape[1] // 3
        for a, c in zip(shots, shots[1:]):
            changed = np.abs(a - c).max(axis=2) > 64
            assert changed[:, :third].sum() > 30 and changed[:, third:2 * third].sum() > 30
        assert b.problems() == []
    finally:
        b.close()
