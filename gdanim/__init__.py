"""gdanim: gradient-descent lecture figures from short scene files.

A scene file declares a problem, optimizer runs and panels; the numpy runner computes the
trajectories; the renderer writes GIF, MP4, PDF and PNG. Importing gdanim does not import
matplotlib: only rendering does.
"""
from . import data, optimizers, problems, schedules, stopping, views
from .scene import Run, Scene, Timing
from .writers import DEFAULT_FORMATS

__version__ = "0.1.0"

__all__ = ["Scene", "Run", "Timing", "data", "optimizers", "problems", "schedules", "stopping", "views",
           "run_scene", "render"]


def run_scene(scene: Scene):
    """Every run of a scene as a Trajectory, in declaration order."""
    from .runner import run
    return [run(scene.problem_for(run=r), r) for r in scene.runs]


def render(scene: Scene, name: str, out="output", formats=DEFAULT_FORMATS, **options):
    """Render a scene from Python (e.g. a notebook): writes out/NAME.* and returns the paths."""
    from .renderer import render_scene
    return render_scene(scene, name, out, formats, **options)
