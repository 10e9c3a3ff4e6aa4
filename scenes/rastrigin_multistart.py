"""Multi-start on Rastrigin's function (Rastrigin 1974; Törn & Žilinskas, Global Optimization,
1989, on multi-start): eight starts drawn uniformly from [−3, 3]² and gradient descent from each,
over the basins of attraction of every start of a 60 × 60 grid. Each run stops in the local
minimum whose basin it starts in (one near every integer point); only a start within about half
a unit of the origin finds the global minimum 0. Chosen here, as no single source fixes them: the
starts (numpy's RandomState(0), rounded to 0.1), GD with α = 0.002 (below 2/L, L = 2 + 40π² ≈ 397,
the largest curvature), 150 steps, and the basins coloured by the loss each grid start reaches."""
import numpy as np

from gdanim import Run, Scene, optimizers, problems, views

STARTS = [tuple(float(v) for v in np.round(p, 1)) for p in np.random.RandomState(0).uniform(-3, 3, (8, 2))]

scene = Scene(
    title="Rastrigin: eight starts, none at the global minimum",
    description="Every start ends in the local minimum of the basin it starts in (seven of them); none reaches the "
                "global minimum at the origin, whose basin is the dark square outlined in the middle.",
    source="Rastrigin (1974); multi-start as in Törn & Žilinskas, Global Optimization (1989)",
    problem=problems.Rastrigin(),
    runs=[Run(f"start ({x:g}, {y:g})", optimizers.gd(0.002), start=(x, y), steps=150) for x, y in STARTS],
    views=[views.Basins(xlim=(-3.2, 3.2), ylim=(-3.2, 3.2), grid=60, color_by="loss", levels=8, labels=False),
           views.LossCurve(log=True)],
)
