"""The workshop "Introduction to Gradient Descent", its task "What happens when you alter the
learning rate?", answered on its own data (y = 8 + 6x + noise, 50 points, seed 42) and from its own
random start: gradient descent on the MSE with nine rates, 30 iterations each (the workshop runs
10; the curves show what more iterations give). The MSE's steepest curvature is 3.91, so any rate
above 2/3.91 ≈ 0.51 overshoots further each step: 0.55 moves away from the data."""
from gdanim import Run, Scene, Sweep, Timing, data, optimizers, problems, views

points = data.UniformLine(n=50, slope=6, intercept=8, width=2, seed=42)
problem = problems.LinearRegression(points)            # ∇ = (2/m)·Xᵀ(Xw − y), the workshop's

scene = Scene(
    title="Alter the learning rate: nine rates, 30 iterations",
    description="Tiny rates leave the line far below the data after 30 iterations; rates from 0.1 to 0.48 fit "
                "it, the larger ones in a few steps; past 0.51 every step overshoots further and the line swings "
                "off the plot.",
    source="Introduction to Gradient Descent (workshop), \"Tasks\": what happens when you alter the learning rate?",
    problem=problem,
    sweep=Sweep(Run("GD", optimizers.gd(0.1), start=points.next_randn(2), steps=30),
                over="lr", values=(0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.48, 0.52, 0.55)),
    views=[views.ModelFit(xlim=(0, 2), ylim=(8, 22), reference=False, title="the line of each rate"),
           views.LossCurve(log=True),
           views.SweepSummary()],
    timing=Timing(fps=6),
)
