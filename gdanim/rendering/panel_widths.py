"""The columns of a figure as wide as their panels need: a panel of equal aspect (contours, a
round bowl drawn round) fills a column as wide as its window's shape, a 3-D panel a square one
with room for its labels, a panel that stretches (curves, a model's fit) a little less than a
square; a column takes the widest of its panels. In columns of equal width an equal-aspect panel
beside a 3-D one left a third of the slide empty and the 3-D panel small."""
from __future__ import annotations

THREE_D = 1.3       # a 3-D panel's cube is square; its labels stand outside it
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


def cell(cells, k: int, n: int):
    """Panel ``k``'s cell of the grid ``cells`` (of ``n`` panels): the last panel takes the rest of
    its row (three contour panels over one loss curve as wide as the slide, layout=(2, 3))."""
    rows, cols = cells.get_geometry()
    row, col = divmod(k, cols)
    return cells[row, col:] if k == n - 1 else cells[row, col]


def set_widths(cells, axes) -> None:
    """Give the grid ``cells`` of ``axes`` its column widths, as their panels' shapes ask, each
    widened to hold its panels' legends (a panel across several columns takes what they have),
    and, over several rows, its rows' heights: a row of equal-aspect panels as high as they are
    wide, a row of stretching ones three quarters of an even share."""
    rows, cols = cells.get_geometry()
    single = [ax for ax in axes if len(ax.get_subplotspec().colspan) == 1]
    widths, needs = [0.0] * cols, [0.0] * cols
    for ax in single:
        col = ax.get_subplotspec().colspan.start
        widths[col] = max(widths[col], natural(ax))
        needs[col] = max(needs[col], least(ax))
    widths = [w or STRETCH for w in widths]
    fig = axes[0].figure if axes else None
    if fig is None:
        return
    total = fig.get_figwidth()
    for k, need in enumerate(needs):         # its share of the figure's width at least what it needs
        rest = sum(widths) - widths[k]
        if cols > 1 and 0 < need < total and widths[k] / (rest + widths[k]) * total < need:
            widths[k] = need * rest / (total - need)
    cells.set_width_ratios(widths)
    if rows > 1:
        heights = [0.0] * rows
        for ax in axes:
            spec = ax.get_subplotspec()
            wide = total * sum(widths[spec.colspan.start:spec.colspan.stop]) / sum(widths)
            fixed = ax.name == "3d" or ax.get_aspect() != "auto"
            want = wide / natural(ax) if fixed else 0.75 * fig.get_figheight() / rows
            heights[spec.rowspan.start] = max(heights[spec.rowspan.start], want)
        cells.set_height_ratios(heights)
