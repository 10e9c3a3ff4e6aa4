"""A plane through parameter space, for the contours or surface of a loss with more than two
parameters (a network's): the points centre + α·d₁ + β·d₂, drawn over (α, β), with each run's path
projected onto it. Pure data; gdanim.compute.slices finds the directions and the centre.

>>> Slice("pca").words(("w1", "w2", "b"))
"the plane of the first two principal directions of the run's path (through its last iterate)"
"""
from __future__ import annotations

from dataclasses import dataclass

from gdanim.core.errors import SceneError
from gdanim.declare import checks

KINDS = ("pca", "random")
CENTRES = ("end", "start", "optimum")


@dataclass(frozen=True)
class Slice:
    """``directions``: ``"pca"``, the first two principal directions of a run's iterates (Li et
    al. 2018, "Visualizing the loss landscape of neural nets", §6), signed so the run goes from
    left to right and from bottom to top; ``"random"``, two Gaussian directions from
    ``RandomState(seed)``, made orthonormal (unit length: not Li et al.'s filter-normalised ones);
    two parameters (names or indices: the plane of those two, the others held at the centre, the
    plane ``Contours(axes=..., fix=...)`` draws, with a problem's constraint set drawn on it as there;
    the Slice adds a centre taken from a run and a window fitted to the paths); or two vectors of the
    problem's size (used as given). ``centre``: the run's last iterate
    (``"end"``), its start, the problem's known ``"optimum"``, or a point. ``run``: the run whose
    path gives them (default: the first the panel shows). A path is drawn projected onto the plane;
    on a Surface3D each iterate stands at its own loss, on the surface where it lies on the plane."""

    directions: object = "pca"
    centre: object = "end"
    run: str | None = None
    seed: int = 0

    def __post_init__(self):
        d = self.directions
        if isinstance(d, str):
            checks.choice(d, "Slice directions", KINDS)
        else:
            try:
                pair = tuple(d)
            except TypeError:
                raise SceneError(f"Slice directions must be 'pca', 'random', two parameters or two vectors, "
                                 f"got {d!r}") from None
            if len(pair) != 2:
                raise SceneError(f"Slice directions must be two (parameters or vectors), got {len(pair)}")
            if all(isinstance(a, (str, int)) and not isinstance(a, bool) for a in pair):
                if pair[0] == pair[1]:
                    raise SceneError(f"Slice directions must be two different parameters, got {pair[0]!r} twice")
            else:
                pair = tuple(checks.vector(v, "Slice direction") for v in pair)
            object.__setattr__(self, "directions", pair)
        if isinstance(self.centre, str):
            checks.choice(self.centre, "Slice centre", CENTRES)
        else:
            object.__setattr__(self, "centre", checks.vector(self.centre, "Slice centre"))
        if self.run is not None:
            checks.text(self.run, "Slice run", written=False)
        checks.count(self.seed, "Slice seed", 0, 2 ** 32 - 1)

    @property
    def vectors(self) -> bool:
        return not isinstance(self.directions, str) and not isinstance(self.directions[0], (str, int))

    @property
    def needs_run(self) -> bool:
        return self.directions == "pca" or self.centre in ("end", "start")

    def check(self, problem, view_name: str) -> None:
        """Raise a SceneError if this plane cannot be drawn through ``problem``'s parameters."""
        names = problem.names
        if self.vectors:
            for v in self.directions:
                if len(v) != problem.dim:
                    raise SceneError(f"{view_name}: a Slice direction must have {problem.dim} numbers (one per "
                                     f"parameter), got {len(v)}")
            if all(x == 0 for x in self.directions[0]) or all(x == 0 for x in self.directions[1]):
                raise SceneError(f"{view_name}: a Slice direction is all zeros: it spans no plane")
        elif not isinstance(self.directions, str):
            for a in self.directions:
                if isinstance(a, str) and a not in names:
                    raise SceneError(f"{view_name}: Slice: no parameter {a!r}{checks.suggest(a, names)}")
                if isinstance(a, int) and not 0 <= a < problem.dim:
                    raise SceneError(f"{view_name}: Slice: parameter index {a} is not below {problem.dim}")
        if not isinstance(self.centre, str) and len(self.centre) != problem.dim:
            raise SceneError(f"{view_name}: the Slice centre must have {problem.dim} numbers, got {len(self.centre)}")
        if self.centre == "optimum" and problem.optimum is None:
            raise SceneError(f"{view_name}: Slice(centre='optimum'): {type(problem).__name__} has no known optimum; "
                             f"give a point or 'end'")

    def words(self, names) -> str:
        """The plane in words, for the alt text."""
        d = self.directions
        if d == "pca":
            plane = "the plane of the first two principal directions of the run's path"
        elif d == "random":
            plane = f"a random plane (seed {self.seed})"
        elif self.vectors:
            plane = "the plane of two given directions"
        else:
            plane = "the plane of " + " and ".join(names[a] if isinstance(a, int) else a for a in d)
        centre = {"end": "its last iterate" if d == "pca" else "the run's last iterate",
                  "start": "its start" if d == "pca" else "the run's start",
                  "optimum": "the optimum"}.get(self.centre, "a given point") if isinstance(self.centre, str) \
            else "a given point"
        return f"{plane} (through {centre})"
