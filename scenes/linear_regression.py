"""Gradient descent in depth (F. Fund): simple linear regression y = 2 + 3x, lr 0.1, 50 iterations."""
from gdanim import Run, Scene, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.linear(n=100, coef=[3], intercept=2, sigma=0, seed=0),
    gradient="half",        # the notebook's gd_step: w − (lr/n)·Xᵀ(Xw − y)
)

scene = Scene(
    title="Linear regression by gradient descent: y = 2 + 3x, lr 0.1",
    description="Coefficients, MSE and gradient over 50 iterations, and the same path over the MSE contours.",
    problem=problem,
    runs=[
        # the notebook's printed random start
        Run("GD, lr 0.1", optimizers.gd(0.1), start=(-0.27657397, 0.92304132), steps=50),
    ],
    views=[
        views.Traces(of="params"),
        views.LossCurve(),
        views.Traces(of="grad"),
        views.Contours(xlim=(-1, 4), ylim=(0, 5)),
    ],
    layout=(2, 2),
)
