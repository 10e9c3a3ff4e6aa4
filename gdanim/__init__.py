"""gdanim: gradient-descent lecture figures from short scene files.

A scene file declares a problem, optimizer runs and panels; the numpy runner computes the
trajectories; the renderer writes GIF, MP4, PDF and PNG. Importing gdanim does not import
matplotlib: only rendering does.
"""
from . import blas  # noqa: F401  (first: the command's numpy gets one BLAS thread)
from . import data, formats, optimizers, problems, schedules, stopping, views
from . import notebook  # noqa: F401  (installs the notebook display of scenes)
from .formats import DEFAULT as DEFAULT_FORMATS
from .runner import run_scene
from .scene import Pin, Run, Scene, Timing
from .sweeps import Sweep

__version__ = "0.2.0"

__all__ = ["Scene", "Run", "Sweep", "Timing", "Pin", "data", "formats", "optimizers", "problems", "schedules", "stopping",
           "views", "run_scene", "render"]


def render(scene: Scene, name: str, out="output", formats=DEFAULT_FORMATS, **options):
    """Render a scene from Python (e.g. a notebook): writes out/NAME.* and returns the paths.
    ``formats`` are names from ``gdanim.formats.names()``, as a list or one string ("gif,png")."""
    from .renderer import render_scene
    return render_scene(scene, name, out, formats, **options)
