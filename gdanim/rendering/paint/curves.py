"""Curves against iteration: the loss (linear or log), parameter traces with true values
dashed, and gradient traces (the three panels of "Gradient descent in depth")."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import Formatter, FuncFormatter

from gdanim.core.errors import note
from gdanim.declare.views import LossCurve, Traces
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.registry import paints

STYLES = ("-", "--", ":", "-.")
RATE_NAMES = {"lr": "learning rate", "step": "step size"}     # Traces of a schedule's αₜ, of a line search's t


def rates(optimizer, steps: int) -> np.ndarray:
    """The learning rate αₜ the optimizer's schedule gives each step t = 1 … steps (nan at 0)."""
    return np.array([np.nan] + [float(optimizer.lr(t)) for t in range(1, steps + 1)])
# A loss that reaches 0 only by underflow, after passing 1e-300 on a log axis, just drops off its
# foot (the axis cannot be made linear below such numbers: matplotlib's ticks overflow).
SYMLOG_FLOOR = 1e-300

END_LABELS = 8  # more runs than this (up to END_LABELS_MAX): named at the ends of their curves, not in a legend
END_LABELS_MAX = 24     # more than this cannot be told apart at the end either: a legend, cut to what fits
BLOWN = 1e3     # on a linear axis, values this many times the largest start leave the top


def linear_range(series, finite) -> tuple[float, float]:
    """A linear axis's limits: every value, unless some run blows up (past BLOWN times the largest
    of the runs' starting values): then those of the runs that do not, and every start, so that a
    diverging run leaves the top of the panel instead of flattening the rest into a line at 0.

    >>> calm = np.array([4.0, 2, 1]); wild = np.array([5.0, 50, 5e16])
    >>> linear_range([(None, calm, None), (None, wild, None)], np.concatenate([calm, wild]))
    (1.0, 5.0)
    """
    starts = np.array([v[0] for _, v, _ in series if v.size and np.isfinite(v[0])])
    cap = BLOWN * max(1.0, float(np.max(np.abs(starts)))) if starts.size else np.inf
    if not np.any(np.abs(finite) > cap):
        return float(finite.min()), float(finite.max())
    calm = [v[np.isfinite(v)] for _, v, _ in series if np.all(np.abs(v[np.isfinite(v)]) <= cap)]
    kept = np.concatenate([*calm, starts]) if calm else finite[np.abs(finite) <= cap]
    return float(kept.min()), float(kept.max())


class PlainBetween(Formatter):
    """A log axis' labels as matplotlib's formatter gives them (10⁻⁴, 10⁰), except the ones between
    powers of ten, which read as plain numbers (0.2, 3, 40: not 2×10⁻¹, 3×10⁰, 4×10¹), and all of
    them on an axis of less than two decades (0.5, 1, 2).

    >>> from matplotlib.ticker import LogFormatterSciNotation
    >>> PlainBetween(LogFormatterSciNotation(labelOnlyBase=False))(0.2)
    '0.2'
    """

    def __init__(self, inner):
        self.inner = inner

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    def __call__(self, x, pos=None):
        said = self.inner(x, pos)
        lo, hi = sorted(self.axis.get_view_interval()) if self.axis is not None else (1.0, 1e9)
        few = lo > 0 and hi < 100 * lo             # within two decades every label reads plain: 1, not 10⁰
        return f"{x:.3g}" if said and ("times" in said or few) else said


