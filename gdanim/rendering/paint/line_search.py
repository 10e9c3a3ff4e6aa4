"""Boyd & Vandenberghe's Figure 9.1 at each step of a backtracking run: φ(t) = f(x + tΔx) scaled
by the slope, its tangent, the Armijo line and the trial points of the search (re-traced here
from the run's iterate and the optimizer's α, β and t0, Algorithm 9.2, on the loss the run searched:
a minibatch run's own batch at each step, replayed from its seed)."""
from __future__ import annotations

import numpy as np

from gdanim.compute.runner import batches_of
from gdanim.declare.canon_views import LineSearchCurve
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.registry import paints

SAMPLES = 120


def search_at(problem, x, hyper: dict, g=None):
    """Δx, ∇f(x)ᵀΔx, the trial steps t0, βt0, … of Algorithm 9.2 and whether each was accepted, on
    ``problem`` (a minibatch's, with ``g`` the gradient on that batch: as the run searched)."""
    g = np.asarray(problem.grad(x) if g is None else g, dtype=float)
    d = -g if hyper.get("direction", "gradient") == "gradient" else -np.linalg.solve(
        np.atleast_2d(problem.hessian(x)), g)
    slope = float(g @ d)
    f0 = float(problem.value(x))
    trials, t = [], float(hyper["t0"])
    for _ in range(int(hyper.get("max_backtracks", 100)) + 1):
        ok = float(problem.value(x + t * d)) <= f0 + hyper["alpha"] * t * slope
        trials.append((t, ok))
        if ok:
            break
        t *= hyper["beta"]
    return d, slope, trials


def scaled(problem, x, d, slope, ts) -> np.ndarray:
    """(φ(t) − φ(0)) / |∇fᵀΔx| at each of ``ts``."""
    f0 = float(problem.value(x))
    with np.errstate(all="ignore"):
        return (problem.values_on(x[None, :] + np.asarray(ts)[:, None] * d[None, :]) - f0) / abs(slope)


@paints(LineSearchCurve)
class LineSearchPainter(Painter):
    def window(self):
        ax = self.ax
        self.run = next(s for s in self.shown if "alpha" in dict(s.run.optimizer.hyper))
        self.hyper = dict(self.run.run.optimizer.hyper)
        t0 = float(self.hyper["t0"])
        self.ts = np.linspace(0, 1.1 * t0, SAMPLES)
        self.loss = self.run.problem or self.problem
        batches = batches_of(self.loss, self.run.run)             # a minibatch run searched its batch's loss
        self.batched = batches is not None
        self.searches = [self.search(s, None if batches is None else batches.next())
                         for s in range(max(self.run.traj.steps, 1))]
        lows = [np.nanmin(c) for c, _ in self.searches if np.isfinite(c).any()]
        ax.set_xlim(0, 1.1 * t0)
        self.top = 0.6
        ax.set_ylim(max(min(lows, default=-1.0), -1.2) - 0.05, self.top)
        ax.set_xlabel("t")
        f = "f_B" if self.batched else "f"
        ax.set_ylabel(f"({f}(x + tΔx) − {f}(x)) / |∇{f}(x)ᵀΔx|")      # f_B: the step's batch (the title says)
        ax.grid(True, alpha=0.5)

    def static(self):
        ax, th, k = self.ax, self.theme, self.k
        alpha = float(self.hyper["alpha"])
        ax.plot(self.ts, -self.ts, ":", color=th.text, alpha=0.6, lw=2 * k, label="f(x) + t∇f(x)ᵀΔx", zorder=2)
        ax.plot(self.ts, -alpha * self.ts, "--", color="#009E73", lw=2.5 * k, zorder=2,
                label=f"f(x) + αt∇f(x)ᵀΔx, α = {alpha:g}")
        ax.axhline(0, color=th.grid, lw=1 * k, zorder=1)

    def moving(self):
        ax, th, k = self.ax, self.theme, self.k
        self.curve, = ax.plot([], [], color=th.curve, lw=3.5 * k, label="f(x + tΔx)", zorder=3)
        self.rejected, = ax.plot([], [], "X", color=th.star, ms=12 * k, mec=th.face, zorder=5, label="too high",
                                 clip_on=False)         # those above the panel, on its top edge
        self.accepted, = ax.plot([], [], "o", color=self.run.color, ms=12 * k, mec=th.face, zorder=6, label="accepted t")
        self.info = ax.text(0.02, 0.03, "", transform=ax.transAxes, fontsize="small", zorder=10,
                            bbox=dict(boxstyle="round,pad=0.3", fc=th.face, ec="none", alpha=0.8))
        self.animate(self.curve, self.rejected, self.accepted, self.info, run=self.run)

    def keys(self):
        self.legend(loc="upper right", fontsize="x-small")
        self.title("Backtracking line search" + (" on each minibatch" if self.batched else ""))

    def search(self, step: int, idx=None):
        """The curve and the trials of the search that made step ``step`` + 1, from iterate ``step``, on
        the loss it searched (the batch ``idx``'s in a minibatch run)."""
        x = np.asarray(self.run.traj.params[step], dtype=float)
        loss = self.loss if idx is None else self.loss.on_samples(idx)
        d, slope, trials = search_at(loss, x, self.hyper, None if idx is None else self.loss.grad(x, idx))
        if slope == 0:
            return np.full(SAMPLES, np.nan), []
        ts = np.array([t for t, _ in trials])
        return scaled(loss, x, d, slope, self.ts), list(zip(ts, scaled(loss, x, d, slope, ts), (ok for _, ok in trials)))

    def update(self, step, frame):
        k = min(max(step - 1, 0), len(self.searches) - 1)        # the search that made step k + 1
        curve, trials = self.searches[k]
        self.curve.set_data(self.ts, curve)
        bad = [(t, v) for t, v, ok in trials if not ok]
        good = [(t, v) for t, v, ok in trials if ok]
        self.rejected.set_data([t for t, _ in bad], [min(v, self.top) if np.isfinite(v) else self.top for _, v in bad])
        self.accepted.set_data([t for t, _ in good], [v for _, v in good])
        said = f"step {k + 1}: t = {good[0][0]:.3g}\nafter {len(trials)} trial{'s' if len(trials) != 1 else ''}" \
            if good else f"step {k + 1}"
        self.info.set_text(said)
