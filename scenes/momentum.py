"""CS 189, Lecture 12: momentum 0.3 damps the zig-zag of plain gradient descent on wᵀHw.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, optimizers, problems, stopping, views

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
        views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=(0.5, 1, 2, 3, 4, 6, 8, 10, 13, 16, 20)),
        views.LossCurve(log=True),
    ],
    timing=Timing(every=2),
)
