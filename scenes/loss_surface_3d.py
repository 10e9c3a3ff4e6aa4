"""ML1 notebook, "Visualizing the loss": the MSE of y = wx + b over a 50×50 grid (w in [0, 4],
b in [−2, 4]) as a surface seen from elevation 25, azimuth 45, with the true parameters
(w, b) = (2, 1) as a red star; and the top-down view, 30 filled and 15 labelled levels (In[271],
In[273]); over both, the notebook's later gradient descent (lr 0.05 from 0, 0). The notebook's
``%matplotlib widget`` lets one turn the surface by hand; a turning camera here (``turn=``) redraws
the whole figure every frame, too slow for the catalogue's budget, so the camera stays where the
notebook sets it. The notebook never seeds its noise: seed 0 (its printed loss range
[0.376, 75.012] is its own draw's)."""
from gdanim import Pin, Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.NoisyLine(n=20, slope=2, intercept=1, noise=0.8, seed=0), gradient="half", param_names=("b", "w"))
window = dict(axes=("w", "b"), xlim=(0, 4), ylim=(-2, 4))

scene = Scene(
    title="The MSE loss surface of y = wx + b, and gradient descent on it",
    description="A convex bowl: seen from the side and from above, the path rolls down to the least-squares point.",
    source="ML1: Minimizing Loss with Gradient Descent, \"Visualizing the loss\", In[271] and In[273]",
    problem=problem,
    pins=[Pin("true parameters (w = 2, b = 1)", (1, 2), color="red", marker="*")],
    runs=[Run("GD, lr 0.05", optimizers.gd(0.05), start=(0, 0), steps=150)],
    views=[views.Surface3D(elev=25, azim=45, alpha=0.8, **window),
           views.Contours(levels=30, line_levels=15, even_levels=True, **window)],
    timing=Timing(fps=15, every=3),
)
