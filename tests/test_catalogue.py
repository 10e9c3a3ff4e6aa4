"""Every catalogue scene loads, says what it teaches, and renders small."""
import re

import matplotlib
import numpy as np
import pytest
from PIL import Image

from conftest import SCENES
from gdanim.app.loader import load, scene_files
from gdanim.rendering.scene_figure import frame_size
from gdanim.rendering.renderer import render_scene
from test_render import hide_status, moved

NAMES = [p.stem for p in scene_files(SCENES)]     # as make all and gdanim list find them
ISSUE_NAMES = {
    "parabola_overshoot", "quadratic_descent", "ill_conditioned", "momentum", "linear_regression",
    "regression_line", "sgd_noise_ball", "minibatch", "lr_decay", "correlated_features", "lr_comparison",
    "logistic_regression", "sine_regression", "loss_surface_3d", "taylor_hessian", "convexity", "optimizers_race",
}


# issue 12: every figure of the five lectures
LECTURE_FIGURES = {
    "linear_regression_path", "sgd_noise_free", "noisy_gd", "correlated_data",
    "integer_domain", "cancer_data", "logistic_guesses", "logistic_grid_best", "sine_guesses", "sine_grid_best",
    "slido_logistic_1d", "slido_linear_1d", "slido_offset", "loss_gradients", "taylor_3d",
    "blog_data", "blog_regression", "mean_estimation", "workshop_gd",
}


def test_the_catalogue_has_every_lecture_figure():
    assert ISSUE_NAMES | LECTURE_FIGURES <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_scene_says_where_it_comes_from(name):
    scene = load(SCENES / f"{name}.py")
    assert scene.source and len(scene.source.splitlines()) == 1


@pytest.mark.parametrize("name", NAMES)
def test_scene_renders_small(name, tmp_path):
    """Each scene writes a one-page PDF of its figure's size and, if it moves, a GIF of the frames
    asked for at its pixel size, whose panels change between the first frame and the last
    (status lines hidden: they change in every frame even where nothing moves)."""
    scene = load(SCENES / f"{name}.py")
    assert scene.description and len(scene.description.splitlines()) == 1
    written = render_scene(scene, name, tmp_path, ("gif", "pdf"), dpi=20, max_frames=3)
    names = {p.name for p in written}
    assert f"{name}.pdf" in names
    assert (f"{name}.gif" in names) == (not scene.is_still)
    pdf = (tmp_path / f"{name}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") == 1
    box = [float(v) for v in re.search(rb"/MediaBox \[\s*([\d.\s]+)\]", pdf).group(1).split()]
    w, h = frame_size(scene.figsize, 20)                  # the figure is a whole number of pixels
    np.testing.assert_allclose(box[2:], np.array([w, h]) / 20 * 72, atol=0.01)
    if scene.is_still:
        return
    with Image.open(tmp_path / f"{name}.gif") as gif:           # closed: left open, it warns in a later test
        assert gif.size == (w, h) and gif.n_frames == 3, (gif.size, gif.n_frames)
    built, frames = first_and_last(scene)
    assert any(moved(frames[0], frames[1], p.ax) > 0 for p in built.painters), "no panel changes from first to last frame"


def first_and_last(scene, dpi=20):
    from gdanim.rendering.frame_pass import FramePass
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    trajs = trajectories_of(scene)
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajs, dpi)
        hide_status(built)
        built.freeze_layout()
        fp = FramePass(built)
        frames = [fp.draw(0, 0), fp.draw(built.total, 1)]
    return built, frames
