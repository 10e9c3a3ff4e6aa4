"""The second-order Taylor model of the loss at a point: its contours, and the Hessian's
eigenvectors drawn ±scaling/√|λ| long and labelled with their eigenvalues (CS 189)."""
from __future__ import annotations

import numpy as np

from gdanim.declare.problems import grid_best
from gdanim.declare.views import Taylor
from gdanim.rendering.paint.base import Painter
from gdanim.rendering.paint.registry import paints


def taylor_model(problem, at):
    """(w*, L*, g*, H*, eigenvalues, eigenvectors) at ``at``."""
    w = np.asarray(at, dtype=float)
    H = problem.hessian(w)
    lam, U = np.linalg.eigh(H)
    return w, problem.value(w), problem.grad(w), H, lam, U


@paints(Taylor)
class TaylorPainter(Painter):
    def window(self):
        ax, view, p = self.ax, self.view, self.problem
        d = p.default_window()
        self.xlim, self.ylim = xlim, ylim = view.xlim or d[0], view.ylim or d[1]
        at = grid_best(p, xlim, ylim, view.npts) if view.at == "grid_best" else np.asarray(view.at)
        w, L, g, H, lam, U = taylor_model(p, at)
        self.point, self.eigenvalues, self.model = w, lam, (L, g, H, U)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_xlabel(p.names[0])
        ax.set_ylabel(p.names[1])
        ax.set_aspect("equal", adjustable="box")

    def static(self):
        ax, th, w, lam, (L, g, H, U) = self.ax, self.theme, self.point, self.eigenvalues, self.model
        X, Y = np.meshgrid(np.linspace(*self.xlim, 120), np.linspace(*self.ylim, 120))
        D = np.stack([X - w[0], Y - w[1]], axis=-1)
        Z = L + D @ g + 0.5 * np.einsum("...i,ij,...j->...", D, H, D)
        levels = np.linspace(Z.min(), Z.max(), 40)
        ax.contourf(X, Y, Z, levels=levels, cmap=self.cmap, alpha=0.55)     # the loss's map: it models the loss
        ax.contour(X, Y, Z, levels=levels[::3], colors=th.contour_line, linewidths=0.7, alpha=0.6)
        scale = self.view.scaling / np.sqrt(np.abs(lam))
        for k, (lk, uk, sk) in enumerate(zip(lam, U.T, scale), start=1):
            color = th.palette[k - 1]
            ax.plot([w[0], w[0] + sk * uk[0]], [w[1], w[1] + sk * uk[1]], "-o", color=color, lw=3 * self.k, ms=7 * self.k,
                    label=f"u{k} (λ = {lk:.3g})", zorder=5)
            ax.plot([w[0], w[0] - sk * uk[0]], [w[1], w[1] - sk * uk[1]], ":", color=color, lw=3 * self.k, zorder=5)
        ax.plot(*w, "*", ms=18 * self.k, color=th.star, mec=th.face, zorder=6, label=f"w* = ({w[0]:.2f}, {w[1]:.2f})")
        self.pin_marks(lambda pin: pin.at)

    def keys(self):
        self.legend(loc="upper right")
        self.title("Taylor approximation of the loss")