class GrowingCurves(Painter):
    """Lines that grow with the step. A subclass's ``window`` says what each line plots
    (``self.plotted``: trajectory, values per step, and how the line is drawn) and calls ``span``;
    ``moving`` makes the lines (``self.series``: trajectory, values, line)."""

    def span(self, plotted, ylabel, marks=()):
        """The axes for ``plotted``; ``marks`` (the pins' levels) are kept in view, as the runs are."""
        ax = self.ax
        self.plotted = plotted          # [(trajectory, values (steps+1,), the line's style)]
        self.snapped = []               # the runs that reach 0 on a symlog axis
        ax.set_xlim(0, max(self.ctx.total, 1))
        marks = np.asarray([m for m in marks if np.isfinite(m)], dtype=float)
        finite = np.concatenate([v[np.isfinite(v)] for _, v, _ in plotted] + [marks]) if plotted or marks.size \
            else np.array([0.0])
        pos = finite[finite > 0]
        log = getattr(self.view, "log", False) and pos.size     # all zero (started at the minimum): linear
        if log and finite.min() < 0:
            traj = next((t for t, v, _ in plotted if np.nanmin(v) < 0), None)
            what = f"run {traj.label!r} goes" if traj is not None else "a pin's level is"
            note(f"LossCurve(log=True): {what} below zero, which a log axis cannot show; the axis is linear")
            log = False
        if log:
            zeros = [(t, int(np.flatnonzero(v == 0)[0])) for t, v, _ in plotted if np.any(v == 0)]
            linear = 10.0 ** np.floor(np.log10(pos.min()))
            if zeros and linear >= SYMLOG_FLOOR:    # a run that reaches 0 exactly: linear near 0, log above
                ax.set_yscale("symlog", linthresh=linear, linscale=0.5)
                ax.set_ylim(-0.1 * linear, pos.max() * 1.5)      # 0 just above the spine: seen whole
                for traj, step in zeros:
                    # on 0 from then on: snapped to whole pixels, one line in its colour, not two
                    # rows half-toned where 0 falls between pixels (as some layouts put it)
                    self.snapped.append(traj)
                    note(f"LossCurve(log=True): run {traj.label!r} reaches 0 at step {step}, which a log "
                         f"axis cannot show: the axis is linear below {linear:g}")
            else:
                ax.set_yscale("log")
                ax.set_ylim(pos.min() / 1.5, pos.max() * 1.5)
            for which in ("major", "minor"):          # 0.2, 0.3, not 2×10⁻¹, 3×10⁻¹, between the powers of ten
                axis_fmt = ax.yaxis.get_minor_formatter() if which == "minor" else ax.yaxis.get_major_formatter()
                (ax.yaxis.set_minor_formatter if which == "minor" else ax.yaxis.set_major_formatter)(PlainBetween(axis_fmt))
        else:
            lo, hi = linear_range(plotted, finite)
            if marks.size:                          # a pin's level is declared: always in view
                lo, hi = min(lo, float(marks.min())), max(hi, float(marks.max()))
            pad = 0.06 * (hi - lo or 1)
            ax.set_ylim(lo - pad, hi + pad)
        ax.set_xlabel("iteration")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.5)

    def moving(self):
        self.series = []
        for traj, values, (fmt, style) in self.plotted:
            line, = self.ax.plot([], [], fmt, **style)
            if any(traj is t for t in self.snapped):
                line.set_snap(True)
            self.series.append((traj, values, line))
            self.animate(line, run=traj.label)

    def update(self, step, frame):
        for traj, values, line in self.series:
            k = traj.at(step)
            line.set_data(np.arange(k + 1), values[: k + 1])


