"""A scene declares one figure: a problem, labelled optimizer runs, and the panels to show.
Frozen data, validated on construction; nothing here draws or computes a trajectory.

    from gdanim import Scene, Run, problems, optimizers as opt, views

    scene = Scene(
        title="Gradient descent overshoots",
        problem=problems.parabola,
        runs=[Run("lr 1.08", opt.gd(1.08), start=2, steps=10)],
        views=[views.Curve1D(xlim=(-10, 10))],
    )
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from gdanim.declare import checks
from gdanim.core.errors import SceneError, note
from gdanim.declare.optimizers import Optimizer
from gdanim.declare.problems import Function, Problem
from gdanim.declare.stopping import StopRule
from gdanim.declare.style import THEMES
from gdanim.declare.sweeps import Sweep
from gdanim.declare import sweep_grid  # noqa: F401  (Sweep(over=(a, b), ...): a sweep over two fields)
from gdanim.declare.canon_views import Heatmap
from gdanim.declare.views import SweepSummary, View

CM = 1 / 2.54
SIZES = {  # name: (width, height) in inches, body font in points (read from the back of a hall)
    "16:9": ((12.8, 7.2), 15),                    # screens, video, README
    "4:3": ((10.24, 7.68), 16),
    "wide": ((12.8, 4.8), 10),
    "square": ((7.2, 7.2), 15),
    "beamer": ((14 * CM, 7 * CM), 8),            # a 16:9 beamer frame (16 × 9 cm, 14 cm between margins) under its title
    "beamer-4:3": ((10.8 * CM, 7.2 * CM), 8),    # a 4:3 beamer frame (12.8 × 9.6 cm, 10.8 cm between margins)
    "powerpoint": ((12.3, 5.6), 18),             # a 16:9 PowerPoint / Google Slides slide under its title
    "powerpoint-4:3": ((9.2, 5.8), 18),          # a 4:3 PowerPoint slide (10 × 7.5 in) under its title
}

# How a notebook shows a scene (``Scene._repr_html_``). Declaring a figure must not depend on
# rendering it, so the rendering layer (gdanim.notebook) installs itself here with ``show_with``.
_html_display: list[Callable] = []


def show_with(display: Callable) -> None:
    """Make ``display(scene) -> str`` the HTML a notebook shows for a scene."""
    _html_display[:] = [display]


@dataclass(frozen=True)
class Run:
    """One optimizer run: a label, an optimizer, a start point and a step budget.

    ``until`` adds a stopping rule (gdanim.stopping); ``batch_size`` makes it stochastic
    (samples drawn with replacement, seeded by ``seed``; ``replace=False``: by epochs, each a
    fresh permutation of the data cut into batches); ``problem`` overrides the scene's."""

    label: str
    optimizer: Optimizer
    start: object = 0.0
    steps: int = 100
    until: StopRule | None = None
    batch_size: int | None = None
    seed: int = 0
    problem: Problem | None = None
    color: str | None = None
    replace: bool = True
    swept: tuple | None = None          # (field, value) for a run a Sweep made; ((a, b), pair, chosen pair) for a sweep over two

    def __post_init__(self):
        checks.text(self.label, "run label")
        checks.instance(self.replace, f"run {self.label!r}: replace", bool, "True or False")
        checks.instance(self.optimizer, f"run {self.label!r}: optimizer", Optimizer,
                        "an optimizer such as optimizers.gd(0.1)")
        object.__setattr__(self, "steps", checks.count(self.steps, f"run {self.label!r}: steps"))
        object.__setattr__(self, "start", checks.vector(self.start, f"run {self.label!r}: start"))
        if self.until is not None:
            checks.instance(self.until, f"run {self.label!r}: until", StopRule, "a stopping rule (gdanim.stopping)")
        if self.batch_size is not None:
            checks.count(self.batch_size, f"run {self.label!r}: batch_size", 1, 10_000_000)
        checks.count(self.seed, f"run {self.label!r}: seed", 0, 2 ** 32 - 1)
        if self.problem is not None:
            checks.instance(self.problem, f"run {self.label!r}: problem", Problem, "a problem")
        if self.color is not None:
            checks.color(self.color, f"run {self.label!r}: color")


