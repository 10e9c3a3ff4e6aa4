"""Deck kinds behind one interface, found by the deck file's suffix in one registry.

A deck kind says which suffix it writes, at which size preset its figures are rendered for a
16:9 or a 4:3 slide, which output formats it needs of each scene (rendered first where they are
missing), and how it writes the deck from those files. It writes only to ``deck.temp(...)`` and
``deck.temp_dir(...)``, so the deck is committed whole or not at all.

>>> suffixes()
('.pptx', '.html', '.tex')
"""
from __future__ import annotations

from pathlib import Path

from gdanim.core.errors import MissingLibrary, OutputError

_DECKS: dict[str, "DeckKind"] = {}


class DeckKind:
    """One kind of deck. Subclass it, set the class attributes, register it with ``@register``."""

    suffix = ""                 # ".pptx"
    purpose = ""                # what it is for (the command's help, the README)
    presets = {"16:9": "powerpoint", "4:3": "powerpoint-4:3"}   # slide aspect → figure size preset
    still_formats = ("png",)            # the output formats a still scene's slide is made from
    moving_formats = ("mp4", "png")     # and an animation's (the first is what plays)

    def formats(self, name, scene, options) -> tuple[str, ...]:
        """The output formats this deck takes from scene ``name`` (an animation or a still)."""
        return self.still_formats if scene.is_still else self.moving_formats

    def check(self, options) -> None:
        """Refuse options this kind cannot honour (a one-line GdanimError), before anything renders."""

    def check_target(self, target) -> None:
        """Refuse a deck's file name this kind cannot write (a one-line GdanimError), before
        anything renders."""

    def write(self, deck) -> None:
        """Write the deck: ``deck`` is a gdanim.decks.build.DeckJob."""
        raise NotImplementedError

    def warnings(self, deck, size: int) -> list[str]:
        """Where this target is known to struggle with what was written (``size``: bytes in all)."""
        return []


def library(module: str, package: str, what: str):
    """Import the library ``module`` a deck kind writes with, or say in one line what to install
    (``package`` from PyPI, in gdanim's ``deck`` extra) to write ``what``."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingLibrary(f"writing {what} needs {package}: pip install 'gdanim[deck]'") from None


def register(kind):
    """Register a DeckKind (a class, instantiated here); returns it unchanged (a class decorator)."""
    instance = kind() if isinstance(kind, type) else kind
    if not instance.suffix.startswith(".") or len(instance.suffix) < 2:
        raise ValueError(f"deck kind {type(instance).__name__} needs a suffix such as '.pptx'")
    _DECKS[instance.suffix] = instance
    return kind


def suffixes() -> tuple[str, ...]:
    return tuple(_DECKS)


def for_file(path) -> DeckKind:
    """The deck kind that writes ``path``, by its suffix; a one-line OutputError naming the file
    otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in _DECKS:
        said = f"'{suffix}'" if suffix else "no suffix"
        raise OutputError(f"cannot write a deck with {said}; the suffix picks the kind: {', '.join(_DECKS)}",
                          str(path))
    return _DECKS[suffix]
