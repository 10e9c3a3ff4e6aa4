"""The workshop "Introduction to Gradient Descent", "Using Gradient Descent": y = 8 + 6x + noise
(50 points, x = 2·U(0, 1), seed 42), gradient descent on the MSE with its gradient
(2/m)·Xᵀ(Xw − y) and η = 0.1 for 10 iterations from the random start the same stream draws next,
every iteration's line kept, axes [0, 2] × [8, 22]. The workshop's gradient line is garbled
(``gradients = 2/m * - y)``) and ``w_old`` is never filled: it meant the formula printed above it
and the line of every iterate, drawn here."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

points = data.UniformLine(n=50, slope=6, intercept=8, width=2, seed=42)
problem = problems.LinearRegression(points)            # ∇ = (2/m)·Xᵀ(Xw − y), the workshop's

scene = Scene(
    title="Gradient descent, η = 0.1: the line after every iteration",
    description="Each iteration moves the line a fraction of the way up to the data; ten steps do not reach it.",
    source="Introduction to Gradient Descent (workshop), \"Using Gradient Descent\"",
    problem=problem,
    runs=[Run("GD iterations", optimizers.gd(0.1), start=points.next_randn(2), steps=10)],
    views=[views.ModelFit(trail=1, xlim=(0, 2), ylim=(8, 22), reference=False, title="GD iterations")],
    size="4:3",
    timing=Timing(fps=2),
)
