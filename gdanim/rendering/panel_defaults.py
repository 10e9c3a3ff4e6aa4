"""A panel of one's own (a plug-in's painter) gets a title and axis labels where its painter set
none: the view's ``title``, else its class name in words ("StepLength" → "Step length"); the axes
from what the view says it shows, "the length of each step against the iteration" → y "length of
each step", x "iteration" (else "iteration" where the x axis spans the run's steps)."""
from __future__ import annotations

import re

from gdanim.declare.checks import gdanims


def words(name: str) -> str:
    """A class name as a title.

    >>> words("StepLength"), words("GDPath")
    ('Step length', 'GD path')
    """
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name) or [name]
    text = " ".join(p if p.isupper() and len(p) > 1 else p.lower() for p in parts)
    return text[:1].upper() + text[1:]


def axes_of(description: str) -> tuple[str | None, str | None]:
    """(x, y) read off "Y against X" (the leading "the" dropped from each), else (None, None).

    >>> axes_of("the length of each step against the iteration")
    ('iteration', 'length of each step')
    """
    if " against " not in description:
        return None, None
    y, _, x = description.partition(" against ")
    strip = lambda s: re.sub(r"^(the|a|an) ", "", s.strip().rstrip("."))     # noqa: E731
    return strip(x) or None, strip(y) or None


def fill(painter) -> None:
    """Give a plug-in's panel the title and axis labels its painter left empty (gdanim's own
    panels set theirs)."""
    if gdanims(type(painter)) or painter.projection is not None:
        return
    ax, view = painter.ax, painter.view
    if not ax.get_title():
        ax.set_title(view.title if view.title is not None else words(type(view).__name__))
    try:
        x, y = axes_of(view.describe(painter.problem))
    except Exception:                   # the view's own words failed: they are said elsewhere (alt text)
        x, y = None, None
    if x is None and tuple(ax.get_xlim()) == (0.0, float(max(painter.ctx.total, 1))):
        x = "iteration"
    if not ax.get_xlabel() and x:
        ax.set_xlabel(x)
    if not ax.get_ylabel() and y:
        ax.set_ylabel(y)
