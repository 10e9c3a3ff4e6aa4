"""Fonts embedded in PDFs without their OpenType layout tables, parsed ahead of the render that
embeds them (the one place gdanim swaps a module of matplotlib's: gdanim.core.compat)."""
from __future__ import annotations

import contextlib
from pathlib import Path


from gdanim.core import compat


LAYOUT_TABLES = ("GDEF", "GSUB", "GPOS")
_PARSED: dict[tuple, list] = {}         # load_ttfont's arguments → fonts parsed ahead, one use each


def load_ttfont(path, **kwargs):
    """``fontTools.ttLib.TTFont(path, **kwargs)`` without its OpenType layout tables, taken from
    the fonts parsed ahead (``parse_fonts_ahead``) when one with these arguments is left."""
    key = (str(path), tuple(sorted(kwargs.items())))
    ready = _PARSED.get(key)
    if ready:
        return ready.pop()
    font = parse_ttfont(path, kwargs)
    if _noted is not None:
        _noted.append((key, font))
    return font


def parse_ttfont(path, kwargs: dict, tables=()):
    """A TTFont without its layout tables, with ``tables`` read (fontTools reads a table when first
    asked for it). It reads from a copy of the file in memory, not from an open file: a font parsed
    ahead by the batch's parent is read further by every forked child, and children reading one
    inherited file share its offset (a race: 'unsupported kern subtable version: 47')."""
    import io
    from fontTools.ttLib import TTFont
    font = without_layout(TTFont(io.BytesIO(Path(path).read_bytes()), **kwargs))
    for tag in tables:
        if tag in font.reader:
            font[tag]
    return font


def without_layout(font):
    """``font`` with its OpenType layout tables (GDEF, GSUB, GPOS) removed before any is read."""
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    return font


_noted: list | None = None              # the fonts loaded while parse_fonts_ahead watches


def parse_fonts_ahead(write, copies: int = 2) -> None:
    """Run ``write()`` (a small PDF written to memory), then parse each font it loaded, ``copies``
    times for each time it loaded it, with the tables its subset read already read, for
    ``load_ttfont`` to hand out, each once (a subset changes the font). The batch's parent does it before it forks the
    scenes' processes, which then do not read DejaVu Sans again for each font a PDF embeds
    (13 of the 23 ms it takes). The bytes written are the same."""
    global _noted
    _noted = []
    try:
        write()
    finally:
        noted, _noted = _noted, None
    for key, seen in noted:
        tags = [tag for tag in seen.tables if tag != "GlyphOrder"]
        _PARSED.setdefault(key, []).extend(parse_ttfont(key[0], dict(key[1]), tags) for _ in range(copies))


class LeanSubset:
    """fontTools.subset as matplotlib's PDF backend uses it, but a font it loads has its OpenType
    layout tables (GDEF, GSUB, GPOS) removed before any is read (and may have been parsed ahead)."""

    def __init__(self, module):
        self.module = module

    def __getattr__(self, name):
        return getattr(self.module, name)

    def load_font(self, path, options, **kwargs):
        if kwargs:
            return without_layout(self.module.load_font(path, options, **kwargs))
        return load_ttfont(path, **self.ttfont_arguments(options))

    @staticmethod
    def ttfont_arguments(options) -> dict:
        """What ``fontTools.subset.load_font(path, options)`` gives TTFont."""
        return dict(checkChecksums=0, recalcBBoxes=options.recalc_bounds, recalcTimestamp=options.recalc_timestamp,
                    lazy=True, fontNumber=options.font_number)


@contextlib.contextmanager
def lean_font_subsets():
    """While a PDF is written, its embedded fonts leave out the OpenType layout tables: matplotlib
    has already placed every glyph and a PDF viewer never reads them, but reading and subsetting
    them was most of a font's embedding time (DejaVu Sans: 0.08 of 0.09 s). The pages look the same
    (a test compares them rendered). matplotlib has no option for this, so its PDF backend's
    ``subset`` module is swapped for the block's duration; where matplotlib does not import it
    so, nothing changes (gdanim.core.compat.pdf_font_subsetter)."""
    with compat.pdf_font_subsetter(LeanSubset):
        yield
