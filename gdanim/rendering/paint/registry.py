"""Which painter draws a view: a table keyed by view type, looked up along the view class's MRO,
so a subclass of a built-in view is drawn by its parent's painter unless it registers its own.

    @paints(MyView)
    class MyPainter(Painter): ...
"""
from __future__ import annotations

from gdanim.declare.checks import gdanims, takes
from gdanim.core.errors import SceneError

_PAINTERS: dict[type, type] = {}


def paints(*view_types: type):
    """Class decorator: the decorated Painter draws views of these types (and their subclasses).
    A painter of one's own may not replace gdanim's for one of gdanim's views: the table serves
    every scene of a render (``make all``, a deck), not only the one whose helper registered it;
    a subclass of the view gets its own painter instead. Mistakes in a painter's methods are said
    here, where its file is loaded, rather than when a frame is drawn."""
    def register(painter: type) -> type:
        check_painter(painter)
        for vt in view_types:
            if not isinstance(vt, type):
                raise SceneError(f"@paints takes view classes, got {vt!r}")
            if gdanims(vt) and not gdanims(painter):     # its own entry or, along the MRO, a parent's
                name = vt.__name__
                raise SceneError(f"@paints({name}): {name} views are drawn by gdanim's own painter in every scene "
                                 f"of a render, not only this one; to draw them your way, subclass the view "
                                 f"(class My{name}(views.{name}): pass) and register @paints(My{name})")
            if not gdanims(vt):
                check_view(vt)
            _PAINTERS[vt] = painter
        return painter
    return register


def check_painter(painter) -> None:
    from gdanim.rendering.paint.base import Painter
    if not (isinstance(painter, type) and issubclass(painter, Painter)):
        name = getattr(painter, "__name__", repr(painter))
        raise SceneError(f"@paints decorates a subclass of gdanim.paint.Painter; {name} is not one")
    takes(painter, "__init__", "ax, view, problem, shown, ctx")
    takes(painter, "update", "step, frame")
    for part in ("window", "static", "moving", "keys"):         # called by Painter.__init__, in this order
        takes(painter, part, "")


def check_view(view_type: type) -> None:
    for method in ("describe", "check"):
        if hasattr(view_type, method):
            takes(view_type, method, "problem")


def painter_for(view) -> type:
    """The painter class registered for ``type(view)`` or its nearest base class."""
    for cls in type(view).__mro__:
        if cls in _PAINTERS:
            return _PAINTERS[cls]
    name = type(view).__name__
    raise SceneError(f"no painter draws {name} views: register one with @gdanim.paint.paints({name})")
