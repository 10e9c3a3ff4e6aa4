"""Optimizers as in optax: a transform is a pair of pure functions
``init(params) -> state`` and ``update(grads, state, params, **extra) -> (updates, state)``;
the familiar optimizers are ``chain``s of small transforms; states are NamedTuples.

The runner applies ``params + updates``. Like optax's extra-args transforms, every ``update``
is also handed, by keyword, the problem as functions of a point: ``value_fn(w)``,
``grad_fn(w)`` and ``hessian_fn(w)``, all three on this step's minibatch in a minibatch run
(so a line search's values and slopes are of the same batch), on all the data otherwise. A transform takes what it
needs and ignores the rest (``**extra``): Newton asks for the Hessian, Nesterov for the gradient
at its look-ahead point. Nothing in the runner knows about either.

>>> tx = momentum(0.9, beta=0.3).transform()
>>> import numpy as np
>>> state = tx.init(np.zeros(2))
>>> u, state = tx.update(np.array([1.0, 2.0]), state, np.zeros(2))
>>> u.tolist()
[-0.9, -1.8]

Your own optimizer: write a transform and chain it with built-in ones. Sign descent, say:

>>> def scale_by_sign():
...     def init(params):
...         return EmptyState()
...     def update(updates, state, params, **extra):
...         return np.sign(updates), state
...     return Transform(init, update)
>>> sign_gd = optimizer("sign GD", 0.1, lambda lr: chain(scale_by_sign(), scale_by_learning_rate(lr)))
>>> tx = sign_gd.transform()
>>> tx.update(np.array([3.0, -0.5]), tx.init(np.zeros(2)), np.zeros(2))[0].tolist()
[-0.1, 0.1]
"""
from __future__ import annotations

from typing import Any

import numpy as np

from gdanim.declare import checks
from gdanim.declare.transforms import (  # noqa: F401  (the public names of gdanim.optimizers)
    AdamState, CountState, EmptyState, MeanSquaresState, NesterovState, Optimizer, SumSquaresState, Transform,
    UndefinedStep, VelocityState, chain, hyper_text, lookahead_momentum, optimizer, returned, scale_by_adam,
    scale_by_learning_rate, scale_by_newton, scale_by_rms, scale_by_rss, trace, whose, with_extra_args)
from gdanim.declare.zoo import (  # noqa: F401
    ZOO, AdadeltaState, AmsgradState, BufferState, CenteredState, LionState, NadamState, PolyakState, adadelta, adamax, adamw,
    add_decayed_weights, amsgrad, clip, clip_by_global_norm, clipped, heavy_ball, l2_decayed, lion, nadam, polyak,
    scale, scale_by_adadelta, scale_by_adamax, scale_by_amsgrad, scale_by_centered_rms, scale_by_lion, scale_by_nadam,
    scale_by_polyak, scale_by_torch_nadam,
    torch_momentum)
from gdanim.declare.line_search import (  # noqa: F401
    LineSearchState, backtracking, exact_line_search, scale_by_backtracking, scale_by_exact_line_search)
from gdanim.declare.levenberg import LevenbergState, regularized_newton, scale_by_levenberg  # noqa: F401
from gdanim.declare.proximal import (  # noqa: F401
    PROXIMAL, FistaState, fista, fista_step, ista, project, projected, projected_gd, proximal)
from gdanim.declare.quasi_newton import (  # noqa: F401
    BFGSState, LBFGSState, LinearCGState, NonlinearCGState, bfgs, bfgs_direction, lbfgs, lbfgs_direction, linear_cg,
    linear_cg_step, nonlinear_cg, nonlinear_cg_direction, two_loop)


def gd(lr) -> Optimizer:
    """Plain gradient descent: w ← w − αₜ∇L(w)."""
    return optimizer("GD", lr, scale_by_learning_rate)


def momentum(lr, beta: float = 0.9) -> Optimizer:
    """CS 189's momentum: v ← βv − α∇L(w); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return optimizer("momentum", lr, lambda s, beta: chain(scale_by_learning_rate(s), trace(beta)), beta=beta)


def momentum_variant(lr, eta: float = 0.9) -> Optimizer:
    """"Gradient descent in depth"'s ``gd_step_momentum``: v ← ηv − α∇L; w ← w − α∇L + η·v."""
    eta = checks.fraction(eta, "momentum eta")
    return optimizer("momentum (η)", lr, lambda s, eta: chain(scale_by_learning_rate(s), trace(eta, nesterov=True)),
                     eta=eta)


def nesterov(lr, beta: float = 0.9) -> Optimizer:
    """Nesterov momentum (Sutskever et al. 2013): v ← βv − α∇L(w + βv); w ← w + v."""
    beta = checks.fraction(beta, "momentum beta")
    return optimizer("Nesterov", lr, lambda s, beta: lookahead_momentum(s, beta), beta=beta)


def adagrad(lr, eps: float = 1e-8, initial_accumulator: float = 0.0) -> Optimizer:
    """AdaGrad (Duchi et al. 2011): G ← G + g², G₀ = ``initial_accumulator``; w ← w − α g / (√G + ε)
    (torch.optim.Adagrad's rule; its ``lr_decay`` d is the learning rate ``lambda k: lr / (1 + k*d)``)."""
    eps = checks.positive_number(eps, "eps")
    initial_accumulator = checks.positive_number(initial_accumulator, "initial_accumulator", allow_zero=True)
    extra = dict(initial_accumulator=initial_accumulator) if initial_accumulator else {}   # said where set
    return optimizer("AdaGrad", lr, lambda s, eps, initial_accumulator=0.0: chain(
        scale_by_rss(eps, initial_accumulator), scale_by_learning_rate(s)), eps=eps, **extra)


