"""Projected gradient descent on a disc: an ill-conditioned bowl whose own minimum (2, 1) lies outside
the unit disc, minimised over the disc. Each step goes along −∇f and is pulled back to the nearest
point of the disc; the iterates slide round the circle to where −∇f points straight out of it (the
KKT point). Bubeck's Figure 3.2 draws one such step as a diagram (x_t, the gradient step (3.2) to
y_{t+1}, the projection (3.3) back onto X, for his §3.1's subgradient method); for a smooth f his
§3.2, Theorem 3.7, takes the step η = 1/β. Chosen here where the source is silent: the bowl
f = ½(x − 2)² + 2.5(y − 1)² (β = 5), the disc ‖w‖ ≤ 1, the start (−0.9, −0.3), step 0.15 (below
1/β = 0.2) for 40 steps, and plain gradient descent beside it, which leaves the disc. The constrained minimum is the root of the secular
equation ‖(A + μI)⁻¹b‖ = 1, found by bisection below."""
import numpy as np

from gdanim import Run, Scene, Timing, constraints, optimizers, problems, views

A, b = np.array([[1.0, 0.0], [0.0, 5.0]]), np.array([2.0, 5.0])
lo, hi = 0.0, 100.0
for _ in range(100):              # μ ≥ 0 with ‖(A + μI)⁻¹b‖ = 1: the multiplier of the disc
    mu = (lo + hi) / 2
    lo, hi = (mu, hi) if np.linalg.norm(np.linalg.solve(A + mu * np.eye(2), b)) > 1 else (lo, mu)
solution = tuple(np.linalg.solve(A + mu * np.eye(2), b).tolist())

bowl = problems.Quadratic(A=tuple(map(tuple, A)), b=tuple(b), c=7.5)
problem = problems.Constrained(bowl, constraints.Ball(1.0), minimum=solution)
start = (-0.9, -0.3)

scene = Scene(
    title="Projected gradient descent on the unit disc",
    description="Each gradient step is projected back onto the disc; the iterates slide round the circle to the "
                "point where the gradient is normal to it, while plain GD heads for (2, 1) outside.",
    source="Bubeck, Convex Optimization: Algorithms and Complexity (2015, arXiv:1405.4980), §3.1, Figure 3.2 "
           "('Illustration of the projected subgradient descent method'), and §3.2, Theorem 3.7",
    problem=problem,
    runs=[Run("projected GD, lr 0.15", optimizers.projected_gd(0.15), start=start, steps=40),
          Run("GD, lr 0.15 (unconstrained)", optimizers.gd(0.15), start=start, steps=40)],
    views=[views.Contours(xlim=(-1.6, 2.4), ylim=(-1.3, 1.5), levels=14),
           views.Surface3D(xlim=(-1.6, 2.4), ylim=(-1.3, 1.5), zlim=(0, 16), npts=40, elev=40, azim=-70)],
    size="wide",
    timing=Timing(fps=8),
)
