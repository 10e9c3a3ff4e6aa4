"""A panel of one's own gets a title and axis labels by default (issue 29): StepLength's painter,
defined in this scene file (the tutorial keeps it in a module beside the scene), sets
neither; the panel is titled
"Step length" from the view's class name, and its axes "iteration" and "length of each step" from
what the view describes."""
from dataclasses import dataclass

import numpy as np

from gdanim import Run, Scene, optimizers, problems, views
from gdanim.paint import Painter, paints


@dataclass(frozen=True, kw_only=True)
class StepLength(views.View):
    def describe(self, problem):
        return "the length of each step against the iteration"


@paints(StepLength)
class StepLengthPainter(Painter):
    def window(self):
        self.lengths = [np.linalg.norm(np.diff(s.traj.params, axis=0), axis=1) for s in self.shown]
        self.ax.set_xlim(0, max(self.ctx.total, 1))
        self.ax.set_ylim(0, max(lengths.max() for lengths in self.lengths))

    def moving(self):
        self.lines = []
        for s, lengths in zip(self.shown, self.lengths):
            line, = self.ax.plot([], [], color=s.color, label=s.run.label)
            self.lines.append((s.traj, lengths, self.animate(line)))

    def update(self, step, frame):
        for traj, lengths, line in self.lines:
            k = traj.at(step)
            line.set_data(np.arange(1, k + 1), lengths[:k])


scene = Scene(
    title="A panel of one's own: how long is each step?",
    description="Momentum's steps shrink far faster than plain GD's, which zig-zag across the valley; the right panel is a user's own, titled and labelled by default.",
    source="none of the five lectures: the tutorial's own-panel recipe (docs/tutorial.md), a StepLength view",
    problem=problems.ill_conditioned,
    runs=[Run("GD, lr 0.9", optimizers.gd(0.9), start=(-4, -2), steps=40),
          Run("momentum 0.3", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=40)],
    views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5)), StepLength()],
)
