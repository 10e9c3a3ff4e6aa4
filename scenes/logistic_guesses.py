"""CS 189, Lecture 12: two guesses of (w1, w2) for the logistic model without a bias, each with its
decision boundary over the probability it gives (In[16]), and where they sit on the loss surface
and its contours (In[19]: plot_loss, a 30×30 grid over [−10, 1] × [−5, 1.3], 50 levels)."""
from gdanim import Pin, Scene, data, problems, views

problem = problems.LogisticRegression(data.breast_cancer())
window = dict(xlim=(-10, 1), ylim=(-5, 1.3))

scene = Scene(
    title="Two guesses for logistic regression, and their loss",
    description="The guess (−2, −4) separates the classes better than (−1, −1), and sits lower on the loss surface.",
    source="CS 189, Lecture 12, In[16] and In[19]",
    problem=problem,
    pins=[Pin("w = (−1, −1)", (-1, -1), color="#00CC96"), Pin("w = (−2, −4)", (-2, -4), color="#AB63FA")],
    views=[
        views.ModelFit(pins="w = (−1, −1)", title="w = (−1.00, −1.00)"),
        views.ModelFit(pins="w = (−2, −4)", title="w = (−2.00, −4.00)"),
        views.Surface3D(npts=30, cmap="viridis_r", alpha=0.7, elev=30, azim=-60, title="Loss surface", **window),
        views.Contours(levels=50, even_levels=True, line_levels=10, title="Loss contours", **window),
    ],
    layout=(2, 2),
    size="4:3",
)
