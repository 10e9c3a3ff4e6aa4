"""Decks: many scenes in one slide deck, written by ``gdanim deck SCENE... -o FILE``. The file's
suffix picks the kind from a registry (``registry``): ``.pptx`` (PowerPoint, python-pptx),
``.html`` (reveal.js, offline) and ``.tex`` (beamer, from the ``beamer`` format's frames)."""
from gdanim.decks.registry import DeckKind, for_file, register, suffixes
from gdanim.decks import powerpoint, reveal, beamer  # noqa: F401  (built-ins, in this order)
from gdanim.decks.build import DeckJob, DeckOptions, check_scenes, report

__all__ = ["DeckJob", "DeckKind", "DeckOptions", "check_scenes", "for_file", "register", "report", "suffixes"]
