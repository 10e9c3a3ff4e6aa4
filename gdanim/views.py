"""What a scene shows: one declaration per panel. Pure data; the painters in gdanim/paint draw them
(found by the view's type, so a subclass is drawn like its parent unless it has a painter of its own).

Common fields: ``runs`` (labels of the runs shown; all by default), ``title``, and ``problem``
(a panel may show a problem other than the scene's, e.g. the two halves of the convexity figure).
A view also says in words what it shows (``describe``), for the figure's alt text.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import checks
from .errors import SceneError, UnknownName
from .problems import LinearRegression, LogisticRegression, Problem, SineRegression


@dataclass(frozen=True, kw_only=True)
class View:
    runs: tuple | None = None
    title: str | None = None
    problem: Problem | None = None

    animated = True        # False: the panel looks the same at every step

    def __post_init__(self):
        if self.runs is not None:
            runs = (self.runs,) if isinstance(self.runs, str) else tuple(self.runs)
            object.__setattr__(self, "runs", runs)
        if self.problem is not None:
            checks.instance(self.problem, f"{type(self).__name__}.problem", Problem, "a problem (gdanim.problems)")
        if self.title is not None:
            checks.text(self.title, f"{type(self).__name__}.title")

    def check(self, problem: Problem) -> None:
        """Raise a SceneError if this panel cannot show ``problem`` (called when the scene is declared)."""

    def check_run(self, problem: Problem) -> None:
        """Raise a SceneError if this panel cannot show a run on ``problem``."""

    def describe(self, problem: Problem) -> str:
        """What the panel shows, in a few plain words, for the alt text ("the loss against the iteration")."""
        return f"a {type(self).__name__} panel"

    def axes_words(self, problem: Problem) -> str:
        """The parameters the panel is drawn over, as words ("w1 and w2")."""
        axes = getattr(self, "axes", None) or problem.names[:2]
        return " and ".join(problem.names[a] if isinstance(a, int) else a for a in axes)


@dataclass(frozen=True, kw_only=True)
class Contours(View):
    """Filled and labelled contours of the loss over two parameters, with each run's path.
    ``axes`` picks the two parameters (names or indices); the others are held at ``fix``
    (default: the optimum when known, else the first run's start)."""

    axes: tuple | None = None
    fix: dict | None = None
    xlim: tuple | None = None
    ylim: tuple | None = None
    levels: int | tuple = 20
    log_levels: bool = False
    filled: bool = True
    labels: bool = True
    arrows: bool = False
    arrow_grid: int = 15
    markers: bool = True

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        if self.axes is not None:
            if isinstance(self.axes, str) or len(tuple(self.axes)) != 2:
                raise SceneError(f"axes must name two parameters, got {self.axes!r}")
            object.__setattr__(self, "axes", tuple(self.axes))
        checks.count(self.arrow_grid, "arrow_grid", 2, 60)
        object.__setattr__(self, "levels", checks.levels(self.levels))

    def check(self, problem):
        plane_axes(problem, self.axes, type(self).__name__)
        check_fix(problem, self.fix)

    def describe(self, problem):
        return f"contours of the loss over {self.axes_words(problem)} with each run's path"


@dataclass(frozen=True, kw_only=True)
class GradientField(Contours):
    """Contours with arrows of −∇L on a grid, and the paths."""

    arrows: bool = True

    def describe(self, problem):
        return (f"contours of the loss over {self.axes_words(problem)} with arrows of the negative gradient "
                f"and each run's path")


@dataclass(frozen=True, kw_only=True)
class Curve1D(View):
    """A 1-D loss curve with the iterates as dots joined by a dashed zig-zag; ``secants`` are
    pairs (a, b) whose chord is drawn (the convexity figure)."""

    xlim: tuple | None = None
    ylim: tuple | None = None
    secants: tuple = ()

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
    """The data with the current model: regression line (least squares dashed), sine curve, or
    logistic decision boundary with its probability shading."""

    reference: bool = True
    xlim: tuple | None = None
    ylim: tuple | None = None

    def check(self, problem):
        data = problem.data
        if data is None:
            raise SceneError(f"ModelFit needs a problem with data; {type(problem).__name__} has none")
        d = data.x.shape[1]
        if isinstance(problem, LogisticRegression) and d != 2:
            raise SceneError(f"ModelFit draws a decision boundary for two features; the data has {d}")
        if isinstance(problem, LinearRegression) and d != 1:
            raise SceneError(f"ModelFit draws a line for one feature; the data has {d} "
                             f"(show views.Contours or views.Traces instead)")
        if not isinstance(problem, (LinearRegression, LogisticRegression, SineRegression)):
            raise SceneError(f"ModelFit cannot draw a model for {type(problem).__name__}")

    def describe(self, problem):
        return "the data with the model of the current step"


@dataclass(frozen=True, kw_only=True)
class LossCurve(View):
    """Loss against iteration. ``metric="distance"`` plots ‖w − w*‖² (the blog's cost curve)."""

    log: bool = False
    metric: str = "loss"

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.metric, "metric", ("loss", "distance"))

    def check_run(self, problem):
        if self.metric == "distance" and problem.optimum is None:
            raise SceneError("LossCurve(metric='distance') needs a problem whose optimum is known")

    def describe(self, problem):
        if self.metric == "distance":
            return "the squared distance to the optimum against the iteration"
        return "the loss against the iteration"


@dataclass(frozen=True, kw_only=True)
class Traces(View):
    """Each parameter (``of="params"``, true values dashed) or gradient component against iteration."""

    of: str = "params"
    truth: bool = True

    def __post_init__(self):
        super().__post_init__()
        checks.choice(self.of, "trace", ("params", "grad"))

    def describe(self, problem):
        return "each gradient component against the iteration" if self.of == "grad" else \
            "each parameter against the iteration"


@dataclass(frozen=True, kw_only=True)
class Surface3D(View):
    """The loss surface over two parameters with the path on it. ``turn`` rotates the camera by
    that many degrees per frame (0: fixed camera)."""

    axes: tuple | None = None
    fix: dict | None = None
    xlim: tuple | None = None
    ylim: tuple | None = None
    elev: float = 25.0
    azim: float = 45.0
    turn: float = 0.0
    npts: int = 50

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "xlim", checks.interval(self.xlim, "xlim"))
        object.__setattr__(self, "ylim", checks.interval(self.ylim, "ylim"))
        checks.count(self.npts, "npts", 5, 200)

    def check(self, problem):
        plane_axes(problem, self.axes, "Surface3D")
        check_fix(problem, self.fix)

    def describe(self, problem):
        return f"the loss surface over {self.axes_words(problem)} in 3-D with the path on it"


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
class SweepSummary(View):
    """The sweep's loss against the swept value: the final loss of each value's run (``metric=
    "best"``: the lowest it reached), runs that diverged marked on the top edge. Log axes where
    the values or losses span more than a decade (``log_x``/``log_y`` force either way)."""

    metric: str = "final"
    log_x: bool | None = None
    log_y: bool | None = None

    animated = False

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
                                        SweepSummary)}


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    raise UnknownName(f"unknown view {name!r}{checks.suggest(name, VIEWS)}")
