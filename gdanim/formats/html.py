"""``--format html``: NAME.html, the explorer — one self-contained page to play, scrub, sweep and
turn the scene, offline (gdanim.explorer)."""
from __future__ import annotations

from gdanim.encode.text_files import write_text
from gdanim.formats.registry import Format, Writer, register


class ExplorerPage(Writer):
    def __init__(self, job):
        self.job, self.layers = job, None

    def grab(self, layers):
        self.layers = layers

    def finish(self):
        from gdanim.formats.explorer import page          # matplotlib only when rendering
        write_text(self.job.temp(f"{self.job.name}.html"), page(self.job, self.layers))


@register
class Html(Format):
    name, consumes = "html", "layers"
    purpose = "the explorer: one offline page to play, scrub, sweep and turn the figure"
    files = (("{name}.html", "explorer"),)
    writer_class = ExplorerPage
