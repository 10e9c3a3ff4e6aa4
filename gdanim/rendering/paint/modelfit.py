"""The data with the model of the current step: a regression line (least squares dashed), a sine
curve (true curve dashed), a sigmoid over 0/1 targets, a candidate mean over a strip of the sample,
or a logistic decision boundary over probability shading. Pins are drawn as the model at their
parameters; ``trail`` keeps the model of every k-th iterate so far."""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from gdanim.core.errors import GdanimError, SceneCodeError
from gdanim.declare.problems import LinearRegression, LogisticRegression, MeanEstimation, result
from gdanim.declare.views import ModelFit, own_model
from gdanim.rendering.paint.base import Painter, status
from gdanim.rendering.paint.registry import paints

SHADE_GRID = 60
CLASSES = ((0, "o", "#D55E00", "class 0"), (1, "P", "#0072B2", "class 1"))


def maths(data) -> bool:
    """Are the data's names read as matplotlib math ($…$)? Not those of a CSV file, which are
    drawn as the file has them ("cost $ (US $)")."""
    return not getattr(data, "plain_names", False)


def padded(values, frac: float) -> tuple[float, float]:
    """The values' range widened by ``frac`` of it on each side; a single value (one data row, a
    constant column) gets a range of its own around it rather than an empty one.

    >>> padded(np.array([1.0, 3.0]), 0.5), padded(np.array([2.0, 2.0]), 0.5)
    ((0.0, 4.0), (1.0, 3.0))
    """
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi == lo:
        return lo - max(1.0, abs(lo)) / 2, hi + max(1.0, abs(hi)) / 2
    pad = frac * (hi - lo)
    return lo - pad, hi + pad


