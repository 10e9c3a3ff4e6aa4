"""Panels of classic figures beyond the lectures: the heat map of a sweep over two
hyperparameters (Distill's momentum figure) and a backtracking line search along φ(t) (Boyd &
Vandenberghe's Figure 9.1). Re-exported by gdanim.views."""
from __future__ import annotations

from dataclasses import dataclass

from gdanim.declare import checks
from gdanim.declare import views
from gdanim.declare.views import Contours, View

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


@dataclass(frozen=True, kw_only=True)
class LineSearchCurve(View):
    """Boyd & Vandenberghe's Figure 9.1 at every step of a backtracking run: the loss along the
    step's line, φ(t) = f(x + tΔx), with its tangent f(x) + t∇f(x)ᵀΔx and the Armijo line
    f(x) + αt∇f(x)ᵀΔx, and the search's trial points t0, βt0, β²t0, … (crosses where the loss
    was too high, a dot on the t accepted). Drawn as (φ(t) − f(x)) / |∇f(x)ᵀΔx|, so that the
    tangent has slope −1 and the Armijo line −α at every step, and the axes stay put as the steps
    shrink; trials above the panel sit on its top edge. At step k it shows the search that made
    step k (at step 0, the first). In a minibatch run each step searched its own batch's loss f_B
    with the batch's gradient, and that is the φ(t) drawn (the batches replayed from the run's
    seed; the axis says f_B and the title "on each minibatch"), not the full data's. Shows the first backtracking run of
    those it is given."""

    shows_pins = False

    def check_optimizer(self, optimizer, problem):
        from gdanim.core.errors import SceneError
        if "alpha" not in dict(optimizer.hyper) or "backtracking" not in optimizer.name:
            raise SceneError(f"LineSearchCurve draws a backtracking line search; {optimizer.describe()} is not one "
                             f"(optimizers.backtracking(...)); choose its run with runs=[...]")

    def describe(self, problem):
        return "the loss along each step's line with the Armijo line and the backtracking search's trial points"


@dataclass(frozen=True, kw_only=True)
class Basins(Contours):
    """Basins of attraction: which minimum each start reaches. Every point of a ``grid``×``grid``
    grid over the panel is a start of the run ``of`` (a run's label; default: the first shown),
    with its optimizer and step budget, and is coloured by where that run ends (ends within a
    fiftieth of the panel of each other are one minimum; grey: it diverged; white: it ends where
    the gradient is still more than a thousandth of its start's, not yet at a minimum), under the loss's
    contour lines and the runs' paths, as on Contours. The legend names the minima found, lowest
    first (the six lowest; the others as "other minima"). ``color_by="loss"`` colours each start
    by the loss where its run ends instead (with a colour bar), for functions with a great many
    minima such as Rastrigin's, where the basin of the global one is then the darkest."""

    grid: int = 40
    of: str | None = None
    color_by: str = "minimum"
    filled: bool = False

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.color_by, "Basins color_by", ("minimum", "loss"))
        checks.count(self.grid, "Basins grid", 4, 200)
        if self.of is not None:
            checks.text(self.of, "Basins of")

    def describe(self, problem):
        return (f"the basins of attraction over {self.axes_words(problem)}: each start coloured by the minimum it "
                f"reaches, with the loss's contours and each run's path")


views.register(Heatmap, LineSearchCurve, Basins)        # views.Heatmap, as the built-in views are
