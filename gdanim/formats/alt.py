"""``--format alt``: NAME.alt.txt, the figure described in words (gdanim.alt_text)."""
from __future__ import annotations

from gdanim.formats.alt_text import alt_text
from gdanim.encode.text_files import write_text
from gdanim.formats.registry import Format, Writer, register


class AltText(Writer):
    def __init__(self, job):
        self.job = job

    def finish(self):
        job = self.job
        write_text(job.temp(f"{job.name}.alt.txt"), alt_text(job.scene, job.trajectories) + "\n")


@register
class Alt(Format):
    name, consumes = "alt", "nothing"
    purpose = "alt text: what the figure shows, the runs, how each ended and its final loss"
    files = (("{name}.alt.txt", "alt text"),)
    writer_class = AltText
