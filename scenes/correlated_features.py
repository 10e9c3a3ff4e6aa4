"""Gradient descent in depth, "A less friendly loss surface": GD and the notebook's momentum
(η = 0.9, lr 0.1), 100 iterations each from (2, 3, 7), each path over 10 contour levels (w0 held at
2) with its coefficient traces; and the velocity the notebook records (``v_steps``) but never
plots. The contour window is the notebook's ``np.arange(3, 7)`` widened to hold the paths, as
seaborn's autoscaling widened it (GD's w1 dips to 2.56, momentum's to 2.33). Unseeded in the notebook: seed 0.
Frames show every second step (the lecture has no animation; it keeps the catalogue's render lean)."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.Correlated(n=1000, coef=[5, 4], intercept=2, sigma=1, seed=0), gradient="half")
plane = dict(axes=("w1", "w2"), fix={"w0": 2}, xlim=(2.2, 7), ylim=(3, 7.4), levels=10, even_levels=True)

scene = Scene(
    title="Correlated features make a long, narrow valley",
    description="GD crawls along the valley floor; the notebook's momentum (η = 0.9) gets down it far faster.",
    source="Gradient descent in depth, \"A less friendly loss surface\": gradient descent and momentum",
    problem=problem,
    runs=[
        Run("GD, lr 0.1", optimizers.gd(0.1), start=(2, 3, 7), steps=100),
        # gd_step_momentum: v ← ηv − α∇L; w ← w − α∇L + ηv
        Run("momentum η = 0.9", optimizers.momentum_variant(0.1, eta=0.9), start=(2, 3, 7), steps=100),
    ],
    views=[
        views.Contours(runs="GD, lr 0.1", **plane),
        views.Traces(runs="GD, lr 0.1"),
        views.LossCurve(log=True),
        views.Contours(runs="momentum η = 0.9", **plane),
        views.Traces(runs="momentum η = 0.9"),
        views.Traces(of="velocity", runs="momentum η = 0.9", title="Velocity (momentum)"),
    ],
    layout=(2, 3),
    timing=Timing(every=2),
)
