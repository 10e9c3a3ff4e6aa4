"""ML1 notebook, "How do we find the best w and b?": fitting y = wx + b to y = 2x + 1 + noise
(20 points) from w = b = 0 with lr 0.05, stepping to the notebook's 2035 steps, the current fit
beside the loss history (In[279], In[316]). The notebook never seeds its noise, so its printed
w = 2.1148, b = 0.7341, loss 0.3750 are its own draw's; this is seed 0's."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

problem = problems.LinearRegression(
    data.NoisyLine(n=20, slope=2, intercept=1, noise=0.8, seed=0),
    gradient="half",            # the notebook's grad_wrt_w = mean((ŷ − y)·x), without the 2
    param_names=("b", "w"),
)

scene = Scene(
    title="Fitting a line by gradient descent, lr 0.05, 2035 steps",
    description="The line swings into place over the data while the loss falls; dashed: the least-squares line.",
    source="ML1: Minimizing Loss with Gradient Descent, In[279] and In[316]",
    problem=problem,
    runs=[Run("GD, lr 0.05", optimizers.gd(0.05), start=(0, 0), steps=2035)],
    views=[views.ModelFit(), views.LossCurve(xlog=True)],      # 2035 steps: the fall is in the first 100
    timing=Timing(fps=15, every=25),
)
