"""A panel of one's own (the tutorial's StepLength): its painter sets no title and no axis
labels, and gets them by default, from the view's class name and from what it describes."""
from dataclasses import dataclass

import numpy as np

from gdanim import views
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
