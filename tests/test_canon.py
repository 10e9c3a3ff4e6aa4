"""The canon scenes (classic figures from outside the five lectures) show what their sources say,
and a problem's constraint set is drawn: on Contours and Surface3D (artists), in the PNG and in
the explorer's static layer (pixels)."""
import base64
import io
import json
import re

import matplotlib
import numpy as np
import pytest
from PIL import Image

from conftest import SCENES
from gdanim import Scene, constraints, problems, views
from gdanim.app.loader import load
from gdanim.compute.runner import run_scene
from gdanim.rendering.renderer import render_scene

CANON = ["shewchuk_cg", "projected_disc", "ista_lasso", "warmup_cosine", "radford_beale", "radford_saddle"]


def runs_of(name):
    scene = load(SCENES / f"{name}.py")
    return scene, {t.label: t for t in run_scene(scene)}


def test_shewchuk_cg_lands_in_two_steps_and_steepest_descent_turns_square():
    scene, t = runs_of("shewchuk_cg")
    assert scene.problem.optimum == (2.0, -2.0) and scene.problem.value((2, -2)) == -10.0
    cg = t["conjugate gradients"].params
    assert len(cg) == 3 and np.allclose(cg[-1], (2.0, -2.0), atol=1e-12)
    steps = np.diff(t["steepest descent, exact line search"].params, axis=0)
    assert np.allclose(np.sum(steps[1:] * steps[:-1], axis=1), 0, atol=1e-12)     # each turn a right angle
    assert np.allclose(steps[0], cg[1] - cg[0])                          # CG's first step is steepest descent's


def test_projected_disc_stays_in_the_disc_and_ends_at_the_kkt_point():
    scene, t = runs_of("projected_disc")
    path = t["projected GD, lr 0.15"].params
    assert np.all(np.linalg.norm(path[1:], axis=1) <= 1 + 1e-12)
    assert np.allclose(path[-1], scene.problem.optimum, atol=1e-6)
    g = scene.problem.grad(path[-1])                    # −∇f along the outward normal w
    assert np.isclose(g[0] * path[-1][1] - g[1] * path[-1][0], 0, atol=1e-5) and g @ path[-1] < 0
    assert np.linalg.norm(t["GD, lr 0.15 (unconstrained)"].params[-1]) > 2


def test_ista_hits_the_axis_and_stays_at_the_lassos_minimum():
    scene, t = runs_of("ista_lasso")
    p = scene.problem
    w = np.array(p.optimum)                             # the docstring's KKT conditions hold there
    g = p.grad(w)
    assert w[1] == 0 and np.isclose(g[0] + p.lam, 0) and abs(g[1]) <= p.lam
    for name in ("ISTA", "FISTA"):
        w2 = t[name].params[:, 1]
        first = int(np.argmax(w2 == 0))
        assert 0 < first < 15 and np.all(w2[first:] == 0.0), name
        assert np.allclose(t[name].params[-1], w, atol=1e-8)
    assert np.allclose(t["GD on the least-squares part"].params[-1], (1.5, 0.3), atol=1e-3)


def test_warmup_cosine_traces_the_schedule_it_steps_with():
    scene, t = runs_of("warmup_cosine")
    lr = t["SGD, warm-up + cosine"].lr
    assert np.isnan(lr[0]) and lr[1] == 0.0 and np.isclose(lr[1:].max(), 0.1) and int(np.argmax(lr[1:])) == 20
    assert np.allclose(lr[1:], [0.1 * k / 20 if k < 20 else 0.05 * (1 + np.cos(np.pi * (k - 20) / 180))
                                for k in range(200)], atol=1e-15)


def test_radford_saddle_the_adaptive_methods_leave_first():
    scene, t = runs_of("radford_saddle")
    y10 = {k: abs(v.params[min(10, len(v.params) - 1), 1]) for k, v in t.items()}
    assert min(y10[k] for k in ("Adagrad", "Adadelta", "RMSprop")) > 10 * max(y10[k] for k in ("SGD", "momentum", "NAG"))


