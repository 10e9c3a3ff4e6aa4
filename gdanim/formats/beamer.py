"""``--format beamer``: NAME-frames.pdf (a vector page per frame), the snippet
NAME-frames.tex for the animate package, and NAME-frames.timeline that gives each page its own
time on screen (held first and last frames, pauses) where the times differ.

>>> print(timeline([0.1, 0.1, 2.0]))
:10:0
::1
:0.5:2
<BLANKLINE>
"""
from __future__ import annotations

from gdanim.encode.pdf_encoder import PdfPagesWriter

from gdanim.encode.text_files import write_text
from gdanim.formats.registry import Format, Writer, register


def rate(seconds: float) -> str:
    """Frames per second that show one frame for ``seconds``, written briefly."""
    return f"{1.0 / seconds:.6g}"


def timeline(durations) -> str:
    """One line per page, ``:<frame rate>:<page>``; the rate is written only where it changes
    (animate keeps a rate until the next line that sets one)."""
    lines, current = [], None
    for page, d in enumerate(durations):
        r = rate(d)
        lines.append(f":{r if r != current else ''}:{page}")
        current = r
    return "\n".join(lines) + "\n"


def fitted(width_cm: float, height_cm: float) -> str:
    """Graphics options for a figure of this size: its natural size, or smaller, keeping its
    shape, where the line (``\\linewidth``) or 0.8 of the text height (a beamer frame under its
    title) is smaller; animate and graphicx both take them.

    >>> print(fitted(14, 7))
    width=\\ifdim\\linewidth<14.00cm \\linewidth\\else 14.00cm\\fi,height=\\ifdim 0.8\\textheight<7.00cm 0.8\\textheight\\else 7.00cm\\fi,keepaspectratio
    """
    w, h = f"{width_cm:.2f}cm", f"{height_cm:.2f}cm"
    return (f"width=\\ifdim\\linewidth<{w} \\linewidth\\else {w}\\fi,"
            f"height=\\ifdim 0.8\\textheight<{h} 0.8\\textheight\\else {h}\\fi,keepaspectratio")


def snippet(name: str, title: str, durations, width_cm: float, height_cm: float, fps: float,
            loop: int) -> str:
    """``\\animategraphics`` for NAME-frames.pdf at its natural size, or smaller where it would
    not fit (``fitted``). With a timeline the pages keep their own durations; ``loop`` 0 (forever)
    adds animate's ``loop`` option."""
    uniform = len({round(d, 6) for d in durations}) <= 1
    # poster=last: viewers without JavaScript, and print, show the final state
    options = ["autoplay"] + (["loop"] if loop == 0 else []) + ["controls", "poster=last", fitted(width_cm, height_cm)]
    if not uniform:
        options.append(f"timeline={name}-frames.timeline")
    base = rate(durations[0]) if uniform and durations else f"{fps:g}"
    total = sum(durations)
    return (
        f"% {name}-frames.tex, written by gdanim: {title.replace(chr(10), chr(10) + '% ')}\n"
        f"% {len(durations)} frames, {width_cm:.2f} cm x {height_cm:.2f} cm (smaller where the line or 0.8 of the "
        f"text height is), {fps:g} fps, {total:.1f} s in all.\n"
        f"% Preamble: \\usepackage{{animate}}. In a frame: \\input{{{name}-frames.tex}}\n"
        f"% (put {name}-frames.pdf{'' if uniform else f' and {name}-frames.timeline'} where LaTeX looks for files).\n"
        f"\\animategraphics[{','.join(options)}]{{{base}}}{{{name}-frames}}{{}}{{}}%\n"
    )


class BeamerFrames(Writer):
    def __init__(self, job):
        self.job = job
        self.pages = PdfPagesWriter(job.temp(f"{job.name}-frames.pdf"))
        self.durations = []

    def grab(self, shot):
        self.pages.grab(shot.figure())
        self.durations.append(shot.duration)

    def abort(self):
        self.pages.abort()

    def finish(self):
        self.pages.finish()
        job, name = self.job, self.job.name
        w_in, h_in = job.inches
        tex = snippet(name, job.scene.title, self.durations, w_in * 2.54, h_in * 2.54, job.timing.fps, job.timing.loop)
        write_text(job.temp(f"{name}-frames.tex"), tex)
        if "timeline=" in tex:
            write_text(job.temp(f"{name}-frames.timeline"), timeline(self.durations))


@register
class Beamer(Format):
    name, consumes, posed_only = "beamer", "pages", True
    aliases = ("frames",)        # its name before 0.2
    purpose = "beamer: one vector page per frame for the animate package, and its snippet"
    files = (("{name}-frames.pdf", "frames (PDF, beamer)"), ("{name}-frames.tex", "beamer snippet"),
             ("{name}-frames.timeline", None))
    writer_class = BeamerFrames