@dataclass(frozen=True)
class Pin:
    """A fixed parameter vector to show: a guess, the true parameters, the least-squares solution,
    the best point of a grid. Every panel draws it in its own way (a labelled marker on contours
    and surfaces, a dot and a dashed line on a 1-D curve, the model at ``at`` on ModelFit).

    >>> Pin("guess", (-1, -1)).at
    (-1.0, -1.0)
    """

    label: str
    at: object
    color: str | None = None
    marker: str = "o"

    def __post_init__(self):
        checks.text(self.label, "pin label")
        object.__setattr__(self, "at", checks.vector(self.at, f"pin {self.label!r}: at"))
        if not self.at:
            raise SceneError(f"pin {self.label!r}: at must have at least one number")
        if self.color is not None:
            checks.color(self.color, f"pin {self.label!r}: color")
        checks.choice(self.marker, f"pin {self.label!r}: marker", MARKERS)

    @classmethod
    def grid_best(cls, problem: Problem, xlim, ylim=None, npts: int = 30, label: str = "grid best",
                  color: str | None = None, marker: str = "o") -> "Pin":
        """The lowest point of an npts-point grid over ``xlim`` (× ``ylim`` for two parameters),
        labelled with its coordinates: CS 189's ``grid_best`` and the Slido cells' best w."""
        from gdanim.declare.problems import grid_best
        checks.instance(problem, "Pin.grid_best problem", Problem, "a problem (gdanim.problems)")
        xlim = checks.interval(xlim, "xlim")
        ylim = checks.interval(ylim, "ylim")
        checks.count(npts, "npts", 2, 2000)
        at = grid_best(problem, xlim, ylim, npts)
        coords = ", ".join(f"{v:.2f}" for v in at).replace("-", "−")
        return cls(f"{label} ({coords})" if len(at) > 1 else f"{label} {coords}", at, color, marker)


MARKERS = ("o", "*", "D", "s", "^", "P", "X")


@dataclass(frozen=True)
class Timing:
    """Frames per second, every k-th step, holds at the ends (seconds), pauses on steps, GIF loops (0 = forever)."""

    fps: float = 10
    every: int = 1
    hold_first: float = 0.5
    hold_last: float = 2.0
    pause_on: tuple = ()          # {step: seconds} (kept as ((step, seconds), ...))
    loop: int = 0

    def __post_init__(self):
        fps = checks.positive_number(self.fps, "fps")
        if fps > 60:
            raise SceneError(f"fps must be at most 60, got {fps:g}")
        checks.count(self.every, "every", 1)
        checks.positive_number(self.hold_first, "hold_first", allow_zero=True)
        checks.positive_number(self.hold_last, "hold_last", allow_zero=True)
        pauses = dict(self.pause_on) if not isinstance(self.pause_on, dict) else self.pause_on
        for step, sec in pauses.items():
            checks.count(step, "pause_on step")
            checks.positive_number(sec, "pause_on seconds")
        object.__setattr__(self, "pause_on", tuple(sorted(pauses.items())))
        checks.count(self.loop, "loop", 0, 65535)


