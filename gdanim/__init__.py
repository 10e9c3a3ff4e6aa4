"""gdanim: gradient-descent lecture figures from short scene files.

A scene file declares a problem, optimizer runs and panels; the numpy runner computes the
trajectories; the renderer writes GIF, MP4, PDF and PNG. Importing gdanim does not import
matplotlib: only rendering does.
"""
from gdanim.core import blas  # noqa: F401  (first: the command's numpy gets one BLAS thread)
from gdanim.core import aliases

aliases.install()                 # gdanim.views, gdanim.optimizers, ... for the modules in the layers below
from gdanim.declare import constraints, data, optimizers, problems, schedules, stopping, views
from gdanim import formats
from gdanim.app import notebook  # noqa: F401  (installs the notebook display of scenes)
from gdanim.formats import DEFAULT as DEFAULT_FORMATS
from gdanim.compute.runner import run_scene
from gdanim.declare.scene import Pin, Run, Scene, Timing
from gdanim.declare.sweeps import Sweep

from gdanim.core.version import __version__  # noqa: E402

__all__ = ["Scene", "Run", "Sweep", "Timing", "Pin", "constraints", "data", "formats", "optimizers", "problems", "schedules", "stopping",
           "views", "run_scene", "render"]


def render(scene: Scene, name: str, out="output", formats=DEFAULT_FORMATS, **options):
    """Render a scene from Python (e.g. a notebook): writes out/NAME.* and returns the paths.
    ``formats`` are names from ``gdanim.formats.names()``, as a list or one string ("gif,png")."""
    from gdanim.rendering.renderer import render_scene
    return render_scene(scene, name, out, formats, **options)


def __getattr__(name: str):
    """``gdanim.errors``, ``gdanim.paint``, ...: a short name's module, imported when first asked for."""
    if aliases.target(f"gdanim.{name}"):
        import importlib
        return importlib.import_module(f"gdanim.{name}")
    raise AttributeError(f"module 'gdanim' has no attribute {name!r}")