@paints(LossCurve)
class LossCurvePainter(GrowingCurves):
    def window(self):
        ax, view, problem = self.ax, self.view, self.problem
        plotted = []
        for run, traj, run_problem, color in self.shown:
            if view.metric == "distance":
                opt = run_problem.optimum       # known: LossCurve.check_run
                values = np.sum((traj.params - np.asarray(opt)) ** 2, axis=1)
            elif view.metric == "step_size":            # ‖θₜ − θₜ₋₁‖, not a rate
                values = np.concatenate([[np.nan], np.linalg.norm(np.diff(traj.params, axis=0), axis=1)])
            else:
                values = traj.loss - self.less(run_problem)
            plotted.append((traj, values, ("-", dict(color=color, lw=2.5 * self.k, label=run.label))))
        ylabel = {"distance": "squared distance to minimum", "step_size": "step length ‖θₜ − θₜ₋₁‖"}.get(view.metric, "loss")
        if view.minus is not None:
            ylabel = "loss − p*" if view.minus == "p*" else f"loss − {view.minus:g}"
        self.ylabel = ylabel
        self.levels = [] if view.metric == "step_size" else [(pin, problem.value(pin.at) - self.less(problem)
                       if view.metric == "loss" else (
            float(np.sum((np.asarray(pin.at) - np.asarray(problem.optimum)) ** 2)) if problem.optimum else None))
            for pin in self.pins]      # a pin's loss as a level to reach
        self.span(plotted, view.ylabel or ylabel, marks=[v for _, v in self.levels if v is not None])
        if view.xlog:                  # linear below 1, so that step 0 stays on the axis
            ax.set_xscale("symlog", linthresh=1, linscale=0.3)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))    # 1, 10, 100, not 10⁰
        if view.xlim is not None:
            ax.set_xlim(*view.xlim)

    def static(self):
        ax = self.ax
        self.level_lines = []
        for pin, value in self.levels:
            if value is not None and (value > 0 or ax.get_yscale() != "log"):
                self.level_lines.append(ax.axhline(value, ls=":", color=pin.color, lw=2 * self.k, label=pin.label,
                                                   zorder=3))

    def moving(self):
        super().moving()
        self.ends = []
        if END_LABELS < len(self.shown) <= END_LABELS_MAX:     # too many for a legend: each run named where it ends
            self.ends = [self.animate(self.ax.text(0, 0, f" {run.label}", color=color, fontsize="x-small",
                                                   va="center", ha="left", clip_on=False, zorder=6), run=run)
                         for run, _, _, color in self.shown]
            self.placed += self.ends

    def keys(self):
        view = self.view
        if self.ends:
            if self.pins:
                self.legend(handles=self.level_lines, loc="upper right")
        elif len(self.shown) > 1 or self.pins:      # the runs, then the pins' levels
            self.legend(handles=[line for _, _, line in self.series] + self.level_lines, loc="upper right")
        self.title({"loss": "Loss vs iteration" if view.minus is None else f"{self.ylabel.capitalize()} vs iteration",
                    "step_size": "Step length vs iteration"}.get(view.metric, "Squared distance to the minimum"))

    def update(self, step, frame):
        super().update(step, frame)
        if self.ends:
            self.place_ends(step)

    def place_ends(self, step) -> None:
        """Each run's name at the last point of its curve inside the panel, spread apart upwards
        where names would stand on each other (a line of text each), from the first step on."""
        ax = self.ax
        lo, hi = sorted(ax.get_ylim())
        to_px = ax.transData
        gap = ax.figure.dpi / 72 * 1.3 * (self.ends[0].get_fontsize() if self.ends else 0)     # a line of text
        spots = []
        for (traj, values, _), text in zip(self.series, self.ends):
            k = traj.at(step)
            seen = np.flatnonzero(np.isfinite(values[: k + 1]) & (values[: k + 1] >= lo) & (values[: k + 1] <= hi))
            text.set_visible(seen.size > 0 and k > 0)       # at step 0 every run is one point: no names yet
            if seen.size and k > 0:
                x, y = to_px.transform((seen[-1], values[seen[-1]]))
                spots.append([y, x, text])
        spots.sort(key=lambda s: s[0])
        for below, above in zip(spots, spots[1:]):      # from the lowest up, a line apart at least
            if abs(above[1] - below[1]) < 60 and above[0] - below[0] < gap:
                above[0] = below[0] + gap
        ceiling = ax.bbox.y1 - gap / 2                    # and none above the panel (on its title)
        top = ceiling
        for above, below in zip(spots[::-1], spots[-2::-1] + [None]):
            above[0] = min(above[0], top)
            close = below is not None and abs(above[1] - below[1]) < 60
            top = above[0] - gap if close else ceiling
        for y, x, text in spots:
            text.set_position(to_px.inverted().transform((x, y)))
        self.off_other_curves()

    def off_other_curves(self) -> None:
        """A name that would lie on another run's curve (a steeper one that left the top beside
        it) slides back down its own curve to the last point where it lies on none."""
        from gdanim.rendering.note_room import on
        from gdanim.rendering.legend_spot import along
        ax = self.ax
        renderer = ax.figure.canvas.get_renderer()
        drawn = [(line, line.get_transform().transform(np.asarray(line.get_xydata(), float))) for _, _, line in self.series]
        drawn = [(line, px, along(px, ax.bbox)) for line, px in drawn]
        for (_, _, line), text in zip(self.series, self.ends):
            others = [pts for other, _, pts in drawn if other is not line]
            box = text.get_window_extent(renderer)
            if not text.get_visible() or not others or not on(box, np.concatenate(others)):
                continue
            others = np.concatenate(others)
            anchor = ax.transData.transform(text.get_position())
            own = next(px for other, px, _ in drawn if other is line)
            inside = own[(own[:, 1] >= ax.bbox.y0) & (own[:, 1] <= ax.bbox.y1) & np.isfinite(own).all(axis=1)]
            names = [t.get_window_extent(renderer) for t in self.ends if t is not text and t.get_visible()]
            every = np.concatenate([others, along(own, ax.bbox)])
            shifts = ((0.0, 0.0), (-box.width - 2, box.height / 2 + 2))     # right of the curve, or above-left of it
            for point in along(inside, ax.bbox)[::-1]:
                for shift in shifts:
                    moved = box.translated(*(point + shift - anchor))
                    if moved.y1 <= ax.bbox.y1 and not on(moved, every) and not any(moved.overlaps(n) for n in names):
                        text.set_position(ax.transData.inverted().transform(point + shift))
                        break
                else:
                    continue
                break

    def less(self, problem) -> float:
        """What ``minus`` takes off the loss: the value given, the problem's minimum, or 0."""
        minus = self.view.minus
        if minus is None:
            return 0.0
        return float(problem.value(problem.optimum)) if minus == "p*" else float(minus)


