"""Gradient descent in depth, "Stochastic gradient descent" on the noise-free data y = 2 + 3x:
one sample per step, drawn with replacement, lr 0.1, 50 iterations. The cell that sets the start
(``w_init = [intercept, 2, 8]``) fails on the undefined ``intercept``, so the loop ran from the
GD section's printed start, which is used here (the notebook prints the end, [1.994, 2.999]).
Its plotting cells fail too (``coef``, ``mses_coefs`` undefined); they meant the coefficient
traces and the path over the contours, drawn here. The notebook's sampling is unseeded: seed 0.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(data.Linear(n=100, coef=[3], intercept=2, sigma=0, seed=0), gradient="half")

scene = Scene(
    title="SGD with one sample per step on noise-free data (lr 0.1)",
    description="Without noise every sample agrees at the optimum, so even single-sample steps settle on (2, 3).",
    source="Gradient descent in depth, \"Stochastic gradient descent\"",
    problem=problem,
    runs=[Run("SGD, batch 1", optimizers.gd(0.1), start=(-0.27657397, 0.92304132), steps=50, batch_size=1)],
    views=[views.Traces(of="params"), views.Contours(xlim=(-1, 4), ylim=(0, 5), levels=5, even_levels=True)],
    size="wide",
    timing=Timing(every=2),
)
