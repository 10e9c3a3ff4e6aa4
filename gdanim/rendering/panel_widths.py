"""The columns of a figure as wide as their panels need: a panel of equal aspect (contours, a
round bowl drawn round) fills a column as wide as its window's shape, a 3-D panel a square one
with room for its labels, a panel that stretches (curves, a model's fit) a little less than a
square; a column takes the widest of its panels. In columns of equal width an equal-aspect panel
beside a 3-D one left a third of the slide empty and the 3-D panel small."""
from __future__ import annotations

THREE_D = 1.5       # a 3-D panel's cube is square; its labels stand outside it
STRETCH = 1.0       # a panel that takes any shape: a little narrower than a square (it grows tall)
WIDEST = 2.5        # an equal-aspect panel's window this much wider than high, or more: no wider


MARGIN = 1.0       # inches a panel's tick and axis labels take beside its legend


def natural(ax) -> float:
    """The width an axes wants for a height of 1."""
    if ax.name == "3d":
        return THREE_D
    aspect = ax.get_aspect()
    if aspect == "auto":
        return STRETCH
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    ratio = abs(x1 - x0) / max(float(aspect) * abs(y1 - y0), 1e-300)
    return min(WIDEST, max(1 / WIDEST, ratio))


def least(ax) -> float:
    """The inches a panel needs across: its legend's and its labels' (0 without a legend inside)."""
    legend = ax.get_legend()
    if ax.name == "3d" or legend is None or not legend.get_visible():
        return 0.0
    return legend.get_window_extent(ax.figure.canvas.get_renderer()).width / ax.figure.dpi + MARGIN


def set_widths(axes, cols: int) -> None:
    """Give the grid of ``axes`` (the panels, in order, ``cols`` a row) its column widths: as
    their panels' shapes ask, each widened to hold its panels' legends."""
    if cols < 2 or not axes:
        return
    widths, needs = [0.0] * cols, [0.0] * cols
    for k, ax in enumerate(axes):
        widths[k % cols] = max(widths[k % cols], natural(ax))
        needs[k % cols] = max(needs[k % cols], least(ax))
    widths = [w or STRETCH for w in widths]
    total = axes[0].figure.get_figwidth()
    for k, need in enumerate(needs):         # its share of the figure's width at least what it needs
        rest = sum(widths) - widths[k]
        if 0 < need < total and widths[k] / (rest + widths[k]) * total < need:
            widths[k] = need * rest / (total - need)
    axes[0].get_subplotspec().get_gridspec().set_width_ratios(widths)
