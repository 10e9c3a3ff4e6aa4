"""``--format pdf``: NAME.pdf (the final state) and NAME-LABEL.pdf per declared still, vector."""
from __future__ import annotations

from gdanim.encode.pdf_encoder import write_pdf
from gdanim.formats.registry import Format, Writer, register, still_outputs


class PdfStills(Writer):
    def __init__(self, job):
        self.job = job

    def grab(self, shot):
        write_pdf(shot.figure(), self.job.temp(f"{shot.stem}.pdf"))


@register
class Pdf(Format):
    name, consumes, posed_only = "pdf", "stills", True
    purpose = "vector stills for LaTeX"
    writer_class = PdfStills

    def outputs(self, name, stills=()):
        return still_outputs(name, stills, ".pdf", "PDF still")
