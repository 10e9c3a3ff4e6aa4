"""CS 189, Lecture 12: the non-convex loss of the sine model y = sin(w0 + w1·x); gradient descent
from (1, 3) (In[42]) and (2.5, 1.9) (In[44]), and momentum 0.9 from (2.2, 2.2) (In[69]), over
plot_gradient's picture: 50 even contour levels and the quiver of +∇L on the 30×30 grid, scale 0.1.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, stopping, views

problem = problems.SineRegression(data.Sine(seed=42))
converged = stopping.change_below(1e-6)

scene = Scene(
    title="A non-convex loss: three starts, one long valley",
    description="All three runs fall into the same curved valley: GD at lr 0.2 zig-zags across it, GD at lr 0.1 creeps along it, and momentum settles lowest, near the true (1.1, 2.5).",
    source='CS 189, Lecture 12, In[42], In[44] and In[69]',
    problem=problem,
    runs=[
        Run("GD, lr 0.2", optimizers.gd(0.2), start=(1, 3), steps=20, until=converged),
        Run("GD, lr 0.1", optimizers.gd(0.1), start=(2.5, 1.9), steps=50, until=converged),
        Run("momentum 0.9", optimizers.momentum(0.1, beta=0.9), start=(2.2, 2.2), steps=50,
            until=converged),
    ],
    views=[
        views.GradientField(xlim=(-1.5, 3), ylim=(1, 4), arrow_color="white", levels=50, even_levels=True, line_levels=10,
                            arrow_grid=30, arrow_direction="ascent", arrow_scale=0.1),
        views.ModelFit(),
        views.LossCurve(),
    ],
    timing=Timing(every=2),
)
