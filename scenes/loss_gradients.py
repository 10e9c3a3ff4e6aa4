"""CS 189, Lecture 12, "Visualizing the Gradient of the Error Function": plot_gradient for the
logistic model (In[37]) and the sine model (In[39]): the loss surface with the gradient on its
floor (the lecture's cones), and the contours with the quiver of +∇L (the lecture draws the
gradient itself, uphill) on the 30×30 grid of the loss, arrows ∇L long times 2 (logistic) and
0.1 (sine), as ``create_quiver(scale=...)``."""
from gdanim import Scene, data, problems, views

logistic = problems.LogisticRegression(data.breast_cancer())
sine = problems.SineRegression(data.Sine(seed=42))
up = dict(arrows=True, arrow_grid=30, arrow_direction="ascent")
floor = dict(up, arrow_grid=12)     # on the floor, seen at a slant, 30×30 arrows were a grey mat: one in 2.5
lw, sw = dict(xlim=(-10, 1), ylim=(-5, 1.3)), dict(xlim=(-1.5, 3), ylim=(1, 4))

scene = Scene(
    title="The gradient points uphill, across the contours",
    description="The arrows of ∇L cross every contour at right angles and grow where the surface is steep.",
    source="CS 189, Lecture 12, In[37] and In[39]",
    views=[
        views.Surface3D(problem=logistic, npts=30, cmap="viridis_r", alpha=0.7, elev=30, azim=-60, arrow_scale=2,
                        title="Logistic: surface and ∇L", **floor, **lw),
        views.GradientField(problem=logistic, arrow_color="white", levels=50, even_levels=True, line_levels=10, arrow_scale=2,
                            title="Logistic: contours and ∇L", **up, **lw),
        views.Surface3D(problem=sine, npts=30, cmap="viridis_r", alpha=0.7, elev=35, azim=-60, arrow_scale=0.1,
                        title="Sine: surface and ∇L", **floor, **sw),
        views.GradientField(problem=sine, arrow_color="white", levels=50, even_levels=True, line_levels=10, arrow_scale=0.1,
                            title="Sine: contours and ∇L", **up, **sw),
    ],
    layout=(2, 2),
    size="4:3",
)