@paints(Traces)
class TracesPainter(GrowingCurves):
    REFERENCE_Z = 2.1           # the true values and pins' levels: over the runs' lines in a still

    def window(self):
        ax, view, p = self.ax, self.view, self.problem
        palette = self.theme.palette
        plotted = []
        multi = len(self.shown) > 1
        for r, (run, traj, _, run_color) in enumerate(self.shown):
            if view.of in RATE_NAMES:       # one line a run, in its colour
                values = traj.lr if view.of == "step" else rates(run.optimizer, traj.steps)
                values, names, styles, colors = values[:, None], [RATE_NAMES[view.of]], ["-"], [run_color]
            else:
                values = traj.params if view.of == "params" else traj.grad if view.of == "grad" else traj.extras[view.of]
                names, styles, colors = p.names, [STYLES[r % len(STYLES)]], palette
            if view.summed:                 # each gradient times the samples it was taken on
                values = values * traj.samples[:, None]
            for d in range(values.shape[1]):
                label = (run.label if view.of in RATE_NAMES and multi else
                         names[d % len(names)] + (f" ({run.label})" if multi else ""))
                plotted.append((traj, values[:, d], (styles[0], dict(color=colors[d % len(colors)], lw=2.5 * self.k,
                                                                     label=label))))
        self.levels = []
        for pin in self.pins:          # a pin's coordinates (or its gradient) as dotted levels
            levels = pin.at if view.of == "params" else p.grad(pin.at) if view.of == "grad" else ()
            if view.of == "grad" and view.summed:           # a pin's gradient is taken on all the data
                levels = np.asarray(levels) * p.n_samples
            self.levels += [(f"{p.names[d]} at {pin.label}", d, float(v)) for d, v in enumerate(levels)]
        value = "coefficient value" if p.data is not None else "parameter value"
        ylabel = {"params": value, "grad": "gradient", **RATE_NAMES}.get(view.of, view.of)
        self.span(plotted, ylabel, [v for _, _, v in self.levels])
        if view.of == "params" and view.truth and self.truth():
            lo, hi = ax.get_ylim()
            t = self.truth()
            ax.set_ylim(min(lo, min(t) - 0.3), max(hi, max(t) + 0.3))

    def static(self):
        ax, view = self.ax, self.view
        palette = self.theme.palette
        if view.of == "params" and view.truth:
            for d, v in enumerate(self.truth() or ()):
                ax.axhline(v, ls="--", lw=1.5 * self.k, color=palette[d % len(palette)], alpha=0.8, zorder=self.REFERENCE_Z)
        if view.of not in ("params", *RATE_NAMES):      # a gradient's (or an extra's) zero
            ax.axhline(0, color=self.theme.grid, lw=1 * self.k, zorder=self.REFERENCE_Z)
        self.level_lines = [ax.axhline(v, ls=":", lw=1.8 * self.k, color=palette[d % len(palette)], label=label,
                                       zorder=self.REFERENCE_Z) for label, d, v in self.levels]

    def keys(self):
        view = self.view
        many = len(self.series) >= 5                    # a component per run: two columns of smaller text
        self.legend(handles=[line for _, _, line in self.series] + self.level_lines, loc="upper right",
                    ncols=2 if many else 1, fontsize="x-small" if many else None)
        params = "Coefficients" if self.problem.data is not None else "Parameters"      # a model's, or a loss's own
        self.title({"params": params, "grad": "Gradient", "lr": "Learning rate", "step": "Step size"}
                   .get(view.of, view.of.capitalize()))

    def truth(self):
        data = self.problem.data
        if data is not None and data.true_params is not None and len(data.true_params) == self.problem.dim:
            return tuple(data.true_params)
        return self.problem.optimum
