"""Newton's method against gradient descent on Rosenbrock's function from (−1.2, 1), the classic
start of Nocedal & Wright (§2.2, Exercise 2.1; Figure 3.x's tests): pure Newton (step 1), damped
Newton (backtracking along Newton's direction, Boyd & Vandenberghe Algorithm 9.5) and gradient
descent with backtracking, on f − p* with the iterations counted logarithmically. Chosen here:
α = 0.1, β = 0.7 for both line searches, 1000 iterations (gradient descent still crawls)."""
from gdanim import Run, Scene, Timing, optimizers, problems, views

problem = problems.Rosenbrock()
start = (-1.2, 1.0)

scene = Scene(
    title="Newton, damped Newton and gradient descent on Rosenbrock",
    description="Pure Newton lands in 7 steps after one wild one; damped Newton takes 22; gradient descent leaps across the valley at step 15, then creeps: f − p* is still 1e-6 after a thousand.",
    source="Nocedal & Wright, Numerical Optimization, §2.2 (Rosenbrock from (-1.2, 1)); Boyd & Vandenberghe Algorithm 9.5",
    problem=problem,
    runs=[Run("Newton", optimizers.newton(1.0), start=start, steps=1000),
          Run("damped Newton", optimizers.backtracking(alpha=0.1, beta=0.7, direction="newton"), start=start, steps=1000),
          Run("GD, backtracking", optimizers.backtracking(alpha=0.1, beta=0.7), start=start, steps=1000)],
    views=[views.Contours(xlim=(-2, 2), ylim=(-1, 3), levels=18, log_levels=True),
           views.LossCurve(minus="p*", log=True, xlog=True)],
    timing=Timing(fps=15, every=20),
)
