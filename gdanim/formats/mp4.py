"""``--format mp4``: NAME.mp4, H.264 through imageio-ffmpeg's own ffmpeg."""
from __future__ import annotations

import html

from gdanim.encode.mp4_encoder import Mp4Writer
from gdanim.formats.registry import EncoderWriter, Format, register


@register
class Mp4(Format):
    name, consumes, media, mime = "mp4", "frames", "animation", "video/mp4"
    purpose = "PowerPoint, Keynote, Jupyter"
    files = (("{name}.mp4", "MP4"),)

    def writer(self, job):
        return EncoderWriter(Mp4Writer(job.temp(f"{job.name}.mp4"), job.size, job.timing.fps))

    def embed(self, src, alt, attrs=""):
        return (f'<video autoplay loop muted playsinline{attrs} aria-label="{html.escape(alt)}">'
                f'<source src="{html.escape(src)}" type="{self.mime}"></video>')
