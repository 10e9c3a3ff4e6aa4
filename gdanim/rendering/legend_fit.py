"""A legend never moves the panels, and one taller than its panel lists the entries that fit, then
"… and N more": a hundred runs' legend would otherwise have the layout make room for it, and the
panels shrink to nothing (matplotlib: "axes sizes collapsed to zero")."""
from __future__ import annotations

import math

from gdanim.rendering import legend_control
from gdanim.core.errors import note


def out_of_layout(painters) -> None:
    """Legends that stand inside their panels are left out of the layout (one that fits changes
    nothing, one that does not is shortened by ``fit`` instead of shrinking the panels); one placed
    beside its panel (``legend="outside"``) keeps its room."""
    for painter in painters:
        legend = painter.ax.get_legend()
        if legend is not None and not legend_control.beside(painter):
            legend.set_in_layout(False)


def fit(painters, renderer) -> None:
    """After the layout: make each legend taller than its panel again with the entries that fit
    and a last line for the others, and say so."""
    for painter in painters:
        legend = painter.ax.get_legend()
        if legend is not None and not fits(legend, painter.ax, renderer):
            shorten(painter, legend, renderer)


def room(legend, ax) -> float:
    """The height, in pixels, a legend has inside ``ax``: the panel's less the pad on each side."""
    pad = legend.borderaxespad * legend.prop.get_size_in_points() * ax.figure.dpi / 72
    return ax.bbox.height - 2 * pad


def fits(legend, ax, renderer) -> bool:
    return legend.get_window_extent(renderer).height <= room(legend, ax)


def shorten(painter, legend, renderer) -> None:
    """Make ``legend`` again with the first entries that fit its panel and "… and N more"."""
    from matplotlib.lines import Line2D
    ax = painter.ax
    handles, labels = legend_control.entries(painter, legend)
    n, cols = len(handles), max(1, int(legend_control.keywords(painter, legend).get("ncols", 1)))
    per_row = legend.get_window_extent(renderer).height / math.ceil(n / cols)
    k = min(n - 1, int(room(legend, ax) // per_row) * cols - 1)
    while k >= 0:
        blank = Line2D([], [], linestyle="none")
        legend = legend_control.remake(painter, [*handles[:k], blank], [*labels[:k], f"… and {n - k} more"])
        legend.set_in_layout(False)
        if fits(legend, ax, renderer):
            break
        k -= 1
    if k < 0:
        legend.remove()
    name = type(painter.view).__name__
    shown = f"it lists the first {k} and '… and {n - k} more'" if k >= 0 else "it is left out"
    note(f"{name}: its legend's {n} entries do not fit the panel, so {shown}; choose the runs it shows with "
         f"{name}(runs=[...]) to name each")
