"""A panel's ``legend=``: none (False), beside the panel ("outside"), in n columns, or no legend
and each curve's label at its end ("end", direct labels, moved with the curve as it grows and
kept apart from one another)."""
from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from gdanim.core import compat

GAP = 1.1           # direct labels at least this many text heights apart


def rebuilt(painter, legend, keep=lambda label: True, **changes):
    """``legend`` made again (through ``painter.legend``, which keeps the keywords for legend_fit)
    with the entries whose label ``keep`` keeps and ``changes`` to its place or columns (None, and
    the old one removed, if no entry is left)."""
    kept = [(h, t.get_text()) for h, t in zip(legend.legend_handles, legend.texts) if keep(t.get_text())]
    options = dict(loc=compat.legend_loc(legend), ncols=compat.legend_ncols(legend), fontsize=legend.prop.get_size())
    options.update(changes)
    legend.remove()
    if not kept:
        return None
    handles, names = zip(*kept)
    return painter.legend(handles=list(handles), labels=list(names), **options)


def apply(painter) -> None:
    """Do what the view's ``legend=`` asks of the legend its painter drew."""
    choice = painter.view.legend
    ax = painter.ax
    legend = ax.get_legend()
    if choice is None or legend is None and choice != "end":
        return
    if choice is False:
        legend.remove()
    elif choice == "outside":
        rebuilt(painter, legend, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    elif choice == "end":
        if legend is not None:
            legend.remove()
        if not getattr(painter, "ends", None):      # a LossCurve of many runs names them at their ends already
            EndLabels(painter)
    else:
        rebuilt(painter, legend, ncols=int(choice))


class EndLabels:
    """A label at the end of each of the painter's labelled moving lines, in the line's colour,
    updated after the painter's own ``update``."""

    def __init__(self, painter):
        self.painter, ax = painter, painter.ax
        self.lines = [a for a in painter.animated if isinstance(a, Line2D) and not a.get_label().startswith("_")]
        self.texts = []
        for line in self.lines:
            text = ax.annotate(line.get_label(), (0, 0), xytext=(6, 0), textcoords="offset points", va="center",
                               fontsize="small", color=line.get_color(), annotation_clip=False, visible=False)
            painter.animate(text, run=painter.owners.get(id(line)))
            self.texts.append(text)
        own = painter.update
        painter.update = lambda step, frame: (own(step, frame), self.place())[0]

    def place(self) -> None:
        """Each label at its line's last point, nudged up or down so that none lies on another."""
        ax = self.painter.ax
        ends = []
        for line, text in zip(self.lines, self.texts):
            x, y = (np.asarray(v, dtype=float) for v in line.get_data())
            ok = np.isfinite(x) & np.isfinite(y)
            text.set_visible(bool(ok.any()))
            if ok.any():
                ends.append((text, x[ok][-1], y[ok][-1]))
        if not ends:
            return
        renderer = ax.figure.canvas.get_renderer()
        height = GAP * max(t.get_window_extent(renderer).height for t, _, _ in ends)
        to_px = ax.transData.transform
        shown = sorted(((text, *to_px((x, y))) for text, x, y in ends), key=lambda e: e[2])
        last = -np.inf
        for text, px, py in shown:            # bottom to top, each at least a text height above the last
            at = max(py, last + height)
            last = at
            text.xy = ax.transData.inverted().transform((px, at))
