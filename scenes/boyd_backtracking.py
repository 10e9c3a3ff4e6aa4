"""Boyd & Vandenberghe, Convex Optimization, §9.2, Figure 9.1 (backtracking line search: the
function along the line, its tangent and the Armijo line αt∇fᵀΔx, the region where t is
accepted), drawn at every step of the gradient method with backtracking on their problem in R²
(9.20), with the step each search accepted. Chosen here where the book is silent: α = 0.1 and
β = 0.7 (its §9.3.2 values), t0 = 1, the start (−1, 1), 12 iterations; φ(t) is drawn less f(x)
and divided by |∇f(x)ᵀΔx|, so the tangent has slope −1 at every step and the axes stay put."""
from gdanim import Run, Scene, optimizers, problems, views

scene = Scene(
    title="Backtracking line search on φ(t) = f(x + tΔx)",
    description="Each search tries t = 1, 0.7, 0.49, … until φ(t) lies under the Armijo line; after the first steps "
                "the accepted t is mostly 0.17, now and then 0.12 or 0.24.",
    source="Boyd & Vandenberghe, Convex Optimization, §9.2, Figure 9.1 and Algorithm 9.2, on problem (9.20)",
    problem=problems.BoydExp(),
    runs=[Run("backtracking (α = 0.1, β = 0.7)", optimizers.backtracking(alpha=0.1, beta=0.7), start=(-1, 1),
              steps=12)],
    views=[views.Contours(xlim=(-1.5, 1.0), ylim=(-0.8, 1.2), levels=16, log_levels=True),
           views.LineSearchCurve(), views.Traces(of="step")],
)
