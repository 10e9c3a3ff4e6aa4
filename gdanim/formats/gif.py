"""``--format gif``: NAME.gif, one palette for the whole animation, only changed pixels stored."""
from __future__ import annotations

from gdanim.encode.gif_encoder import GifWriter
from gdanim.formats.registry import EncoderWriter, Format, image_embed, register


@register
class Gif(Format):
    name, consumes, media, mime = "gif", "frames", "animation", "image/gif"
    purpose = "Google Slides, reveal.js, web pages"
    files = (("{name}.gif", "GIF"),)

    def writer(self, job):
        gif = GifWriter(job.temp(f"{job.name}.gif"), loop=job.timing.loop)
        # the palette comes from the first and last frames: together they hold every colour
        gif.set_palette([job.draw(job.frames[0]), job.draw(job.frames[-1])], reserved=job.key_colors)
        return EncoderWriter(gif)

    def embed(self, src, alt, attrs=""):
        return image_embed(src, alt, attrs)
