"""The blog post "An Introduction to Gradient Descent in Python", "Minimizing a quadratic
equation": f(x) = x² − 6x + 5 from x = 15 with step size 0.01, until a step moves at most 0.001
(the run stops at 3.05, In[3]); the animation of In[4], every 10th iterate at 200 ms a frame,
only the current point (a diamond) on axes [−15, 21] × [−50, 350]; and In[5]'s squared distance
to the minimum. The blog's frames are ``mins[0::10]``, iterates 1, 11, 21, …; gdanim's frames
show steps 0, 10, 20, … (the start, then every 10th)."""
from gdanim import Run, Scene, Timing, optimizers, problems, stopping, views

scene = Scene(
    title="Gradient descent on f(x) = x² − 6x + 5, step size 0.01",
    description="Small steps shrink as the slope flattens: the run stops at 3.05 once a step moves less than 0.001.",
    source="An Introduction to Gradient Descent in Python (blog), In[3]–In[5]",
    problem=problems.blog_quadratic,
    runs=[
        # the blog's loop: `while abs(temp_min - old_min) > precision`, precision = 0.001
        Run("step size 0.01", optimizers.gd(0.01), start=15, steps=10_000, until=stopping.change_at_most(0.001)),
    ],
    views=[views.Curve1D(xlim=(-15, 21), ylim=(-50, 350), trail=False), views.LossCurve(metric="distance")],
    timing=Timing(fps=5, every=10),
)
