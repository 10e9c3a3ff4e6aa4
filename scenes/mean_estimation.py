"""The workshop "Introduction to Gradient Descent": 1000 points from N(2, 0.3) (seed 42), plotted
as a strip at random heights (the stream's next draws), with candidate means 1.5 and 2.5 (black,
dashed) and 2 (red), as its ``plot_grid`` draws them; and ``mse(X, m)`` against m over
``np.linspace(1, 3, 40)``, lowest at the sample mean."""
from gdanim import Pin, Scene, data, problems, views

problem = problems.MeanEstimation(data.NormalSample(n=1000, loc=2, scale=0.3, seed=42))

scene = Scene(
    title="Estimating a mean: the squared error of each candidate",
    description="Slide a candidate mean across the data: the mean squared error is a bowl, lowest at the mean.",
    source="Introduction to Gradient Descent (workshop), the mse(X, m) cells",
    problem=problem,
    pins=[Pin("m = 1.5", 1.5, color="black"), Pin("m = 2", 2.0, color="red"), Pin("m = 2.5", 2.5, color="black")],
    views=[
        views.ModelFit(reference=False, title="The data and three candidate means"),
        views.Curve1D(xlim=(1, 3), title="MSE of each candidate mean m"),
    ],
)
