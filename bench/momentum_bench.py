"""The benchmark's reference figure: the momentum race, two panels, at gdanim's default size (16:9,
1280×720 px at 100 dpi), 100 frames, 20 fps."""
import os

from gdanim import Run, Scene, Timing, optimizers, problems, views

STEPS = int(os.environ.get("GDANIM_BENCH_STEPS", "99"))     # frames = steps + 1

scene = Scene(
    title="Momentum on the ill-conditioned bowl",
    problem=problems.ill_conditioned,
    runs=[
        Run("GD, lr 0.9", optimizers.gd(0.9), start=(-4, -2), steps=STEPS),
        Run("momentum 0.3, lr 0.9", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=STEPS),
    ],
    views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=(0.5, 1, 2, 3, 4, 6, 8, 10, 13, 16, 20)),
           views.LossCurve(log=True)],
    timing=Timing(fps=20, hold_first=0, hold_last=0),
)
