"""CS 189, Lecture 12: too large a learning rate makes gradient descent overshoot."""
from gdanim import Run, Scene, optimizers, problems, stopping, views

scene = Scene(
    title="Learning rate 1.08 on f(w) = w² + 1: every step overshoots further",
    description="Past 1/L = 0.5 a step jumps over the minimum; past 2/L = 1 it also lands higher, so the run climbs away.",
    source='CS 189, Lecture 12, "Slido Visualization", In[46]',
    problem=problems.parabola,
    runs=[
        Run("GD, lr 1.08", optimizers.gd(1.08), start=2, steps=10, until=stopping.change_below(1e-6)),
    ],
    views=[views.Curve1D(xlim=(-10, 10)), views.LossCurve()],
)
