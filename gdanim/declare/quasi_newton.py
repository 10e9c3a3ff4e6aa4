"""Conjugate gradients and quasi-Newton methods (Nocedal & Wright, Numerical Optimization, 2nd ed.,
Algorithms 5.2, 5.4, 6.1, 7.4), as transforms that give the direction, chained with a line search
(gdanim.declare.line_search) that gives its length. None has a learning rate: each step's accepted
length is the trajectory's ``lr``. Re-exported by gdanim.optimizers.

A direction transform returns u = −p (p the search direction), as the line searches step along −u.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.line_search import scale_by_backtracking, scale_by_exact_line_search, scale_by_wolfe
from gdanim.declare.strong_wolfe import scale_by_fixed_step, scale_by_strong_wolfe
from gdanim.declare.transforms import Optimizer, Transform, UndefinedStep, chain, optimizer


class LinearCGState(NamedTuple):
    direction: np.ndarray
    rr: float                        # rₖᵀrₖ of the step before (nan at the start)
    step_size: float                 # αₖ, recorded as the step's lr


class NonlinearCGState(NamedTuple):
    count: int                       # steps since the last restart
    direction: np.ndarray
    last_grad: np.ndarray


class BFGSState(NamedTuple):
    count: int
    inverse_hessian: np.ndarray      # Hₖ, (dim, dim)
    last_params: np.ndarray
    last_grad: np.ndarray


class LBFGSState(NamedTuple):
    count: int
    s: tuple                         # the last m sₖ = xₖ₊₁ − xₖ, oldest first
    y: tuple                         # the last m yₖ = ∇fₖ₊₁ − ∇fₖ
    last_params: np.ndarray
    last_grad: np.ndarray


def linear_cg_step() -> Transform:
    """Linear CG, Nocedal & Wright Algorithm 5.2, on a quadratic with Hessian A (``hessian_fn``):
    r = ∇f(x) (= Ax − b); β = rᵀr / r₋ᵀr₋ (0 at the start), p ← −r + βp; α = rᵀr / pᵀAp; the update is αp.
    It reaches the minimum of an n-dimensional quadratic in at most n steps (in exact arithmetic)."""

    def init(params):
        return LinearCGState(np.zeros_like(params, dtype=float), np.nan, np.nan)

    def update(updates, state, params, *, hessian_fn, quadratic=False, **extra):
        if not quadratic:
            raise SceneError("linear_cg needs a quadratic problem (QuadraticForm, a polynomial of degree 2): "
                             "use nonlinear_cg for any other loss")
        r = np.asarray(updates, dtype=float)
        rr = float(r @ r)
        if rr == 0:
            return np.zeros_like(r), LinearCGState(np.zeros_like(r), rr, 0.0)
        beta = 0.0 if np.isnan(state.rr) or state.rr == 0 else rr / state.rr
        p = -r + beta * state.direction
        curvature = float(p @ np.atleast_2d(hessian_fn(params)) @ p)
        if not curvature > 0:
            raise UndefinedStep(f"the Hessian is not positive definite along the CG direction (pᵀAp = "
                                f"{curvature:.4g}), so linear CG's step is undefined")
        return (rr / curvature) * p, LinearCGState(p, rr, rr / curvature)

    return Transform(init, update)


def nonlinear_cg_direction(rule: str, restart: int, nu: float) -> Transform:
    """The search direction of nonlinear CG, Nocedal & Wright Algorithm 5.4: p₀ = −∇f₀,
    pₖ₊₁ = −∇fₖ₊₁ + βₖ₊₁pₖ with β_FR = ∇fₖ₊₁ᵀ∇fₖ₊₁/∇fₖᵀ∇fₖ (5.41a) or
    β_PR+ = max(0, ∇fₖ₊₁ᵀ(∇fₖ₊₁ − ∇fₖ)/∇fₖᵀ∇fₖ) (5.45). Restarts (β = 0): every ``restart`` steps
    (0: every n, the dimension), when |∇fₖ₊₁ᵀ∇fₖ|/‖∇fₖ₊₁‖² ≥ ν (5.52), and whenever pₖ₊₁ is not a
    descent direction (a line search without the strong Wolfe conditions does not promise one)."""

    def init(params):
        z = np.zeros_like(params, dtype=float)
        return NonlinearCGState(0, z, z.copy())

    def update(updates, state, params, **extra):
        g = np.asarray(updates, dtype=float)
        every = restart or g.size
        gg_old = float(state.last_grad @ state.last_grad)
        fresh = state.count == 0 or state.count >= every or gg_old == 0 or \
            abs(float(g @ state.last_grad)) >= nu * float(g @ g)
        beta = 0.0
        if not fresh:
            beta = float(g @ g) / gg_old if rule == "FR" else max(0.0, float(g @ (g - state.last_grad)) / gg_old)
        p = -g + beta * state.direction
        if beta and not float(g @ p) < 0:
            p, fresh = -g, True
        count = 1 if fresh or beta == 0 else state.count + 1
        return -p, NonlinearCGState(count, p, g)

    return Transform(init, update)


def bfgs_direction(scale_initial: bool) -> Transform:
    """BFGS, Nocedal & Wright Algorithm 6.1: pₖ = −Hₖ∇fₖ with H₀ = I; after each step, with
    s = xₖ₊₁ − xₖ, y = ∇fₖ₊₁ − ∇fₖ, ρ = 1/yᵀs: Hₖ₊₁ = (I − ρsyᵀ)Hₖ(I − ρysᵀ) + ρssᵀ (6.17).
    ``scale_initial``: H₀ ← (yᵀs/yᵀy)I before the first update (6.20). Where yᵀs ≤ 0 (a line
    search without the Wolfe conditions can give it) the update is skipped, as N&W §6.1 allows."""

    def init(params):
        n = np.size(params)
        z = np.zeros_like(params, dtype=float)
        return BFGSState(0, np.eye(n), z, z.copy())

    def update(updates, state, params, **extra):
        g = np.asarray(updates, dtype=float)
        H = state.inverse_hessian
        if state.count > 0:
            s, y = params - state.last_params, g - state.last_grad
            ys = float(y @ s)
            if ys > 0:
                if state.count == 1 and scale_initial:
                    H = (ys / float(y @ y)) * np.eye(g.size)
                rho = 1.0 / ys
                left = np.eye(g.size) - rho * np.outer(s, y)
                H = left @ H @ left.T + rho * np.outer(s, s)
        return H @ g, BFGSState(state.count + 1, H, np.array(params, dtype=float), g)

    return Transform(init, update)


def two_loop(g, s_list, y_list) -> np.ndarray:
    """Hₖ∇fₖ by L-BFGS's two-loop recursion (Nocedal & Wright Algorithm 7.4, with ρᵢ = 1/yᵢᵀsᵢ as it
    writes them), with Hₖ⁰ = γI, γ = sᵀy/yᵀy of the newest pair (7.20), I when there is none."""
    q = np.array(g, dtype=float)
    rhos = [1.0 / float(y @ s) for s, y in zip(s_list, y_list)]
    alphas = []
    for s, y, rho in zip(reversed(s_list), reversed(y_list), reversed(rhos)):
        a = float(s @ q) * rho
        alphas.append(a)
        q = q - a * y
    gamma = float(s_list[-1] @ y_list[-1]) / float(y_list[-1] @ y_list[-1]) if s_list else 1.0
    r = q * gamma
    for s, y, rho, a in zip(s_list, y_list, rhos, reversed(alphas)):
        b = float(y @ r) * rho
        r = r + s * (a - b)
    return r


def lbfgs_direction(memory: int, min_curvature: float = 0.0) -> Transform:
    """L-BFGS, Nocedal & Wright Algorithm 7.5: pₖ = −Hₖ∇fₖ by the two-loop recursion over the last
    ``memory`` pairs (s, y); a pair with yᵀs ≤ ``min_curvature`` is not kept (N&W: 0; torch: 1e-10)."""

    def init(params):
        z = np.zeros_like(params, dtype=float)
        return LBFGSState(0, (), (), z, z.copy())

    def update(updates, state, params, **extra):
        g = np.asarray(updates, dtype=float)
        s_list, y_list = state.s, state.y
        if state.count > 0:
            s, y = params - state.last_params, g - state.last_grad
            if float(y @ s) > min_curvature:
                s_list, y_list = (s_list + (s,))[-memory:], (y_list + (y,))[-memory:]
        return two_loop(g, s_list, y_list), LBFGSState(state.count + 1, s_list, y_list,
                                                       np.array(params, dtype=float), g)

    return Transform(init, update)


SEARCHES = ("wolfe", "strong_wolfe", "backtracking", "exact")


def search(line_search: str, c1: float, c2: float, rho: float, t0: float = 1.0) -> Transform:
    """The step's length along p, its first trial t0: ``"wolfe"`` (strong Wolfe conditions with c₁, c₂:
    Nocedal & Wright Algorithms 3.5, 3.6, doubling and bisection), ``"strong_wolfe"`` (the same conditions
    by torch.optim.LBFGS's search: cubic interpolation, gdanim.declare.strong_wolfe), ``"backtracking"``
    (t := t0, t := ρt until f(x + tp) ≤ f + c₁t∇fᵀp) or ``"exact"`` (argmin along p)."""
    if line_search == "exact":
        return scale_by_exact_line_search(t0, 1e-12)
    if line_search == "wolfe":
        return scale_by_wolfe(c1, c2, t0)
    if line_search == "strong_wolfe":
        return scale_by_strong_wolfe(c1, c2, t0)
    return scale_by_backtracking(c1, rho, t0, 100)


def search_checks(line_search, c1, c2, rho):
    checks.choice(line_search, "line_search", SEARCHES)
    c1 = checks.positive_number(c1, "c1 (sufficient decrease)")
    if c1 >= 0.5:
        raise SceneError(f"c1 (sufficient decrease) must be in (0, 0.5), got {c1!r}")
    c2 = checks.positive_number(c2, "c2 (curvature)")
    if not c1 < c2 < 1:
        raise SceneError(f"c2 (curvature) must be in (c1, 1) = ({c1:g}, 1), got {c2!r}")
    rho = checks.positive_number(rho, "rho (backtracking)")
    if rho >= 1:
        raise SceneError(f"rho (backtracking) must be in (0, 1), got {rho!r}")
    return c1, c2, rho


def linear_cg() -> Optimizer:
    """Linear conjugate gradients (Nocedal & Wright Algorithm 5.2) for a quadratic problem: the
    minimum of an n-dimensional quadratic in n steps. No learning rate: its step αₖ = rᵀr/pᵀAp."""
    return optimizer("linear CG", None, lambda: linear_cg_step())


def nonlinear_cg(rule: str = "PR+", restart: int = 0, nu: float = 0.1, line_search: str = "wolfe",
                 c1: float = 1e-4, c2: float = 0.1, rho: float = 0.5) -> Optimizer:
    """Nonlinear CG (Nocedal & Wright Algorithm 5.4), Fletcher–Reeves (``rule="FR"``) or
    Polak–Ribière+ (``"PR+"``), restarted every ``restart`` steps (0: n) and by the test (5.52)
    with ν; each step's length by a line search (see ``search``; N&W's c₂ = 0.1 for CG)."""
    checks.choice(rule, "CG rule", ("FR", "PR+"))
    restart = checks.count(restart, "restart")
    nu = checks.positive_number(nu, "nu")
    c1, c2, rho = search_checks(line_search, c1, c2, rho)
    return optimizer(f"CG ({rule})", None, lambda rule, restart, nu, line_search, c1, c2, rho: chain(
        nonlinear_cg_direction(rule, restart, nu), search(line_search, c1, c2, rho)),
        rule=rule, restart=restart, nu=nu, line_search=line_search, c1=c1, c2=c2, rho=rho)


def bfgs(scale_initial: bool = True, line_search: str = "wolfe", c1: float = 1e-4, c2: float = 0.9,
         rho: float = 0.5) -> Optimizer:
    """BFGS (Nocedal & Wright Algorithm 6.1) with a line search (see ``search``; N&W's c₂ = 0.9)."""
    checks.instance(scale_initial, "scale_initial", bool, "True or False")
    c1, c2, rho = search_checks(line_search, c1, c2, rho)
    return optimizer("BFGS", None, lambda scale_initial, line_search, c1, c2, rho: chain(
        bfgs_direction(scale_initial), search(line_search, c1, c2, rho)),
        scale_initial=scale_initial, line_search=line_search, c1=c1, c2=c2, rho=rho)


FORMS = ("nw", "torch")
MIN_CURVATURE = {"nw": 0.0, "torch": 1e-10}      # a pair (s, y) is kept where yᵀs is above it


def lbfgs(memory: int = 10, line_search: str | None = "wolfe", c1: float = 1e-4, c2: float = 0.9,
          rho: float = 0.5, lr=None, t0: float = 1.0, form: str = "nw") -> Optimizer:
    """L-BFGS (Nocedal & Wright Algorithms 7.4, 7.5) keeping ``memory`` pairs, with a line search (see
    ``search``; its first trial ``t0``), or with none (``line_search=None``): the fixed step
    ``lr`` (a number or a schedule) along p. ``form="torch"``: torch.optim.LBFGS's conventions (with
    ``line_search=None`` or ``"strong_wolfe"``, its two): the first step (or trial) is
    min(1, 1/‖∇f₀‖₁)·lr (or ·t0), a pair is kept only when yᵀs > 1e-10, and no step is taken where
    max|∇f| ≤ 1e-7 or ∇fᵀp > −1e-9 (its default tolerance_grad and tolerance_change)."""
    memory = checks.count(memory, "memory", 1, 1000)
    checks.choice(form, "L-BFGS form", FORMS)
    if line_search is None:
        if lr is None:
            raise SceneError("lbfgs(line_search=None) takes a fixed step: give it lr=")
    else:
        c1, c2, rho = search_checks(line_search, c1, c2, rho)
        if lr is not None:
            raise SceneError(f"lbfgs: lr is the fixed step of line_search=None; the line search "
                             f"{line_search!r} finds its own (its first trial is t0)")
        if form == "torch" and line_search != "strong_wolfe":
            raise SceneError(f"lbfgs(form='torch') is torch.optim.LBFGS's, whose line searches are None and "
                             f"'strong_wolfe', not {line_search!r}")
    t0 = checks.positive_number(t0, "t0")
    if line_search is None:
        return optimizer("L-BFGS", lr, lambda s, memory, line_search, form: chain(
            lbfgs_direction(memory, MIN_CURVATURE[form]), scale_by_fixed_step(s, form == "torch")),
            memory=memory, line_search=None, form=form)
    said = {k: v for k, v in (("t0", t0), ("form", form)) if v != {"t0": 1.0, "form": "nw"}[k]}    # said where set
    return optimizer("L-BFGS", None, lambda memory, line_search, c1, c2, rho, t0=1.0, form="nw": chain(
        lbfgs_direction(memory, MIN_CURVATURE[form]),
        scale_by_strong_wolfe(c1, c2, t0, True) if form == "torch" else search(line_search, c1, c2, rho, t0)),
        memory=memory, line_search=line_search, c1=c1, c2=c2, rho=rho, **said)
