"""ML1 notebook: the MSE of y = wx + b is a bowl; gradient descent rolls down it."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.noisy_line(n=20, slope=2, intercept=1, noise=0.8, seed=0), gradient="half", param_names=("b", "w"))
window = dict(axes=("w", "b"), xlim=(0, 4), ylim=(-2, 4))

scene = Scene(
    title="The MSE loss surface of y = wx + b, and gradient descent on it",
    description="A convex bowl: seen from the side and from above, the path rolls down to the least-squares point.",
    problem=problem,
    runs=[Run("GD, lr 0.05", optimizers.gd(0.05), start=(0, 0), steps=150)],
    views=[views.Surface3D(elev=25, azim=45, **window), views.Contours(levels=15, **window)],
    timing=Timing(fps=15, every=2),
)
