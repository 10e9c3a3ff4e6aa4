"""Alec Radford's race of six optimizers on Beale's function, (1.5 − x + xy)² + (2.25 − x + xy²)² +
(2.625 − x + xy³)², minimum 0 at (3, 0.5): SGD, momentum, Nesterov (NAG), Adagrad, Adadelta and
RMSprop from one start. Chosen here, as the animation gives no numbers: the start (1, 1.5), 300 steps,
the rates (SGD 0.01, momentum and NAG 0.005 with 0.9, Adagrad 0.5, Adadelta 1 with ρ 0.95 and ε 1e-6,
RMSprop 0.01) and the window x ∈ [−1, 4.5], y ∈ [−1.5, 2.5]."""
from gdanim import Run, Scene, Timing, optimizers, problems, views

start = (1.0, 1.5)
steps = 300

scene = Scene(
    title="SGD, momentum, NAG, Adagrad, Adadelta and RMSprop on Beale's function",
    description="Momentum and NAG overshoot out of the valley and swing back to (3, 0.5); Adagrad and RMSprop rescale "
                "each coordinate and run down the valley; Adadelta's first steps, about √ε long, barely move.",
    source="Ruder, An overview of gradient descent optimization algorithms (2016, arXiv:1609.04747), "
           "'Visualization of algorithms', Figure 4(a): 'SGD optimization on loss surface contours' (source and full animations: Alec Radford)",
    problem=problems.Beale(),
    runs=[Run("SGD", optimizers.gd(0.01), start=start, steps=steps),
          Run("momentum", optimizers.momentum(0.005, beta=0.9), start=start, steps=steps),
          Run("NAG", optimizers.nesterov(0.005, beta=0.9), start=start, steps=steps),
          Run("Adagrad", optimizers.adagrad(0.5), start=start, steps=steps),
          Run("Adadelta", optimizers.adadelta(1.0, rho=0.95, eps=1e-6), start=start, steps=steps),
          Run("RMSprop", optimizers.rmsprop(0.01), start=start, steps=steps)],
    views=[views.Contours(xlim=(-1.0, 4.5), ylim=(-1.5, 2.5), levels=18, log_levels=True, markers=False)],
    timing=Timing(fps=10, every=6),
)
