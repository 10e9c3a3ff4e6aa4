"""Every catalogue scene loads, says what it teaches, and renders small."""
import pytest

from conftest import SCENES
from gdanim.app.loader import load
from gdanim.rendering.renderer import render_scene

NAMES = sorted(p.stem for p in SCENES.glob("*.py"))
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
    scene = load(SCENES / f"{name}.py")
    assert scene.description and len(scene.description.splitlines()) == 1
    written = render_scene(scene, name, tmp_path, ("gif", "pdf"), dpi=20, max_frames=3)
    names = {p.name for p in written}
    assert f"{name}.pdf" in names
    assert (f"{name}.gif" in names) == (not scene.is_still)
    for p in written:
        assert p.stat().st_size > 500