def rmsprop(lr, decay: float = 0.9, eps: float = 1e-8, centered: bool = False, momentum: float = 0.0,
            eps_in_sqrt: bool = False) -> Optimizer:
    """RMSProp (Hinton's lecture 6e): s ← ρs + (1 − ρ)g²; w ← w − α g / (√s + ε). ``centered`` (Graves
    2013, torch's and optax's ``centered=True``): m ← ρm + (1 − ρ)g and √(s − m²) in place of √s.
    ``momentum`` μ > 0 (torch's, optax's): b ← μb + g/(√s + ε); w ← w − αb. ``eps_in_sqrt``: ε inside
    the root, g/√(s + ε) (optax's default; torch's and this one's is outside)."""
    decay = checks.fraction(decay, "RMSProp decay")
    eps = checks.positive_number(eps, "eps")
    checks.instance(centered, "centered", bool, "True or False")
    checks.instance(eps_in_sqrt, "eps_in_sqrt", bool, "True or False")
    momentum = checks.fraction(momentum, "RMSProp momentum")
    extra = {k: v for k, v in (("centered", centered), ("momentum", momentum), ("eps_in_sqrt", eps_in_sqrt))
             if v}                                                                       # said where set
    return optimizer("RMSProp", lr, lambda s, decay, eps, centered=False, momentum=0.0, eps_in_sqrt=False: chain(
        (scale_by_centered_rms if centered else scale_by_rms)(decay, eps, eps_in_sqrt),
        *([trace(momentum)] if momentum else []), scale_by_learning_rate(s)), decay=decay, eps=eps, **extra)


def adam(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adam (Kingma & Ba 2015) with bias-corrected moments."""
    b1 = checks.fraction(b1, "Adam b1")
    b2 = checks.fraction(b2, "Adam b2")
    eps = checks.positive_number(eps, "eps")
    return optimizer("Adam", lr, lambda s, b1, b2, eps: chain(scale_by_adam(b1, b2, eps), scale_by_learning_rate(s)),
                     b1=b1, b2=b2, eps=eps)


def newton(lr=1.0) -> Optimizer:
    """Newton's method, damped by α: w ← w − α H(w)⁻¹∇L(w)."""
    return optimizer("Newton", lr, lambda s: chain(scale_by_newton(), scale_by_learning_rate(s)))


OPTIMIZERS = {f.__name__: f for f in (gd, momentum, momentum_variant, nesterov, adagrad, rmsprop, adam, newton, *ZOO, *PROXIMAL, regularized_newton, backtracking, exact_line_search, linear_cg,
                                      nonlinear_cg, bfgs, lbfgs)}


def __getattr__(name: str) -> Any:
    # A misspelt optimizer in a scene (``optimizers.adma``) gets a suggestion, not a bare AttributeError.
    if name.startswith("__"):
        raise AttributeError(name)
    from gdanim.core.errors import UnknownName
    raise UnknownName(f"unknown optimizer {name!r}{checks.suggest(name, OPTIMIZERS)}")


def fields(state, shape, path=()):
    """(path, field name) of every NamedTuple field shaped like the parameters, depth first;
    a path is the chain positions that lead to the NamedTuple."""
    if hasattr(state, "_fields"):
        for name in state._fields:
            v = getattr(state, name)
            if isinstance(v, np.ndarray) and v.shape == shape:
                yield path, name
    elif isinstance(state, tuple):
        for i, s in enumerate(state):
            yield from fields(s, shape, path + (i,))


def state_keys(state, shape) -> dict:
    """(path, name) → the name a recorded state field is known by: its own where unique, else
    prefixed with its place in the chain (``0.velocity``)."""
    found = list(fields(state, shape))
    names = [name for _, name in found]
    return {(path, name): name if names.count(name) == 1 else ".".join([*map(str, path), name])
            for path, name in found}


def records_step_size(optimizer: "Optimizer", dim: int) -> bool:
    """Does the optimizer choose a step length of its own (a state field ``step_size``: a line search's
    accepted t, Polyak's γ, L-BFGS's step), which the runner records as the step's ``Trajectory.lr``?

    >>> records_step_size(backtracking(), 2), records_step_size(gd(0.1), 2)
    (True, False)
    """
    def walk(state):
        yield state
        if isinstance(state, tuple):
            for part in state:
                yield from walk(part)
    return any("step_size" in getattr(s, "_fields", ()) for s in walk(optimizer.transform().init(np.zeros(dim))))


def recorded_state(optimizer: "Optimizer", dim: int) -> tuple[str, ...]:
    """The optimizer-state fields a run records in ``Trajectory.extras`` (``velocity`` for momentum).

    >>> recorded_state(momentum(0.1, beta=0.9), 2), recorded_state(gd(0.1), 2)
    (('velocity',), ())
    """
    w = np.zeros(dim)
    return tuple(state_keys(optimizer.transform().init(w), w.shape).values())
