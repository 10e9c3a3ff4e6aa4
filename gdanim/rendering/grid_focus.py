"""A sweep over two fields in a figure: the heat map shows every pair, the other panels the
chosen pair's run (with the runs declared beside the sweep). The explorer's figure has every
pair's run in every panel, for its sliders to show any of them, but draws the chosen one's only
in its static layer, lists none in a legend (the heat map and the readout name them), and takes
its limits from the chosen one."""
from __future__ import annotations

import numpy as np
from matplotlib.text import Annotation

from gdanim.declare.canon_views import Heatmap
from gdanim.rendering.legend_control import rebuilt


def runs_for(scene, view, every_pair: bool = False) -> tuple:
    """The runs a panel shows: those it names or all, but of a sweep over two fields only the
    chosen pair's unless the panel is its heat map or ``every_pair`` (the explorer's figure)."""
    runs = scene.runs_for(view)
    sweep = scene.sweep
    if getattr(sweep, "chosen", None) is None or every_pair or isinstance(view, Heatmap) or view.runs is not None:
        return runs
    return tuple(r for r in runs if r.swept is None or r.label == sweep.chosen_label)


def show_chosen(figure, scene) -> None:
    """Leave every pair's run but the chosen one's out of ``figure``'s drawing (they stay in its
    painters, for the explorer to capture), and out of its legends."""
    sweep = scene.sweep
    if getattr(sweep, "chosen", None) is None:
        return
    others = set(scene.swept_labels) - {sweep.chosen_label}
    swept = set(scene.swept_labels)
    for painter in figure.painters:
        if isinstance(painter.view, Heatmap):
            continue
        for artist in [*painter.animated, *painter.statics]:
            owner = painter.owners.get(id(artist))
            if owner in others:
                artist.draw = skipped
                artist.set_in_layout(False)
            if owner in swept and isinstance(artist, Annotation):
                unstacked(artist)
        legend = painter.ax.get_legend()
        if legend is not None:
            rebuilt(painter, legend, keep=lambda label: label not in swept)
        limits_of_chosen(painter, others)


def limits_of_chosen(painter, others: set) -> None:
    """The panel's limits as they would be with the chosen pair's run alone (a LossCurve's axis
    is not stretched to 1e15 by the pairs that diverge): drawn once more on a scratch figure."""
    from matplotlib.figure import Figure
    kept = [s for s in painter.shown if s.label not in others]
    if painter.full_redraw or painter.projection is not None:
        return
    scratch = Figure(figsize=painter.ax.figure.get_size_inches(), dpi=painter.ax.figure.dpi)
    ax = scratch.add_subplot()
    type(painter)(ax, painter.view, painter.problem, kept, painter.ctx)
    if (ax.get_xscale(), ax.get_yscale()) == (painter.ax.get_xscale(), painter.ax.get_yscale()):
        painter.ax.set_xlim(ax.get_xlim())
        painter.ax.set_ylim(ax.get_ylim())


def unstacked(note) -> None:
    """A note stacked below other runs' notes (``DivergenceMarker``'s slot) put back at the first
    place: one pair's run is shown at a time, and the 400th place lay far off the figure."""
    dx, dy = note.xyann
    note.xyann = (dx, float(np.copysign(min(abs(dy), 8.0), dy)))


def skipped(renderer, *args, **kwargs) -> None:
    """What a left-out artist draws: nothing."""
