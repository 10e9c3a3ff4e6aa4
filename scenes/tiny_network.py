"""A tiny network learns a wave: one hidden layer of three tanh units, f(x) = v·tanh(wx + b) + c,
fitted by Adam to 40 noisy samples of sin(1.5x) on [−3, 3] (its ten parameters one vector, its
gradient exact by backpropagation). Left, the fit bends into the wave (every 50th iterate faded);
middle, the loss on the plane of the path's first two principal directions through its last
iterate, the path projected onto it (Li et al. 2018, §6); right, the loss per iteration. Chosen
here, where the sources are silent on a figure this small: the data (seed 0, noise 0.1), three
units, the start (Glorot-scaled, seed 0), Adam with α = 0.05 for 600 iterations."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, views

net = problems.TinyNetwork(data.Wave(n=40, frequency=1.5, noise=0.1, seed=0), hidden=3)

scene = Scene(
    title="A three-unit network learns a wave",
    description="Adam takes the network from its random start to the wave in about two hundred steps; on the plane of its path's principal directions the path curves down into the valley it ends in.",
    source="Li, Xu, Taylor, Studer & Goldstein, Visualizing the Loss Landscape of Neural Nets (NeurIPS 2018), §6 (PCA directions of the path)",
    problem=net,
    runs=[Run("Adam", optimizers.adam(0.05), start=net.initial(0), steps=600)],
    views=[views.ModelFit(trail=50, ylim=(-2.1, 1.4)), views.Contours(slice=views.Slice("pca"), log_levels=True, mark_every=10),
           views.LossCurve(log=True)],
    timing=Timing(fps=15, every=10),
)
