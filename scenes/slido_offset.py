"""CS 189, Lecture 12, the third Slido visualization (In[35]): mean radius shifted by 3, so the
model needs a bias: σ(w2·(x + 3) + w1), with w1 the bias; the loss over a 40×40 grid on
[5, 15] × [−8, 0] as surface and contours (plot_loss, 50 levels), its best point, and that
sigmoid over the jittered targets. The cell's jitter (0.01·N(0, 1)) continues the stream that In[22] seeded with 42; gdanim's is seed 0's:
at that size the two look the same."""
from gdanim import Pin, Scene, data, problems, views

cancer = data.breast_cancer()
problem = problems.LogisticRegression(
    data.Arrays(cancer.x[:, 0] + 3, cancer.y, names=("mean radius (scaled) + 3",), target="target"), bias=True)
window = dict(xlim=(5, 15), ylim=(-8, 0))
best = Pin.grid_best(problem, npts=40, label="best w", color="red", **window)

scene = Scene(
    title="A shifted feature needs a bias: the loss over (bias, slope)",
    description="With the feature shifted by 3 the best models trade bias against slope along a narrow valley.",
    source="CS 189, Lecture 12, \"Slido Visualization\", In[35]",
    problem=problem,
    pins=[best],
    views=[
        views.Surface3D(npts=40, cmap="viridis_r", alpha=0.7, elev=30, azim=-60, title="Loss surface", **window),
        views.Contours(levels=50, even_levels=True, line_levels=10, title="Loss contours", **window),
        views.ModelFit(jitter=0.01, title="Cancer data (jittered)"),
    ],
)
