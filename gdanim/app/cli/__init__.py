"""The ``gdanim`` command: render (once or --watch), deck, new, examples, gallery, formats, trajectory,
list, readme-gallery. Thin: it loads scenes and hands them on. One module per command (or kind of
command); ``group`` holds what they share: the group itself, its usage errors and signals."""
from gdanim.app.cli.group import command, main
from gdanim.app.cli import catalogue, deck, render, trajectory  # noqa: F401  (each registers its commands on main)

__all__ = ["command", "main"]
