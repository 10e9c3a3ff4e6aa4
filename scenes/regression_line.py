"""ML1 notebook: fitting y = wx + b to y = 2x + 1 + noise (20 points) from w = b = 0, lr 0.05."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.noisy_line(n=20, slope=2, intercept=1, noise=0.8, seed=0),
    gradient="half",            # the notebook's grad_wrt_w = mean((ŷ − y)·x), without the 2
    param_names=("b", "w"),
)

scene = Scene(
    title="Fitting a line by gradient descent, lr 0.05",
    description="The line swings into place over the data while the loss falls; dashed: the least-squares line.",
    problem=problem,
    runs=[Run("GD, lr 0.05", optimizers.gd(0.05), start=(0, 0), steps=300)],
    views=[views.ModelFit(), views.LossCurve(log=True)],
    timing=Timing(fps=15, every=3),
)
