"""A sweep: one run per value of a hyperparameter, declared in one line.

    Sweep(Run("GD", optimizers.gd(0.1), start=(-1.5, 2), steps=50), over="lr",
          values=(0.01, 0.03, 0.1, 0.3))

``over`` is ``"lr"``, ``"start"``, ``"batch_size"``, ``"steps"``, ``"seed"`` or a hyperparameter
of the run's optimizer (``"beta"``; ``"momentum"`` names whichever momentum coefficient it has).
Each value's run is the template with that one field changed, labelled ``"lr 0.1"``, coloured
along a sequential colour map and told its value (``Run.swept``), so a panel can plot against it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


from gdanim.declare import checks
from gdanim.core.errors import SceneError
from gdanim.declare.optimizers import Optimizer, hyper_text
from gdanim.declare.schedules import as_schedule, constant

MAX_VALUES = 24          # one run each; the explorer stores every value's trajectory in its file
RUN_FIELDS = ("lr", "start", "batch_size", "steps", "seed")
MOMENTUM = ("beta", "eta", "b1")     # what "momentum" means for each built-in optimizer
FRACTIONS = (*MOMENTUM, "b2", "decay")       # in [0, 1), as the built-in optimizers check them
POSITIVE = ("eps",)
TWO_FIELDS: list = []      # the sweep over two fields' class (gdanim.declare.sweep_grid puts it here)


@dataclass(frozen=True)
class Sweep:
    """The runs ``run`` with ``over`` set to each of ``values`` (see the module docstring)."""

    run: object                  # a gdanim.scene.Run: the template
    over: str
    values: tuple

    def __new__(cls, *args, **kwargs):
        """``over`` naming two fields is a sweep over their pairs (gdanim.declare.sweep_grid)."""
        over = kwargs.get("over", args[1] if len(args) > 1 else None)
        if cls is Sweep and isinstance(over, (tuple, list)) and TWO_FIELDS:
            return object.__new__(TWO_FIELDS[0])
        return object.__new__(cls)

    def __post_init__(self):
        if not hasattr(self.run, "optimizer") or not dataclasses.is_dataclass(self.run):
            raise SceneError(f"Sweep: run must be a Run(...) to sweep, got {type(self.run).__name__}")
        checks.instance(self.over, "Sweep: over", str, 'a field name such as "lr"')
        hyper = dict(self.run.optimizer.hyper)
        field = self.field
        if field not in RUN_FIELDS and field not in hyper:
            options = [f for f in RUN_FIELDS if f != "seed" or getattr(self.run, "batch_size", None)]
            options += [*hyper] + (["momentum"] if any(k in hyper for k in MOMENTUM) else [])
            raise SceneError(f"Sweep: cannot sweep {self.over!r} of run {self.run.label!r}"
                             f"{checks.suggest(self.over, options)}")
        if field == "lr" and self.run.optimizer.lr is None:
            raise SceneError(f"Sweep over lr: {self.run.optimizer.name} (run {self.run.label!r}) has no learning rate")
        if field == "lr" and not isinstance(self.run.optimizer.lr, constant):
            raise SceneError(f"Sweep over lr: run {self.run.label!r} has the schedule {self.run.optimizer.lr}; "
                             f"a sweep gives each run a constant rate (declare the schedules as runs instead)")
        if field == "seed" and not getattr(self.run, "batch_size", None):
            raise SceneError(f"Sweep over seed: run {self.run.label!r} has no batch_size, and a seed only draws "
                             f"minibatches: every value would give the same run (give it batch_size=...)")
        values = self.values
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            raise SceneError(f"Sweep over {self.over}: values must be a list, got {type(values).__name__}")
        values = tuple(values)
        if len(values) < 2:
            raise SceneError(f"Sweep over {self.over}: give at least 2 values, got {len(values)}")
        if len(values) > MAX_VALUES:
            raise SceneError(f"Sweep over {self.over}: {len(values)} values is more than the {MAX_VALUES} a "
                             f"sweep may have (every value's run is stored in the explorer's file)")
        object.__setattr__(self, "values", tuple(self.checked(v) for v in values))
        shown = [self.value_text(v) for v in self.values]          # as the run labels will show them
        twice = next((v for v in shown if shown.count(v) > 1), None)
        if twice is not None:
            raise SceneError(f"Sweep over {self.over}: the value {twice} is given twice")
        if not self.in_given_order and list(self.values) != sorted(self.values):
            in_order = ", ".join(self.value_text(v) for v in sorted(self.values))
            raise SceneError(f"Sweep over {self.over}: the values must increase, as the colours (dark to light), "
                             f"the summary's line and the explorer's slider follow their order: ({in_order})")

    @property
    def field(self) -> str:
        """The field changed: ``over``, with "momentum" resolved to the optimizer's coefficient."""
        if self.over == "momentum":
            hyper = dict(self.run.optimizer.hyper)
            return next((k for k in MOMENTUM if k in hyper), "momentum")
        return self.over

    @property
    def categorical(self) -> type | None:
        """bool or str where the swept hyperparameter of one's own is a switch or a word (its
        value in the template says which), else None: a number."""
        if self.field in RUN_FIELDS:
            return None
        now = dict(self.run.optimizer.hyper).get(self.field)
        return type(now) if isinstance(now, (bool, str)) else None

    @property
    def in_given_order(self) -> bool:
        """Values that have no order of their own (start points, words, switches) keep the order given."""
        return self.field == "start" or self.categorical is not None

    def checked(self, value):
        what = f"Sweep over {self.over}: value"
        if self.field == "start":
            return checks.vector(value, what)
        kind = self.categorical
        if kind is not None:
            if not isinstance(value, kind):
                said = "True or False" if kind is bool else "a string"
                raise SceneError(f"{what} must be {said}, as {self.field}={hyper_text(dict(self.run.optimizer.hyper)[self.field])} "
                                 f"of run {self.run.label!r} is, got {value!r}")
            return value
        if self.field in ("batch_size", "steps"):
            return checks.count(value, what, 1)
        if self.field == "seed":
            return checks.count(value, what, 0, 2 ** 32 - 1)
        if self.field == "lr":
            return checks.positive_number(value, what)
        if self.field in FRACTIONS:
            return checks.fraction(value, what)
        return checks.positive_number(value, what, allow_zero=self.field not in POSITIVE)

    def value_text(self, value) -> str:
        """A value as labels and the explorer's slider show it: ``0.1``, ``(1, -2)``."""
        if self.field == "start":
            return f"({', '.join(f'{x:.6g}' for x in value)})"
        if self.categorical is not None:
            return hyper_text(value)
        return f"{value:.6g}"

    def label_of(self, value) -> str:
        return f"{'start' if self.field == 'start' else self.over} {self.value_text(value)}"

    def runs(self) -> tuple:
        """One run per value, in the values' order; the figure colours them (style.run_colors)."""
        return tuple(dataclasses.replace(self.changed(self.run, value), label=self.label_of(value), color=None,
                                         swept=(self.over, value)) for value in self.values)

    def changed(self, run, value):
        """``run`` with this sweep's field set to ``value`` (the label left as it is)."""
        if self.field in RUN_FIELDS and self.field != "lr":
            return dataclasses.replace(run, **{self.field: value})
        return dataclasses.replace(run, optimizer=self.optimizer_with(value, run.optimizer))

    def optimizer_with(self, value, opt=None) -> Optimizer:
        opt = self.run.optimizer if opt is None else opt
        if self.field == "lr":
            return dataclasses.replace(opt, lr=as_schedule(value))
        return dataclasses.replace(opt, hyper=tuple((k, value if k == self.field else v) for k, v in opt.hyper))

    def position(self, value) -> float:
        """Where a value sits on the summary panel's axis: itself, or its index for start points."""
        return float(self.values.index(value)) if self.in_given_order else float(value)
