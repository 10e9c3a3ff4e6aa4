"""``--format gif``: NAME.gif, one palette for the whole animation, only changed pixels stored."""
from __future__ import annotations

from ..encoders import GifWriter
from .registry import Format, Writer, image_embed, register


class GifFrames(Writer):
    def __init__(self, job):
        self.gif = GifWriter(job.temp(f"{job.name}.gif"), loop=job.timing.loop)
        # the palette comes from the first and last frames: together they hold every colour
        self.gif.set_palette([job.draw(job.frames[0]), job.draw(job.frames[-1])])

    def grab(self, shot):
        self.gif.grab(shot.rgb(), shot.duration)

    def finish(self):
        self.gif.finish()


@register
class Gif(Format):
    name, consumes, media, mime = "gif", "frames", "animation", "image/gif"
    purpose = "Google Slides, reveal.js, web pages"

    def outputs(self, name, stills=()):
        return [(f"{name}.gif", "GIF")]

    def writer(self, job):
        return GifFrames(job)

    def embed(self, src, alt, attrs=""):
        return image_embed(src, alt, attrs)
