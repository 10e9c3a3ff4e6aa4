"""ISTA and FISTA on a two-parameter lasso, F(x) = ½(x − x_ls)ᵀA(x − x_ls) + λ‖x‖₁ with A =
[[1, 0.5], [0.5, 0.8]], x_ls = (1.5, 0.3) the least-squares point and λ = 0.4: the soft-threshold of
each proximal step sets x₂ to exactly 0 after a few steps (FISTA's sooner) and it stays there, where
gradient descent on the smooth part alone (the gradient the problem hands it) goes to the
least-squares point, off the axis. The lasso's minimum (1.25, 0) follows
from its optimality conditions: x₂ = 0 and A₁₁x₁ − b₁ + λ = 0 with b = Ax_ls, and |A₂₁x₁ − b₂| =
0.365 ≤ λ. Chosen here (Beck & Teboulle draw no such figure): A, x_ls, λ, the start (−0.6, 1.6) and
step 1/L (L ≈ 1.41, A's largest eigenvalue)."""
import numpy as np

from gdanim import Run, Scene, Timing, optimizers, problems, views

A = np.array([[1.0, 0.5], [0.5, 0.8]])
x_ls = np.array([1.5, 0.3])
b = A @ x_ls
smooth = problems.Quadratic(A=tuple(map(tuple, A)), b=tuple(b), c=float(x_ls @ A @ x_ls) / 2)
problem = problems.L1Regularized(smooth, lam=0.4, minimum=(1.25, 0.0))
step = float(1 / np.linalg.eigvalsh(A).max())
start = (-0.6, 1.6)

scene = Scene(
    title="ISTA and FISTA on a lasso: the path hits the axis and stays",
    description="Soft-thresholding sets x₂ to exactly zero after a few steps: the lasso's sparse solution (1.25, 0); "
                "GD on the least-squares part ends at (1.5, 0.3).",
    source="Beck & Teboulle, A Fast Iterative Shrinkage-Thresholding Algorithm for Linear Inverse Problems, "
           "SIAM J. Imaging Sci. 2 (2009), §1.3 (ISTA) and §4 (FISTA); no figure of theirs",
    problem=problem,
    runs=[Run("ISTA", optimizers.ista(step), start=start, steps=30),
          Run("FISTA", optimizers.fista(step), start=start, steps=30),
          Run("GD on the least-squares part", optimizers.gd(step), start=start, steps=30)],
    views=[views.Contours(xlim=(-1.0, 2.0), ylim=(-0.8, 1.9), levels=16, markers=False),
           views.Traces(of="params", truth=False),
           views.LossCurve(minus="p*", log=True)],
    layout=(1, 3),
    size="wide",
    timing=Timing(fps=6),
)
