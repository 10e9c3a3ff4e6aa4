"""Gradient descent in depth, "Descent path on MSE contour": the 50 steps of lr 0.1 over the MSE's
5 contour levels. The notebook's cells fail here (``intercept`` is undefined, and they plot
``w_steps[:, 1], w_steps[:, 2]`` of a two-parameter run): it meant the path of (w0, w1) over the
MSE's contours, drawn here over a window that holds the path (its ``np.arange(2, 8)`` grid is
the noisy section's, where the path starts at 2 and 8).
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(data.Linear(n=100, coef=[3], intercept=2, sigma=0, seed=0), gradient="half")

scene = Scene(
    title="The descent path on the MSE's contours",
    description="Each step moves across the contours towards (2, 3), the dots coloured by iteration.",
    source="Gradient descent in depth, \"Descent path on MSE contour\"",
    problem=problem,
    runs=[Run("GD, lr 0.1", optimizers.gd(0.1), start=(-0.27657397, 0.92304132), steps=50)],
    views=[views.Contours(xlim=(-1, 4), ylim=(0, 5), levels=5, even_levels=True)],
    size="square",
    timing=Timing(every=2),
)
