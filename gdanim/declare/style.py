"""The look: light and dark themes, a colour-blind-safe palette for racing runs, slide-sized fonts.
Applied through ``matplotlib.rc_context`` around one render, never to matplotlib's global rc."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


@dataclass(frozen=True)
class Theme:
    name: str
    face: str
    text: str
    grid: str
    curve: str            # the loss curve of a 1-D problem, data points
    contour_cmap: str
    contour_alpha: float
    contour_line: str
    iteration_cmap: str   # markers coloured by iteration (single-run paths)
    path: str             # path line of a single run
    palette: tuple
    star: str = "#E8000B"


LIGHT = Theme("light", "#FFFFFF", "#222222", "#DDDDDD", "#1F3B73", "viridis", 0.45, "#333333",
              "plasma", "#111111", OKABE_ITO)
DARK = Theme("dark", "#15171C", "#E6E6E6", "#3A3D45", "#8FB8FF", "viridis", 0.55, "#D0D0D0",
             "spring", "#F5F5F5", ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF", "#0072B2"))
THEMES = {"light": LIGHT, "dark": DARK}


def rc(theme: Theme, base: float) -> dict:
    """rcParams for one render: ``base`` is the body text size in points (Scene.font_size)."""
    return {
        "font.family": "DejaVu Sans",
        "font.size": base,
        "axes.titlesize": base * 1.05,
        "axes.labelsize": base,
        "xtick.labelsize": base * 0.85,
        "ytick.labelsize": base * 0.85,
        "legend.fontsize": base * 0.8,
        "figure.titlesize": base * 1.3,
        "figure.titleweight": "bold",
        "figure.facecolor": theme.face,
        "axes.facecolor": theme.face,
        "savefig.facecolor": theme.face,
        "axes.edgecolor": theme.text,
        "axes.labelcolor": theme.text,
        "text.color": theme.text,
        "xtick.color": theme.text,
        "ytick.color": theme.text,
        "axes.grid": False,
        "grid.color": theme.grid,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "lines.linewidth": 2.5,
        "lines.solid_capstyle": "round",
        "legend.frameon": True,
        "legend.framealpha": 0.85,
        "legend.facecolor": theme.face,
        "legend.edgecolor": theme.grid,
        "pdf.fonttype": 42,          # TrueType, embedded
        "svg.fonttype": "none",
        "path.simplify": True,
        "figure.constrained_layout.use": False,
    }


def run_colors(theme: Theme, runs) -> dict:
    """A colour per run label: the run's own colour if it declares one; a sweep's runs along
    viridis in the order of their values (sweep_colors); the others the palette in order."""
    swept = [r for r in runs if r.swept is not None and not r.color]
    shades = sweep_colors(len(swept), dark=theme.name == "dark") if len(swept) <= MOST_SHADES else distinct(len(swept))
    along = dict(zip((r.label for r in swept), shades))
    palette = own_or_palette(theme, [r for r in runs if r.label not in along])
    return {r.label: along.get(r.label) or palette[r.label] for r in runs}


def pin_colors(theme: Theme, pins, runs) -> dict:
    """A colour per pin label: its own if declared, else the palette after the runs' colours."""
    return own_or_palette(theme, pins, start=sum(1 for r in runs if not r.color and r.swept is None))


def own_or_palette(theme: Theme, items, start: int = 0) -> dict:
    """label → the item's own ``color``, else the next palette colour from ``start``."""
    colors, i = {}, start
    for item in items:
        if item.color:
            colors[item.label] = item.color
        else:
            colors[item.label] = theme.palette[i % len(theme.palette)]
            i += 1
    return colors


MOST_SHADES = 8     # more shades of one map than this cannot be told apart: distinct colours instead
# matplotlib's tab10, then tab20's lighter halves (its values; declaring a scene does not import matplotlib)
TAB = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
       "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5")


def distinct(n: int) -> list[str]:
    """n colours that can be told apart (a sweep of more than MOST_SHADES values), in the sweep's
    order: tab10's, then tab20's lighter ones, round again past 20.

    >>> distinct(11)[-2:]
    ['#17becf', '#aec7e8']
    """
    return [TAB[k % len(TAB)] for k in range(n)]


# viridis at 0, 1/8, ..., 1 (matplotlib's values; declaring a scene does not import matplotlib)
VIRIDIS = ((68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129),
           (92, 200, 99), (170, 220, 50), (253, 231, 37))


def sweep_colors(n: int, dark: bool = False) -> list[str]:
    """n colours along viridis from dark to light (small to large values), leaving out the end
    that does not read on the theme's background (light yellow on white, deep purple on black).

    >>> sweep_colors(2)
    ['#451263', '#7bd04f']
    >>> sweep_colors(2, dark=True)
    ['#3b518b', '#fde725']
    """
    anchors = np.array(VIRIDIS, dtype=float)
    xs = np.linspace(0.25, 1.0, n) if dark else np.linspace(0.05, 0.8, n)
    xs = xs * (len(anchors) - 1)
    rgb = [anchors[int(x)] + (x - int(x)) * (anchors[min(int(x) + 1, len(anchors) - 1)] - anchors[int(x)]) for x in xs]
    return ["#" + "".join(f"{int(round(c)):02x}" for c in color) for color in rgb]
