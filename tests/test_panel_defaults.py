"""A panel of one's own gets a title and axis labels where its painter set none: the view's title
or its class name in words, the axes read off its own description ("Y against X"), or
"iteration" for an x axis over the steps; what the painter set is kept, and gdanim's own panels
are left as they are."""
from dataclasses import dataclass

import matplotlib
import numpy as np

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.rendering.paint import Painter, paints


@dataclass(frozen=True, kw_only=True)
class StepLength(views.View):
    def describe(self, problem):
        return "the length of each step against the iteration"


@dataclass(frozen=True, kw_only=True)
class GDSpeed(views.View):
    def describe(self, problem):
        return "how fast it goes"


@dataclass(frozen=True, kw_only=True)
class Labelled(views.View):
    def describe(self, problem):
        return "the loss against the step"


class Lengths(Painter):
    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        s = self.shown[0]
        self.line, = ax.plot([], [], color=s.color)
        self.lengths = np.linalg.norm(np.diff(s.traj.params, axis=0), axis=1)
        self.animate(self.line)
        ax.set_xlim(0, max(ctx.total, 1))


paints(StepLength)(Lengths)
paints(GDSpeed)(type("Speeds", (Lengths,), {}))


@paints(Labelled)
class OwnLabels(Lengths):
    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        ax.set_title("mine")
        ax.set_xlabel("k")


def built(*vs):
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    scene = Scene(title="t", problem=problems.ill_conditioned, views=list(vs), size=(9.6, 3.2), dpi=40,
                  runs=[Run("GD", optimizers.gd(0.5), start=(-4, -2), steps=10)])
    with matplotlib.rc_context(rc(THEMES["light"], scene.font_size)):
        return SceneFigure(scene, trajectories_of(scene), 40)


def test_a_panel_of_ones_own_gets_a_title_and_axis_labels():
    fig = built(StepLength(), GDSpeed(title="Speed"), Labelled())
    (a, b, c) = (p.ax for p in fig.painters)
    assert (a.get_title(), a.get_xlabel(), a.get_ylabel()) == ("Step length", "iteration", "length of each step")
    assert (b.get_title(), b.get_xlabel(), b.get_ylabel()) == ("Speed", "iteration", "")    # no "against": x only
    assert (c.get_title(), c.get_xlabel(), c.get_ylabel()) == ("mine", "k", "loss")         # its own kept


def test_gdanims_own_panels_are_left_as_they_are():
    fig = built(views.LossCurve(), views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5))
    loss, contours = (p.ax for p in fig.painters)
    assert (loss.get_title(), loss.get_xlabel(), loss.get_ylabel()) == ("Loss vs iteration", "iteration", "loss")
    assert (contours.get_title(), contours.get_xlabel()) == ("GD", "w1")
