"""The data sets a scene uses, as ``from gdanim import data``: the lectures' seeded generators
(gdanim.declare.generators), data given in the scene (``Arrays``) and CSV files (``Table``, read
by gdanim.declare.csv_reader). Each is frozen data; its arrays are made on first use.

>>> Linear(n=100, coef=[3], intercept=2, seed=0).x.shape
(100, 1)
"""
from gdanim.declare.dataset import Arrays, Columns, Dataset
from gdanim.declare.generators import (Correlated, Linear, MakeRegression, NoisyLine, NormalSample, Seeded, Sine,
                                       UniformLine)
from gdanim.declare.table import Table, breast_cancer, packaged

__all__ = ["Dataset", "Columns", "Seeded", "Linear", "Correlated", "NoisyLine", "Sine", "MakeRegression",
           "UniformLine", "NormalSample", "Arrays", "Table", "breast_cancer", "packaged"]
