"""Filled contours with log_levels are coloured by the logarithm of the loss: bands spaced
geometrically get colours spread evenly, not one purple below a tenth of the top level."""
import numpy as np
from matplotlib.colors import LogNorm

from gdanim import Scene, problems as P, views as V
from test_render import SMALL, draw


def test_log_levels_give_each_band_a_colour_of_its_own():
    rosen = P.Rosenbrock()
    view = V.Contours(xlim=(-2, 2), ylim=(-1, 3), levels=12, log_levels=True, labels=False)
    built, _, frames = draw(Scene("t", problem=rosen, views=[view], **SMALL), [0], texts=False)
    ax = built.painters[0].ax
    (filled,) = [c for c in ax.collections if getattr(c, "filled", False)]
    assert isinstance(filled.norm, LogNorm)
    spread = filled.norm(np.asarray(filled.levels))
    assert np.ptp(np.diff(spread)) < 0.15 * np.mean(np.diff(spread))           # evenly along the colour map

    def colour(xy):
        px, py = ax.transData.transform(xy)
        return frames[0][int(round(frames[0].shape[0] - py)), int(round(px))].astype(float)

    # losses 1 and 101, both under 5% of the top (about 2500): 4 apart (of 255) when coloured by the loss
    low, mid = (0.0, 0.0), (0.0, 1.0)
    assert rosen.value(low) == 1.0 and rosen.value(mid) == 101.0
    assert np.abs(colour(low) - colour(mid)).max() > 25
