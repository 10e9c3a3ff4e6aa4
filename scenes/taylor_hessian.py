"""CS 189, Lecture 12: the second-order Taylor model at the best grid point, with the Hessian's eigenvectors."""
from gdanim import Scene, data, problems, views

scene = Scene(
    title="Second-order structure: the Hessian's eigenvectors and eigenvalues",
    description="Near a minimum the loss is a quadratic bowl whose axes are the Hessian's eigenvectors.",
    source="CS 189, Lecture 12, In[56]–In[61] (the Taylor contours with the Hessian's eigenvectors)",
    views=[
        views.Taylor(problem=problems.LogisticRegression(data.breast_cancer()), xlim=(-10, 1), ylim=(-5, 1.3),
                     title="Logistic regression"),
        views.Taylor(problem=problems.SineRegression(data.Sine(seed=42)), xlim=(-1.5, 3), ylim=(1, 4),
                     title="Sine regression"),
    ],
    size="wide",        # two panels, each drawn to scale and wider than tall: 16:9 left a third of it empty
)
