"""Shewchuk's steepest descent against conjugate gradients on his quadratic (4):
f(x) = ½xᵀAx − bᵀx + c with A = [[3, 2], [2, 6]], b = (2, −8), c = 0, from his start (−2, −2). Steepest
descent with exact line search zig-zags, each step orthogonal to the last (his Figure 8); CG reaches the
minimum (2, −2) in two steps, n for n = 2 (his Figure 30). Chosen here where the notes are silent: 12
steepest-descent steps (the book draws the path until it looks converged), the window of his figures,
x₁ from −4 to 6 and x₂ from −6 to 4."""
from gdanim import Run, Scene, Timing, optimizers, problems, views

problem = problems.Quadratic(A=((3.0, 2.0), (2.0, 6.0)), b=(2.0, -8.0), c=0.0)
start = (-2.0, -2.0)

scene = Scene(
    title="Steepest descent zig-zags; conjugate gradients needs two steps",
    description="Each exact line search ends where the path is tangent to a contour, so steepest descent turns 90° "
                "every step; CG's second direction is A-conjugate to the first and lands on (2, −2).",
    source="Shewchuk, An Introduction to the Conjugate Gradient Method Without the Agonizing Pain (1994), "
           "§4 Figure 8 and §7.3 Figure 30",
    problem=problem,
    runs=[Run("steepest descent, exact line search", optimizers.exact_line_search(), start=start, steps=12),
          Run("conjugate gradients", optimizers.linear_cg(), start=start, steps=2)],
    views=[views.Contours(xlim=(-4, 6), ylim=(-6, 4), levels=14)],
    timing=Timing(fps=4),
)
