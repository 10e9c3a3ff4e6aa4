"""Options shared by the commands: --format, folders to write into, --size and --theme."""
from __future__ import annotations


import click

from gdanim import formats
from gdanim.core.errors import GdanimError

def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    if not names:
        raise click.BadParameter(f"{value!r}: choose from {','.join(formats.names())}", param_hint="'--format'")
    return names


def check_formats(names) -> None:
    """Every name a registered format (scene files may have registered their own by now); a
    broken plug-in says why it failed to load."""
    bad = []
    for n in names:
        try:
            formats.get(n)
        except GdanimError:
            if n in formats.broken():
                raise
            bad.append(n)
    if bad:
        raise click.BadParameter(f"{','.join(bad)}: choose from {','.join(formats.names())} (a format of your own is "
                                 f"registered with @gdanim.formats.register in a module the scene file imports)",
                                 param_hint="'--format'")


class FormatOption(click.Option):
    """--format, whose help lists the formats registered when the help is shown (plug-ins too)."""

    def get_help_record(self, ctx):
        self.help = f"Comma-separated, from: {', '.join(formats.names())} (see: gdanim formats)."
        return super().get_help_record(ctx)


def default_files() -> str:
    files = [file for n in formats.DEFAULT for file, _ in formats.get(n).outputs("NAME")]
    return ", ".join(files[:-1]) + " and " + files[-1]


class Folder(click.Path):
    """A folder to write into, never "" (which would be the current folder, unasked)."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("an empty name is no folder (the current one is written '.')", param, ctx)
        return super().convert(value, param, ctx)


def restyle(scene, size, theme):
    """The scene with the command line's size and theme, if given (checked like the scene's own)."""
    import dataclasses
    changes = {k: v for k, v in (("size", size), ("theme", theme)) if v is not None}
    return dataclasses.replace(scene, **changes) if changes else scene
