"""gdanim's optimizers step for step against torch.optim itself (torch 2.13.0, CPU, float64; the
``test`` extra installs it), on three problems, to 1e-12: torch steps a float64 tensor whose
gradient is the problem's own numpy gradient, so the two differ only in the update rule."""
import numpy as np
import pytest

from gdanim import Run, data, optimizers as O, problems as P
from gdanim.compute.runner import run

PROBLEMS = {
    "ill-conditioned": (P.ill_conditioned, (-4.0, -2.0)),
    "rosenbrock": (P.Rosenbrock(), (-1.2, 1.0)),
    "beale": (P.Beale(), (1.0, 1.4)),
    "sine": (P.SineRegression(data.Sine()), (2.2, 2.2)),
}
STEPS = 40         # (Nesterov on Rosenbrock doubles a one-ulp difference every 1.5 steps: 60 would show 1e-10)


@pytest.fixture(scope="module")
def torch():
    """torch, imported by the tests that use it, not by every collection of the suite (1.4 s each)."""
    torch = pytest.importorskip("torch")
    torch.set_default_dtype(torch.float64)      # the optimizers' scalar state (NAdam's μ product) in float64 too
    return torch


# (gdanim's optimizer, the name of torch's optimizer class in torch.optim and its keyword arguments): the same rule
PAIRS = {
    "SGD": (O.gd(0.002), "SGD", dict(lr=0.002)),
    "SGD momentum": (O.heavy_ball(0.002, momentum=0.9), "SGD", dict(lr=0.002, momentum=0.9)),
    "SGD dampening": (O.heavy_ball(0.002, momentum=0.8, dampening=0.3), "SGD",
                      dict(lr=0.002, momentum=0.8, dampening=0.3)),
    "SGD nesterov": (O.heavy_ball(0.002, momentum=0.9, nesterov=True), "SGD",
                     dict(lr=0.002, momentum=0.9, nesterov=True)),
    "SGD weight decay": (O.heavy_ball(0.002, momentum=0.5, weight_decay=0.1), "SGD",
                         dict(lr=0.002, momentum=0.5, weight_decay=0.1)),
    "momentum (CS 189)": (O.momentum(0.002, beta=0.9), "SGD", dict(lr=0.002, momentum=0.9)),
    "Adam": (O.adam(0.05), "Adam", dict(lr=0.05)),
    "Adam L2": (O.l2_decayed(O.adam(0.05), 0.01), "Adam", dict(lr=0.05, weight_decay=0.01)),
    "AdamW": (O.adamw(0.05, weight_decay=0.01), "AdamW", dict(lr=0.05, weight_decay=0.01)),
    "AMSGrad": (O.amsgrad(0.05, form="torch"), "Adam", dict(lr=0.05, amsgrad=True)),
    "NAdam": (O.nadam(0.05, momentum_decay=4e-3), "NAdam", dict(lr=0.05)),
    "NAdam ψ=0.01, L2": (O.l2_decayed(O.nadam(0.05, b1=0.8, momentum_decay=0.01), 0.02), "NAdam",
                         dict(lr=0.05, betas=(0.8, 0.999), momentum_decay=0.01, weight_decay=0.02)),
    "Adamax": (O.adamax(0.05), "Adamax", dict(lr=0.05)),
    "Adagrad": (O.adagrad(0.3, eps=1e-10), "Adagrad", dict(lr=0.3)),
    "Adagrad lr_decay, accumulator": (O.adagrad(lambda k: 0.3 / (1 + k * 0.05), eps=1e-10, initial_accumulator=0.1),
                                      "Adagrad", dict(lr=0.3, lr_decay=0.05, initial_accumulator_value=0.1)),
    "Adadelta": (O.adadelta(1.0), "Adadelta", dict(lr=1.0)),
    "Adadelta weight decay": (O.adadelta(0.5, rho=0.95, eps=1e-5, weight_decay=0.1), "Adadelta",
                              dict(lr=0.5, rho=0.95, eps=1e-5, weight_decay=0.1)),
    "RMSprop": (O.rmsprop(0.01, decay=0.99), "RMSprop", dict(lr=0.01)),
    "RMSprop centered": (O.rmsprop(0.01, decay=0.99, centered=True), "RMSprop", dict(lr=0.01, centered=True)),
    "RMSprop momentum": (O.rmsprop(0.001, decay=0.9, momentum=0.8, eps=1e-6), "RMSprop",
                         dict(lr=0.001, alpha=0.9, momentum=0.8, eps=1e-6)),
    "RMSprop centered momentum L2": (O.l2_decayed(O.rmsprop(0.001, centered=True, momentum=0.5), 0.1), "RMSprop",
                                     dict(lr=0.001, alpha=0.9, eps=1e-8, centered=True, momentum=0.5,
                                          weight_decay=0.1)),
}


def torch_path(torch, problem, start, cls, kwargs, steps=STEPS):
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([w], foreach=False, **kwargs)
    path = [w.detach().numpy().copy()]
    for _ in range(steps):
        w.grad = torch.from_numpy(np.asarray(problem.grad(w.detach().numpy()), dtype=np.float64))
        opt.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("pair", PAIRS)
def test_step_for_step_with_torch_optim(pair, problem_name, torch):
    problem, start = PROBLEMS[problem_name]
    ours, cls, kwargs = PAIRS[pair]
    t = run(problem, Run(pair, ours, start=start, steps=STEPS))
    ref = torch_path(torch, problem, start, cls, kwargs)
    assert t.stop == "budget"
    assert np.abs(ref - ref[0]).max() > 1e-3                   # the runs go somewhere
    assert np.allclose(t.params, ref, atol=1e-12, rtol=1e-12), np.abs(t.params - ref).max()


@pytest.mark.parametrize("ours, cls, kwargs", [
    (O.nadam(0.05), "NAdam", dict(lr=0.05)),                           # optax's NAdam: no momentum schedule
    (O.amsgrad(0.05), "Adam", dict(lr=0.05, amsgrad=True)),            # optax's AMSGrad: the max after correction
    (O.rmsprop(0.01), "RMSprop", dict(lr=0.01)),                       # gdanim's decay 0.9, torch's alpha 0.99
], ids=["nadam", "amsgrad", "rmsprop"])
def test_the_defaults_that_differ_from_torch_do_differ(ours, cls, kwargs, torch):
    """What docs/reference/optimizers.md says is another rule is one: the knob is needed."""
    problem, start = PROBLEMS["rosenbrock"]
    t = run(problem, Run("x", ours, start=start, steps=STEPS))
    assert np.abs(t.params - torch_path(torch, problem, start, cls, kwargs)).max() > 1e-6
