"""CS 189, Lecture 12, "Taylor Expansion of the Loss": the second-order Taylor model at the grid's
best point as a second surface over the true loss, the loss axis cut at [0, 3] as the lecture's
``zaxis=dict(range=[0, 3])``, beside the contours with the quiver of +∇L (In[57]: logistic, the
quiver's default scale 1; In[60]: sine, scale 0.1)."""
from gdanim import Scene, data, problems, views

logistic = problems.LogisticRegression(data.breast_cancer())
sine = problems.SineRegression(data.Sine(seed=42))
up = dict(arrows=True, arrow_grid=30, arrow_direction="ascent")
lw, sw = dict(xlim=(-10, 1), ylim=(-5, 1.3)), dict(xlim=(-1.5, 3), ylim=(1, 4))

scene = Scene(
    title="A Taylor model touches the loss at one point",
    description="Near the grid's best point the quadratic follows the loss; far from it, it rises away (logistic) or misses the other valleys (sine).",
    source="CS 189, Lecture 12, In[57] and In[60]",
    views=[
        views.Surface3D(problem=logistic, npts=30, cmap="viridis_r", alpha=0.6, elev=25, azim=-60, taylor="grid_best",
                        zlim=(0, 3), title="Logistic: loss and Taylor model", **lw),
        views.GradientField(problem=logistic, arrow_color="white", levels=50, even_levels=True, line_levels=10, arrow_scale=1,
                            title="Logistic: contours and ∇L", **up, **lw),
        views.Surface3D(problem=sine, npts=30, cmap="viridis_r", alpha=0.6, elev=25, azim=-60, taylor="grid_best",
                        zlim=(0, 3), title="Sine: loss and Taylor model", **sw),
        views.GradientField(problem=sine, arrow_color="white", levels=50, even_levels=True, line_levels=10, arrow_scale=0.1,
                            title="Sine: contours and ∇L", **up, **sw),
    ],
    layout=(2, 2),
    size="4:3",
)
