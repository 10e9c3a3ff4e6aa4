"""The blog post "An Introduction to Gradient Descent in Python": f(x) = x² − 6x + 5 from x = 15."""
from gdanim import Run, Scene, Timing, optimizers, problems, stopping, views

scene = Scene(
    title="Gradient descent on f(x) = x² − 6x + 5, step size 0.01",
    description="Small steps shrink as the slope flattens: the run stops at 3.05 once a step moves less than 0.001.",
    problem=problems.blog_quadratic,
    runs=[
        # the blog's loop: `while abs(temp_min - old_min) > precision`, precision = 0.001
        Run("step size 0.01", optimizers.gd(0.01), start=15, steps=10_000, until=stopping.change_at_most(0.001)),
    ],
    views=[views.Curve1D(xlim=(-15, 21)), views.LossCurve(metric="distance", log=True)],
    timing=Timing(fps=15, every=5),
)
