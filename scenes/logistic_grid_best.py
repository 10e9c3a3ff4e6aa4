"""CS 189, Lecture 12, "Choosing the Best Parameters": the lowest point of the 30×30 grid (In[20])
beside the two guesses on the loss surface and contours, and the model at it (In[21])."""
from gdanim import Pin, Scene, data, problems, views

problem = problems.LogisticRegression(data.breast_cancer())
window = dict(xlim=(-10, 1), ylim=(-5, 1.3))
best = Pin.grid_best(problem, npts=30, label="best weight", color="red", **window)

scene = Scene(
    title="The best point of the grid",
    description="Of the 900 grid points, (−3.93, −0.87) has the lowest loss; its boundary splits the classes best.",
    source="CS 189, Lecture 12, In[20] and In[21]",
    problem=problem,
    pins=[Pin("w = (−1, −1)", (-1, -1), color="#00CC96"), Pin("w = (−2, −4)", (-2, -4), color="#AB63FA"),
          best],
    views=[
        views.Surface3D(npts=30, cmap="viridis_r", alpha=0.7, elev=30, azim=-60, title="Loss surface", **window),
        views.Contours(levels=50, even_levels=True, line_levels=10, title="Loss contours", **window),
        views.ModelFit(pins=best.label, title="The grid's best model"),
    ],
)
