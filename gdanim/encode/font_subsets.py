"""Fonts parsed without their OpenType layout tables, for the explorer page's own font subsets
(gdanim.formats.capture): the page shapes no text with them, and reading them was 2/3 of the
time a subset took."""
from __future__ import annotations

from pathlib import Path


LAYOUT_TABLES = ("GDEF", "GSUB", "GPOS")


def load_ttfont(path, **kwargs):
    """``fontTools.ttLib.TTFont(path, **kwargs)`` without its OpenType layout tables. It reads
    from a copy of the file in memory, not from an open file: forked processes reading one
    inherited file would share its offset."""
    import io
    from fontTools.ttLib import TTFont
    return without_layout(TTFont(io.BytesIO(Path(path).read_bytes()), **kwargs))


def without_layout(font):
    """``font`` with its OpenType layout tables (GDEF, GSUB, GPOS) removed before any is read."""
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    return font
