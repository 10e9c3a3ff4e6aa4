"""What every painter shares: the base class, the figure-wide context, the runs a panel is
handed, and helpers for 2-D slices, axis windows, contour levels and status lines."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from gdanim.core.errors import note
from gdanim.declare.problems import Problem
from gdanim.declare.style import Theme
from gdanim.compute.trajectory import Trajectory
from gdanim.declare.views import plane_axes


class ShownPin(NamedTuple):
    """A pin as a panel shows it: its label, its parameters, its colour and marker."""

    label: str
    at: tuple
    color: str
    marker: str = "o"


@dataclass(frozen=True)
class PaintContext:
    """What a panel is drawn with besides its view and runs: the figure's theme, the last step
    any run reaches, the size of marks, the scene's pins this panel shows, and the colour map of
    its loss (one loss, one colour map in every panel of a figure)."""

    theme: Theme
    total: int                  # the last step any run reaches
    scale: float = 1.0          # markers and line widths, with the fonts (1 at the 16:9 preset's 15 pt)
    pins: tuple = ()            # ShownPin, for this panel
    cmap: str = "viridis"       # this panel's loss's colour map in this figure (loss_colormaps)


class Shown(NamedTuple):
    """One run as a panel shows it: its declaration, what it produced, the problem it ran on and
    its colour in this figure."""

    run: Any                    # gdanim.scene.Run
    traj: Trajectory
    problem: Problem
    color: str

    @property
    def label(self) -> str:
        return self.run.label


PIN_Z = 7.1         # a pin over the start markers (7) of the runs' paths drawn after it


class Painter:
    """Draws one view. It is handed its view, the problem the view shows and the runs it shows
    (``Shown``), never the whole scene, and draws the panel in four parts, called in this order
    by ``__init__``: ``window`` (the axes: limits, scales, aspect, labels; no artists),
    ``static`` (what is drawn once: the loss, the minimum, pins), ``moving`` (the artists
    ``update(step, frame)`` moves, registered with ``animate``) and ``keys`` (the legend and the
    title, once what they name exists). A painter of one's own overrides those it needs."""

    projection = None           # "3d" for 3-D panels
    full_redraw = False         # True when the whole panel changes each frame (turning camera)
    focuses = False             # True when ``focus`` changes what the panel draws (a ring on the chosen run)
    legend_kw = None            # what the panel's legend was made with (``legend``)

    def __init__(self, ax, view, problem: Problem, shown: list[Shown], ctx: PaintContext):
        self.ax, self.view, self.ctx = ax, view, ctx
        self.theme = ctx.theme
        self.k = ctx.scale
        self.problem = problem
        self.shown = list(shown)
        self.pins = list(ctx.pins)
        self.cmap = ctx.cmap
        self.animated: list = []
        self.owners: dict[int, str] = {}       # id(artist) → label of the run it belongs to
        self.statics: list = []                 # static artists that belong to one run (``own``)
        self.placed: list = []                  # texts ``update`` places again each frame (note_room leaves them)
        self.window()
        self.static()
        self.moving()
        self.keys()

    def window(self) -> None:
        """Set up the axes: what the panel spans (limits, scales, aspect) and its axis labels."""

    def static(self) -> None:
        """Draw what stays: the background a frame is drawn over (the loss, the data, the minimum)."""

    def moving(self) -> None:
        """Make the artists ``update`` moves (empty at first) and register them with ``animate``."""

    def keys(self) -> None:
        """The legend and the title, once every artist they name exists."""

    def update(self, step: int, frame: int) -> None:
        """Move the animated artists to the state after ``step``."""

    def focus(self, label: str | None) -> None:
        """Show the run ``label`` as the one chosen (the explorer's sweep slider); most panels
        have nothing to mark. What it poses depends on ``label`` alone, not on the step
        (``update`` leaves those artists be): the explorer reads them once per run."""

    def animate(self, *artists, run=None):
        """Register moving artists; ``run`` (a Shown, a Run or a label) names the run they draw,
        so a view of one run at a time (the explorer's sweep slider) can leave the others out.
        Artists with no run are drawn whichever runs are shown."""
        self.animated.extend(artists)
        if run is not None:
            label = getattr(run, "label", run)
            self.owners.update((id(a), label) for a in artists)
        return artists[0] if len(artists) == 1 else artists

    def own(self, artist, run):
        """Say that a static artist (a start marker) belongs to ``run``: a view of one run at a
        time leaves it out with the run."""
        self.statics.append(artist)
        self.owners[id(artist)] = getattr(run, "label", run)
        return artist

    def legend(self, **kw):
        """The panel's legend, ``ax.legend(**kw)``; the keywords are kept, so that a legend taller
        than its panel can be made again with the entries that fit (legend_fit)."""
        self.legend_kw = kw
        return self.ax.legend(**kw)

    def star_style(self) -> dict:
        """How the known minimum's star is drawn: filled in the theme's star colour, or hollow
        where a pin is drawn as a star of about that colour (the true parameters in red, say), so
        the two differ."""
        from matplotlib.colors import to_rgb
        th = self.theme
        star = np.array(to_rgb(th.star))
        if any(pin.marker == "*" and np.abs(np.array(to_rgb(pin.color)) - star).max() < 0.25 for pin in self.pins):
            return dict(color=th.star, mfc=th.face, mec=th.star)
        return dict(color=th.star, mec=th.face)

    def pin_marks(self, xy, **kw) -> list:
        """A labelled marker per pin at ``xy(pin)`` (a tuple of coordinates, 2 or 3): how the
        parameter-space panels draw pins."""
        marks = []
        for pin in self.pins:
            size = (22 if pin.marker == "*" else 13) * self.k
            mark, = self.ax.plot(*[[c] for c in xy(pin)], pin.marker, ms=size, color=pin.color,
                                 mec=self.theme.face, mew=1.2 * self.k, label=pin.label, zorder=PIN_Z, **kw)
            marks.append(mark)
        return marks

    def title(self, default: str) -> None:
        self.ax.set_title(self.view.title if self.view.title is not None else default)


