"""CS 189, Lecture 12: gradient descent on the poorly conditioned bowl wᵀHw, H = diag(0.1, 1).
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, optimizers, problems, stopping, views

# In[63]'s contours: from 0 to 20 by 0.5 (plotly's start/end/size), the lines labelled every 2
IN63 = dict(levels=[k / 2 for k in range(1, 41)], line_levels=[2 * k for k in range(1, 11)])

converged = stopping.change_below(1e-6)     # CS 189's gradient_descent(epsilon=1e-6)
contours = dict(xlim=(-5, 5), ylim=(-5, 5), **IN63)

scene = Scene(
    title="An ill-conditioned bowl: curvature 0.1 along w1, 1 along w2",
    description="One learning rate must suit both directions: too large for the steep one and it oscillates forever.",
    source='CS 189, Lecture 12, "Oscillating Loss Functions", In[63]–In[66]',
    problem=problems.ill_conditioned,
    runs=[
        Run("lr 1 from (−4, 0)", optimizers.gd(1), start=(-4, 0), steps=50, until=converged),
        Run("lr 1 from (−4, −2)", optimizers.gd(1), start=(-4, -2), steps=50, until=converged),
        Run("lr 0.9 from (−4, −2)", optimizers.gd(0.9), start=(-4, -2), steps=50, until=converged),
    ],
    views=[
        views.Contours(runs="lr 1 from (−4, 0)", **contours),
        views.Contours(runs="lr 1 from (−4, −2)", **contours),
        views.Contours(runs="lr 0.9 from (−4, −2)", **contours),
    ],
    size="wide",
    timing=Timing(fps=8, every=2),
)
