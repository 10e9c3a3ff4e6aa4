"""The blog post, "Linear regression" (In[8]–In[16]): gradient descent on J(θ) = (1/2m)‖Xθ − y‖²
with α = 0.001 for 5000 iterations ends at 1.20, 62.81 (least squares: 1.49, 63.42). Four of its
figures as panels: the line evolving every 25 iterations (In[15], 100 ms a frame, axes
[−3, 2.5] × [−170, 170], least squares in red), θ's path (In[13]), the cost (In[14]) and the 3-D
cost surface over θ ± 10 on a 10×10 grid (In[16]). The blog's θ cell indexes ``history[:, 100]``
of a list, which fails; it meant every 100th θ, drawn as dots on the path (over J's contours,
which the blog does not draw). Its surface cell calls ``view_init(azimuth=30)``, which
matplotlib rejects; it meant ``azim=30``. Its start, ``np.random.rand(2)``, is unseeded: drawn here
from seed 0, one of the starts that give the printed 1.20, 62.81 (most in [0, 1)² do)."""
import numpy as np

from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.MakeRegression(n_samples=100, n_features=1, n_informative=1, noise=10, random_state=2015),
    loss="half_mse", param_names=("intercept", "slope"))
start = np.random.RandomState(0).rand(2)       # the blog's theta = np.random.rand(2), seeded

scene = Scene(
    title="Gradient descent fits the line: α = 0.001, 5000 iterations",
    description="The line swings up from flat to the least-squares fit while the cost falls; θ ends at 1.20, 62.81.",
    source="An Introduction to Gradient Descent in Python (blog), In[8]–In[16]",
    problem=problem,
    runs=[Run("GD, α = 0.001", optimizers.gd(0.001), start=start, steps=5000)],
    views=[
        views.ModelFit(xlim=(-3, 2.5), ylim=(-170, 170), title="Line fit by gradient descent"),
        views.Contours(xlim=(-2, 3), ylim=(-5, 70), levels=8, filled=False, mark_every=100,
                       title="Theta values over time"),
        views.LossCurve(title="Loss over iterations"),
        views.Surface3D(xlim=(1.20 - 10, 1.20 + 10), ylim=(62.81 - 10, 62.81 + 10), npts=10, color="b", alpha=0.5,
                        elev=30, azim=30, title="Cost surface"),
    ],
    layout=(2, 2),
    timing=Timing(fps=10, every=25),
)
