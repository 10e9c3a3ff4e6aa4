"""Boyd & Vandenberghe, Convex Optimization, §9.3.2 and Figures 9.2–9.5: the gradient method on
their problem in R² (9.20), f(x) = e^(x1+3x2−0.1) + e^(x1−3x2−0.1) + e^(−x1−0.1), with backtracking
line search (α = 0.1, β = 0.7, as the section says) and with exact line search, and the error
f(x(k)) − p* on a log axis. Chosen here where this scene may differ from the book: the start
x(0) = (−1, 1) and 20 iterations; the exact search is gdanim's 1-D search along −∇f."""
from gdanim import Run, Scene, optimizers, problems, views

problem = problems.BoydExp()
start = (-1.0, 1.0)

scene = Scene(
    title="Gradient method: backtracking against exact line search",
    description="Both line searches zig-zag into the minimum; f − p* falls geometrically, by a constant factor a step.",
    source="Boyd & Vandenberghe, Convex Optimization, §9.3.2, Figures 9.2-9.5",
    problem=problem,
    runs=[Run("backtracking (α = 0.1, β = 0.7)", optimizers.backtracking(alpha=0.1, beta=0.7), start=start, steps=20),
          Run("exact line search", optimizers.exact_line_search(), start=start, steps=20)],
    views=[views.Contours(xlim=(-1.5, 1.0), ylim=(-0.6, 1.2), levels=16, log_levels=True),
           views.LossCurve(minus="p*", log=True)],
)
