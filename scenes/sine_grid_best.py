"""CS 189, Lecture 12, "Choosing the Best Parameters" for the sine model: the lowest point of the
30×30 grid, (1.29, 2.45) with loss 0.2383 as printed (In[30]), on the surface and contours beside
the guesses (In[31]), and its curve over the data with theirs (In[32])."""
from gdanim import Pin, Scene, data, problems, views

problem = problems.SineRegression(data.Sine(seed=42))
window = dict(xlim=(-1.5, 3), ylim=(1, 4))
best = Pin.grid_best(problem, npts=30, label="best", color="red", **window)

scene = Scene(
    title="The best point of the grid for the sine model",
    description="The grid's best parameters give a curve that follows the data, unlike the three guesses.",
    source="CS 189, Lecture 12, In[30]–In[32]",
    problem=problem,
    pins=[Pin("w = (0, 2)", (0, 2), color="#00CC96"), Pin("w = (2, 3)", (2, 3), color="#AB63FA"),
          Pin("w = (0, 3.5)", (0, 3.5), color="#FFA15A"), best],
    views=[
        views.ModelFit(reference=False, title="The best model and the guesses"),
        views.Surface3D(npts=30, cmap="viridis_r", alpha=0.7, elev=35, azim=-60, title="Loss surface", **window),
        views.Contours(levels=50, even_levels=True, line_levels=10, title="Loss contours", **window),
    ],
)
