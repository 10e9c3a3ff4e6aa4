"""A 1-D loss curve with the iterates as dots joined by a dashed zig-zag (or the current one only),
secant chords, the loss at whole numbers only, and pins as dashed vertical lines with a dot."""
from __future__ import annotations

import numpy as np

from gdanim.declare.views import Curve1D
from gdanim.rendering.paint.base import Painter, fitted, note_left_out, on_chart, status, window
from gdanim.rendering.paint.paths import DivergenceMarker
from gdanim.rendering.paint.registry import paints


def loss_range(xs, ys, about, xlim, at=None) -> tuple[float, float]:
    """The curve's lowest and highest values between the leftmost and rightmost of ``about`` (in a
    window gdanim chose: the iterates, the minimum, pins and secants inside it), so that a curve
    climbing steeply beyond them (a double well's arms) leaves the top of the panel rather than
    flattening what the runs do; over the whole window when they span less than a tenth of it.
    ``at``: the loss at each of ``about``, so that the outermost iterates are inside the range
    however the curve's samples fall.

    >>> xs = np.linspace(-4, 2, 7); loss_range(xs, xs ** 4, [-1, 1.5], (-4, 2), at=[1, 5.0625])
    (0.0, 5.0625)
    """
    about = np.asarray(about, dtype=float)
    at = np.full(about.shape, np.nan) if at is None else np.asarray(at, dtype=float)
    inside = np.isfinite(about) & (about >= xlim[0]) & (about <= xlim[1])
    about, at = about[inside], at[inside]
    part = np.isfinite(ys)
    seen = ys[part]
    if about.size and np.ptp(about) >= 0.1 * (xlim[1] - xlim[0]):
        span = part & (xs >= about.min()) & (xs <= about.max())
        if span.any():
            seen = np.concatenate([ys[span], at[np.isfinite(at)]])
    if not seen.size:
        seen = np.zeros(1)
    return float(np.min(seen)), float(np.max(seen))


def defined(problem, xs) -> bool:
    """Is the loss a finite number at every one of ``xs`` (a log-barrier is not, left of 0)?"""
    import warnings
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return all(np.isfinite(problem.value([x])) for x in xs)
    except Exception:
        return False


