"""Panels of many runs at once: the heat map of a sweep over two hyperparameters (Distill's
momentum figure), and the basins of attraction of a multi-start (which minimum each start
reaches). Re-exported by gdanim.views."""
from __future__ import annotations

from dataclasses import dataclass

from gdanim.declare import checks
from gdanim.declare.views import View

HEAT_METRICS = ("rate", "final", "best")


@dataclass(frozen=True, kw_only=True)
class Heatmap(View):
    """A sweep over two fields (``Sweep(over=(a, b), ...)``) as a heat map over their values:
    ``metric="rate"``, the convergence rate, the factor by which each step shrank the loss's
    distance to its minimum on average, ((f_T − p*)/(f_0 − p*))^(1/T) (p*: the problem's known
    minimum, else 0; below 1 converges, smaller is faster), or the final (``"final"``) or lowest
    (``"best"``) loss. Pairs that diverged, or whose rate is 1 or more, are grey. Coloured by the figure's
    colour map of the loss (``heat_cmap`` another). A ring marks the
    chosen pair (the one the other panels show; in the explorer, the sliders' pair). Log axes
    where the values span more than a decade (``log_x``/``log_y`` force either way)."""

    metric: str = "rate"
    log_x: bool | None = None
    log_y: bool | None = None
    heat_cmap: str | None = None        # default: the colour map of the figure's loss
    colorbar: bool = True

    animated = False
    shows_pins = False

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.metric, "metric", HEAT_METRICS)
        if self.heat_cmap is not None:
            checks.colormap(self.heat_cmap, "Heatmap heat_cmap")

    def describe(self, problem):
        what = {"rate": "convergence rate", "final": "final loss", "best": "lowest loss"}[self.metric]
        return f"a heat map of the {what} over the two swept values, the chosen pair ringed"
