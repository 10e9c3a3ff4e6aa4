"""``--format png``: NAME.png (the final state) and NAME-LABEL.png per declared still."""
from __future__ import annotations

from gdanim.encode.png_encoder import write_png
from gdanim.formats.registry import Format, Writer, image_embed, register, still_outputs


class PngStills(Writer):
    def __init__(self, job):
        self.job = job

    def grab(self, shot):
        write_png(self.job.temp(f"{shot.stem}.png"), shot.rgb(), self.job.dpi)


@register
class Png(Format):
    name, consumes, media, mime = "png", "stills", "still", "image/png"
    purpose = "raster stills"
    writer_class = PngStills

    def outputs(self, name, stills=()):
        return still_outputs(name, stills, ".png", "PNG still")

    def embed(self, src, alt, attrs=""):
        return image_embed(src, alt, attrs)