@dataclass(frozen=True)
class Scene:
    """One figure. ``stills`` maps a label to a step, written as NAME-<label>.pdf; a scene
    with no runs is a still by nature and writes stills only."""

    title: str
    problem: Problem | None = None
    runs: tuple = ()
    views: tuple = ()
    description: str = ""
    layout: tuple | None = None          # (rows, cols); default: one row of up to 3, else a grid (grid)
    size: object = "16:9"                # a preset name or (width, height) in inches
    dpi: int = 100
    theme: str = "light"
    timing: Timing = field(default_factory=Timing)
    stills: dict = field(default_factory=dict)
    pins: tuple = ()
    source: str = ""                     # where the figure comes from: lecture, cell or heading
    sweep: Sweep | None = None           # one more run per value of a hyperparameter
    figure_title: bool = True            # False: the title is not drawn in the figure (a slide shows it)

    def __post_init__(self):
        """Checks in the order a lecturer's mistakes are best said (each names what it checks)."""
        check_texts_and_lists(self)
        check_members(self)
        check_sweep(self)
        check_sweep_summaries(self)
        check_pins_and_problem(self)
        check_runs(self)
        check_views(self)
        check_pins_shown(self)
        check_figure(self)
        check_stills(self)

    @property
    def is_still(self) -> bool:
        """True when nothing moves: no runs, or only static panels."""
        return not self.runs or not any(v.animated for v in self.views)

    @property
    def grid(self) -> tuple[int, int]:
        """(rows, cols) of the panels: ``layout``, else ``default_grid``."""
        return tuple(self.layout) if self.layout is not None else default_grid(len(self.views))

    @property
    def figsize(self) -> tuple[float, float]:
        return SIZES[self.size][0] if isinstance(self.size, str) else tuple(self.size)

    @property
    def font_size(self) -> float:
        """Body text in points: the preset's, else scaled with the height (7.2 in → 15 pt)."""
        if isinstance(self.size, str):
            return SIZES[self.size][1]
        return max(9.0, 15.0 * self.size[1] / 7.2)

    def data_files(self) -> tuple[str, ...]:
        """The CSV files the scene's problems read (``render --watch`` watches them too)."""
        found = []
        for p in (self.problem, *(r.problem for r in self.runs), *(v.problem for v in self.views)):
            path = getattr(getattr(p, "dataset", None), "path", None)
            if path and path not in found:
                found.append(path)
        return tuple(found)

    def _repr_html_(self) -> str:
        """Jupyter shows a scene as gdanim.notebook renders it: its animation, or its still."""
        return _html_display[0](self)

    def problem_for(self, view: View | None = None, run: Run | None = None) -> Problem:
        """The problem a panel or run shows: its own, else the scene's, else the first run's."""
        for p in (getattr(run, "problem", None), getattr(view, "problem", None), self.problem):
            if p is not None:
                return p
        return next(r.problem for r in self.runs if r.problem is not None)

    def pins_for(self, view: View) -> tuple:
        """The pins a panel shows: none where it draws no pins (Data, SweepSummary), those it
        names, else every pin with as many numbers as its problem has parameters."""
        if not view.shows_pins:
            return ()
        if view.pins is not None:
            return tuple(p for p in self.pins if p.label in view.pins)
        dim = self.problem_for(view).dim
        return tuple(p for p in self.pins if len(p.at) == dim)

    @property
    def swept_labels(self) -> tuple[str, ...]:
        """The labels of the sweep's runs, in the order of its values (empty without a sweep)."""
        return tuple(r.label for r in self.runs if r.swept is not None)

    def runs_for(self, view: View) -> tuple:
        return self.runs if view.runs is None else tuple(r for r in self.runs if r.label in view.runs)


def check_texts_and_lists(scene) -> None:
    """The title, description and source are text; runs, views and pins are lists."""
    checks.text(scene.title, "title")
    checks.prose(scene.description, "description")
    checks.prose(scene.source, "source", 'a string naming the lecture and cell, e.g. "CS 189, In[16]"')
    for name in ("runs", "views", "pins"):
        value = getattr(scene, name)
        if isinstance(value, (Run, View, Pin)):
            value = (value,)
        if not isinstance(value, (list, tuple)):
            raise SceneError(f"{name} must be a list, got {type(value).__name__}")
        object.__setattr__(scene, name, tuple(value))


def check_members(scene) -> None:
    """Every run is a Run and every view a View (before the sweep reads them)."""
    for r in scene.runs:                 # before the sweep reads them
        if isinstance(r, Sweep):
            raise SceneError("runs: a Sweep is declared as Scene(sweep=Sweep(...)), not among the runs")
        checks.instance(r, "each of runs", Run, 'a Run("label", optimizer, start=..., steps=...)')
    for v in scene.views:
        checks.instance(v, "each of views", View, "a view such as views.Contours()")


def check_sweep(scene) -> None:
    """A sweep adds one run per value after the runs declared."""
    if scene.sweep is not None:
        checks.instance(scene.sweep, "sweep", Sweep, 'a Sweep(Run(...), over="lr", values=[...])')
        checks.instance(scene.sweep.run, "sweep: run", Run, 'a Run("label", optimizer, start=..., steps=...)')
        swept = scene.sweep.runs()
        declared = tuple(r for r in scene.runs if r.swept is None)      # a replace() hands them back
        object.__setattr__(scene, "runs", declared + swept)


