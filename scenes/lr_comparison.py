"""Gradient descent in depth, "what happens if we change the learning rate?": four rates, one problem.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(data.Linear(n=100, coef=[3], intercept=2, sigma=0, seed=0), gradient="half")
start = (-0.27657397, 0.92304132)
window = dict(xlim=(-1, 5), ylim=(-1, 5), levels=12)
rates = {"too small: lr 0.01": 0.01, "good: lr 0.5": 0.5, "too large: lr 1.8": 1.8, "diverging: lr 2.5": 2.5}

scene = Scene(
    title="One problem, four learning rates",
    description="Too small crawls, a good rate arrives in a few steps, too large zig-zags, and beyond 2/λ it diverges.",
    source='Gradient descent in depth, "Other things to try: what happens if we increase / decrease the learning rate?"',
    problem=problem,
    runs=[Run(label, optimizers.gd(lr), start=start, steps=40) for label, lr in rates.items()],
    views=[views.Contours(runs=label, **window) for label in rates],
    layout=(2, 2),
    size="square",
    timing=Timing(every=2),
)
