"""CS 189, Lecture 12, "Gradient Descent Applied to Logistic Regression" and "Loss Curves":
gradient descent with lr 10 for at most 100 epochs (stopping once a step moves less than 1e-6)
from (0, 0) (In[41]) and from (−10, −5) (In[45]); the paths on the surface and on the contours
with the quiver of +∇L (the 30×30 grid, scale 2) over 50 even levels, as plot_gradient draws them, In[45]'s loss curve,
and the boundary of the run from (0, 0).
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, stopping, views

problem = problems.LogisticRegression(data.breast_cancer())
converged = stopping.change_below(1e-6)
window = dict(xlim=(-10, 1), ylim=(-5, 1.3))

scene = Scene(
    title="Logistic regression: gradient descent on the cross-entropy, lr 10",
    description="A convex loss: from either start the path follows −∇L to the same minimum and the boundary settles.",
    source="CS 189, Lecture 12, In[41] and In[45]",
    problem=problem,
    runs=[
        Run("from (0, 0)", optimizers.gd(10), start=(0, 0), steps=100, until=converged),
        Run("from (−10, −5)", optimizers.gd(10), start=(-10, -5), steps=100, until=converged),
    ],
    views=[
        views.Surface3D(elev=30, azim=-60, npts=30, cmap="viridis_r", alpha=0.7, **window),
        views.GradientField(levels=50, even_levels=True, line_levels=10, arrow_grid=30, arrow_direction="ascent",
                            arrow_scale=2, arrow_color="white", **window),
        views.LossCurve(),
        views.ModelFit(runs="from (0, 0)"),
    ],
    layout=(2, 2),
    timing=Timing(every=2),
)