def test_radford_beale_the_adaptive_methods_come_near_the_minimum():
    scene, t = runs_of("radford_beale")
    for name in ("momentum", "NAG", "Adagrad", "RMSprop"):
        assert np.linalg.norm(t[name].params[-1] - (3, 0.5)) < 0.5, name


DISC = problems.Constrained(problems.Quadratic(((1.0, 0.0), (0.0, 5.0)), (2.0, 5.0)), constraints.Ball(1.0))


def built(scene):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        return SceneFigure(scene, trajectories_of(scene), 40)


def scene_with(problem, *panels):
    from gdanim import Run, optimizers
    return Scene(title="t", problem=problem, views=list(panels),
                 runs=[Run("gd", optimizers.gd(0.15), start=(-0.9, -0.3), steps=5)])


def test_contours_and_surface_draw_the_sets_outline():
    b = built(scene_with(DISC, views.Contours(xlim=(-2, 2), ylim=(-2, 2)), views.Surface3D(xlim=(-2, 2), ylim=(-2, 2))))
    flat, surface = b.painters
    line = [a for a in flat.constraint if a.get_label() == "the ball of radius 1"][0]
    assert np.allclose(np.hypot(*line.get_data()), 1.0)
    xs, ys, zs = surface.constraint[-1].get_data_3d()       # lifted onto the surface: z = f there
    ok = np.isfinite(zs)
    assert ok.sum() > 100 and np.allclose(zs[ok], DISC.values_on(np.column_stack([xs, ys])[ok]))
    floor = surface.constraint[0].get_data_3d()[2]
    assert np.all(floor == floor[0])
    plain = built(scene_with(DISC.problem, views.Contours(xlim=(-2, 2), ylim=(-2, 2))))
    assert plain.painters[0].constraint == []


def background_of(html: str) -> np.ndarray:
    data = json.loads(re.search(r'<script type="application/json" class="gx-data">(.*?)</script>', html, re.S).group(1))
    png = base64.b64decode(data["background"].split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.parametrize("make", [lambda: constraints.Ball(1.0), lambda: constraints.Box(-0.5, 1.0),
                                  lambda: constraints.L1Ball(1.2), lambda: constraints.Simplex(1.0)],
                         ids=["ball", "box", "l1", "simplex"])
def test_the_outline_is_in_the_png_and_the_explorers_static_layer(make, tmp_path):
    """Against the same scene without the set: the pixels that differ lie on the set's outline."""
    c = make()
    pages = {}
    for name, problem in (("with", problems.Constrained(DISC.problem, c)), ("without", DISC.problem)):
        scene = scene_with(problem, views.Contours(xlim=(-2, 2), ylim=(-2, 2), levels=6))
        render_scene(scene, name, tmp_path, ("png", "html"), dpi=40)
        pages[name] = (np.asarray(Image.open(tmp_path / f"{name}.png").convert("RGB")).astype(int),
                       background_of((tmp_path / f"{name}.html").read_text()))
    for k in range(2):                                       # the PNG still, the explorer's background
        differ = np.abs(pages["with"][k] - pages["without"][k]).sum(axis=2) > 60
        assert differ.sum() > 100, k
        dark = pages["with"][k][differ].sum(axis=1) < 200      # the outline in the theme's text colour
        assert dark.sum() > 50, k


def test_traces_of_lr_draws_the_rate_each_step_took():
    from gdanim import Run, optimizers, schedules
    scene = Scene(title="t", problem=problems.ill_conditioned, views=[views.Traces(of="lr")],
                  runs=[Run("gd", optimizers.gd(schedules.warmup(5, 0.2)), start=(1.0, 1.0), steps=12)])
    b = built(scene)
    b.painters[0].update(12, 0)
    line = b.painters[0].ax.get_lines()[0]
    assert line.get_label() == "learning rate"
    assert np.allclose(np.asarray(line.get_ydata(), dtype=float)[1:], [0.04 * k if k < 5 else 0.2 for k in range(12)])
    assert b.painters[0].ax.get_title() == "Learning rate"
