"""CS 189, Lecture 12, the first Slido visualization (In[33]): logistic regression on mean radius
alone, no bias; the jittered 0/1 targets with the sigmoid at the best w of a 100-point grid over
[−20, 3], and the negative log-likelihood against w. The cell as printed computes
log1p(exp(−w·x)) − t·w·x, the softplus's sign flipped; the lecture meant In[17]'s NLL,
softplus(w·x) − t·w·x, computed here. The two differ by the mean of w·x, which is 0 on this
standardized feature, so the lecture's picture happens to be right (the tests check both).
Its jitter (0.01·N(0, 1)) continues the stream that In[22] seeded with 42 for the sine data;
gdanim's is seed 0's: at that size the two look the same."""
from gdanim import Pin, Scene, data, problems, views

cancer = data.breast_cancer()
problem = problems.LogisticRegression(data.Arrays(cancer.x[:, 0], cancer.y, names=("mean radius (scaled)",),
                                                  target="target"))
best = Pin.grid_best(problem, (-20, 3), npts=100, label="best w =", color="red")

scene = Scene(
    title="Logistic regression on one feature: the NLL has one minimum",
    description="The negative log-likelihood of a one-feature logistic model is a convex curve; its minimum gives the steepest sensible sigmoid.",
    source="CS 189, Lecture 12, \"Slido Visualization\", In[33]",
    problem=problem,
    pins=[best],
    views=[
        views.ModelFit(jitter=0.01, title="Cancer data (jittered)"),
        views.Curve1D(xlim=(-20, 3), title="Negative log-likelihood"),
    ],
)
