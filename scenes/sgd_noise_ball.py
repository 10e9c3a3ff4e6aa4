"""Gradient descent in depth: with noisy data, SGD (one sample per step) ends in a noise ball."""
from gdanim import Run, Scene, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")

scene = Scene(
    title="Full-batch GD against SGD with one sample per step (lr 0.1)",
    description="Single-sample gradients are noisy: SGD reaches the optimum's neighbourhood and keeps bouncing around it.",
    problem=problem,
    runs=[
        Run("GD", optimizers.gd(0.1), start=(2, 2, 8), steps=100),
        Run("SGD, batch 1", optimizers.gd(0.1), start=(2, 2, 8), steps=100, batch_size=1, seed=1),
    ],
    views=[
        views.Contours(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2, 8), ylim=(2, 8)),
        views.LossCurve(log=True),
    ],
)
