"""CS 189, Lecture 12, the second Slido visualization (In[34]): mean texture against mean radius
(both standardized) with the line y = w·x through the origin at the best w of a 100-point grid
over [−5, 5], and the squared loss against w."""
from gdanim import Pin, Scene, data, problems, views

cancer = data.breast_cancer()
problem = problems.LinearRegression(data.Arrays(cancer.x[:, 0], cancer.x[:, 1], names=("mean radius (scaled)",),
                                                target="mean texture (scaled)"), intercept=False, param_names=("w",))
best = Pin.grid_best(problem, (-5, 5), npts=100, label="best w =", color="red")

scene = Scene(
    title="A line through the origin: the squared loss against its slope",
    description="The squared loss is a parabola in w; its lowest grid point gives the flattish line through the data.",
    source="CS 189, Lecture 12, \"Slido Visualization\", In[34]",
    problem=problem,
    pins=[best],
    views=[
        views.ModelFit(reference=False, title="Cancer data"),
        views.Curve1D(xlim=(-5, 5), title="Squared loss"),
    ],
)
