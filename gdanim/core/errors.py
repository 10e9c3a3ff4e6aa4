"""Errors gdanim reports as one line: ``FILE[:LINE]: what was wrong``, each with its own exit code."""
from __future__ import annotations

import re

# Exit codes, distinct per kind of failure so that scripts and make can tell them apart.
EXIT_USAGE = 2          # options that do not apply: click's usage errors, UsageError; a library missing
EXIT_NOT_FOUND = 3      # scene path missing, or a directory
EXIT_SYNTAX = 4         # the scene file is not valid Python
EXIT_SCENE_CODE = 5     # the scene file raised while running (import error, NameError, ...)
EXIT_INVALID = 6        # the scene declares something gdanim cannot use
EXIT_DATA = 7           # a data file is missing or malformed
EXIT_OUTPUT = 8         # output directory not writable, disk full, ...
EXIT_LINT = 9           # render --lint: the figure has text on text, a cut mark, two colour maps of one loss
EXIT_INTERNAL = 70      # a bug in gdanim itself (EX_SOFTWARE): please report it
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT)
EXIT_TERMINATED = 143   # kill (SIGTERM)


class GdanimError(Exception):
    """An error with a one-line message; ``path`` and ``line`` say where, when known."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.declared = None            # what of the scene it concerns, for its line (loader.declared_line)

    def concerning(self, *what) -> "GdanimError":
        """Say which declaration of the scene the error concerns: ("run", label) or ("keyword",
        name), so that the CLI can name its line where no line of the scene is on the traceback.
        Returns self."""
        self.declared = what
        return self

    def located(self, path: str, line: int | None = None) -> "GdanimError":
        """Say where in the scene file the error arose; an error that already names another
        file (a data file) keeps that file in its message. Returns self."""
        if self.path is not None and self.path != path:
            self.message = str(self)
            self.args = (self.message,)
            self.path, self.line = path, line
        if self.path is None:
            self.path = path
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message

    def _render_traceback_(self) -> list[str]:
        """What IPython (a notebook) shows for it instead of a traceback into gdanim: the one line
        the command would say. (``%debug`` still reaches the frames.)"""
        return [f"gdanim: error: {' '.join(str(self).split())}"]


class SceneNotFound(GdanimError):
    exit_code = EXIT_NOT_FOUND


class SceneSyntaxError(GdanimError):
    exit_code = EXIT_SYNTAX


class SceneCodeError(GdanimError):
    exit_code = EXIT_SCENE_CODE


class SceneError(GdanimError):
    """A declaration that cannot be used: wrong type, range, length or name."""

    exit_code = EXIT_INVALID


class UnknownName(SceneError, AttributeError):
    """A misspelt name looked up on a gdanim module from a scene (``optimizers.adma``)."""


class DataError(GdanimError):
    exit_code = EXIT_DATA


class UsageError(GdanimError):
    """Options that cannot go together or do not apply (``--gif`` for a beamer deck), as click's
    own usage errors."""
    exit_code = EXIT_USAGE


class MissingLibrary(UsageError):
    """A library an optional part of gdanim needs is not installed: the message says what to
    install (the command's dependency, not its output's fault)."""


class NothingToWrite(UsageError):
    """Every format asked for is one the scene cannot have (only animations, of a still scene)."""


class OutputError(GdanimError):
    exit_code = EXIT_OUTPUT


class LintFindings(GdanimError):
    """``render --lint`` found defects in a figure (each said on a line of its own before)."""

    exit_code = EXIT_LINT


class InternalError(GdanimError):
    """Something gdanim did not foresee; the message asks for a report."""

    exit_code = EXIT_INTERNAL


class Interrupted(GdanimError):
    exit_code = EXIT_INTERRUPTED


class Terminated(Interrupted):
    """SIGTERM (``kill PID``)."""

    exit_code = EXIT_TERMINATED


class Stopped(BaseException):
    """A stop asked for from outside (Ctrl-C, ``kill``), raised by the CLI's signal handlers. A
    BaseException, so that no ``except Exception`` in a scene's own code can swallow it; it
    carries the error the CLI reports, and the files already in place if the stop came just
    after they were written."""

    def __init__(self, error: Interrupted, written=()):
        super().__init__(str(error))
        self.error, self.written = error, list(written)


class Note(UserWarning):
    """Something about the figure the lecturer should know, though it was written (a run that
    stopped where the loss is not defined): said by the CLI as a note, as it is."""


def note(text: str) -> None:
    """Warn ``text`` as a Note from the first caller outside gdanim (as pandas' find_stack_level
    does), so that Python, a notebook included, shows the line of the lecturer's own code (the
    render called, or the scene's line) rather than gdanim's insides."""
    import os
    import sys
    import warnings
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep   # gdanim/, above core/
    frame, level = sys._getframe(1), 2     # stacklevel 2: the caller of note()
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(text, Note, stacklevel=level)


# matplotlib 3.9 on names the font ("missing from font(s) DejaVu Sans."), 3.8 does not ("from current font.")
GLYPH = re.compile(r"Glyph (\d+) \(.*?\) missing from (?:current )?font(?:\(s\) (.+?))?\.?$")


def missing_glyphs(caught) -> str | None:
    """The warnings of matplotlib that a font has no glyph for a character, as one note in words
    (the characters themselves, the font, and what the figure shows instead), or None.

    >>> import warnings
    >>> w = warnings.WarningMessage("Glyph 28450 (\\N{CJK UNIFIED IDEOGRAPH-6F22}) missing from font(s) "
    ...                             "DejaVu Sans.", UserWarning, "matplotlib/backend_agg.py", 1)
    >>> print(missing_glyphs([w, w]))
    the font DejaVu Sans has no 漢 (U+6F22): it is drawn as an empty box; use characters the font has, or math ($…$)
    """
    found: dict[str, list[str]] = {}
    for w in caught:
        m = GLYPH.match(str(w.message).strip())
        if m:
            chars = found.setdefault(m.group(2) or default_font(), [])
            c = chr(int(m.group(1)))
            if c not in chars:
                chars.append(c)
    if not found:
        return None
    said = "; ".join(f"the font {font} has no {', '.join(f'{c} (U+{ord(c):04X})' for c in chars)}"
                     for font, chars in found.items())
    many = sum(len(c) for c in found.values()) > 1
    return (f"{said}: {'they are' if many else 'it is'} drawn as {'empty boxes' if many else 'an empty box'}; "
            f"use characters the font has, or math ($…$)")


def default_font() -> str:
    """The name of the font matplotlib draws text in, for its warnings that do not name it."""
    from matplotlib import font_manager
    return font_manager.get_font(font_manager.findfont(font_manager.FontProperties())).family_name


def for_the_lecturer(w) -> bool:
    """Is a warning met while a scene loads or renders (a ``warnings.WarningMessage``) the
    lecturer's to know? Not a deprecation inside an installed library, one library's use of
    another's (matplotlib 3.8's mathtext warns at every formula with pyparsing 3.3): the scene
    cannot change it. A deprecation the scene's own code meets is said."""
    import os
    if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning)):
        return True
    parts = os.path.normpath(str(w.filename)).split(os.sep)
    return "site-packages" not in parts and "dist-packages" not in parts


def meaning(w) -> str:
    """What a warning met while a scene loads or renders (a ``warnings.WarningMessage``) means
    for the figure, in words: a Note as it is, numpy's overflow and invalid values by their effect,
    anything else named by its source."""
    text = str(w.message).strip().splitlines()[0] if str(w.message).strip() else w.category.__name__
    if issubclass(w.category, Note):
        return text
    if issubclass(w.category, RuntimeWarning):
        for cause, effect in (("overflow", "values overflowed"), ("invalid value", "values were undefined (NaN)"),
                              ("divide by zero", "a division by zero gave infinite values")):
            if cause in text:
                return f"{effect} ({text}); values that are not finite are not drawn"
    glyphs = missing_glyphs([w])
    if glyphs:
        return glyphs
    source = "matplotlib" if "matplotlib" in str(w.filename) else w.category.__name__
    return f"{source}: {text} (the figure was written; check it)"
