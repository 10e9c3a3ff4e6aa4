"""What a scene shows: one declaration per panel. Pure data; the painters in gdanim/paint draw them
(found by the view's type, so a subclass is drawn like its parent unless it has a painter of its own).

Common fields: ``runs`` (labels of the runs shown; all by default), ``title``, and ``problem``
(a panel may show a problem other than the scene's, e.g. the two halves of the convexity figure).
A view also says in words what it shows (``describe``), for the figure's alt text.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError, UnknownName
from gdanim.declare.data import Dataset
from gdanim.declare.optimizers import recorded_state
from gdanim.declare.slices import Slice
from gdanim.declare.problems import LinearRegression, LogisticRegression, MeanEstimation, Problem, SineRegression


@dataclass(frozen=True, kw_only=True)
class View:
    runs: tuple | None = None
    title: str | None = None
    problem: Problem | None = None
    pins: tuple | None = None       # labels of the scene's pins shown; default: those of this dimension
    legend: object = None           # False: none; "outside": beside the panel; n: n columns; "end": labels at the curves' ends

    animated = True        # False: the panel looks the same at every step
    shows_pins = True      # False: the panel draws no pins (the scene's pins are not its)

    def __post_init__(self):
        for name in ("runs", "pins"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if self.problem is not None:
            checks.instance(self.problem, f"{type(self).__name__}.problem", Problem, "a problem (gdanim.problems)")
        if self.title is not None:
            checks.text(self.title, f"{type(self).__name__}.title")
        if not (self.legend is None or self.legend is False or self.legend in LEGENDS or (
                isinstance(self.legend, int) and not isinstance(self.legend, bool) and 1 <= self.legend <= 8)):
            raise SceneError(f"{type(self).__name__}: legend must be False, \"outside\", \"end\" or a number of "
                             f"columns from 1 to 8, got {self.legend!r}")
        for f in dataclasses.fields(self):          # log="yes" is not log=True: said, not taken
            value = getattr(self, f.name)
            if f.type in ("bool", bool) and not isinstance(value, (bool, np.bool_)):
                raise SceneError(f"{type(self).__name__}: {f.name} must be True or False, got {value!r}")

    def check(self, problem: Problem) -> None:
        """Raise a SceneError if this panel cannot show ``problem`` (called when the scene is declared)."""

    def check_run(self, problem: Problem) -> None:
        """Raise a SceneError if this panel cannot show a run on ``problem``."""

    def check_optimizer(self, optimizer, problem: Problem) -> None:
        """Raise a SceneError if this panel cannot show a run of ``optimizer`` on ``problem``."""

    def describe(self, problem: Problem) -> str:
        """What the panel shows, in a few plain words, for the alt text ("the loss against the iteration")."""
        return f"a {type(self).__name__} panel"

    def axes_words(self, problem: Problem) -> str:
        """The parameters the panel is drawn over, as words ("w1 and w2")."""
        axes = getattr(self, "axes", None) or problem.names[:2]
        return " and ".join(problem.names[a] if isinstance(a, int) else a for a in axes)


ARROW_DIRECTIONS = ("descent", "ascent")
LEGENDS = ("outside", "end")


def check_arrows(view) -> None:
    """The arrow fields shared by Contours and Surface3D."""
    checks.count(view.arrow_grid, "arrow_grid", 2, 60)
    checks.choice(view.arrow_direction, "arrow_direction", ARROW_DIRECTIONS)
    if view.arrow_scale is not None:
        checks.positive_number(view.arrow_scale, "arrow_scale")
    if view.arrow_color is not None:
        checks.color(view.arrow_color, "arrow_color")


@dataclass(frozen=True, kw_only=True)
class Contours(View):
    """Filled and labelled contours of the loss over two parameters, with each run's path.
    ``axes`` picks the two parameters (names or indices); the others are held at ``fix``
    (default: the optimum when known, else the first run's start).

    ``levels`` are the filled levels (a number of them spaced by quantiles of the loss, so rings
    have similar areas; ``even_levels``: evenly from the lowest to the highest loss, as matplotlib's
    and plotly's ``levels=n``; ``log_levels``: geometrically), ``line_levels`` the labelled lines
    (default: every other filled level when there are more than 12). ``arrows`` draws the gradient on an
    ``arrow_grid``×``arrow_grid`` grid, pointing down (``arrow_direction="descent"``, −∇L) or up
    (``"ascent"``, +∇L, as CS 189's quiver); ``arrow_scale`` makes each arrow that many times ∇L
    long, in the panel's units (plotly's ``create_quiver(scale=...)``), instead of the default
    lengths ∝ √|∇L| that fit a cell; ``arrow_color`` colours them (default: the contour lines'
    colour; CS 189 draws white ones). ``mark_every`` puts a path's dots on every k-th iterate.
    ``aspect``: "equal" (one unit as long on both axes, so circles, right angles and gradients
    crossing contours look right), "auto" (the panel's shape), or a number (y unit / x unit); by
    default "equal" where both parameters share a scale (spans within ×3 of each other).

    ``slice`` (a ``Slice``) draws the loss over a plane through parameter space instead (principal
    or random directions, or two parameters, through a run's last iterate or a point), each path
    projected onto it: a network's loss, say; ``xlim``/``ylim`` are then the plane's coordinates."""

    axes: tuple | None = None
    fix: dict | None = None
    slice: Slice | None = None
    xlim: tuple | None = None
    ylim: tuple | None = None
    levels: int | tuple = 20
    cmap: str | None = None
    colorbar: bool = False
    line_levels: int | tuple | None = None
    log_levels: bool = False
    even_levels: bool = False
    filled: bool = True
    labels: bool = True
    arrows: bool = False
    arrow_grid: int = 15
    arrow_direction: str = "descent"
    arrow_scale: float | None = None
    arrow_color: str | None = None
    markers: bool = True
    mark_every: int = 1
    aspect: str | float | None = None

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        if self.aspect is not None and not isinstance(self.aspect, str):
            checks.positive_number(self.aspect, "aspect")
        elif self.aspect is not None:
            checks.choice(self.aspect, "aspect", ("equal", "auto"))
        check_plane(self)
        check_arrows(self)
        if self.cmap not in (None, "viridis"):
            checks.colormap(self.cmap, "cmap")
        checks.count(self.mark_every, "mark_every", 1)
        object.__setattr__(self, "levels", checks.levels(self.levels))
        if self.filled and not isinstance(self.levels, int) and len(self.levels) < 2:
            raise SceneError(f"{type(self).__name__}: filled contours need at least two levels, got "
                             f"levels={self.levels!r} (filled=False draws the line alone)")
        if self.line_levels is not None:
            object.__setattr__(self, "line_levels", checks.levels(self.line_levels, "line_levels"))

    def check(self, problem):
        check_plane_of(self, problem, type(self).__name__)

    def describe(self, problem):
        return f"contours of the loss over {self.axes_words(problem)} with each run's path"

    def axes_words(self, problem):
        return self.slice.words(problem.names) if self.slice is not None else super().axes_words(problem)


@dataclass(frozen=True, kw_only=True)
class GradientField(Contours):
    """Contours with arrows of the gradient on a grid (−∇L by default; ``arrow_direction="ascent"``
    for +∇L), and the paths."""

    arrows: bool = True

    def describe(self, problem):
        sign = "negative gradient" if self.arrow_direction == "descent" else "gradient (uphill)"
        return (f"contours of the loss over {self.axes_words(problem)} with arrows of the {sign} "
                f"and each run's path")


@dataclass(frozen=True, kw_only=True)
class Curve1D(View):
    """A 1-D loss curve with the iterates as dots joined by a dashed zig-zag; ``secants`` are
    pairs (a, b) whose chord is drawn (the convexity figure). ``integers=True`` draws the loss only
    at the whole numbers of the window, as dots (CS 189's integer-constrained problem);
    ``trail=False`` shows only the current iterate (the blog's animation)."""

    xlim: tuple | None = None
    ylim: tuple | None = None
    secants: tuple = ()
    integers: bool = False
    trail: bool = True

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        object.__setattr__(self, "secants", tuple(checks.interval(s, "secant") for s in self.secants))

    def check(self, problem):
        if problem.dim != 1:
            raise SceneError(f"Curve1D shows one-parameter problems; this one has {problem.dim} (use views.Contours)")

    def describe(self, problem):
        return f"the loss curve over {self.axes_words(problem)} with the iterates on it"


@dataclass(frozen=True, kw_only=True)
class ModelFit(View):
    """The data with the current model: regression line (least squares dashed), sine curve,
    logistic decision boundary with its probability shading (two features) or sigmoid over the
    0/1 targets (one feature), or a candidate mean as a vertical line over the sample's strip.

    ``trail=k`` also draws the model at every k-th iterate so far, fading (the workshop draws
    every iteration's line; the blog every 25th). ``jitter`` adds that much N(0, 1) noise, seeded
    by ``jitter_seed``, to the heights of the points (CS 189's jittered 0/1 targets).

    ``predict`` draws a model of one's own: ``predict(w, x)`` gives the model's outputs at the
    parameters ``w`` for an array of inputs ``x`` (one feature), drawn as a curve over the data,
    which is ``data`` (gdanim.data) or the problem's: the fit of a custom loss, a ``Function``
    written over that data. A problem with a ``predict`` of its own (``TinyNetwork``) is drawn so
    without it."""

    predict: Callable | None = None
    data: Dataset | None = None
    reference: bool = True
    xlim: tuple | None = None
    ylim: tuple | None = None
    trail: int = 0
    jitter: float = 0.0
    jitter_seed: int = 0

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        checks.count(self.trail, "trail", 0)
        checks.positive_number(self.jitter, "jitter", allow_zero=True)
        checks.count(self.jitter_seed, "jitter_seed", 0, 2 ** 32 - 1)
        if self.predict is not None and not callable(self.predict):
            raise SceneError(f"ModelFit: predict must be a function of the parameters and x, got "
                             f"{type(self.predict).__name__} {self.predict!r:.40}")
        if self.data is not None:
            checks.instance(self.data, "ModelFit data", Dataset, "a data set (gdanim.data)")

    def check(self, problem):
        data = self.data or problem.data
        if data is None:
            if self.predict is not None:
                raise SceneError(f"ModelFit(predict=...) needs the data to draw the model over: give data=... "
                                 f"(gdanim.data); {type(problem).__name__} has none")
            raise SceneError(f"ModelFit needs a problem with data; {type(problem).__name__} has none")
        d = data.x.shape[1]
        if self.predict is not None or own_model(problem):
            if d != 1:
                raise SceneError(f"ModelFit draws a model of one's own as a curve over one feature; the data has {d}")
            return
        if isinstance(problem, LogisticRegression) and d not in (1, 2):
            raise SceneError(f"ModelFit draws a logistic model for one or two features; the data has {d}")
        if isinstance(problem, LogisticRegression) and d == 2 and problem.bias:
            raise SceneError("ModelFit draws the two-feature decision boundary of the model without a bias")
        if isinstance(problem, LinearRegression) and d != 1:
            raise SceneError(f"ModelFit draws a line for one feature; the data has {d} "
                             f"(show views.Contours or views.Traces instead)")
        if not isinstance(problem, BUILT_IN_MODELS):
            raise SceneError(f"ModelFit cannot draw a model for {type(problem).__name__}")

    def describe(self, problem):
        return "the data with the model of the current step"


BUILT_IN_MODELS = (LinearRegression, LogisticRegression, SineRegression, MeanEstimation)


def own_model(problem: Problem) -> bool:
    """Is ``problem``'s model drawn through its own ``predict(w, x)`` (a network, a problem of
    one's own), not one of the lectures' models that ModelFit knows?"""
    return not isinstance(problem, BUILT_IN_MODELS) and callable(getattr(problem, "predict", None))


@dataclass(frozen=True, kw_only=True)
class LossCurve(View):
    """Loss against iteration. ``metric="distance"`` plots ‖w − w*‖² (the blog's cost curve);
    ``metric="step_size"`` the length of each step in parameter space, ‖θₜ − θₜ₋₁‖ (for gradient
    descent αₜ‖∇f‖: it shrinks as the gradient does even at a constant rate). The learning rate a
    schedule gives is ``Traces(of="lr")``, a line search's accepted t ``Traces(of="step")``.

    ``minus`` plots the loss less a value: a number, or ``"p*"`` for the problem's known minimum
    (f − p*, the suboptimality of Boyd's and Nesterov's figures, best on ``log=True``). ``xlim``
    limits the iterations shown, ``xlog`` spaces them logarithmically (linear below 1: the start
    stays in view), so a fall in the first steps of thousands is seen; ``ylabel`` names the axis."""

    log: bool = False
    metric: str = "loss"
    minus: float | str | None = None
    xlim: tuple | None = None
    xlog: bool = False
    ylabel: str | None = None

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.metric, "metric", ("loss", "distance", "step_size"))
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        if self.xlim is not None and self.xlim[0] < 0:
            raise SceneError(f"LossCurve xlim: iterations start at 0, got {self.xlim!r}")
        if self.ylabel is not None:
            checks.text(self.ylabel, "LossCurve ylabel")
        if self.minus is not None:
            if self.metric != "loss":
                raise SceneError(f"LossCurve(minus=...) takes a value off the loss, not off metric={self.metric!r}")
            if self.minus != "p*":
                object.__setattr__(self, "minus", checks.number(
                    self.minus, "LossCurve minus", 'a number or "p*" (the problem\'s known minimum)'))

    def check_run(self, problem):
        if self.metric == "distance" and problem.optimum is None:
            raise SceneError("LossCurve(metric='distance') needs a problem whose optimum is known")
        if self.minus == "p*" and problem.optimum is None:
            raise SceneError("LossCurve(minus='p*') needs a problem whose minimum is known; give the value "
                             "itself, minus=p")

    def describe(self, problem):
        if self.metric == "distance":
            return "the squared distance to the optimum against the iteration"
        if self.metric == "step_size":
            return "the length of each step in parameter space against the iteration"
        return "the loss against the iteration"


@dataclass(frozen=True, kw_only=True)
class Traces(View):
    """Each parameter (``of="params"``, true values dashed), gradient component (``"grad"``),
    component of a recorded optimizer state (``"velocity"`` of momentum), the learning rate
    (``"lr"``: the αₜ the optimizer's schedule gives step t, for an optimizer with a learning rate)
    or the step size (``"step"``: the multiple t of its direction that an optimizer choosing its own
    step took, a line search's accepted t, Polyak's γ, ``Trajectory.lr``), against iteration. Neither
    is the step's length in parameter space, ‖θₜ − θₜ₋₁‖: that is ``LossCurve(metric="step_size")``.
    ``summed``: the gradient summed over the samples it was taken on instead of averaged (n times
    it, or the batch size for a minibatch step), as "Gradient descent in depth" records its
    ``grad = Xᵀ(Xw − y)``."""

    of: str = "params"
    truth: bool = True
    summed: bool = False

    def __post_init__(self):
        super().__post_init__()
        checks.text(self.of, "trace")
        if self.summed and self.of != "grad":
            raise SceneError(f"Traces(of={self.of!r}, summed=True): only a gradient is summed over samples; "
                             f"use of='grad'")

    def check(self, problem):
        if self.summed and problem.n_samples is None:
            raise SceneError(f"Traces(summed=True): {type(problem).__name__} has no samples to sum its gradient "
                             f"over (a problem with data has)")

    def check_run(self, problem):
        self.check(problem)

    def check_optimizer(self, optimizer, problem):
        from gdanim.declare.optimizers import records_step_size
        if self.of == "lr" and optimizer.lr is None:
            raise SceneError(f"Traces(of='lr'): {optimizer.describe()} has no learning rate; the step it chooses "
                             f"itself is of='step'")
        if self.of == "step" and not records_step_size(optimizer, problem.dim):
            raise SceneError(f"Traces(of='step'): {optimizer.describe()} chooses no step size of its own (no line "
                             f"search); its learning rate is of='lr', its step's length LossCurve(metric='step_size')")
        if self.of in ("params", "grad", "lr", "step"):
            return
        recorded = recorded_state(optimizer, problem.dim)
        if self.of not in recorded:
            has = f"it records {', '.join(recorded)}" if recorded else "it records no state"
            raise SceneError(f"Traces(of={self.of!r}): {optimizer.describe()} has no {self.of!r} to trace ({has}); "
                             f"of= takes 'params', 'grad', 'lr', 'step' or a recorded state")

    def describe(self, problem):
        if self.of == "grad":
            return f"each gradient component{' (summed over the samples)' if self.summed else ''} against the iteration"
        if self.of == "params":
            return "each parameter against the iteration"
        if self.of == "lr":
            return "the learning rate of each step against the iteration"
        if self.of == "step":
            return "the step size each iteration chose against the iteration"
        return f"each component of the optimizer's {self.of} against the iteration"


@dataclass(frozen=True, kw_only=True)
class Surface3D(View):
    """The loss surface over two parameters with the path on it. ``turn`` rotates the camera by
    that many degrees per frame (0: fixed camera).

    ``taylor`` overlays the second-order Taylor model at a point ("grid_best": the lowest point
    of an npts×npts grid over the window; or the point itself) as a second surface (CS 189's
    In[57] and In[60]); ``zlim`` clips the loss axis. ``arrows`` draws the gradient on the floor of
    the box on an ``arrow_grid`` grid (CS 189's cones), as Contours does. ``color`` paints the
    surface one colour instead of ``cmap``. ``cmap`` (default: the figure's colour map for this
    loss, which every panel of the loss shares: one a panel declares, else the theme's) and
    ``colorbar`` (a loss scale beside the panel) as on Contours."""

    axes: tuple | None = None
    fix: dict | None = None
    slice: Slice | None = None
    xlim: tuple | None = None
    ylim: tuple | None = None
    zlim: tuple | None = None
    elev: float = 25.0
    azim: float = 45.0
    turn: float = 0.0
    npts: int = 50
    cmap: str | None = None
    colorbar: bool = False
    color: str | None = None
    alpha: float = 0.55
    taylor: object = None
    arrows: bool = False
    arrow_grid: int = 15
    arrow_direction: str = "descent"
    arrow_scale: float | None = None
    arrow_color: str | None = None

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        object.__setattr__(self, "zlim", checks.interval(self.zlim, "zlim"))
        object.__setattr__(self, "elev", checks.elevation(self.elev, "Surface3D.elev"))
        object.__setattr__(self, "azim", checks.number(self.azim, "Surface3D.azim", "a number of degrees"))
        object.__setattr__(self, "turn", checks.number(self.turn, "Surface3D.turn", "a number of degrees"))
        checks.count(self.npts, "npts", 5, 200)
        if self.cmap not in (None, "viridis"):  # naming another imports matplotlib's colormaps
            checks.colormap(self.cmap, "cmap")
        if self.color is not None:
            checks.color(self.color, "Surface3D color")
        checks.positive_number(self.alpha, "alpha")
        if self.alpha > 1:
            raise SceneError(f"alpha must be at most 1, got {self.alpha:g}")
        if self.taylor is not None and self.taylor != "grid_best":
            object.__setattr__(self, "taylor", checks.vector(self.taylor, "Surface3D.taylor", 2))
        check_plane(self)
        check_arrows(self)

    def check(self, problem):
        check_plane_of(self, problem, "Surface3D")
        if self.taylor is not None and problem.dim != 2:
            raise SceneError(f"Surface3D.taylor needs a two-parameter problem; this one has {problem.dim}")

    def describe(self, problem):
        extra = " with its second-order Taylor model over it" if self.taylor is not None else ""
        return f"the loss surface over {self.axes_words(problem)} in 3-D{extra} with the path on it"

    def axes_words(self, problem):
        return self.slice.words(problem.names) if self.slice is not None else super().axes_words(problem)


@dataclass(frozen=True, kw_only=True)
class Taylor(View):
    """The second-order Taylor model of the loss at ``at`` (a point, or "grid_best": the lowest
    point of an npts×npts grid over xlim × ylim) with the Hessian's eigenvectors."""

    at: object = "grid_best"
    xlim: tuple | None = None
    ylim: tuple | None = None
    npts: int = 30
    scaling: float = 0.5
    animated = False

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        if self.at != "grid_best":
            object.__setattr__(self, "at", checks.vector(self.at, "Taylor.at", 2))
        checks.positive_number(self.scaling, "scaling")

    def check(self, problem):
        if problem.dim != 2:
            raise SceneError(f"Taylor shows two-parameter problems; this one has {problem.dim}")

    def describe(self, problem):
        return "the second-order Taylor model and the Hessian's eigenvectors"


@dataclass(frozen=True, kw_only=True)
class Data(View):
    """The data alone: column ``x`` against column ``y`` (feature names, or the target's name),
    each class in its own colour and marker when ``by_target`` (0/1 targets). ``jitter`` adds that
    much N(0, 1) noise, seeded, to the heights. Nothing moves: a plain data panel, such as the
    correlated features' x1 against x2 or CS 189's standardized scatter."""

    x: str | None = None
    y: str | None = None
    by_target: bool = False
    jitter: float = 0.0
    jitter_seed: int = 0
    animated = False
    shows_pins = False

    def __post_init__(self):
        super().__post_init__()
        checks.positive_number(self.jitter, "jitter", allow_zero=True)
        checks.count(self.jitter_seed, "jitter_seed", 0, 2 ** 32 - 1)

    def columns(self, problem) -> tuple[str, str]:
        data = problem.data
        names = (*data.names, data.target_name)
        x = self.x or names[0]
        y = self.y or (names[1] if len(names) > 2 else data.target_name)
        return x, y

    def check(self, problem):
        data = problem.data
        if data is None:
            raise SceneError(f"Data needs a problem with data; {type(problem).__name__} has none")
        names = (*data.names, data.target_name)
        for col in self.columns(problem):
            if col not in names:
                raise SceneError(f"Data: no column {col!r}{checks.suggest(col, names)} (columns: {', '.join(names)})")
        if self.by_target and not np.all((data.y == 0) | (data.y == 1)):
            raise SceneError("Data(by_target=True) colours the classes of 0/1 targets; these targets are not 0/1")

    def describe(self, problem):
        x, y = self.columns(problem)
        return f"the data, {y} against {x}"


@dataclass(frozen=True, kw_only=True)
class SweepSummary(View):
    """The sweep's loss against the swept value: the final loss of each value's run (``metric=
    "best"``: the lowest it reached), runs that diverged marked on the top edge. Log axes where
    the values or losses span more than a decade (``log_x``/``log_y`` force either way)."""

    metric: str = "final"
    log_x: bool | None = None
    log_y: bool | None = None

    animated = False
    shows_pins = False

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.metric, "metric", ("final", "best"))

    def describe(self, problem):
        return f"the {'final' if self.metric == 'final' else 'lowest'} loss against the swept value"


def plane_axes(problem: Problem, axes, view_name: str) -> tuple[int, int]:
    """Parameter indices of a 2-D panel, from names or indices; every failure a SceneError."""
    names = problem.names
    if problem.dim < 2:
        raise SceneError(f"{view_name} needs a problem with two or more parameters; "
                         f"this one has {problem.dim} (use views.Curve1D)")
    if axes is None:
        if problem.dim > 2:
            raise SceneError(f"{view_name}: the problem has {problem.dim} parameters ({', '.join(names)}); "
                             f"choose two with axes=(..., ...)")
        axes = (0, 1)
    out = []
    for a in axes:
        if isinstance(a, str):
            if a not in names:
                raise SceneError(f"{view_name}: no parameter {a!r}{checks.suggest(a, names)}")
            out.append(names.index(a))
        elif isinstance(a, int) and not isinstance(a, bool) and 0 <= a < problem.dim:
            out.append(int(a))
        else:
            raise SceneError(f"{view_name}: axis {a!r} is not a parameter name or index below {problem.dim}")
    if out[0] == out[1]:
        raise SceneError(f"{view_name}: axes must be two different parameters")
    return out[0], out[1]


def check_plane(view) -> None:
    """``axes`` names two parameters; a ``slice`` is a Slice, and takes the place of axes and fix."""
    name = type(view).__name__
    if view.axes is not None:
        if isinstance(view.axes, str) or len(tuple(view.axes)) != 2:
            raise SceneError(f"axes must name two parameters, got {view.axes!r}")
        object.__setattr__(view, "axes", tuple(view.axes))
    if view.slice is not None:
        checks.instance(view.slice, f"{name}.slice", Slice, "a Slice (views.Slice)")
        if view.axes is not None or view.fix is not None:
            raise SceneError(f"{name}: a slice is its own plane: give slice=Slice(directions=(...)) for two "
                             f"parameters, and its centre, without axes= or fix=")
    if getattr(view, "taylor", None) is not None and view.slice is not None:
        raise SceneError(f"{name}: the Taylor model is drawn over two parameters, not over a slice")


def check_plane_of(view, problem: Problem, name: str) -> None:
    if view.slice is not None:
        view.slice.check(problem, name)
    else:
        plane_axes(problem, view.axes, name)
        check_fix(problem, view.fix)


def check_fix(problem: Problem, fix) -> None:
    """``fix`` holds other parameters of a 2-D slice: keys must be parameter names or indices."""
    if fix is None:
        return
    if not isinstance(fix, dict):
        raise SceneError(f"fix must be a dict of parameter -> value, got {type(fix).__name__}")
    for key, value in fix.items():
        ok = key in problem.names if isinstance(key, str) else (
            isinstance(key, int) and not isinstance(key, bool) and 0 <= key < problem.dim)
        if not ok:
            raise SceneError(f"fix: {key!r} is not a parameter of the problem ({', '.join(problem.names)})")
        checks.vector(value, f"fix {key!r}", 1)


VIEWS = {cls.__name__: cls for cls in (Contours, GradientField, Curve1D, ModelFit, LossCurve, Traces, Surface3D, Taylor,
                                       Data, SweepSummary)}


def register(*view_types) -> None:
    """Make views defined in other modules (gdanim.declare.canon_views) names of this one:
    ``views.Heatmap``, and known to the suggestions for a misspelt view."""
    for cls in view_types:
        VIEWS[cls.__name__] = cls
        globals()[cls.__name__] = cls


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    raise UnknownName(f"unknown view {name!r}{checks.suggest(name, VIEWS)}")