def check_sweep_summaries(scene) -> None:
    """A SweepSummary needs a sweep, and shows some of its runs."""
    for v in scene.views:
        if isinstance(v, SweepSummary) and scene.sweep is None:
            raise SceneError("SweepSummary needs a sweep: Scene(sweep=Sweep(Run(...), over=..., values=[...]))")
        if isinstance(v, Heatmap) and getattr(scene.sweep, "chosen", None) is None:
            raise SceneError("Heatmap shows a sweep over two fields: Scene(sweep=Sweep(Run(...), over=(\"lr\", "
                             "\"momentum\"), values=([...], [...])))")
        if isinstance(v, SweepSummary) and getattr(scene.sweep, "chosen", None) is not None:
            raise SceneError("SweepSummary plots a sweep over one field; a sweep over two is shown by views.Heatmap")
        if isinstance(v, SweepSummary) and v.runs is not None and not any(r.swept for r in scene.runs if r.label in v.runs):
            raise SceneError("SweepSummary(runs=...) must show some of the sweep's runs "
                             f"({', '.join(r.label for r in scene.runs if r.swept)})")


def check_pins_and_problem(scene) -> None:
    """Pins are Pins with labels of their own; there is a panel; the problem is a Problem."""
    for pin in scene.pins:
        checks.instance(pin, "each of pins", Pin, 'a Pin("label", at=(...))')
    pin_labels = [pin.label for pin in scene.pins]
    twice = sorted({lab for lab in pin_labels if pin_labels.count(lab) > 1})
    if twice:
        raise SceneError(f"pin labels must be unique; {twice[0]!r} is used twice")
    if not scene.views:
        raise SceneError("views is empty: declare at least one panel, e.g. views=[views.LossCurve()]")
    if scene.problem is not None:
        checks.instance(scene.problem, "problem", Problem, "a problem such as problems.parabola")


def check_runs(scene) -> None:
    """Run labels are unique; each run has a problem, a start of its size, data for its batches."""
    labels = [r.label for r in scene.runs]
    dupes = sorted({lab for lab in labels if labels.count(lab) > 1})
    if dupes:
        raise SceneError(f"run labels must be unique; {dupes[0]!r} is used twice")
    for r in scene.runs:
        problem = r.problem or scene.problem
        if problem is None:
            raise SceneError(f"no problem declared: run {r.label!r} needs Scene(problem=...) or Run(problem=...)")
        run = f"run {r.label!r}" if r.swept is None else f"the sweep over {scene.sweep.over}'s run {r.label!r}"
        if len(r.start) != problem.dim:
            raise SceneError(f"{run}: start must have {problem.dim} number"
                             f"{'s' if problem.dim != 1 else ''} (one per parameter "
                             f"{', '.join(problem.names)}), got {len(r.start)}"
                             + ("; a Function has one parameter unless given dim="
                                if isinstance(problem, Function) and problem.dim == 1 else ""))
        if r.batch_size is not None and problem.n_samples is None:
            raise SceneError(f"{run}: batch_size needs a problem with data")
        if r.batch_size is not None and not r.replace and r.batch_size >= problem.n_samples:
            note(f"{run}: batch_size {r.batch_size} without replacement takes all {problem.n_samples} samples "
                 f"at every step: it is gradient descent on the whole data")


