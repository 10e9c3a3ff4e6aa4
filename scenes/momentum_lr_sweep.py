"""CS 189, Lecture 12: momentum 0.3 on the ill-conditioned bowl, learning rate swept.

The lecture compares one rate; here are ten, from crawling to diverging. Every frame shows
all ten paths; the explorer (``--format html``) shows one at a time with a slider."""
from gdanim import Run, Scene, Sweep, optimizers, problems, stopping, views

# In[63]'s contours: from 0 to 20 by 0.5 (plotly's start/end/size), the lines labelled every 2
IN63 = dict(levels=[k / 2 for k in range(1, 41)], line_levels=[2 * k for k in range(1, 11)])

scene = Scene(
    title="Momentum 0.3: which learning rate?",
    description="Small rates crawl towards the minimum, rates near 1 arrive fastest; at 1.3 the zig-zag in w2 stops shrinking, and past it, it grows until the run diverges.",
    source='CS 189, Lecture 12, "Gradient Descent with Momentum", In[68], its learning rate swept',
    problem=problems.ill_conditioned,
    sweep=Sweep(Run("momentum 0.3", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=50,
                    until=stopping.change_below(1e-6)),
                over="lr", values=(0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.6, 1.8, 2.0)),
    views=[
        views.Contours(xlim=(-5, 5), ylim=(-5, 5), **IN63),
        views.LossCurve(log=True),
        views.SweepSummary(),
    ],
)
