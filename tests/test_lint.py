"""The visual lint (gdanim.rendering.lint): what it finds on planted defects, that the whole
catalogue passes it, and ``render --lint``'s lines and exit code."""
import textwrap

import matplotlib
import numpy as np
import pytest

from conftest import SCENES, invoke
from gdanim import Run, Scene, optimizers, problems, views
from gdanim import errors as E
from gdanim.app.loader import load
from gdanim.declare.style import THEMES, rc
from gdanim.rendering.lint import lint_figure, lint_scene, overlap
from gdanim.rendering.renderer import laid_out, trajectories_of

NAMES = sorted(p.stem for p in SCENES.glob("*.py"))
LINT_DPI = 40           # the layout is in points: the lint finds at 40 dpi what it finds at 100 (and 4× faster)


def small_scene(**changes):
    kw = dict(title="tiny", problem=problems.ill_conditioned,
              runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=6),
                    Run("momentum", optimizers.momentum(0.5), start=(-4, -2), steps=6)],
              views=[views.Contours(), views.LossCurve()], size=(8, 4), dpi=50)
    return Scene(**{**kw, **changes})


def built(scene):
    """The scene's figure laid out as a render lays it out, its final state drawn."""
    figure = laid_out(scene, trajectories_of(scene), scene.dpi)[0]
    figure.pose(figure.total, 0)
    figure.canvas.draw()
    return figure


@pytest.fixture
def themed():
    with matplotlib.rc_context(rc(THEMES["light"], 15)):
        yield


def test_a_clean_figure_has_no_findings(themed):
    assert lint_figure(built(small_scene())) == []


def test_text_on_text_off_the_figure_and_over_another_panel(themed):
    """Texts planted where they collide are named, each with what it runs into, and their boxes
    do overlap (computed here from the extents, by hand)."""
    figure = built(small_scene())
    contours, curve = (p.ax for p in figure.painters)
    renderer = figure.canvas.get_renderer()
    xlabel = contours.xaxis.label
    x, y = contours.transAxes.inverted().transform(xlabel.get_window_extent(renderer).get_points().mean(axis=0))
    contours.text(x, y, "on the label", transform=contours.transAxes, ha="center", va="center")
    figure.fig.text(0.995, 0.5, "off the edge")
    contours.text(1.02, 0.5, "into the next panel " * 3, transform=contours.transAxes, clip_on=False)
    figure.canvas.draw()
    said = [f.what for f in lint_figure(figure)]
    mine = contours.texts[-2].get_window_extent(renderer)
    assert overlap(mine, xlabel.get_window_extent(renderer), 1.0)
    assert "the x label 'w1' overlaps the text 'on the label'" in said
    assert "the figure's text 'off the edge' leaves the figure" in said
    assert any(w.startswith("the text 'into the next panel") and w.endswith("covers panel 2 (LossCurve 'Loss vs iteration')")
               for w in said), said


def test_a_legend_over_the_ticks_and_a_mark_cut_by_the_edge(themed):
    figure = built(small_scene())
    ax = figure.painters[0].ax
    ax.get_legend().set_loc((-0.3, 0.4))                   # over the y tick labels, out of its panel
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.plot([x1], [y1], "o", ms=12, label="corner pin")    # centred on the corner: three quarters cut
    figure.canvas.draw()
    said = [f.what for f in lint_figure(figure)]
    assert "the legend sticks out of its panel" in said
    assert any(w.startswith("the y tick label") and w.endswith("overlaps the legend") for w in said), said
    assert f"the mark 'corner pin' at ({x1:.3g}, {y1:.3g}) is cut by the axes' edge" in said


def test_one_loss_in_two_colour_maps():
    scene = small_scene(views=[views.Contours(cmap="viridis"), views.Surface3D(cmap="magma")],
                        size=(8, 4))
    said = [f.what for f in lint_scene(scene)]
    assert said == ["one loss drawn in 2 colour maps: viridis in panel 1 (Contours 'L(w) = wᵀHw'), magma in "
                    "panel 2 (Surface3D 'L(w) = wᵀHw')"], said


def test_contour_labels_give_way_to_the_legend(themed):
    """lr_decay's legend stood on its contour labels '10' and '12': they are left out now, and
    every label shown clears the legend and the others."""
    figure = built(load(SCENES / "lr_decay.py"))
    ax = figure.painters[0].ax
    renderer = figure.canvas.get_renderer()
    labels = [t for c in ax.collections for t in getattr(c, "labelTexts", ())]
    shown = [t.get_window_extent(renderer) for t in labels if t.get_visible()]
    legend = ax.get_legend().get_window_extent(renderer)
    assert shown and len(shown) < len(labels)
    assert not any(overlap(b, legend, 0) for b in shown)
    assert not any(overlap(a, b, 0) for k, a in enumerate(shown) for b in shown[k + 1:])


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_catalogue_passes_the_lint(name):
    """Every catalogue figure: its still, first and last frames and stills (issue 29)."""
    findings = lint_scene(load(SCENES / f"{name}.py"), dpi=LINT_DPI)
    assert not findings, "\n".join(map(str, findings))


def test_render_lint_says_each_finding_and_exits_9(tmp_path):
    long = "a label far too long for the legend of so small a panel"
    scene = tmp_path / "crowded.py"
    scene.write_text(textwrap.dedent(f"""
        from gdanim import Run, Scene, optimizers, problems, views
        scene = Scene(title="crowded", problem=problems.ill_conditioned,
                      runs=[Run("{long} 1", optimizers.gd(0.9), start=(-4, -2), steps=3),
                            Run("{long} 2", optimizers.gd(0.5), start=(-4, -2), steps=3)],
                      views=[views.Contours(), views.LossCurve()], size=(6, 3), dpi=40)
    """))
    r = invoke("render", scene, "--out", tmp_path / "o", "--format", "png", "--lint")
    assert r.exit_code == E.EXIT_LINT == 9, r.output
    lines = [line for line in r.stdout.splitlines() if line.startswith(str(scene))]
    assert f"{scene}: panel 1 (Contours 'L(w) = wᵀHw'), still: the legend sticks out of its panel" in lines
    assert r.stderr.strip() == f"gdanim: error: {scene}: the lint found {len(lines)} defects in the figure"
    assert (tmp_path / "o" / "crowded.png").exists()          # rendered all the same
    clean = invoke("render", SCENES / "momentum.py", "--out", tmp_path / "o", "--format", "png", "--dpi", "40",
                   "--lint")
    assert clean.exit_code == 0 and clean.stdout.strip() == str(tmp_path / "o" / "momentum.png"), clean.output
