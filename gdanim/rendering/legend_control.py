"""A panel's ``legend=``: none (False), beside the panel ("outside"), in n columns, or no legend
and each curve's label at its end ("end", direct labels, moved with the curve as it grows and
kept apart from one another)."""
from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from gdanim.core import compat

GAP = 1.1           # direct labels at least this many text heights apart


def entries(painter, legend) -> tuple[list, list]:
    """The handles and labels ``legend`` names: those its painter made it with (``Painter.legend``),
    or, for a legend a plug-in made with ``ax.legend`` itself, the legend's own."""
    kw = painter.legend_kw
    if kw is not None and kw.get("handles") is not None:
        handles = list(kw["handles"])
        return handles, list(kw.get("labels") or [h.get_label() for h in handles])
    if kw is not None:
        return [list(x) for x in painter.ax.get_legend_handles_labels()]
    return list(legend.legend_handles), [t.get_text() for t in legend.texts]


def keywords(painter, legend) -> dict:
    """Everything but the entries that ``legend`` was made with: its painter's keywords, or a
    plug-in's legend's place, columns and font size."""
    if painter.legend_kw is not None:
        return {k: v for k, v in painter.legend_kw.items() if k not in ("handles", "labels")}
    return dict(loc=compat.legend_loc(legend), ncols=compat.legend_ncols(legend), fontsize=legend.prop.get_size())


def remake(painter, handles, labels, **changes):
    """The panel's legend made again, the one way every change to a legend is made (the view's
    ``legend=``, the explorer's chosen pair, one cut to fit its panel): with these entries, the
    keywords it was made with and ``changes``, through ``painter.legend``, which keeps them for the
    next change. None, and the old one removed, if no entry is left."""
    legend = painter.ax.get_legend()
    kw = keywords(painter, legend) if legend is not None else {}
    kw.update(changes)
    if legend is not None:
        legend.remove()
    if not handles:
        return None
    return painter.legend(handles=list(handles), labels=list(labels), **kw)


def rebuilt(painter, legend, keep=lambda label: True, **changes):
    """``legend`` made again with the entries whose label ``keep`` keeps and ``changes`` to its
    place or columns (``remake``)."""
    kept = [(h, label) for h, label in zip(*entries(painter, legend)) if keep(label)]
    handles, labels = zip(*kept) if kept else ((), ())
    return remake(painter, handles, labels, **changes)


def beside(painter) -> bool:
    """Does the panel's legend stand beside it (``legend="outside"``) rather than inside? Read
    off what it was made with, which stays as it was when the frozen layout fixes every legend's
    place (and with it the legend's own anchor)."""
    return (painter.legend_kw or {}).get("bbox_to_anchor") is not None


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
            painter.placed.append(text)
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
            text.set_visible(bool(ok.sum() > 1))       # a single point (the first frame): every run's is the same
            if ok.sum() > 1:
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
