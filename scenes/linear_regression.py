"""Gradient descent in depth (F. Fund), "Visualize": simple linear regression y = 2 + 3x, lr 0.1,
50 iterations; the coefficients (true values dashed), the MSE and the gradient, 1×3 as printed.
The notebook never seeds its randomness: the data here are seed 0's, the start is its printed
w_init. Its gradient panel loops over ``len(coef)+1`` with ``coef`` undefined there; it meant both
components, drawn here as it records them: ``grad = Xᵀ(Xw − y)``, summed over the 100 samples
(the step divides it by n).
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.Linear(n=100, coef=[3], intercept=2, sigma=0, seed=0),
    gradient="half",        # the notebook's gd_step: w − (lr/n)·Xᵀ(Xw − y)
)

scene = Scene(
    title="Linear regression by gradient descent: y = 2 + 3x, lr 0.1",
    description="Coefficients, MSE and gradient over 50 iterations: the coefficients settle on the true 2 and 3.",
    source="Gradient descent in depth, \"Gradient descent for simple linear regression: Visualize\"",
    problem=problem,
    runs=[
        # the notebook's printed random start
        Run("GD, lr 0.1", optimizers.gd(0.1), start=(-0.27657397, 0.92304132), steps=50),
    ],
    views=[views.Traces(of="params"), views.LossCurve(), views.Traces(of="grad", summed=True)],
    size="wide",
    timing=Timing(every=2),
)
