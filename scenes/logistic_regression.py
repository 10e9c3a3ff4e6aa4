"""CS 189, Lecture 12: logistic regression on the breast-cancer data (mean radius, mean texture)."""
from gdanim import Run, Scene, data, optimizers, problems, stopping, views

problem = problems.LogisticRegression(data.breast_cancer())
converged = stopping.change_below(1e-6)
window = dict(xlim=(-10, 1), ylim=(-5, 1.3))

scene = Scene(
    title="Logistic regression: gradient descent on the cross-entropy, lr 10",
    description="A convex loss: from either start the path follows −∇L to the same minimum and the boundary settles.",
    problem=problem,
    runs=[
        Run("from (0, 0)", optimizers.gd(10), start=(0, 0), steps=100, until=converged),
        Run("from (−10, −5)", optimizers.gd(10), start=(-10, -5), steps=100, until=converged),
    ],
    views=[
        views.Surface3D(elev=30, azim=-60, npts=30, **window),
        views.GradientField(levels=15, **window),
        views.ModelFit(runs="from (0, 0)"),
    ],
)
