"""The visual lint (gdanim.rendering.lint): what it finds on planted defects, that the whole
catalogue passes it, and ``render --lint``'s lines and exit code."""
import textwrap

import matplotlib
import numpy as np
import pytest

from conftest import SCENES, invoke
from gdanim import Run, Scene, optimizers, problems, views
from gdanim import errors as E
from gdanim.app.loader import load, scene_files
from gdanim.declare.style import THEMES, rc
from gdanim.rendering.lint import lint_figure, lint_scene, overlap
from gdanim.rendering.renderer import laid_out, trajectories_of

NAMES = [p.stem for p in scene_files(SCENES)]     # as make all and gdanim list find them
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


def test_a_note_on_a_path_is_a_finding_and_the_notes_give_way(themed):
    """momentum_lr_sweep's red 'left at step k' notes lay on the paths: a note planted on a path
    is named; the scene's own notes lie on none of its lines (sampled here by hand, every px)."""
    figure = built(small_scene())
    ax = figure.painters[0].ax
    renderer = figure.canvas.get_renderer()
    x, y = figure.painters[0].paths[0].line.get_xydata()[2]
    ax.annotate("on the path", (x, y), ha="center", va="center")
    figure.canvas.draw()
    assert "the text 'on the path' lies on the line 'GD'" in [f.what for f in lint_figure(figure)]
    figure = built(load(SCENES / "momentum_lr_sweep.py"))
    ax = figure.painters[0].ax
    notes = [t for t in ax.texts if "left at step" in t.get_text() and t.get_visible()]
    assert len(notes) == 3
    for t in notes:
        box = t.get_window_extent(renderer=figure.canvas.get_renderer())
        for line in ax.lines:
            xy = line.get_transform().transform(line.get_xydata())
            if len(xy) < 2 or line.get_linestyle() in ("None", ""):
                continue
            fine = np.concatenate([np.linspace(a, b, 200) for a, b in zip(xy[:-1], xy[1:])])
            assert not any(box.x0 < px < box.x1 and box.y0 < py < box.y1 for px, py in fine), \
                (t.get_text(), line.get_label())


def test_paths_piled_on_the_star_and_a_legend_on_a_surface(themed):
    """ill_conditioned's ±2 oscillation piled into a dark bar over the star; a 3-D panel's
    legend lay on its surface (sine_guesses). Both are findings; both scenes are clear of them."""
    scene = small_scene(runs=[Run("GD", optimizers.gd(1.0), start=(-4, -2), steps=50)],
                        views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5))])
    figure = built(scene)
    line = figure.painters[0].paths[0].line
    thin, light = line.get_linewidth(), line.get_alpha()
    assert thin < 1.0 and light < 0.5                   # drawn thin and light: it crosses its panel 20 times
    line.set_linewidth(2.0)
    line.set_alpha(0.9)
    figure.canvas.draw()
    said = [f.what for f in lint_figure(figure)]
    assert any(w.startswith("the paths pile up over the star at (0, 0)") for w in said), said
    line.set_linewidth(thin)
    line.set_alpha(light)
    figure.canvas.draw()
    assert not any("pile up" in f.what for f in lint_figure(figure))
    figure = built(load(SCENES / "sine_guesses.py"))
    surface = next(p for p in figure.painters if p.ax.name == "3d")
    assert "the legend covers the surface" not in [f.what for f in lint_figure(figure)]
    legend = surface.ax.get_legend()
    legend.set_loc((0.4, 0.4))                            # over the middle of the cube
    figure.canvas.draw()
    assert "the legend covers the surface" in [f.what for f in lint_figure(figure)]


def test_columns_as_wide_as_their_panels_need(themed):
    """An equal-aspect panel beside a 3-D one (sine_guesses) filled a third of the slide's width
    and left the 3-D panel small; minibatch's round bowls over one loss curve (layout=(2, 3))."""
    figure = built(load(SCENES / "sine_guesses.py"))
    fit, surface, contours = (p.ax for p in figure.painters)
    w = figure.fig.bbox.width
    assert surface.bbox.width > 0.27 * w      # was 0.21 of the width in equal columns (0.279 on the oldest matplotlib)
    (x0, x1), (y0, y1) = contours.get_xlim(), contours.get_ylim()
    assert contours.bbox.width / contours.bbox.height == pytest.approx((x1 - x0) / (y1 - y0), rel=0.01)
    figure = built(load(SCENES / "minibatch.py"))
    bowls, curve = [p.ax for p in figure.painters[:3]], figure.painters[3].ax
    assert curve.bbox.width > 0.85 * figure.fig.bbox.width    # the last panel takes the rest of its row
    for ax in bowls:
        assert ax.bbox.width == pytest.approx(ax.bbox.height, rel=0.01) and ax.bbox.height > 0.4 * figure.fig.bbox.height
