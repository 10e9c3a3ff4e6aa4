"""A problem with a non-smooth part: minimised over a set (``Constrained``), or with an L1 term
added (``L1Regularized``, the lasso). The smooth problem inside gives the gradient; the non-smooth
part is the problem's too, so the views draw it and the projection and proximal transforms take
it (the runner hands them ``constraint``, ``l1`` and ``smooth_grad_fn``). Re-exported by
gdanim.problems.

>>> from gdanim.declare.constraints import Ball
>>> p = Constrained(Quadratic(((2, 0), (0, 2)), (4, 0)), Ball(1.0))    # its own minimum (2, 0) lies outside
>>> p.optimum, p.constraint.project((2.0, 0.0)).tolist()
(None, [1.0, 0.0])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdanim.declare import checks
from gdanim.declare.constraints import Constraint
from gdanim.core.errors import SceneError
from gdanim.declare.problem_base import Problem, Quadratic  # noqa: F401  (Quadratic: the doctest)


class Wrapped(Problem):
    """The problem inside, for everything this one does not say itself (its data, ``predict``...)."""

    problem: Problem

    def __getattr__(self, name):
        if name == "problem" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.problem, name)

    def check_inner(self, what: str):
        checks.instance(self.problem, f"{what}: problem", Problem, "a problem such as problems.Rosenbrock()")
        if isinstance(self.problem, Wrapped):
            raise SceneError(f"{what}: the problem already has a non-smooth part ({type(self.problem).__name__}); "
                             f"a problem takes one")

    @property
    def dim(self):
        return self.problem.dim

    @property
    def names(self):
        return self.problem.names

    @property
    def quadratic(self):
        return self.problem.quadratic

    @property
    def data(self):
        return self.problem.data

    @property
    def n_samples(self):
        return self.problem.n_samples

    @property
    def window_from_runs(self):
        return getattr(self.problem, "window_from_runs", False)

    def grad(self, w, idx=None):
        return self.problem.grad(w, idx)

    def hessian(self, w):
        return self.problem.hessian(w)

    def grads_on(self, points):
        return self.problem.grads_on(points)

    def default_window(self):
        return self.problem.default_window()

    def given_minimum(self):
        return None if self.minimum is None else checks.vector(self.minimum, "minimum", self.dim)


@dataclass(frozen=True, eq=False)
class Constrained(Wrapped):
    """``problem`` minimised over ``constraint`` (a Box, Ball, Simplex or L1Ball of
    gdanim.constraints). Loss and gradient are the problem's; projected gradient descent and
    FISTA project onto the set, Contours and Surface3D draw its outline. The minimum drawn is
    ``minimum`` when given, else the problem's own where it lies in the set (else none)."""

    problem: Problem = None
    constraint: Constraint = None
    minimum: tuple | None = None
    l1 = 0.0

    def __post_init__(self):
        self.check_inner("Constrained")
        checks.instance(self.constraint, "Constrained: constraint", Constraint,
                        "a set such as constraints.Ball(1.0)")
        object.__setattr__(self, "minimum", self.given_minimum())

    @property
    def title(self):
        return f"{self.problem.title} on {self.constraint.describe().removeprefix('the ')}"

    @property
    def optimum(self):
        if self.minimum is not None:
            return self.minimum
        inner = self.problem.optimum
        return inner if inner is not None and self.constraint.contains(inner) else None

    def value(self, w):
        return self.problem.value(w)

    def values_on(self, points):
        return self.problem.values_on(points)


@dataclass(frozen=True, eq=False)
class L1Regularized(Wrapped):
    """F(w) = f(w) + λ‖w‖₁ (the lasso, for f a least-squares loss): the loss drawn and recorded is
    F, the gradient handed to an optimizer is f's alone, the smooth part's. ISTA and FISTA take the
    λ‖w‖₁ term by its proximal step; a method without one (``gd``) minimises f, not F.
    ``minimum``: F's minimiser where known (drawn as the star, the p* of ``LossCurve(minus="p*")``)."""

    problem: Problem = None
    lam: float = 0.1
    minimum: tuple | None = None
    constraint = None

    def __post_init__(self):
        self.check_inner("L1Regularized")
        object.__setattr__(self, "lam", checks.positive_number(self.lam, "L1Regularized lam"))
        object.__setattr__(self, "minimum", self.given_minimum())

    @property
    def l1(self):
        return self.lam

    @property
    def title(self):
        letter = self.problem.names[0].rstrip("0123456789") or "w"       # x for x1, x2; w for w0, w1
        return f"{self.problem.title} + {self.lam:g}‖{letter if len(letter) == 1 else 'w'}‖₁"

    @property
    def quadratic(self):
        return False                  # F is not: no closed-form line search

    @property
    def optimum(self):
        return self.minimum

    def value(self, w):
        return float(self.problem.value(w) + self.lam * np.sum(np.abs(np.asarray(w, dtype=float))))

    def values_on(self, points):
        P = np.asarray(points, dtype=float)
        return self.problem.values_on(P) + self.lam * np.sum(np.abs(P), axis=1)