def base_point(problem, fix, shown) -> np.ndarray:
    """The point whose other coordinates a 2-D slice holds fixed."""
    if problem.optimum is not None:
        p = np.array(problem.optimum, dtype=float)
    elif shown:
        p = np.array(shown[0].traj.params[0], dtype=float)
    else:
        p = np.zeros(problem.dim)
    for key, value in (fix or {}).items():
        i = problem.names.index(key) if isinstance(key, str) else key      # checked: views.check_fix
        p[i] = float(value)
    return p


class Plane:
    """The 2-D slice a panel shows: two parameter indices, the point holding the others fixed,
    and the axis limits (declared, else the problem's window widened to the paths, the starts and
    the pins)."""

    def __init__(self, problem, view, shown, view_name: str, pins=()):
        self.i, self.j = i, j = plane_axes(problem, view.axes, view_name)
        self.labels = (problem.names[i], problem.names[j])
        self.base = base_point(problem, view.fix, shown)
        d = problem.default_window()
        d = d + [(self.base[k] - 5, self.base[k] + 5) for k in range(len(d), problem.dim)]
        xs_all = np.concatenate([s.traj.params[:, i] for s in shown]) if shown else []
        ys_all = np.concatenate([s.traj.params[:, j] for s in shown]) if shown else []
        starts = np.array([s.traj.params[0] for s in shown]) if shown else np.zeros((0, problem.dim))
        at = [p.at for p in pins]                   # a pin is declared, as a start is: it must be seen
        if getattr(problem, "window_from_runs", False) and (shown or pins):     # a loss of no natural scale
            marked = at + ([] if problem.optimum is None else [problem.optimum])
            d = list(d)
            d[i] = fitted(xs_all, [*starts[:, i], *(m[i] for m in marked)])
            d[j] = fitted(ys_all, [*starts[:, j], *(m[j] for m in marked)])
        marks = [*starts[:, [i, j]], *((a[i], a[j]) for a in at)]
        self.xlim = whole(window(view.xlim, d[i], xs_all, [*starts[:, i], *(a[i] for a in at)]), [m[0] for m in marks])
        self.ylim = whole(window(view.ylim, d[j], ys_all, [*starts[:, j], *(a[j] for a in at)]), [m[1] for m in marks])
        fate = "it floats outside the box" if view_name == "Surface3D" else "it is not drawn there"
        for pin in pins:                            # ...unless the lecturer's limits leave it out
            note_left_out(view_name, pin, (pin.at[i], pin.at[j]), {"xlim": self.xlim, "ylim": self.ylim}, fate)

    def grid(self, n: int):
        """An n×n mesh over the limits and the full parameter vectors at its points."""
        X, Y = np.meshgrid(np.linspace(*self.xlim, n), np.linspace(*self.ylim, n))
        pts = np.tile(self.base, (X.size, 1))
        pts[:, self.i], pts[:, self.j] = X.ravel(), Y.ravel()
        return X, Y, pts

    def xy(self, params) -> np.ndarray:
        """The panel coordinates (k, 2) of parameter vectors (k, dim): their two parameters."""
        return np.asarray(params, dtype=float).reshape(len(np.atleast_2d(params)), -1)[:, [self.i, self.j]]

    def along(self, G) -> np.ndarray:
        """The components in the panel of vectors (k, dim) such as gradients."""
        return np.asarray(G)[:, [self.i, self.j]]

    def on_plane(self, point) -> tuple | None:
        """The panel coordinates of ``point`` if it lies on this slice (its other parameters at
        the fixed ones), else None."""
        o = np.asarray(point, dtype=float)
        if np.allclose(np.delete(o, [self.i, self.j]), np.delete(self.base, [self.i, self.j])):
            return float(o[self.i]), float(o[self.j])
        return None


OFF_CHART = 1e100     # a loss beyond this is off any chart (and matplotlib's level and limit arithmetic overflows)


