"""Linear warm-up then cosine decay, on noisy minibatch SGD: the learning rate climbs from 0 to 0.1
over the first 20 steps, then follows half a cosine to 0 at step 200; the loss falls once the rate
is up and its noise dies out as the rate does. Chosen here where the source is silent (it trains
ResNet-50 on ImageNet): linear regression on y = 2 + 6x₁ + 5x₂ + noise (1000 samples, seed 0),
batches of 8 samples, 200 steps from (2, 2, 8), warm-up of 20 steps."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, schedules, views

problem = problems.LinearRegression(data.Linear(n=1000, coef=[6, 5], intercept=2, sigma=1, seed=0), gradient="half")
schedule = schedules.warmup(20, schedules.cosine(0.1, 180))

scene = Scene(
    title="Warm-up + cosine decay on noisy SGD (batches of 8)",
    description="The rate ramps up over 20 steps, then decays along a cosine; the loss's noise shrinks with it.",
    source="He et al., Bag of Tricks for Image Classification with CNNs (CVPR 2019), §3.1 (warm-up) and §5.1 "
           "(cosine decay), Figure 3",
    problem=problem,
    runs=[Run("SGD, warm-up + cosine", optimizers.gd(schedule), start=(2, 2, 8), steps=200, batch_size=8, seed=1)],
    views=[views.LossCurve(log=True), views.Traces(of="lr")],
    timing=Timing(every=4),
)
