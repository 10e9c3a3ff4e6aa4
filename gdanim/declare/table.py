"""A data set read from a CSV file by column names (``Table``), and the data files shipped
inside gdanim (``breast_cancer``)."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from gdanim.declare import checks
from gdanim.declare.csv_reader import read_csv
from gdanim.declare.dataset import Columns
from gdanim.core.errors import DataError

# The folder of the scene file being loaded: relative data paths are read from there.
scene_dir: ContextVar[Path | None] = ContextVar("scene_dir", default=None)


@dataclass(frozen=True, eq=False)
class Table(Columns):
    """Columns of a CSV file (parsed, never evaluated); ``standardize`` scales features to
    mean 0 and population standard deviation 1, as scikit-learn's StandardScaler does."""

    path: str = ""
    features: tuple = ()
    target: str = ""
    standardize: bool = False

    plain_names = True      # its columns' names are the file's: drawn as written, "$" and all

    def __post_init__(self):
        features = (self.features,) if isinstance(self.features, str) else self.features   # one column by name
        object.__setattr__(self, "features", tuple(features))
        for column in (*self.features, self.target):
            checks.text(column, "column name", written=False)
        path = Path(self.path)
        base = scene_dir.get()
        if not path.is_absolute() and base is not None:
            object.__setattr__(self, "path", str(base / path))

    def describe(self) -> str:
        return str(self.path)

    def _make(self):
        x, y = read_csv(self.path, self.features, self.target)
        if self.standardize:
            std = x.std(axis=0)
            for name, s, column in zip(self.features, std, x.T):
                if not s > 0:
                    raise DataError(f"column {name!r} is constant ({column[0]:g} in every row): it cannot be "
                                    f"standardized (its standard deviation is 0); drop it or set standardize=False",
                                    self.describe())
            x = (x - x.mean(axis=0)) / std
        return x, y


def packaged(name: str) -> str:
    """Path of a data file shipped inside gdanim (see gdanim/data/README.md for provenance)."""
    return str(resources.files("gdanim") / "data" / name)


def breast_cancer() -> Table:
    """Breast Cancer Wisconsin: mean radius and mean texture (standardized) against the target
    (0 = malignant, 1 = benign). UCI ML Repository, CC BY 4.0; see gdanim/data/README.md."""
    return Table(packaged("breast_cancer_radius_texture.csv"),
                 features=("mean radius", "mean texture"), target="target", standardize=True)
