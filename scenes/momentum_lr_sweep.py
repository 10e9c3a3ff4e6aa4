"""CS 189, Lecture 12: momentum 0.3 on the ill-conditioned bowl, learning rate swept.

The lecture compares one rate; here are ten, from crawling to diverging. Every frame shows
all ten paths; the explorer (``--format html``) shows one at a time with a slider."""
from gdanim import Run, Scene, Sweep, optimizers, problems, stopping, views

scene = Scene(
    title="Momentum 0.3: which learning rate?",
    description="Small rates crawl towards the minimum, rates near 1 arrive fastest, and past about 1.7 the zig-zag grows until the run diverges.",
    source='CS 189, Lecture 12, "Gradient Descent with Momentum", In[68], its learning rate swept',
    problem=problems.ill_conditioned,
    sweep=Sweep(Run("momentum 0.3", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=50,
                    until=stopping.change_below(1e-6)),
                over="lr", values=(0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.6, 1.8, 2.0)),
    views=[
        views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=(0.5, 1, 2, 3, 4, 6, 8, 10, 13, 16, 20)),
        views.LossCurve(log=True),
        views.SweepSummary(),
    ],
)
