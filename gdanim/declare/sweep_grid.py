"""A sweep over two hyperparameters: one run per pair of values, as Distill's momentum figure
sweeps the step size α and the momentum β together.

    Sweep(Run("momentum", optimizers.momentum(0.1, beta=0.5), start=(-1, 1), steps=60),
          over=("lr", "momentum"), values=((0.1, 0.5, 1.0), (0.0, 0.5, 0.9)), chosen=(0.5, 0.9))

Each axis is checked as a one-field ``Sweep`` is (its values valid and increasing); the pairs run
in the order of the first field's values, then the second's, labelled ``"lr 0.5 · momentum 0.9"``.
``chosen`` is the pair the figure's other panels show (default: the middle values); the heat map
(``views.Heatmap``) shows them all, and the explorer's two sliders pick any of them.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from gdanim.core.errors import SceneError
from gdanim.declare.sweeps import TWO_FIELDS, Sweep

MAX_PAIRS = 576         # 24 × 24: every pair's run is computed, and stored in the explorer's file


@dataclass(frozen=True)
class GridSweep(Sweep):
    """``Sweep(run, over=(a, b), values=(values_a, values_b), chosen=(va, vb))``; see the module."""

    chosen: tuple | None = None

    def __post_init__(self):
        if not isinstance(self.over, (tuple, list)) or len(self.over) != 2:
            raise SceneError(f"Sweep over two fields: over must name two, got {self.over!r}")
        if isinstance(self.values, (str, bytes)) or not hasattr(self.values, "__len__") or len(self.values) != 2:
            raise SceneError(f"Sweep over {self.over[0]} × {self.over[1]}: values must be two lists, one per field "
                             f"(({self.over[0]} values), ({self.over[1]} values))")
        axes = tuple(Sweep(self.run, over=o, values=v) for o, v in zip(self.over, self.values))
        if axes[0].field == axes[1].field:
            raise SceneError(f"Sweep over {self.over[0]} × {self.over[1]}: the two fields must differ")
        if "start" in (axes[0].field, axes[1].field):
            raise SceneError("Sweep over two fields: start is swept alone (a basin panel shows many starts)")
        pairs = len(axes[0].values) * len(axes[1].values)
        if pairs > MAX_PAIRS:
            raise SceneError(f"Sweep over {self.over[0]} × {self.over[1]}: {pairs} pairs is more than the "
                             f"{MAX_PAIRS} a sweep may have")
        object.__setattr__(self, "over", tuple(self.over))
        object.__setattr__(self, "axes", axes)
        object.__setattr__(self, "values", tuple(a.values for a in axes))
        if self.chosen is None:
            chosen = tuple(a.values[len(a.values) // 2] for a in axes)
        else:
            if isinstance(self.chosen, (str, bytes)) or not hasattr(self.chosen, "__len__") or len(self.chosen) != 2:
                raise SceneError(f"Sweep chosen: give a pair of values, one of {self.over[0]} and one of "
                                 f"{self.over[1]}, got {self.chosen!r}")
            chosen = []
            for axis, value in zip(axes, self.chosen):
                shown = [axis.value_text(v) for v in axis.values]
                text = axis.value_text(axis.checked(value))
                if text not in shown:
                    raise SceneError(f"Sweep chosen: {axis.over} {text} is not one of its values ({', '.join(shown)})")
                chosen.append(axis.values[shown.index(text)])
            chosen = tuple(chosen)
        object.__setattr__(self, "chosen", chosen)

    @property
    def field(self) -> str:
        return " × ".join(a.field for a in self.axes)

    def pairs(self) -> tuple:
        """Every (a, b) pair, a-major: the order of the runs and of the explorer's variants."""
        return tuple((a, b) for a in self.axes[0].values for b in self.axes[1].values)

    def label_of(self, pair) -> str:
        return " · ".join(axis.label_of(v) for axis, v in zip(self.axes, pair))

    def value_text(self, pair) -> str:
        return ", ".join(axis.value_text(v) for axis, v in zip(self.axes, pair))

    @property
    def chosen_label(self) -> str:
        return self.label_of(self.chosen)

    def runs(self) -> tuple:
        """One run per pair, a-major; each told its pair and the chosen one (``Run.swept = ((a, b),
        (va, vb), chosen)``)."""
        out = []
        for pair in self.pairs():
            run = self.run
            for axis, value in zip(self.axes, pair):
                run = axis.changed(run, value)
            out.append(dataclasses.replace(run, label=self.label_of(pair), color=None, swept=(self.over, pair, self.chosen)))
        return tuple(out)

    def position(self, value) -> float:
        raise SceneError("a sweep over two fields has no single axis: show it with views.Heatmap")


TWO_FIELDS.append(GridSweep)        # Sweep(over=(a, b), ...) makes one
