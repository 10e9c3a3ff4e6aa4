"""More optimizers, as chains of small transforms, each transcribed from optax (``optax/_src/alias.py``,
``transform.py``, ``clipping.py``) or torch (``torch/optim/sgd.py``) and said in its docstring.
``g`` is the gradient (the updates handed in), ``t`` the step (1 for the first), ``α`` the learning
rate; re-exported by gdanim.optimizers."""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.transforms import (AdamState, EmptyState, Optimizer, Transform, chain, optimizer,
                                       scale_by_adam, scale_by_learning_rate)


class AmsgradState(NamedTuple):
    count: int
    mu: np.ndarray
    nu: np.ndarray
    nu_max: np.ndarray


class AdadeltaState(NamedTuple):
    e_g: np.ndarray
    e_x: np.ndarray


class LionState(NamedTuple):
    mu: np.ndarray


class BufferState(NamedTuple):
    count: int
    velocity: np.ndarray


class PolyakState(NamedTuple):
    step_size: float


class CenteredState(NamedTuple):
    mean_square: np.ndarray
    mean_grad: np.ndarray


class NadamState(NamedTuple):
    count: int
    mu_product: float               # ∏ μᵢ of the momentum schedule
    mu: np.ndarray
    nu: np.ndarray


def zeros(params):
    return np.zeros_like(params, dtype=float)


def add_decayed_weights(weight_decay: float) -> Transform:
    """u ← u + λw (optax.add_decayed_weights): before a learning rate, L2 decay coupled with the
    gradient; after an adaptive scaling, AdamW's decoupled decay."""
    weight_decay = checks.positive_number(weight_decay, "weight_decay", allow_zero=True)

    def update(updates, state, params, **extra):
        return updates + weight_decay * params, state

    return Transform(lambda params: EmptyState(), update)


def clip(max_delta: float) -> Transform:
    """u ← clip(u, −max_delta, max_delta), element by element (optax.clip)."""
    max_delta = checks.positive_number(max_delta, "clip value")

    def update(updates, state, params, **extra):
        return np.clip(updates, -max_delta, max_delta), state

    return Transform(lambda params: EmptyState(), update)


def clip_by_global_norm(max_norm: float) -> Transform:
    """u ← u where ‖u‖ < max_norm, else u·max_norm/‖u‖ (optax.clip_by_global_norm; one parameter
    vector, so its global norm is its 2-norm)."""
    max_norm = checks.positive_number(max_norm, "clip norm")

    def update(updates, state, params, **extra):
        norm = float(np.linalg.norm(updates))
        return (updates if norm < max_norm else updates / norm * max_norm), state

    return Transform(lambda params: EmptyState(), update)


