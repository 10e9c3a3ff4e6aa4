"""The plane a 2-D panel draws: two parameters through a fixed point (paint.base.Plane), or a Slice
through parameter space (SlicePlane: its directions and centre from gdanim.compute.slices, each
path projected onto it, the window fitted to the projected paths)."""
from __future__ import annotations

import numpy as np

from gdanim.compute.slices import basis, centre_of
from gdanim.core.errors import SceneError
from gdanim.declare import checks
from gdanim.rendering.paint.base import Plane, fitted, note_left_out

ON_PLANE = 1e-9         # a point this near the plane (relative to its size) lies on it: its star is drawn


def plane_of(problem, view, shown, view_name: str, pins=()):
    """The plane ``view`` declares: a SlicePlane for ``slice=``, else two parameters' Plane."""
    if getattr(view, "slice", None) is None:
        return Plane(problem, view, shown, view_name, pins)
    return SlicePlane(problem, view, shown, view_name, pins)


class SlicePlane:
    """Plane's interface (``xlim``, ``ylim``, ``labels``, ``grid``, ``xy``, ``along``, ``on_plane``)
    over the coordinates (α, β) of centre + α·d₁ + β·d₂. A slice of two named parameters is a plane
    of parameters as Contours(axes=...) draws one: ``i``, ``j`` and ``base`` (the centre) say which,
    so that the constraint set is drawn on it too; for any other slice they are None."""

    def __init__(self, problem, view, shown, view_name: str, pins=()):
        spec = view.slice
        path = None
        if spec.needs_run:
            path = chosen(spec, shown, view_name).traj.params
        self.basis = b = basis(spec, path, problem.names, problem.dim, problem.optimum)
        self.labels = b.labels
        self.i = self.j = self.base = None
        if not isinstance(spec.directions, str) and not spec.vectors:       # two parameters: their own plane
            self.i, self.j = (problem.names.index(a) if isinstance(a, str) else a for a in spec.directions)
            self.base = centre_of(spec, path, problem.optimum)
        paths = [self.xy(s.traj.params) for s in shown]
        every = np.vstack(paths) if paths else np.zeros((0, 2))
        through = self.xy(centre_of(spec, path, problem.optimum))          # the point the plane is drawn through
        kept = np.vstack([through, *(p[:1] for p in paths), *(self.xy(pin.at) for pin in pins)])
        self.xlim = tuple(view.xlim) if view.xlim is not None else around(every[:, 0], kept[:, 0])
        self.ylim = tuple(view.ylim) if view.ylim is not None else around(every[:, 1], kept[:, 1])
        for pin in pins:                    # limits the lecturer declared may leave a pin out
            note_left_out(view_name, pin, tuple(self.xy(pin.at)[0]), {"xlim": self.xlim, "ylim": self.ylim})

    def grid(self, n: int):
        A, B = np.meshgrid(np.linspace(*self.xlim, n), np.linspace(*self.ylim, n))
        return A, B, self.basis.points(A, B)

    def xy(self, params) -> np.ndarray:
        return self.basis.coords(params)

    def along(self, G) -> np.ndarray:
        """The gradient of the loss restricted to the plane, Dᵀ∇L: the slope along each direction."""
        return np.asarray(G) @ self.basis.D

    def on_plane(self, point) -> tuple | None:
        if self.basis.off(point) > ON_PLANE:
            return None
        a, b = self.xy(point)[0]
        return float(a), float(b)


def around(values, kept) -> tuple[float, float]:
    """A slice's window: the projected paths, the starts, the centre and the pins (paint.base.fitted),
    with about a quarter of that span more on each side, so the landscape around the path shows too."""
    lo, hi = fitted(values, kept)
    pad = 0.15 * (hi - lo)            # on top of fitted's tenth
    return round(lo - pad, 10), round(hi + pad, 10)


def chosen(spec, shown, view_name: str):
    """The run whose path gives a Slice its directions or centre: ``spec.run``, else the first shown."""
    if not shown:
        raise SceneError(f"{view_name}: Slice(directions={spec.directions!r}, centre={spec.centre!r}) takes them "
                         f"from a run's path, and this panel shows no run; give two vectors and a centre point")
    if spec.run is None:
        return shown[0]
    labels = [s.label for s in shown]
    if spec.run not in labels:
        raise SceneError(f"{view_name}: Slice: no run labelled {spec.run!r} in this panel"
                         f"{checks.suggest(spec.run, labels)}")
    return shown[labels.index(spec.run)]
