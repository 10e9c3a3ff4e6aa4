"""The short names scene files and extensions import (``gdanim.optimizers``, ``gdanim.views``,
``gdanim.paint``, ...) for the modules that live in the layer sub-packages: one import finder
that hands back the real module, so ``gdanim.views is gdanim.declare.views`` and nothing is loaded
twice. Resolved on first import, so ``import gdanim`` still loads no matplotlib."""
import importlib
import importlib.abc
import importlib.util
import sys

# short name -> where it lives; a package's modules follow it (gdanim.paint.base -> gdanim.rendering.paint.base)
PUBLIC = {
    "gdanim.errors": "gdanim.core.errors",
    "gdanim.data": "gdanim.declare.data",
    "gdanim.optimizers": "gdanim.declare.optimizers",
    "gdanim.problems": "gdanim.declare.problems",
    "gdanim.constraints": "gdanim.declare.constraints",
    "gdanim.schedules": "gdanim.declare.schedules",
    "gdanim.stopping": "gdanim.declare.stopping",
    "gdanim.sweeps": "gdanim.declare.sweeps",
    "gdanim.views": "gdanim.declare.views",
    "gdanim.scene": "gdanim.declare.scene",
    "gdanim.style": "gdanim.declare.style",
    "gdanim.notebook": "gdanim.app.notebook",
    "gdanim.paint": "gdanim.rendering.paint",
}


def target(name: str) -> str | None:
    """Where the short name ``name`` lives, or None where it is no short name."""
    for short, real in PUBLIC.items():
        if name == short or name.startswith(short + "."):
            return real + name[len(short):]
    return None


class ShortNames(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds a short name and loads it as the real module, which keeps its own name and spec."""

    def find_spec(self, fullname, path=None, target_=None):
        return importlib.util.spec_from_loader(fullname, self) if target(fullname) else None

    def __init__(self):
        self.specs = {}

    def create_module(self, spec):
        module = importlib.import_module(target(spec.name))
        self.specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module):
        module.__spec__ = self.specs[module.__name__]       # the import system set the short name's


def install() -> None:
    if not any(isinstance(f, ShortNames) for f in sys.meta_path):
        sys.meta_path.insert(0, ShortNames())
