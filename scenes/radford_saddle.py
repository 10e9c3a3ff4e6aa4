"""Alec Radford's race on a saddle, x² − y², from a start just off the ridge: SGD, momentum and NAG
follow the gradient, which at first points almost straight to the saddle point, and are slow to
leave it; Adagrad, Adadelta and RMSprop divide each coordinate by its own gradient scale and turn
down the y direction at once. Chosen here, as the animation gives no numbers: the start
(1, 0.001), 60 steps, the rates (SGD 0.05, momentum and NAG 0.02 with 0.9, Adagrad 0.2, Adadelta 1
with ρ 0.9 and ε 1e-3, RMSprop 0.02) and the window of ±1.5."""
from gdanim import Run, Scene, Timing, optimizers, problems, views

start = (1.0, 0.001)
steps = 60

scene = Scene(
    title="SGD, momentum, NAG, Adagrad, Adadelta and RMSprop at a saddle point",
    description="The adaptive methods escape down the y direction at once; SGD, momentum and NAG linger near the "
                "saddle before the tiny y grows.",
    source="Ruder, An overview of gradient descent optimization algorithms (2016, arXiv:1609.04747), "
           "'Visualization of algorithms', Figure 4(b): 'SGD optimization on saddle point' (source and full animations: Alec Radford)",
    problem=problems.Saddle(),
    runs=[Run("SGD", optimizers.gd(0.05), start=start, steps=steps),
          Run("momentum", optimizers.momentum(0.02, beta=0.9), start=start, steps=steps),
          Run("NAG", optimizers.nesterov(0.02, beta=0.9), start=start, steps=steps),
          Run("Adagrad", optimizers.adagrad(0.2), start=start, steps=steps),
          Run("Adadelta", optimizers.adadelta(1.0, rho=0.9, eps=1e-3), start=start, steps=steps),
          Run("RMSprop", optimizers.rmsprop(0.02), start=start, steps=steps)],
    views=[views.Contours(xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), levels=16, markers=False),
           views.Surface3D(xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), npts=40, elev=30, azim=-60)],
    size="wide",
    timing=Timing(fps=10, every=2),
)
