"""The moving path of one run on a 2-D panel: line, markers coloured by iteration, head,
start, and a marker where a run diverged. Shared by the contour and Taylor panels."""
from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import Normalize


class PathArtist:
    def __init__(self, painter, run, traj, xy: np.ndarray, color: str, by_iteration: bool, markers: bool = True):
        ax, theme = painter.ax, painter.theme
        self.xy, self.traj = xy, traj
        outline = [patheffects.withStroke(linewidth=4.5, foreground=theme.face, alpha=0.8)]
        line_color = theme.path if by_iteration else color
        self.line, = ax.plot([], [], "-", color=line_color, lw=2.0, alpha=0.9, zorder=5,
                             path_effects=outline, label=run.label)
        self.dots = None
        if markers:
            if by_iteration:
                self.dots = ax.scatter([], [], s=36, c=[], cmap=theme.iteration_cmap,
                                       norm=Normalize(0, max(painter.ctx.total, 1)), zorder=6,
                                       edgecolors=theme.face, linewidths=0.6)
            else:
                self.dots = ax.scatter([], [], s=26, color=color, zorder=6, edgecolors=theme.face, linewidths=0.6)
        self.head, = ax.plot([], [], "o", ms=11, color=color if not by_iteration else theme.path,
                             mec=theme.face, mew=1.8, zorder=8)
        ax.plot(*xy[0], "o", ms=11, mfc="none", mec=line_color, mew=2.2, zorder=7)      # start (static)
        self.cross, = ax.plot([], [], "X", ms=16, color=theme.star, mec=theme.face, zorder=9)
        self.note = ax.annotate("", xy=(0, 0), xytext=(8, 8), textcoords="offset points",
                                color=theme.star, fontweight="bold", zorder=9,
                                fontsize="small")
        painter.animate(self.line, self.head, self.cross, self.note, *([self.dots] if self.dots else []))

    def update(self, step: int) -> None:
        k = self.traj.at(step)
        pts = self.xy[: k + 1]
        self.line.set_data(pts[:, 0], pts[:, 1])
        if self.dots is not None:
            self.dots.set_offsets(pts)
            if self.dots.get_array() is not None:
                self.dots.set_array(np.arange(k + 1, dtype=float))
        self.head.set_data(pts[-1:, 0], pts[-1:, 1])
        diverged = self.traj.stop == "diverged" and step >= self.traj.steps
        self.cross.set_data(pts[-1:, 0] if diverged else [], pts[-1:, 1] if diverged else [])
        self.note.set_text(f"diverged at step {self.traj.diverged_at}" if diverged else "")
        self.note.xy = tuple(pts[-1])
