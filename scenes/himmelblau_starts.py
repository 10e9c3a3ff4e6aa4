"""Multi-start on Himmelblau's function: four starts, one in each corner of the window, and BFGS
with a strong Wolfe line search (Nocedal & Wright Algorithms 6.1, 3.5) from each. BFGS's first
steps are long: (+4, +4) crosses the plane to the minimum (−4, −4) also reaches, (−4, +4) and
(+4, −4) end in the other two of the right half, and the minimum near (−2.8, 3.1) (starred, as
all four) is found by none. Chosen here: the starts (±4, ±4), 30 iterations."""
from gdanim import Run, Scene, optimizers, problems, views

scene = Scene(
    title="Four starts, three minima: BFGS on Himmelblau's function",
    description="Start (+4, +4) crosses the plane to the minimum (−4, −4) reaches too, and one minimum is found by none: which one a descent finds is hard to foresee.",
    source="Himmelblau, Applied Nonlinear Programming (1972); BFGS as Nocedal & Wright, Algorithm 6.1",
    problem=problems.Himmelblau(),
    runs=[Run(f"start ({x:+d}, {y:+d})", optimizers.bfgs(), start=(x, y), steps=30)
          for x, y in ((4, 4), (-4, 4), (-4, -4), (4, -4))],
    views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=20, log_levels=True), views.LossCurve(log=True)],
)
