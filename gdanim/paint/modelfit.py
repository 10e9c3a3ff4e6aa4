"""The data with the model of the current step: a regression line (least squares dashed),
a sine curve (true curve dashed), or a logistic decision boundary over probability shading."""
from __future__ import annotations

import numpy as np

from ..problems import LinearRegression, LogisticRegression
from ..views import ModelFit
from .base import Painter, status
from .registry import paints

SHADE_GRID = 60


@paints(ModelFit)
class ModelFitPainter(Painter):
    def __init__(self, ax, view, problem, shown, ctx):
        super().__init__(ax, view, problem, shown, ctx)
        p = self.problem
        self.curves = []        # the scene checked the problem (views.ModelFit.check)
        if isinstance(p, LogisticRegression):
            self.setup_logistic(p.data)
        else:
            self.setup_curve(p.data)
        self.info = None
        if len(self.shown) == 1:
            self.info = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize="small", zorder=10,
                                bbox=dict(boxstyle="round,pad=0.3", fc=self.theme.face, ec="none", alpha=0.8))
            self.animate(self.info)

    # regression line / sine curve -------------------------------------------------------------
    def setup_curve(self, data):
        ax, p, th = self.ax, self.problem, self.theme
        x, y = data.x[:, 0], data.y
        ax.scatter(x, y, s=28 * self.k ** 2, color=th.curve, alpha=0.75, edgecolors="none", label="data", zorder=3)
        pad = 0.03 * (x.max() - x.min())
        self.xs = np.linspace(x.min() - pad, x.max() + pad, 300)
        if self.view.reference:
            if isinstance(p, LinearRegression):
                ax.plot(self.xs, p.predict(p.least_squares, self.xs), "--", color=th.text, lw=2 * self.k,
                        alpha=0.8, label="least squares", zorder=2)
            elif data.true_params is not None:
                ax.plot(self.xs, p.predict(data.true_params, self.xs), "--", color=th.text, lw=2 * self.k,
                        alpha=0.6, label="true curve", zorder=2)
        for run, traj, _, color in self.shown:
            line, = ax.plot([], [], color=color, lw=3 * self.k, label=run.label, zorder=5)
            self.curves.append((traj, line))
            self.animate(line, run=run)
        ypad = 0.08 * (y.max() - y.min())
        ax.set_xlim(self.view.xlim or (self.xs[0], self.xs[-1]))
        ax.set_ylim(self.view.ylim or (y.min() - ypad, y.max() + ypad))
        ax.set_xlabel(data.names[0])
        ax.set_ylabel(data.target_name)
        ax.legend(loc="lower right" if isinstance(p, LinearRegression) else "upper right")
        self.title("Model on the data")

    # logistic regression -------------------------------------------------------------------------
    def setup_logistic(self, data):
        ax, th = self.ax, self.theme
        x1, x2, t = data.x[:, 0], data.x[:, 1], data.y
        for cls, marker, color, name in ((0, "o", "#D55E00", "class 0"), (1, "P", "#0072B2", "class 1")):
            m = t == cls
            ax.scatter(x1[m], x2[m], s=30 * self.k ** 2, marker=marker, facecolors="none" if marker == "o" else color,
                       edgecolors=color, linewidths=1.2, alpha=0.8, label=name, zorder=4)
        self.xlim = self.view.xlim or (x1.min(), x1.max())
        self.ylim = self.view.ylim or (x2.min(), x2.max())
        g1, g2 = np.meshgrid(np.linspace(*self.xlim, SHADE_GRID), np.linspace(*self.ylim, SHADE_GRID))
        self.grid = (g1, g2, np.column_stack([g1.ravel(), g2.ravel()]))
        self.shade = None
        self.xs = np.linspace(*self.xlim, 100)
        multi = len(self.shown) > 1
        for run, traj, _, color in self.shown:
            line, = ax.plot([], [], "--", color=color if multi else th.text,
                            lw=2.5 * self.k, label=f"boundary ({run.label})" if multi else "decision boundary",
                            zorder=5)
            self.curves.append((traj, line))
            self.animate(line, run=run)
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        names = data.names
        ax.set_xlabel(f"{names[0]} (scaled)")
        ax.set_ylabel(f"{names[1]} (scaled)")
        ax.legend(loc="lower right")
        self.title("Decision boundary")
        self.logistic = True

    def update(self, step, frame):
        if getattr(self, "logistic", False):
            self.update_logistic(step)
        else:
            for traj, line in self.curves:
                w = traj.params[traj.at(step)]
                line.set_data(self.xs, self.problem.predict(w, self.xs))
        if self.info is not None:
            self.info.set_text(status(self.shown[0].traj, step))

    def update_logistic(self, step):
        g1, g2, pts = self.grid
        if self.shown:
            traj = self.shown[0].traj
            w = traj.params[traj.at(step)]
            prob = self.problem.probability(w, pts).reshape(g1.shape)
            if self.shade is not None:
                self.animated.remove(self.shade)
                self.shade.remove()
            self.shade = self.ax.contourf(g1, g2, prob, levels=np.linspace(0, 1, 11), cmap="RdBu",
                                          alpha=0.35, zorder=1, antialiased=True)
            self.shade.set_animated(self.curves[0][1].get_animated() if self.curves else False)
            self.animated.insert(0, self.shade)
        for traj, line in self.curves:
            w = traj.params[traj.at(step)]
            if abs(w[1]) > 1e-12:
                line.set_data(self.xs, -w[0] * self.xs / w[1])
            else:
                line.set_data([-0.0, 0.0], list(self.ylim))
