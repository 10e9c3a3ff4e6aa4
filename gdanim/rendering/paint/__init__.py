"""Painters: one per view kind, found by view type (``paints``/``painter_for``). A painter draws
its panel's static part once and moves a few animated artists in ``update(step, frame)``.

Your own panel: a View subclass (gdanim.views) and a Painter registered for it with
``@paints(MyView)``, in a module beside your scene file. See the README, "Extending gdanim".
"""
from gdanim.rendering.paint.base import PaintContext, Painter, Plane, Shown, ShownPin, nice_levels, status, window
from gdanim.rendering.paint.registry import painter_for, paints
from gdanim.rendering.paint import basins, contours, curve1d, curves, data, heatmap, line_search, modelfit, surface, sweep, taylor  # noqa: F401  (the built-in painters)

__all__ = ["PaintContext", "Painter", "Plane", "Shown", "ShownPin", "nice_levels", "painter_for", "paints", "status", "window"]