def on_chart(values: np.ndarray) -> np.ndarray:
    """Loss values to plot: those that overflowed, or are beyond OFF_CHART, become NaN (not drawn)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.abs(values) < OFF_CHART, values, np.nan)


def note_left_out(view_name: str, pin, at: tuple, limits: dict, fate: str = "it is not drawn there") -> None:
    """A note where limits the lecturer declared (name → (lo, hi), one per coordinate of ``at``)
    leave ``pin`` out of a panel: gdanim's own limits always take pins in."""
    if all(lo <= x <= hi for x, (lo, hi) in zip(at, limits.values())):
        return
    where = f"{at[0]:g}" if len(at) == 1 else "(" + ", ".join(f"{x:g}" for x in at) + ")"
    lims = ", ".join(f"{name}={lim}" for name, lim in limits.items())
    note(f"{view_name}: pin {pin.label!r} at {where} lies outside the panel's {lims}: {fate}")


def fitted(values, kept) -> tuple[float, float]:
    """A window around what a panel shows of a loss with no natural scale (a Function): the
    points it must show (the runs' starts, the pins, the minimum if known) and the runs' paths
    (where they stay within three times those points' spread: a run that flies off is not
    followed), with a tenth of that span on each side.

    >>> fitted([-1.2, 0.5, 0.9, 1.0], [-1.2, 1.0])
    (-1.42, 1.22)
    """
    core = np.asarray(kept, dtype=float)
    core = core[np.isfinite(core)]
    lo, hi = float(core.min()), float(core.max())
    reach = 3 * max(hi - lo, 1.0)
    vals = np.asarray(values, dtype=float)
    vals = vals[np.isfinite(vals) & (vals > lo - reach) & (vals < hi + reach)]
    if vals.size:
        lo, hi = min(lo, float(vals.min())), max(hi, float(vals.max()))
    pad = 0.1 * (hi - lo) if hi - lo > 1e-9 else 1.0
    return round(lo - pad, 10), round(hi + pad, 10)


def window(lim, default, values, starts=()) -> tuple[float, float]:
    """Axis limits: declared ones, else the problem's window widened to the paths (but not to a
    path that runs off to infinity: at most three window widths) and to the runs' starts, however
    far (a start is declared; the path must be seen to begin).

    >>> window(None, (-3, 3), [0, 1], starts=[20])
    (-4.15, 21.15)
    """
    if lim is not None:
        return tuple(lim)
    lo, hi = default
    vals = np.asarray(values, dtype=float)
    vals = vals[np.isfinite(vals)]
    keep = np.asarray(starts, dtype=float)
    keep = keep[np.isfinite(keep)]
    if vals.size or keep.size:
        width = hi - lo
        if vals.size:
            lo = max(min(lo, vals.min()), lo - width)
            hi = min(max(hi, vals.max()), hi + width)
        if keep.size:
            lo, hi = min(lo, keep.min()), max(hi, keep.max())
        pad = 0.05 * (hi - lo)
        lo, hi = lo - pad, hi + pad
    return float(lo), float(hi)


MARGIN = 0.045       # of a panel's span: room for half a start's or a pin's marker, in panels 150 pt and up


def whole(lim, marks) -> tuple[float, float]:
    """``lim`` widened where a start or a pin lies on (or just inside) its edge, so that its marker
    is drawn whole: a start cut by the corner of the lecturer's window reads as something else.
    A mark farther out than that stays out (said by note_left_out).

    >>> whole((2.0, 7.95), [2.0, 8.0, 5.0])
    (1.73225, 8.26775)
    """
    lo, hi = lim
    room = MARGIN * (hi - lo)
    near = [m for m in marks if np.isfinite(m) and lo - room <= m <= hi + room]
    new_lo = min([lo, *(m - room for m in near)])
    new_hi = max([hi, *(m + room for m in near)])
    return round(float(new_lo), 10), round(float(new_hi), 10)


def nice_levels(z: np.ndarray, n: int) -> np.ndarray:
    """n contour levels spaced by quantiles of the loss (rings of similar area), rounded to 2
    significant digits so the labels read well."""
    z = z[np.isfinite(z)]
    levels = np.unique(round_sig(np.quantile(z, np.linspace(0.0, 0.97, n + 1)[1:])))
    levels = levels[(levels > z.min()) & (levels < z.max())]
    return levels if len(levels) >= 2 else np.linspace(z.min(), z.max(), n)


def round_sig(q: np.ndarray) -> np.ndarray:
    """Round to two significant digits (contour labels that read well)."""
    q = np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = 10 ** np.floor(np.log10(np.abs(q)))
    mag[~np.isfinite(mag) | (mag == 0)] = 1
    return np.round(q / mag, 1) * mag


def status(traj: Trajectory, step: int, marker=None) -> str:
    """'step 12 · loss 0.0123', with the reason a run stopped on a second line (narrow panels
    keep it whole); ``marker`` (a DivergenceMarker) says when the run left the panel for good."""
    k = traj.at(step)
    text = f"step {k} · loss {traj.loss[k]:.4g}"
    said = marker.text(step) if marker is not None else None
    if said:
        text += f"\n{said}"
    ending = traj.ending(step)
    if ending and not (traj.stop == "diverged" and (said or "").startswith("diverged")):
        text += f"\n{ending}"
    return text
