"""Gradient descent in depth, "Gradient descent with noise": y = 2 + 6x1 + 5x2 + noise (1000
samples), GD lr 0.1 for 50 iterations from (2, 2, 8); the coefficient traces (true values dashed),
the path over the MSE's 5 contour levels with w0 held at 2 (the notebook's grid
``np.arange(2, 8, 0.05)``), and the 3-D surface that its ``plot_3D`` draws. The notebook never
shows that one: the cell's ``interact`` call fails (ipywidgets was never imported), and
``plot_3D`` itself calls ``view_init(azimuth=...)``, which matplotlib rejects; it meant ``azim``:
elevation 20 and azimuth 20 (its sliders' start). Unseeded in the notebook: the data are seed 0's.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(data.Linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")
plane = dict(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2, 7.95), ylim=(2, 7.95))

scene = Scene(
    title="Gradient descent on noisy data: 50 iterations, lr 0.1",
    description="GD reaches the least-squares point, which the noise puts near, not at, the true (6, 5).",
    source="Gradient descent in depth, \"Gradient descent with noise: Visualize gradient descent\"",
    problem=problem,
    runs=[Run("GD, lr 0.1", optimizers.gd(0.1), start=(2, 2, 8), steps=50)],
    views=[
        views.Traces(of="params"),
        views.Contours(levels=5, even_levels=True, **plane),
        views.Surface3D(elev=20, azim=20, cmap="coolwarm", alpha=0.5, npts=40, **plane),
    ],
    size="wide",
    timing=Timing(every=2),
)
