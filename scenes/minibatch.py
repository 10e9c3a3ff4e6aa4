"""Gradient descent in depth: minibatches of 1, 10 and 100 samples on the same noisy data.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.Linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")
window = dict(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2, 8), ylim=(2, 8), levels=12)

scene = Scene(
    title="Minibatch size: 1, 10 and 100 samples per step (lr 0.1)",
    description="Larger batches average away gradient noise: the path smooths out and the noise ball shrinks.",
    source='Gradient descent in depth, "Other things to try: increase number of samples used in each iteration"',
    problem=problem,
    runs=[
        Run("batch 1", optimizers.gd(0.1), start=(2, 2, 8), steps=100, batch_size=1, seed=1),
        Run("batch 10", optimizers.gd(0.1), start=(2, 2, 8), steps=100, batch_size=10, seed=1),
        Run("batch 100", optimizers.gd(0.1), start=(2, 2, 8), steps=100, batch_size=100, seed=1),
    ],
    views=[
        views.Contours(runs="batch 1", **window),
        views.Contours(runs="batch 10", **window),
        views.Contours(runs="batch 100", **window),
        views.LossCurve(log=True),
    ],
    layout=(2, 3),
    timing=Timing(every=2),
)