@paints(ModelFit)
class ModelFitPainter(Painter):
    """One of three panels, by what the model is (``kind``): a curve over x (``curve_*``), a
    candidate mean over a strip (``strip_*``) or a decision boundary over two features
    (``boundary_*``); each has a window and a data part."""

    def window(self):
        p = self.problem
        self.data = data = self.view.data or p.data      # the scene checked the problem (views.ModelFit.check)
        self.curves = []        # (trajectory, line, trail or None)
        self.shade = None
        self.predict = own_predict(self.view, p)
        self.boundary = self.predict is None and isinstance(p, LogisticRegression) and data.x.shape[1] == 2
        self.kind = "boundary" if self.boundary else (
            "strip" if isinstance(p, MeanEstimation) and self.predict is None else "curve")
        getattr(self, f"{self.kind}_window")(data)

    def static(self):
        self.named = getattr(self, f"{self.kind}_data")(self.data)     # the data's and references' legend entries
        ax, k = self.ax, self.k
        self.pins_drawn = []
        for pin in self.pins:
            x, y = self.model(pin.at)
            self.pins_drawn += ax.plot(x, y, "--" if self.boundary or isinstance(self.problem, MeanEstimation) else "-",
                                       color=pin.color, lw=3 * k, label=pin.label, zorder=4)
        if not self.shown and self.boundary and len(self.pins) == 1:     # a still of one guess: its shading
            self.draw_shade(self.pins[0].at, animated=False)

    def moving(self):
        ax, th, k = self.ax, self.theme, self.k
        multi = len(self.shown) > 1
        for run, traj, _, color in self.shown:
            if self.boundary:
                label = f"boundary ({run.label})" if multi else "decision boundary"
                line, = ax.plot([], [], "--", color=color if multi else th.text, lw=2.5 * k, label=label, zorder=5)
            else:
                line, = ax.plot([], [], color=color, lw=3 * k, label=run.label, zorder=5)
            self.named.append(line)
            trail = None
            if self.view.trail:
                every = self.view.trail
                label = "every iterate" if every == 1 else f"every {every}th iterate"
                trail = LineCollection([], colors=[color], linewidths=1.5 * k, alpha=0.35, zorder=4,
                                       label=f"{run.label}: {label}" if multi else label)
                ax.add_collection(trail)
                self.named.append(trail)
                self.animate(trail, run=run)
            self.curves.append((traj, line, trail))
            self.animate(line, run=run)
        self.info = None
        if len(self.shown) == 1:
            self.info = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize="small", zorder=10,
                                bbox=dict(boxstyle="round,pad=0.3", fc=self.theme.face, ec="none", alpha=0.8))
            self.animate(self.info)

    def keys(self):
        handles = self.named + self.pins_drawn          # the data, the references, the runs, the pins
        if handles:
            self.legend(handles=handles, loc=self.legend_at)
        self.title({"curve": "Model on the data", "strip": "Candidate means over the data",
                    "boundary": "Decision boundary"}[self.kind])

    def heights(self, y: np.ndarray) -> np.ndarray:
        """The points' heights: the targets, jittered with seeded N(0, jitter²) noise if asked."""
        if not self.view.jitter:
            return y
        return y + self.view.jitter * np.random.RandomState(self.view.jitter_seed).randn(len(y))

    # what the model at w looks like ----------------------------------------------------------
    def model(self, w) -> tuple[np.ndarray, np.ndarray]:
        """The model at parameters ``w`` as a line (x, y) on this panel."""
        p, w = self.problem, np.asarray(w, dtype=float)
        if self.predict is not None:
            return self.xs, self.predict(w, self.xs)
        if self.boundary:
            if abs(w[1]) > 1e-12:
                return self.xs, -w[0] * self.xs / w[1]
            return np.array([-0.0, 0.0]), np.array(self.ylim)
        if isinstance(p, MeanEstimation):
            return np.array([w[0], w[0]]), np.array(self.ylim)
        if isinstance(p, LogisticRegression):
            return self.xs, p.probability(w, self.xs[:, None])
        return self.xs, p.predict(w, self.xs)

    # regression line / sine curve / sigmoid ------------------------------------------------------
    def curve_window(self, data):
        ax = self.ax
        x, y = data.x[:, 0], self.heights(data.y)
        lo, hi = self.view.xlim or padded(x, 0.03)
        self.xs = np.linspace(lo, hi, 300)
        self.ylim = self.view.ylim or padded(np.concatenate([y, self.start_heights(y)]), 0.08)
        ax.set_xlim(lo, hi)
        ax.set_ylim(self.ylim)
        ax.set_xlabel(data.names[0], parse_math=maths(data))
        ax.set_ylabel(data.target_name + (" (jittered)" if self.view.jitter else ""), parse_math=maths(data))
        p = self.problem
        self.legend_at = "lower right" if isinstance(p, LinearRegression) else (
            "center right" if isinstance(p, LogisticRegression) and self.predict is None else "upper right")

    def curve_data(self, data) -> list:
        ax, p, th = self.ax, self.problem, self.theme
        x, y = data.x[:, 0], self.heights(data.y)
        named = []
        if isinstance(p, LogisticRegression) and self.predict is None:
            for cls, marker, color, name in CLASSES:
                m = data.y == cls
                named.append(ax.scatter(x[m], y[m], s=28 * self.k ** 2, color=color, alpha=0.6, edgecolors="none",
                                        label=name, zorder=3))
        else:
            named.append(ax.scatter(x, y, s=28 * self.k ** 2, color=th.curve, alpha=0.75, edgecolors="none",
                                    label="data", zorder=3))
        if self.view.reference and self.predict is not None:
            truth = data.true_params
            if truth is not None and len(truth) == p.dim:
                named += ax.plot(self.xs, self.predict(np.asarray(truth, dtype=float), self.xs), "--", color=th.text,
                                 lw=2 * self.k, alpha=0.6, label="true model", zorder=2)
        elif self.view.reference:
            if isinstance(p, LinearRegression):
                named += ax.plot(self.xs, p.predict(p.least_squares, self.xs), "--", color=th.text, lw=2 * self.k,
                                 alpha=0.8, label="least squares", zorder=2)
            elif data.true_params is not None and not isinstance(p, LogisticRegression):
                named += ax.plot(self.xs, p.predict(data.true_params, self.xs), "--", color=th.text, lw=2 * self.k,
                                 alpha=0.6, label="true curve", zorder=2)
        return named

    def start_heights(self, y) -> np.ndarray:
        """The heights of the runs' first models where they stay near the data (within twice the
        data's span): frame 0 shows the line a run starts from (regression_line's y = 0), not an
        empty panel. A logistic curve's heights are 0…1, in view already."""
        predict = self.predict or getattr(self.problem, "predict", None)       # a model of one's own first
        if isinstance(self.problem, (LogisticRegression, MeanEstimation)) or not self.shown or predict is None:
            return np.empty(0)
        span = max(float(np.ptp(y)), 1e-12)
        with np.errstate(all="ignore"):
            ys = np.concatenate([np.ravel(predict(np.asarray(s.traj.params[0], float), self.xs)) for s in self.shown])
        near = ys[np.isfinite(ys) & (ys > y.min() - 2 * span) & (ys < y.max() + 2 * span)]
        return near

    # a candidate mean over the strip of a 1-D sample ------------------------------------------------
    def strip_window(self, data):
        ax = self.ax
        x, h = data.x[:, 0], self.heights(data.y)
        ax.set_xlim(self.view.xlim or padded(x, 0.03))
        self.ylim = self.view.ylim or (float(min(0.0, h.min())), float(max(1.0, h.max())))
        ax.set_ylim(self.ylim)
        ax.set_xlabel(data.names[0], parse_math=maths(data))
        ax.set_ylabel(data.target_name, parse_math=maths(data))
        self.xs = None
        self.legend_at = "upper right"

    def strip_data(self, data) -> list:
        ax, th = self.ax, self.theme
        x, h = data.x[:, 0], self.heights(data.y)
        named = ax.plot(x, h, "x", color=th.curve, ms=5 * self.k, alpha=0.6, label="data", zorder=3)
        if self.view.reference:
            m = self.problem.optimum[0]
            named.append(ax.axvline(m, ls=":", color=th.text, lw=2 * self.k, label=f"sample mean {m:.3g}", zorder=2))
        return named

    # logistic regression on two features ---------------------------------------------------------
    def boundary_window(self, data):
        ax = self.ax
        self.xlim = self.view.xlim or padded(data.x[:, 0], 0)
        self.ylim = self.view.ylim or padded(data.x[:, 1], 0)
        g1, g2 = np.meshgrid(np.linspace(*self.xlim, SHADE_GRID), np.linspace(*self.ylim, SHADE_GRID))
        self.grid = (g1, g2, np.column_stack([g1.ravel(), g2.ravel()]))
        self.xs = np.linspace(*self.xlim, 100)
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        names, scaled = data.names, " (scaled)" if getattr(data, "standardize", False) else ""
        ax.set_xlabel(names[0] + scaled, parse_math=maths(data))
        ax.set_ylabel(names[1] + scaled, parse_math=maths(data))
        self.legend_at = "lower right"

    def boundary_data(self, data) -> list:
        x1, x2, t = data.x[:, 0], data.x[:, 1], data.y
        named = []
        for cls, marker, color, name in CLASSES:
            m = t == cls
            named.append(self.ax.scatter(x1[m], x2[m], s=30 * self.k ** 2, marker=marker,
                                         facecolors="none" if marker == "o" else color, edgecolors=color,
                                         linewidths=1.2, alpha=0.8, label=name, zorder=4))
        return named

    def draw_shade(self, w, animated: bool):
        """The model's probability of class 1 over the panel, shaded."""
        g1, g2, pts = self.grid
        prob = self.problem.probability(w, pts).reshape(g1.shape)
        if self.shade is not None:
            self.animated.remove(self.shade)
            self.shade.remove()
        self.shade = self.ax.contourf(g1, g2, prob, levels=np.linspace(0, 1, 11), cmap="RdBu",
                                      alpha=0.35, zorder=1, antialiased=True)
        self.shade.set_gid("model")            # the model's probability, not the loss: a map of its own
        if animated:
            self.shade.set_animated(self.curves[0][1].get_animated() if self.curves else False)
            self.animated.insert(0, self.shade)
            self.owners[id(self.shade)] = self.shown[0].label

    def update(self, step, frame):
        if self.boundary and self.shown:
            traj = self.shown[0].traj
            self.draw_shade(traj.params[traj.at(step)], animated=True)
        for traj, line, trail in self.curves:
            k = traj.at(step)
            line.set_data(*self.model(traj.params[k]))
            if trail is not None:
                trail.set_segments([np.column_stack(self.model(w)) for w in traj.params[: k + 1: self.view.trail]])
        if self.info is not None:
            self.info.set_text(status(self.shown[0].traj, step))


def own_predict(view, problem):
    """The model of one's own a panel draws, checked: ``view.predict``, else the problem's own
    ``predict`` (views.own_model), else None (a model ModelFit knows). Its outputs for the panel's
    x values must be one number per x; anything else, or an exception, is a SceneCodeError."""
    fn = view.predict or (problem.predict if own_model(problem) else None)
    if fn is None:
        return None
    whose = "ModelFit's predict" if view.predict is not None else f"{type(problem).__name__}.predict"

    def predict(w, xs):
        try:
            out = fn(w, xs)
        except GdanimError:
            raise
        except Exception as exc:
            raise SceneCodeError(f"{whose}(w, x) raised {type(exc).__name__} ({exc}) at w = "
                                 f"{tuple(np.round(w, 4).tolist())}: it is given the parameters and an array of "
                                 f"{len(xs)} x values") from exc
        return result(out, (len(xs),), f"{whose}(w, x)", f"one output per x ({len(xs)} numbers)")
    return predict
