"""CS 189, Lecture 12: a convex and a non-convex function with a secant line each."""
from gdanim import Scene, problems, views

scene = Scene(
    title="Convex: every chord lies above the curve",
    description="A chord of the convex function never dips below it; the non-convex one's chord does.",
    source='CS 189, Lecture 12, "Convexity", In[13]',
    views=[
        views.Curve1D(problem=problems.convex_quadratic, xlim=(-2, 7), secants=[(-1, 5)], title="Convex function"),
        views.Curve1D(problem=problems.double_well, xlim=(-3, 3), secants=[(-1, 1)], title="Non-convex function"),
    ],
)
