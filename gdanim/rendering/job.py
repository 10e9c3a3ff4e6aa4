"""What one render hands the formats' writers: the job (scene, trajectories, figure, frames,
temporary files) and the shots (one picture each)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from gdanim.compute.frame_schedule import Frame
from gdanim.core.errors import SceneError
from gdanim.formats.capture import rgb_of
from gdanim.rendering.frame_pass import FramePass
from gdanim.rendering.scene_figure import SceneFigure


def confined(name) -> str:
    """``name`` if it names a file in the output folder (no folder of its own, no .. and not
    absolute), else a SceneError: a format of one's own writes only there."""
    if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        import os
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(package):
            frame = frame.f_back                # the format's own line that asked
        error = SceneError(f"a format asked for a file named {name!r}: a format writes only into the output "
                           f"folder, job.temp(NAME) with NAME a file name without a folder")
        raise error.located(frame.f_code.co_filename, frame.f_lineno) if frame is not None else error
    return name


class Job:
    """What a format's writer may use during one render: the output name, the scene and its
    trajectories, the frame schedule and stills, temporary files that become final on commit,
    and pictures drawn on demand."""

    def __init__(self, name, scene, trajectories, figure: SceneFigure, dpi, frames, stills, txn, processes=1):
        self.name, self.scene, self.trajectories = name, scene, trajectories
        self.processes = processes                               # how many processes draw the frames
        self.figure, self.dpi, self.frames, self.stills, self.txn = figure, dpi, frames, stills, txn
        self.timing = scene.timing
        self.size = figure.size                                  # pixels, even
        self.key_colors = figure.key_colors                      # the figure's own colours (a GIF's palette)
        self.inches = tuple(figure.fig.get_size_inches())
        self.captured: dict[int, np.ndarray] = {}               # step → frame-pass pixels, for stills
        self.writers: list = []
        self.frame_pass = None
        self.drawn: dict[int, np.ndarray] = {}                  # frame index → pixels drawn before the pass
        self.every_pair: SceneFigure | None = None              # the explorer's figure of a two-field sweep

    def temp(self, file_name: str) -> Path:
        """A temporary file that becomes ``out/file_name`` when the render commits; ``file_name``
        is a name in the output folder, never a path elsewhere."""
        return self.txn.temp(confined(file_name))

    def temp_dir(self, folder_name: str) -> Path:
        return self.txn.temp_dir(confined(folder_name))

    def draw(self, frame: Frame) -> np.ndarray:
        """The pixels of ``frame``, blitted (the frame pass starts on first use). What is drawn
        before the frame pass (the GIF's palette samples) is kept for it, not drawn twice."""
        if frame.index not in self.drawn:
            self.drawn[frame.index] = self.blit(frame)
        return self.drawn[frame.index]

    def blit(self, frame: Frame) -> np.ndarray:
        if self.frame_pass is None:
            self.frame_pass = FramePass(self.figure)
        return self.frame_pass.draw(frame.step, frame.index)

    def take(self, frame: Frame) -> np.ndarray:
        """``frame``'s pixels for the frame pass: kept from ``draw`` (and let go), else drawn."""
        rgb = self.drawn.pop(frame.index, None)
        return rgb if rgb is not None else self.blit(frame)

    def pose(self, step: int, frame: int = 0):
        """The matplotlib Figure showing the state after ``step`` (fully drawn, not blitted)."""
        self.figure.pose(step, frame)
        return self.figure.fig

    def frame_of(self, step: int) -> int:
        """The index of the frame that shows ``step`` (or the last one before it): a still of that
        step shows the same state as the animation there, a turning camera included."""
        shown = [f.index for f in self.frames if f.step <= step]
        return shown[-1] if shown else 0

    def still_pixels(self, step: int) -> np.ndarray:
        if step in self.captured:
            return self.captured[step]
        self.pose(step, self.frame_of(step))
        self.figure.canvas.draw()
        return rgb_of(self.figure.canvas)

    def layers(self):
        """The figure's static and moving layers (gdanim.rendering.layers), with the frame pass's
        background where there was one; a swept run's own static artists move with its slider. A
        sweep over two fields: the figure with every pair's run in it (``every_pair_figure``)."""
        from gdanim.rendering.layers import Layers
        if getattr(self.scene.sweep, "chosen", None) is not None:
            return Layers(self.every_pair_figure(), per_run=True)
        background = self.frame_pass.background if self.frame_pass is not None else None
        return Layers(self.figure, per_run=bool(self.scene.swept_labels), background=background)

    def every_pair_figure(self) -> SceneFigure:
        """The explorer's figure of a sweep over two fields: every pair's run in every panel
        (grid_focus), built and laid out on first use."""
        if self.every_pair is None:
            self.every_pair = SceneFigure(self.scene, self.trajectories, self.dpi, every_pair=True)
            self.every_pair.freeze_layout()
        return self.every_pair

    def open(self, fmt) -> object:
        writer = fmt.writer(self)
        self.writers.append(writer)
        return writer

    def finish(self) -> None:
        """Finish every writer, in the order they were opened, once every pass has run: the MP4
        encoder finishes its last frames while the stills are drawn, not before."""
        for w in self.writers:
            w.finish()

    def abort(self) -> None:
        for w in self.writers:
            try:
                getattr(w, "abort", lambda: None)()
            except Exception:
                pass


class Shot:
    """One picture handed to a writer: a frame of the animation (``index``, ``duration``) or a
    still (``label``, '' for the final one). ``rgb()`` gives its pixels, ``figure()`` the
    figure posed in that state (for vector output; not for frames of the blitted pass)."""

    def __init__(self, job: Job, step: int, index: int = 0, duration: float = 0.0, label: str = "",
                 pixels: np.ndarray | None = None):
        self.job, self.step, self.index, self.duration, self.label = job, step, index, duration, label
        self.pixels = pixels

    @property
    def stem(self) -> str:
        """The file stem for this shot: NAME, or NAME-LABEL for a labelled still."""
        return self.job.name if not self.label else f"{self.job.name}-{self.label}"

    def rgb(self) -> np.ndarray:
        return self.pixels if self.pixels is not None else self.job.still_pixels(self.step)

    def figure(self):
        return self.job.pose(self.step, self.index)
