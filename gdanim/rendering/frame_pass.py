"""The frame pass: every frame blitted onto one cached background of what does not move."""
from __future__ import annotations

import numpy as np

from gdanim.formats.capture import rgb_of
from gdanim.rendering.scene_figure import SceneFigure


class FramePass:
    """Draws frames by blitting onto the cached background (or fully, for a turning camera)."""

    def __init__(self, built: SceneFigure):
        self.built = built
        if not built.full_redraw:
            built.lift()
        built.set_animated(not built.full_redraw)
        built.canvas.draw()
        self.background = built.canvas.copy_from_bbox(built.fig.bbox)

    def draw(self, step: int, frame: int) -> np.ndarray:
        b = self.built
        if b.full_redraw:
            b.pose(step, frame)
            b.canvas.draw()
        else:
            b.canvas.restore_region(self.background)
            b.pose(step, frame)
            for a in b.redraw_order():      # asked for anew each frame: a painter may replace an artist
                b.fig.draw_artist(a)
        return rgb_of(b.canvas)