@paints(Curve1D)
class Curve1DPainter(Painter):
    def window(self):
        ax, view, p = self.ax, self.view, self.problem
        opt = p.optimum
        centre = opt[0] if opt is not None else 0.0
        pts = np.concatenate([s.traj.params[:, 0] for s in self.shown] + [np.ravel(view.secants)]) if (
            self.shown or view.secants) else []
        kept = [s.traj.params[0, 0] for s in self.shown] + [pin.at[0] for pin in self.pins]   # starts, pins:
        default = (centre - 3, centre + 3)                                                    # always seen
        if getattr(p, "window_from_runs", False) and kept:        # a loss of no natural scale
            default = fitted(pts, kept + ([] if opt is None else [opt[0]]))
            if opt is not None:                     # the whole bowl: as far on the minimum's other side,
                reach = max(opt[0] - default[0], default[1] - opt[0])     # where the loss is defined there
                whole = (opt[0] - reach, opt[0] + reach)
                if defined(p, np.linspace(*whole, 9)):
                    default = whole
        self.xlim = window(view.xlim, default, pts, kept)
        for pin in self.pins:                       # only declared limits can leave a pin out
            note_left_out("Curve1D", pin, (pin.at[0],), {"xlim": self.xlim})
        if view.integers:
            xs = np.arange(np.ceil(self.xlim[0]), np.floor(self.xlim[1]) + 1)
        else:
            xs = np.linspace(*self.xlim, 400)
        with np.errstate(all="ignore"):
            ys = on_chart(p.values_on(xs[:, None]))
        if view.integers:
            pad = 0.5
            self.xlim = (min(self.xlim[0], xs.min() - pad), max(self.xlim[1], xs.max() + pad))
        self.curve = xs, ys
        about = []                  # a declared window, or a still, is shown whole
        if view.xlim is None and self.shown:
            about = np.concatenate([pts, [] if opt is None else [opt[0]], [pin.at[0] for pin in self.pins]])
        with np.errstate(all="ignore"):
            at = on_chart(np.array([p.value([x]) if np.isfinite(x) else np.nan for x in np.ravel(about)], dtype=float))
        ylo, yhi = loss_range(xs, ys, about, self.xlim, at)
        pad = 0.06 * (yhi - ylo or 1)
        ax.set_xlim(self.xlim)
        ax.set_ylim(view.ylim or (ylo - pad, yhi + pad))
        ax.set_xlabel(p.names[0])
        ax.set_ylabel(f"f({p.names[0]})")
        ax.grid(True, alpha=0.5)

    def static(self):
        ax, view, p, th = self.ax, self.view, self.problem, self.theme
        xs, ys = self.curve
        if view.integers:
            ax.plot(xs, ys, "o", color=th.curve, ms=9 * self.k, zorder=2)
        else:
            ax.plot(xs, ys, color=th.curve, lw=4 * self.k, zorder=2)
        self.pins_drawn = []
        for pin in self.pins:
            at = pin.at[0]
            ax.axvline(at, ls="--", color=pin.color, lw=2 * self.k, alpha=0.9, zorder=3)
            mark, = ax.plot([at], [p.value([at])], pin.marker, color=pin.color, ms=(20 if pin.marker == "*" else 12) * self.k,
                            mec=th.face, zorder=4, label=pin.label)
            self.pins_drawn.append(mark)
        for a, b in view.secants:
            fa, fb = p.value([a]), p.value([b])
            ax.plot([a, b], [fa, fb], "--o", color="#009E73", lw=3 * self.k, ms=14 * self.k, zorder=3)
        if p.optimum is not None and self.shown:
            ax.plot(p.optimum[0], p.value(p.optimum), "*", ms=20 * self.k, color=th.star, mec=th.face, zorder=4)

    def moving(self):
        ax, view, th = self.ax, self.view, self.theme
        self.marks = []
        single = len(self.shown) == 1
        for slot, (run, traj, _, run_color) in enumerate(self.shown):
            color = "#E8000B" if single else run_color
            zig, = ax.plot([], [], "--", color=th.path if single else color, lw=1.8 * self.k, zorder=5,
                           visible=view.trail)
            dots, = ax.plot([], [], "o" if view.trail else "D", color=color, ms=(10 if view.trail else 12) * self.k,
                            mec=th.face, zorder=6, label=run.label)
            marker = DivergenceMarker(self, traj, np.column_stack([traj.params[:, 0], traj.loss]), traj.loss,
                                      self.xlim, ax.get_ylim(), slot=slot, label=None if single else run.label)
            self.marks.append((traj, zig, dots, marker))
            self.animate(zig, dots, run=run)
        self.info = None
        if single:
            # bottom left: below a bowl's arms, away from where a diverging run leaves the top
            self.info = ax.text(0.02, 0.03, "", transform=ax.transAxes, va="bottom", fontsize="small", zorder=10,
                                bbox=dict(boxstyle="round,pad=0.3", fc=th.face, ec="none", alpha=0.8))
            self.animate(self.info)

    def keys(self):
        if len(self.shown) > 1 or self.pins_drawn:      # the pins, then the runs
            self.legend(handles=self.pins_drawn + [dots for _, _, dots, _ in self.marks], loc="upper center")
        self.title(getattr(self.problem, "title", "f"))

    def update(self, step, frame):
        for traj, zig, dots, marker in self.marks:
            marker.update(step)
            k = traj.at(step)
            first = 0 if self.view.trail else k
            x, y = marker.cut(marker.xy, first, k).T                 # the chord ends where it left
            zig.set_data(x, y)
            last = min(k, marker.when - 1) if marker.escaped else k   # iterates, none past the edge
            dots.set_data(*marker.xy[first: last + 1].T)
        if self.info is not None:
            self.info.set_text(status(self.marks[0][0], step, self.marks[0][3]))
