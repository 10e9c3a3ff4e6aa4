"""Gradient descent in depth, "A less friendly loss surface": x2 = x1 + noise/5, so the features
are nearly equal; x1 against x2, and the MSE's 15 contour levels over (w1, w2) with w0 held at 2
(grid ``np.arange(3, 7, 0.02)``). Unseeded in the notebook: seed 0."""
from gdanim import Scene, data, problems, views

problem = problems.LinearRegression(
    data.Correlated(n=1000, coef=[5, 4], intercept=2, sigma=1, seed=0), gradient="half")

scene = Scene(
    title="Correlated features: x2 ≈ x1 makes a long, narrow valley",
    description="Nearly equal features trade off against each other: many (w1, w2) with the same sum fit almost as well.",
    source="Gradient descent in depth, \"A less friendly loss surface\" (scatter and MSE contour)",
    problem=problem,
    views=[
        views.Data(x="x1", y="x2"),
        views.Contours(axes=("w1", "w2"), fix={"w0": 2}, xlim=(3, 7), ylim=(3, 7), levels=15, even_levels=True),
    ],
    size="wide",
)
