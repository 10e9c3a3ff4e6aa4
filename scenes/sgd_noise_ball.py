"""Gradient descent in depth, "Perform stochastic gradient descent": the noisy data again, lr 0.1,
100 iterations from (2, 2, 8), on batches of 2 samples (with replacement): the cell calls
``sgd_step(w_star, X, y, lr, n)``, and the cell before it left ``n`` at 2 (its ``for n in
range(len(w_true))`` loop), though the text speaks of one sample. Traces, the path over the 5
contour levels (w0 held at 2) and the 3-D surface that ``plot_3D`` draws (the notebook never shows
it: its ``interact`` call fails, ipywidgets being unimported; ``view_init(azimuth=)`` read as
``azim``, as in noisy_gd). Unseeded in the notebook: data seed 0, sampling seed 1.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(data.Linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")
plane = dict(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2, 7.95), ylim=(2, 7.95))

scene = Scene(
    title="SGD on noisy data: 100 steps on batches of 2, lr 0.1",
    description="With noise the samples disagree at the optimum: SGD ends in a noise ball around it.",
    source="Gradient descent in depth, \"Gradient descent with noise: Visualize stochastic gradient descent\"",
    problem=problem,
    runs=[Run("SGD, batch 2", optimizers.gd(0.1), start=(2, 2, 8), steps=100, batch_size=2, seed=1)],
    views=[
        views.Traces(of="params"),
        views.Contours(levels=5, even_levels=True, **plane),
        views.Surface3D(elev=20, azim=20, cmap="coolwarm", alpha=0.5, npts=40, **plane),
    ],
    size="wide",
    timing=Timing(every=2),
)
