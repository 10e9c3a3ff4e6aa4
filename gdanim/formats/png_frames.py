"""``--format png-frames``: NAME-frames/NAME-0000.png … and timing.txt, a numbered frame sequence."""
from __future__ import annotations

from gdanim.encode.png_encoder import PngSequence
from gdanim.formats.registry import EncoderWriter, Format, register


@register
class PngFrames(Format):
    name, consumes = "png-frames", "frames"
    purpose = "a numbered frame sequence (zero-padded) and timing.txt with each frame's seconds"
    files = (("{name}-frames/", "PNG frames"),)

    def writer(self, job):
        return EncoderWriter(PngSequence(job.temp_dir(f"{job.name}-frames"), job.name, job.dpi))
