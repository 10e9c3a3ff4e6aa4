"""Gradient descent in depth: "a less friendly loss surface" (x2 = x1 + noise/5), GD against momentum."""
from gdanim import Run, Scene, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.correlated(n=1000, coef=[5, 4], intercept=2, sigma=1, seed=0), gradient="half")

scene = Scene(
    title="Correlated features make a long, narrow valley",
    description="GD crawls along the valley floor; the notebook's momentum (η = 0.9) gets down it far faster.",
    problem=problem,
    runs=[
        Run("GD, lr 0.1", optimizers.gd(0.1), start=(2, 3, 7), steps=100),
        # gd_step_momentum: v ← ηv − α∇L; w ← w − α∇L + ηv
        Run("momentum η = 0.9", optimizers.momentum_variant(0.1, eta=0.9), start=(2, 3, 7), steps=100),
    ],
    views=[
        views.Contours(axes=("w1", "w2"), fix={"w0": 2}, xlim=(3, 7), ylim=(3, 7), levels=15),
        views.LossCurve(log=True),
    ],
)
