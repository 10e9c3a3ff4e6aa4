"""CS 189, Lecture 12: momentum 0.3 damps the zig-zag of plain gradient descent on wᵀHw.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, optimizers, problems, stopping, views

# In[63]'s contours: from 0 to 20 by 0.5 (plotly's start/end/size), the lines labelled every 2
IN63 = dict(levels=[k / 2 for k in range(1, 41)], line_levels=[2 * k for k in range(1, 11)])

converged = stopping.change_below(1e-6)

scene = Scene(
    title="Momentum on the ill-conditioned bowl",
    description="Averaging successive gradients cancels the oscillation in w2 and speeds up the slow w1 direction.",
    source='CS 189, Lecture 12, "Gradient Descent with Momentum", In[65], In[66] and In[68]',
    problem=problems.ill_conditioned,
    runs=[
        Run("GD, lr 0.9", optimizers.gd(0.9), start=(-4, -2), steps=50, until=converged),
        Run("momentum 0.3, lr 0.9", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=50, until=converged),
    ],
    views=[
        views.Contours(xlim=(-5, 5), ylim=(-5, 5), **IN63),
        views.LossCurve(log=True),
    ],
    timing=Timing(every=2),
)
