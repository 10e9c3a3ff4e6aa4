"""``--format png-frames``: NAME-frames/NAME-0000.png … and timing.txt, a numbered frame sequence."""
from __future__ import annotations

from ..encoders import PngSequence
from .registry import Format, Writer, register


class PngFrames(Writer):
    def __init__(self, job):
        self.seq = PngSequence(job.temp_dir(f"{job.name}-frames"), job.name, job.dpi)

    def grab(self, shot):
        self.seq.grab(shot.rgb(), shot.duration)

    def finish(self):
        self.seq.finish()


@register
class PngFramesFormat(Format):
    name, consumes = "png-frames", "frames"
    purpose = "a numbered frame sequence (zero-padded) with each frame's seconds"

    def outputs(self, name, stills=()):
        return [(f"{name}-frames/", "PNG frames")]

    def writer(self, job):
        return PngFrames(job)
