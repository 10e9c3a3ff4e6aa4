"""The blog post, "Linear regression" (In[6], In[7]): scikit-learn's make_regression with
n_samples=100, n_features=1, n_informative=1, noise=10, random_state=2015 (transcribed in
gdanim.data, checked against scikit-learn in the tests), with its least-squares line: intercept
1.49 and slope 63.42, as the blog prints."""
from gdanim import Scene, data, problems, views

problem = problems.LinearRegression(
    data.MakeRegression(n_samples=100, n_features=1, n_informative=1, noise=10, random_state=2015),
    loss="half_mse", param_names=("intercept", "slope"))

scene = Scene(
    title="Linear regression data, with the least-squares line",
    description="A clear linear relation: the least-squares line has intercept 1.49 and slope 63.42.",
    source="An Introduction to Gradient Descent in Python (blog), In[6] and In[7]",
    problem=problem,
    views=[views.ModelFit(title="Linear regression data")],
    size="4:3",
)
