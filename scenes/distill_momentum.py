"""Goh, "Why Momentum Really Works", Distill (2017): momentum on a convex quadratic, its step size
α and momentum β swept together, the convergence rate of every pair as a heat map (the article's
figure of the rate over α × β, and its first figure's path for the pair its sliders choose).
Chosen here where the article is silent or interactive: f(w) = wᵀHw with H's eigenvalues 0.01
and 1 (condition number 100, so ∇²f has 0.02 and 2), axes turned 30°; start (−2.7, −1.2), far along the shallow axis and a little off it, as the
article's first figure starts in its long valley; 60 steps;
α from 0.15 to 1.8 in 12 steps and β from 0 to 0.871 in 14, so that the grid holds the article's
optimum, α* = (2/(√0.02 + √2))² ≈ 1.65 and β* = ((√100 − 1)/(√100 + 1))² ≈ 0.67: the chosen pair.
The rate drawn is the average over the 60 steps, ((f_T − p*)/(f_0 − p*))^(1/T), not the article's
asymptotic one (β* = 0.67 there): 0.73 at the optimum, the grid's best; 0.95 at best without
momentum (β = 0)."""
from gdanim import Run, Scene, Sweep, Timing, optimizers, problems, views

ALPHAS = tuple(round(0.15 * k, 2) for k in range(1, 13))            # 0.15 … 1.8
BETAS = tuple(round(0.067 * k, 3) for k in range(14))              # 0 … 0.871

scene = Scene(
    title="Momentum on a quadratic: step size α × momentum β",
    description="The rate is best at α = 1.65, β = 0.67, the article's optimum (0.73 a step); without momentum the "
                "best step size gives 0.95, and past α = 1 + β the runs do not converge.",
    source='Goh, "Why Momentum Really Works", Distill (2017), the figure of the convergence rate over α and β',
    problem=problems.conditioned_quadratic(100.0, angle=30.0),
    sweep=Sweep(Run("momentum", optimizers.momentum(1.65, beta=0.67), start=(-2.7, -1.2), steps=60),
                over=("lr", "momentum"), values=(ALPHAS, BETAS), chosen=(1.65, 0.67)),
    views=[views.Contours(xlim=(-3.2, 3.2), ylim=(-3.2, 3.2), levels=14, log_levels=True),
           views.Heatmap(metric="rate", log_x=False),
           views.LossCurve(minus="p*", log=True)],
    timing=Timing(every=3),
)
