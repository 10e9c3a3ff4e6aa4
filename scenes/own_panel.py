"""A panel of one's own gets a title and axis labels by default (issue 29): StepLength's painter
(_step_panel.py, beside this file) sets neither; the panel is titled "Step length" from the view's
class name, and its axes "iteration" and "length of each step" from what the view describes."""
from _step_panel import StepLength

from gdanim import Run, Scene, optimizers, problems, views

scene = Scene(
    title="A panel of one's own: how long is each step?",
    description="Momentum's steps shrink far faster than plain GD's, which zig-zag across the valley; the right panel is a user's own, titled and labelled by default.",
    problem=problems.ill_conditioned,
    runs=[Run("GD, lr 0.9", optimizers.gd(0.9), start=(-4, -2), steps=40),
          Run("momentum 0.3", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=40)],
    views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5)), StepLength()],
)
