"""Gradient descent in depth, "things to try": SGD with a decaying learning rate C/t.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, schedules, views

problem = problems.LinearRegression(
    data.Linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")

scene = Scene(
    title="SGD: constant learning rate 0.1 against the decaying rate 0.5/t",
    description="A constant rate keeps bouncing in the noise ball; a rate decaying like C/t settles down.",
    source='Gradient descent in depth, "Other things to try: use decaying learning rate C/t"',
    problem=problem,
    runs=[
        Run("lr 0.1", optimizers.gd(0.1), start=(2, 2, 8), steps=200, batch_size=1, seed=1),
        Run("lr 0.5/t", optimizers.gd(schedules.inverse_time(0.5)), start=(2, 2, 8), steps=200, batch_size=1, seed=1),
    ],
    views=[
        views.Contours(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2, 8), ylim=(2, 8)),
        views.LossCurve(log=True),
    ],
    timing=Timing(every=2),
)
