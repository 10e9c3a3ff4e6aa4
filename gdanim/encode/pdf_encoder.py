"""Vector PDF stills and PDF pages, without dates or producer strings."""
from __future__ import annotations

from pathlib import Path

from gdanim.runtime.transaction import os_error


PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}


def write_pdf(fig, path: Path) -> None:
    """Vector PDF, TrueType fonts embedded (pdf.fonttype 42 in the render's rc), no dates or
    version strings: a re-render gives the same bytes."""
    try:
        fig.savefig(path, format="pdf", metadata=PDF_METADATA)
    except OSError as exc:
        raise os_error(exc, path) from None


class PdfPagesWriter:
    """One vector PDF page per figure state (matplotlib's PdfPages): ``grab(fig)`` adds the figure
    as posed now. No dates or producer strings."""

    def __init__(self, path: Path):
        from matplotlib.backends.backend_pdf import PdfPages
        self.path = path
        try:
            self.pdf = PdfPages(path, metadata=PDF_METADATA)
        except OSError as exc:
            raise os_error(exc, path) from None
        self.pages = 0

    def grab(self, fig) -> None:
        try:
            self.pdf.savefig(fig)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.pages += 1

    def finish(self) -> None:
        try:
            self.pdf.close()
        except OSError as exc:
            raise os_error(exc, self.path) from None

    def abort(self) -> None:
        try:
            self.pdf.close()
        except Exception:
            pass
