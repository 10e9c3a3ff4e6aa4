"""CS 189, Lecture 12, "Optimization Basics": problems 1–3. Minimise w² − 3w + 4 over the reals
(In[9]), over the integers (In[10], the points ``np.arange(-2, 7)``), and w⁴ − 5w² + w + 4
(In[11])."""
from gdanim import Scene, problems, views

scene = Scene(
    title="Three minimisation problems",
    description="A smooth bowl, the same bowl on the integers only, and a function with two valleys.",
    source="CS 189, Lecture 12, \"Optimization Basics\", In[9]–In[11]",
    views=[
        views.Curve1D(problem=problems.convex_quadratic, xlim=(-2, 7), title="Problem 1: w ∈ ℝ"),
        views.Curve1D(problem=problems.convex_quadratic, xlim=(-2, 6), integers=True, title="Problem 2: w ∈ ℤ"),
        views.Curve1D(problem=problems.double_well, xlim=(-3, 3), title="Problem 3"),
    ],
    size="wide",
)
