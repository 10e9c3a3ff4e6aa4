"""The data sets a scene uses, as ``from gdanim import data``: the lectures' seeded generators
(gdanim.declare.generators), data given in the scene (``Arrays``) and CSV files (``Table``, read
by gdanim.declare.csv_reader). Each is frozen data; its arrays are made on first use.

>>> Linear(n=100, coef=[3], intercept=2, seed=0).x.shape
(100, 1)
"""
from gdanim.declare.dataset import Arrays, Columns, Dataset, Subset
from gdanim.declare.generators import (Correlated, Linear, MakeRegression, NoisyLine, NormalSample, Seeded, Sine,
                                       UniformLine, Wave)
from gdanim.declare.table import Table, breast_cancer, packaged

__all__ = ["Dataset", "Columns", "Subset", "Seeded", "Linear", "Correlated", "NoisyLine", "Sine", "Wave", "MakeRegression",
           "UniformLine", "NormalSample", "Arrays", "Table", "breast_cancer", "packaged"]

# the names before the data sets were CamelCase classes: an old scene file is told the new name
RENAMED = {"linear": "Linear", "correlated": "Correlated", "noisy_line": "NoisyLine", "sine": "Sine",
           "make_regression": "MakeRegression", "uniform_line": "UniformLine", "normal_sample": "NormalSample",
           "arrays": "Arrays", "table": "Table", "wave": "Wave"}


def __getattr__(name: str):
    if name in RENAMED:
        raise AttributeError(f"data.{name} is now data.{RENAMED[name]}: data sets are classes, named in CamelCase")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