def scale_by_nadam(b1: float, b2: float, eps: float) -> Transform:
    """optax's Nesterov Adam (``scale_by_adam(nesterov=True)``): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    m̂ = β₁m/(1−β₁ᵗ⁺¹) + (1−β₁)g/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); u = m̂/(√v̂ + ε)."""

    def init(params):
        return AdamState(0, zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        t = state.count + 1
        mu = b1 * state.mu + (1 - b1) * updates
        nu = b2 * state.nu + (1 - b2) * updates ** 2
        mhat = b1 * mu / (1 - b1 ** (t + 1)) + (1 - b1) * updates / (1 - b1 ** t)
        vhat = nu / (1 - b2 ** t)
        return mhat / (np.sqrt(vhat) + eps), AdamState(t, mu, nu)

    return Transform(init, update)


def scale_by_centered_rms(decay: float, eps: float, eps_in_sqrt: bool = False) -> Transform:
    """Centered RMSProp's scaling (torch.optim.RMSprop(centered=True), optax's scale_by_stddev):
    s ← ρs + (1 − ρ)g², m ← ρm + (1 − ρ)g; u = g/(√(s − m²) + ε) (``eps_in_sqrt``: g/√(s − m² + ε))."""

    def init(params):
        return CenteredState(zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        s = decay * state.mean_square + (1 - decay) * updates ** 2
        m = decay * state.mean_grad + (1 - decay) * updates
        return updates / (np.sqrt(s - m * m + eps) if eps_in_sqrt else np.sqrt(s - m * m) + eps), CenteredState(s, m)

    return Transform(init, update)


def scale_by_torch_nadam(b1: float, b2: float, eps: float, momentum_decay: float) -> Transform:
    """torch.optim.NAdam's scaling (Dozat 2016 with its momentum schedule): μₜ = β₁(1 − ½·0.96^(tψ)),
    Πₜ = μ₁⋯μₜ; m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², d = √(v/(1−β₂ᵗ)) + ε;
    u = ((1 − μₜ)/(1 − Πₜ))·g/d + (μₜ₊₁/(1 − Πₜμₜ₊₁))·m/d (ψ = ``momentum_decay``)."""

    def init(params):
        return NadamState(0, 1.0, zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        t = state.count + 1
        mu_t = b1 * (1.0 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        prod = state.mu_product * mu_t
        m = b1 * state.mu + (1 - b1) * updates
        v = b2 * state.nu + (1 - b2) * updates ** 2
        d = np.sqrt(v / (1 - b2 ** t)) + eps
        u = (1 - mu_t) / (1 - prod) * updates / d + mu_next / (1 - prod * mu_next) * m / d
        return u, NadamState(t, prod, m, v)

    return Transform(init, update)


def scale_by_amsgrad(b1: float, b2: float, eps: float, form: str = "optax") -> Transform:
    """AMSGrad's scaling on Adam's moments m, v. optax's (``scale_by_amsgrad``): v̂max ← max(v̂max, v̂) of the
    bias-corrected v̂ = v/(1−β₂ᵗ); u = m̂/(√v̂max + ε). torch's (``Adam(amsgrad=True)``, ``form="torch"``):
    vmax ← max(vmax, v) of the uncorrected v; u = m̂/(√vmax/√(1−β₂ᵗ) + ε)."""

    def init(params):
        return AmsgradState(0, zeros(params), zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        t = state.count + 1
        mu = b1 * state.mu + (1 - b1) * updates
        nu = b2 * state.nu + (1 - b2) * updates ** 2
        if form == "torch":
            nu_max = np.maximum(state.nu_max, nu)
            denom = np.sqrt(nu_max) / math.sqrt(1 - b2 ** t) + eps
        else:
            nu_max = np.maximum(state.nu_max, nu / (1 - b2 ** t))
            denom = np.sqrt(nu_max) + eps
        return mu / (1 - b1 ** t) / denom, AmsgradState(t, mu, nu, nu_max)

    return Transform(init, update)


def scale_by_adamax(b1: float, b2: float, eps: float) -> Transform:
    """Adamax (Kingma & Ba, §7.1, as optax.scale_by_adamax): m ← β₁m + (1−β₁)g, u_∞ ← max(β₂u_∞, |g| + ε);
    u = (m/(1−β₁ᵗ))/u_∞."""

    def init(params):
        return AdamState(0, zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        t = state.count + 1
        mu = b1 * state.mu + (1 - b1) * updates
        nu = np.maximum(b2 * state.nu, np.abs(updates) + eps)
        return mu / (1 - b1 ** t) / nu, AdamState(t, mu, nu)

    return Transform(init, update)


def scale_by_adadelta(rho: float, eps: float) -> Transform:
    """Adadelta (Zeiler 2012, as optax.scale_by_adadelta and torch.optim.Adadelta): E[g²] ← ρE[g²] + (1−ρ)g²;
    u = √(E[Δ²] + ε)/√(E[g²] + ε)·g; E[Δ²] ← ρE[Δ²] + (1−ρ)u²."""

    def init(params):
        return AdadeltaState(zeros(params), zeros(params))

    def update(updates, state, params, **extra):
        e_g = rho * state.e_g + (1 - rho) * updates ** 2
        u = np.sqrt(state.e_x + eps) / np.sqrt(e_g + eps) * updates
        return u, AdadeltaState(e_g, rho * state.e_x + (1 - rho) * u ** 2)

    return Transform(init, update)


def scale_by_lion(b1: float, b2: float) -> Transform:
    """Lion (Chen et al. 2023, as optax.scale_by_lion): u = sign(β₁m + (1−β₁)g); then m ← β₂m + (1−β₂)g."""

    def init(params):
        return LionState(zeros(params))

    def update(updates, state, params, **extra):
        u = np.sign(b1 * state.mu + (1 - b1) * updates)
        return u, LionState(b2 * state.mu + (1 - b2) * updates)

    return Transform(init, update)


def torch_momentum(momentum: float, dampening: float, nesterov: bool) -> Transform:
    """torch.optim.SGD's momentum buffer: b ← g on the first step, b ← μb + (1 − dampening)g after;
    u = g + μb (nesterov) or b."""

    def init(params):
        return BufferState(0, zeros(params))

    def update(updates, state, params, **extra):
        b = updates.copy() if state.count == 0 else momentum * state.velocity + (1 - dampening) * updates
        return (updates + momentum * b if nesterov else b), BufferState(state.count + 1, b)

    return Transform(init, update)


def scale_by_polyak(f_star: float, max_step: float, eps: float) -> Transform:
    """Polyak's step (as optax.scale_by_polyak): γ = min((f(w) − f*)/(‖g‖² + eps), max_step), 0 where
    ‖g‖² + eps is below machine epsilon; u = γg. γ is kept in the state as ``step_size``."""

    def init(params):
        return PolyakState(math.nan)

    def update(updates, state, params, *, value_fn, **extra):
        sq = float(np.sum(updates ** 2))
        gap = float(value_fn(params)) - f_star
        step = 0.0 if sq + eps <= np.finfo(float).eps else min(gap / (sq + eps), max_step)
        return step * updates, PolyakState(step)

    return Transform(init, update)


def scale(factor: float) -> Transform:
    """u ← factor·u (optax.scale)."""
    return Transform(lambda params: EmptyState(), lambda updates, state, params, **extra: (factor * updates, state))


def adam_checks(b1, b2, eps, name):
    return (checks.fraction(b1, f"{name} b1"), checks.fraction(b2, f"{name} b2"), checks.positive_number(eps, "eps"))


def adamw(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8, weight_decay: float = 1e-4) -> Optimizer:
    """AdamW (Loshchilov & Hutter 2019, as optax.adamw; torch's AdamW is the same rule, its default
    weight_decay 0.01): w ← w − α(m̂/(√v̂ + ε) + λw), the decay decoupled from Adam's scaling."""
    b1, b2, eps = adam_checks(b1, b2, eps, "AdamW")
    weight_decay = checks.positive_number(weight_decay, "weight_decay", allow_zero=True)
    return optimizer("AdamW", lr, lambda s, b1, b2, eps, weight_decay: chain(
        scale_by_adam(b1, b2, eps), add_decayed_weights(weight_decay), scale_by_learning_rate(s)),
        b1=b1, b2=b2, eps=eps, weight_decay=weight_decay)


def nadam(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8, momentum_decay: float | None = None) -> Optimizer:
    """NAdam as optax.nadam (Dozat 2016): w ← w − α m̂/(√v̂ + ε) with the look-ahead
    m̂ = β₁m/(1−β₁ᵗ⁺¹) + (1−β₁)g/(1−β₁ᵗ). With ``momentum_decay`` ψ (torch's default 0.004), torch.optim.NAdam's
    rule instead, its momentum schedule μₜ = β₁(1 − ½·0.96^(tψ)) (see scale_by_torch_nadam)."""
    b1, b2, eps = adam_checks(b1, b2, eps, "NAdam")
    if momentum_decay is None:
        return optimizer("NAdam", lr, lambda s, b1, b2, eps: chain(scale_by_nadam(b1, b2, eps),
                                                                   scale_by_learning_rate(s)), b1=b1, b2=b2, eps=eps)
    momentum_decay = checks.positive_number(momentum_decay, "momentum_decay", allow_zero=True)
    return optimizer("NAdam", lr, lambda s, b1, b2, eps, momentum_decay: chain(
        scale_by_torch_nadam(b1, b2, eps, momentum_decay), scale_by_learning_rate(s)),
        b1=b1, b2=b2, eps=eps, momentum_decay=momentum_decay)


def amsgrad(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8, form: str = "optax") -> Optimizer:
    """AMSGrad (Reddi et al. 2018) in optax's form: w ← w − α m̂/(√v̂max + ε), v̂max the running max
    of the bias-corrected second moment (see scale_by_amsgrad); ``form="torch"``: torch's
    ``Adam(amsgrad=True)``, the max of the uncorrected v, corrected afterwards."""
    b1, b2, eps = adam_checks(b1, b2, eps, "AMSGrad")
    checks.choice(form, "AMSGrad form", ("optax", "torch"))
    extra = dict(form=form) if form != "optax" else {}       # said where set
    return optimizer("AMSGrad", lr, lambda s, b1, b2, eps, form="optax": chain(
        scale_by_amsgrad(b1, b2, eps, form), scale_by_learning_rate(s)),
        b1=b1, b2=b2, eps=eps, **extra)


def adamax(lr, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8) -> Optimizer:
    """Adamax (as optax.adamax and torch.optim.Adamax): w ← w − α(m/(1−β₁ᵗ))/u_∞, u_∞ ← max(β₂u_∞, |g| + ε)."""
    b1, b2, eps = adam_checks(b1, b2, eps, "Adamax")
    return optimizer("Adamax", lr, lambda s, b1, b2, eps: chain(scale_by_adamax(b1, b2, eps), scale_by_learning_rate(s)),
                     b1=b1, b2=b2, eps=eps)


def adadelta(lr=1.0, rho: float = 0.9, eps: float = 1e-6, weight_decay: float = 0.0) -> Optimizer:
    """Adadelta (as optax.adadelta; torch's defaults lr 1, ρ 0.9, ε 1e-6): g ← g + λw;
    E[g²] ← ρE[g²] + (1−ρ)g²; Δ = √(E[Δ²] + ε)/√(E[g²] + ε)·g; E[Δ²] ← ρE[Δ²] + (1−ρ)Δ²; w ← w − αΔ."""
    rho = checks.fraction(rho, "Adadelta rho")
    eps = checks.positive_number(eps, "eps")
    weight_decay = checks.positive_number(weight_decay, "weight_decay", allow_zero=True)
    return optimizer("Adadelta", lr, lambda s, rho, eps, weight_decay: chain(
        add_decayed_weights(weight_decay), scale_by_adadelta(rho, eps), scale_by_learning_rate(s)),
        rho=rho, eps=eps, weight_decay=weight_decay)


def lion(lr, b1: float = 0.9, b2: float = 0.99, weight_decay: float = 1e-3) -> Optimizer:
    """Lion (as optax.lion): w ← w − α(sign(β₁m + (1−β₁)g) + λw); m ← β₂m + (1−β₂)g."""
    b1 = checks.fraction(b1, "Lion b1")
    b2 = checks.fraction(b2, "Lion b2")
    weight_decay = checks.positive_number(weight_decay, "weight_decay", allow_zero=True)
    return optimizer("Lion", lr, lambda s, b1, b2, weight_decay: chain(
        scale_by_lion(b1, b2), add_decayed_weights(weight_decay), scale_by_learning_rate(s)),
        b1=b1, b2=b2, weight_decay=weight_decay)


def heavy_ball(lr, momentum: float = 0.9, dampening: float = 0.0, nesterov: bool = False,
               weight_decay: float = 0.0) -> Optimizer:
    """Heavy ball as torch.optim.SGD: g ← g + λw; b ← g on the first step, else b ← μb + (1 − dampening)g;
    w ← w − α(g + μb) with ``nesterov``, else w ← w − αb. As torch, Nesterov needs μ > 0 and no dampening."""
    momentum = checks.fraction(momentum, "momentum")
    dampening = checks.positive_number(dampening, "dampening", allow_zero=True)
    if dampening > 1:
        raise SceneError(f"dampening must be in [0, 1], got {dampening!r}")
    checks.instance(nesterov, "nesterov", bool, "True or False")
    weight_decay = checks.positive_number(weight_decay, "weight_decay", allow_zero=True)
    if nesterov and (momentum == 0 or dampening != 0):
        raise SceneError(f"Nesterov momentum needs a momentum > 0 and dampening 0 (as torch.optim.SGD), "
                         f"got momentum {momentum:g}, dampening {dampening:g}")
    return optimizer("heavy ball", lr, lambda s, momentum, dampening, nesterov, weight_decay: chain(
        add_decayed_weights(weight_decay), torch_momentum(momentum, dampening, nesterov), scale_by_learning_rate(s)),
        momentum=momentum, dampening=dampening, nesterov=nesterov, weight_decay=weight_decay)


def polyak(f_star: float = 0.0, max_step: float = 1.0, scaling: float = 1.0, eps: float = 0.0) -> Optimizer:
    """Polyak's step size, for a known minimum value f* (as optax.polyak_sgd, its defaults):
    w ← w − scaling·γ·∇f(w), γ = min((f(w) − f*)/(‖∇f(w)‖² + eps), max_step). No learning rate: the
    trajectory's ``lr`` is each step's γ (the step is scaling·γ·∇f)."""
    f_star = checks.number(f_star, "f_star")
    max_step = checks.positive_number(max_step, "max_step")
    scaling = checks.positive_number(scaling, "scaling")
    eps = checks.positive_number(eps, "eps", allow_zero=True)
    return optimizer("Polyak step", None, lambda f_star, max_step, scaling, eps: chain(
        scale_by_polyak(f_star, max_step, eps), scale(-scaling)), f_star=f_star, max_step=max_step, scaling=scaling,
        eps=eps)


def clipped(opt: Optimizer, value: float | None = None, norm: float | None = None) -> Optimizer:
    """``opt`` with its gradient clipped first: by value (clip) and/or by global norm (clip_by_global_norm)."""
    checks.instance(opt, "clipped: optimizer", Optimizer, "an optimizer such as optimizers.gd(0.1)")
    if value is None and norm is None:
        raise SceneError("clipped: give value=... (clip each gradient entry) or norm=... (clip its norm)")
    value = None if value is None else checks.positive_number(value, "clip value")
    norm = None if norm is None else checks.positive_number(norm, "clip norm")
    build = opt.build

    def built(*lr, clip_value, clip_norm, **hyper):
        first = ([clip(clip_value)] if clip_value is not None else []) + \
            ([clip_by_global_norm(clip_norm)] if clip_norm is not None else [])
        return chain(*first, build(*lr, **hyper))

    hyper = (*opt.hyper, *((("clip_value", value),) if value is not None else ()),
             *((("clip_norm", norm),) if norm is not None else ()))
    return Optimizer(f"{opt.name}, clipped", opt.lr, hyper,
                     lambda *lr, clip_value=None, clip_norm=None, **h: built(*lr, clip_value=clip_value,
                                                                             clip_norm=clip_norm, **h))


def l2_decayed(opt: Optimizer, weight_decay: float) -> Optimizer:
    """``opt`` on the gradient plus λw (L2 weight decay coupled with the gradient, torch's ``weight_decay``
    of Adam or SGD): g ← g + λw, then ``opt``'s rule."""
    checks.instance(opt, "l2_decayed: optimizer", Optimizer, "an optimizer such as optimizers.gd(0.1)")
    weight_decay = checks.positive_number(weight_decay, "weight_decay")
    build = opt.build
    return Optimizer(f"{opt.name} + L2", opt.lr, (*opt.hyper, ("l2", weight_decay)),
                     lambda *lr, l2, **h: chain(add_decayed_weights(l2), build(*lr, **h)))


ZOO = (adamw, nadam, amsgrad, adamax, adadelta, lion, heavy_ball, polyak)
