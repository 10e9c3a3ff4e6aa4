"""A panel's legend= (issue 29): none, beside the panel, in columns, or each curve named where it
ends. Three runs on the ill-conditioned bowl, the same loss curves drawn four ways."""
from gdanim import Run, Scene, optimizers, problems, views

scene = Scene(
    title="legend=: False, \"outside\", 2 and \"end\"",
    description="The same three loss curves: with no legend, the legend beside the panel, in two columns, and each run named at the end of its curve.",
    source="none of the five lectures: gdanim's LossCurve(legend=...) choices on CS 189 Lecture 12's ill-conditioned bowl",
    problem=problems.ill_conditioned,
    runs=[
        Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=40),
        Run("momentum", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=40),
        Run("Nesterov", optimizers.nesterov(0.5, beta=0.3), start=(-4, -2), steps=40),
    ],
    views=[
        views.LossCurve(log=True, legend=False, title="legend=False"),
        views.LossCurve(log=True, legend="outside", title='legend="outside"'),
        views.LossCurve(log=True, legend=2, title="legend=2"),
        views.LossCurve(log=True, legend="end", title='legend="end"'),
    ],
    layout=(2, 2),
)
