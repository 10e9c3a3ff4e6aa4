"""CS 189, Lecture 12, "The Squared Error Loss on a Non-Linear Model": the sine data (seed 42),
the model sin(w0 + w1·x) at three guesses (In[25]–In[27]), and where the guesses sit on the loss
surface and its contours (In[29]: a 30×30 grid over [−1.5, 3] × [1, 4], 50 levels)."""
from gdanim import Pin, Scene, data, problems, views

problem = problems.SineRegression(data.Sine(seed=42))
window = dict(xlim=(-1.5, 3), ylim=(1, 4))
guesses = [Pin("w = (0, 2)", (0, 2), color="#00CC96"), Pin("w = (2, 3)", (2, 3), color="#AB63FA"),
           Pin("w = (0, 3.5)", (0, 3.5), color="#FFA15A")]

scene = Scene(
    title="Three guesses for the sine model, and their loss",
    description="None of the three curves follows the data; on the surface they sit on slopes and ridges.",
    source="CS 189, Lecture 12, In[27] and In[29]",
    problem=problem,
    pins=guesses,
    views=[
        views.ModelFit(reference=False, title="Three models on the data"),
        views.Surface3D(npts=30, cmap="viridis_r", alpha=0.7, elev=35, azim=-60, title="Loss surface", **window),
        views.Contours(levels=50, even_levels=True, line_levels=10, title="Loss contours", **window),
    ],
)