def check_views(scene) -> None:
    """Each view has a problem, shows runs and pins that exist and fit it, and can draw its runs."""
    labels = [r.label for r in scene.runs]
    pin_labels = [pin.label for pin in scene.pins]
    for v in scene.views:
        if v.problem is None and scene.problem is None and not any(r.problem for r in scene.runs):
            raise SceneError(f"no problem declared: {type(v).__name__} needs Scene(problem=...) or a problem= of its own")
        for lab in v.runs or ():
            if lab not in labels:
                raise SceneError(f"{type(v).__name__}: no run labelled {lab!r}{checks.suggest(lab, labels)}")
        shown = scene.problem_for(v)
        v.check(shown)
        if v.pins and not v.shows_pins:
            raise SceneError(f"{type(v).__name__} panels draw no pins: drop its pins=")
        for lab in v.pins or ():
            if lab not in pin_labels:
                raise SceneError(f"{type(v).__name__}: no pin labelled {lab!r}{checks.suggest(lab, pin_labels)}")
            pin = scene.pins[pin_labels.index(lab)]
            if len(pin.at) != shown.dim:
                raise SceneError(f"{type(v).__name__} shows a problem with {shown.dim} parameter"
                                 f"{'s' if shown.dim != 1 else ''}, but pin {lab!r} has {len(pin.at)}")
        for r in scene.runs_for(v):
            ran = scene.problem_for(run=r)
            if v.animated and ran.dim != shown.dim:
                fix = ("give it the runs' problem with problem=..." if v.runs is not None else
                       "choose the runs it shows with runs=[...], or give it their problem with problem=...")
                raise SceneError(f"{type(v).__name__} shows a problem with {shown.dim} parameter"
                                 f"{'s' if shown.dim != 1 else ''}, but run {r.label!r} has {ran.dim}: {fix}")
            v.check_run(ran)
            v.check_optimizer(r.optimizer, ran)


def check_pins_shown(scene) -> None:
    """Every pin is drawn by some panel."""
    shown_pins = {p.label for v in scene.views for p in scene.pins_for(v)}
    for pin in scene.pins:
        if pin.label not in shown_pins:
            showing = [v for v in scene.views if v.shows_pins]
            if not showing:
                kinds = ", ".join(sorted({type(v).__name__ for v in scene.views}))
                raise SceneError(f"pin {pin.label!r} is shown by no panel: {kinds} panels draw no pins")
            dims = sorted({scene.problem_for(v).dim for v in showing})
            if len(pin.at) in dims:
                raise SceneError(f"pin {pin.label!r} is shown by no panel: those it fits name other pins with pins=")
            raise SceneError(f"pin {pin.label!r} has {len(pin.at)} number{'s' if len(pin.at) != 1 else ''}, but no "
                             f"panel shows a problem with {len(pin.at)} parameter{'s' if len(pin.at) != 1 else ''} "
                             f"(they show {' or '.join(map(str, dims))}): it would be drawn nowhere")


def check_figure(scene) -> None:
    """The layout has room for the panels; size, dpi, theme and timing are ones gdanim knows."""
    if scene.layout is not None:
        rows, cols = (checks.count(x, "layout", 1, 12) for x in scene.layout)
        if rows * cols < len(scene.views):
            raise SceneError(f"layout {rows}×{cols} has room for {rows * cols} panels, the scene has {len(scene.views)}")
    if isinstance(scene.size, str):
        checks.choice(scene.size, "size", SIZES)
    else:
        w, h = checks.vector(scene.size, "size", 2)
        if not (1 <= w <= 40 and 1 <= h <= 40):
            raise SceneError(f"size must be inches between 1 and 40, got {scene.size!r}")
    checks.count(scene.dpi, "dpi", 20, 600)
    checks.pixel_budget(*scene.figsize, scene.dpi)
    checks.choice(scene.theme, "theme", THEMES)
    checks.instance(scene.timing, "timing", Timing, "a Timing(...)")


def check_stills(scene) -> None:
    """Stills are label -> step, the labels fit in a file name."""
    if not isinstance(scene.stills, dict):
        raise SceneError(f"stills must be a dict of label -> step, got {type(scene.stills).__name__}")
    for lab, step in scene.stills.items():
        if not isinstance(lab, str) or not lab or not all(c.isalnum() or c in "-_" for c in lab):
            raise SceneError(f"still label {lab!r} must be letters, digits, '-' or '_' (it becomes a file name)")
        checks.count(step, f"still {lab!r} step")


def default_grid(n: int) -> tuple[int, int]:
    """(rows, cols) for n panels without a declared layout: one row of up to three, 2×2 for four,
    rows of three beyond (six in one row left each panel a sliver).

    >>> [default_grid(n) for n in (1, 3, 4, 5, 7)]
    [(1, 1), (1, 3), (2, 2), (2, 3), (3, 3)]
    """
    n = max(1, n)
    if n <= 3:
        return 1, n
    if n == 4:
        return 2, 2
    return -(-n // 3), 3
