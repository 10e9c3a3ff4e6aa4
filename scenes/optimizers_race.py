"""Six optimizers race down the Rosenbrock valley from one start."""
from gdanim import Run, Scene, Timing, optimizers, problems, views

start = (-1.2, 1.0)
scene = Scene(
    title="GD, momentum, Nesterov, AdaGrad, RMSProp and Adam on Rosenbrock",
    description="Momentum methods race along the curved valley; adaptive methods rescale each coordinate.",
    source="none of the five lectures: gdanim's own comparison on Rosenbrock's valley",
    problem=problems.Rosenbrock(),
    runs=[
        Run("GD, lr 0.002", optimizers.gd(0.002), start=start, steps=500),
        Run("momentum 0.9, lr 0.001", optimizers.momentum(0.001, beta=0.9), start=start, steps=500),
        Run("Nesterov 0.9, lr 0.001", optimizers.nesterov(0.001, beta=0.9), start=start, steps=500),
        Run("AdaGrad, lr 1", optimizers.adagrad(1.0), start=start, steps=500),
        Run("RMSProp, lr 0.01", optimizers.rmsprop(0.01), start=start, steps=500),
        Run("Adam, lr 0.1", optimizers.adam(0.1), start=start, steps=500),
    ],
    views=[views.Contours(xlim=(-2, 2), ylim=(-1, 3), levels=18, log_levels=True, markers=False),
           views.LossCurve(log=True)],
    timing=Timing(fps=10, every=10),
)
