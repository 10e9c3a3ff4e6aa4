"""Which painter draws a view: a table keyed by view type, looked up along the view class's MRO,
so a subclass of a built-in view is drawn by its parent's painter unless it registers its own.

    @paints(MyView)
    class MyPainter(Painter): ...
"""
from __future__ import annotations

from ..errors import SceneError

_PAINTERS: dict[type, type] = {}


def paints(*view_types: type):
    """Class decorator: the decorated Painter draws views of these types (and their subclasses)."""
    def register(painter: type) -> type:
        for vt in view_types:
            if not isinstance(vt, type):
                raise TypeError(f"paints() takes view classes, got {vt!r}")
            _PAINTERS[vt] = painter
        return painter
    return register


def painter_for(view) -> type:
    """The painter class registered for ``type(view)`` or its nearest base class."""
    for cls in type(view).__mro__:
        if cls in _PAINTERS:
            return _PAINTERS[cls]
    name = type(view).__name__
    raise SceneError(f"no painter draws {name} views: register one with @gdanim.paint.paints({name})")
