"""Before scenes are rendered side by side: which goes first (its cost), and what every render
loads, loaded once before the processes fork (``warm_up``)."""
from __future__ import annotations

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gdanim.compute.frame_schedule import schedule
from gdanim.rendering.paint import painter_for


CAMERA_COST = 15        # a 3-D panel's camera position for the explorer, in frames of one panel


def cost(scene) -> int:
    """Roughly how long ``scene`` takes to render, in frames of one panel: its frames times its
    panels, a fixed part (layout, the PDF) and, for a 3-D panel, the explorer's camera positions.
    Only its order matters: the longest renders go first when scenes render side by side."""
    from gdanim.formats.explorer import CAMERAS
    total = max((r.steps for r in scene.runs), default=0)
    frames = 0 if scene.is_still else len(schedule(total, scene.timing))
    panels3d = sum(painter_for(v).projection == "3d" for v in scene.views)
    return 100 + frames * len(scene.views) + CAMERA_COST * CAMERAS * panels3d


def warm_up() -> None:
    """Load what every render needs before processes are forked to render scenes, so that none
    pays for it again (about 0.3 s of CPU each): the formats' and encoders' modules, fontTools'
    subsetter and the PDF backend (with lxml, 0.2 s), contourpy, the ffmpeg binary's check, the
    explorer's script, the font (a first text drawn) and the mathtext parser (a log axis' labels),
    by writing a small PDF nobody keeps."""
    import io
    import numpy.random  # noqa: F401
    from PIL import Image, PngImagePlugin, WebPImagePlugin, GifImagePlugin  # noqa: F401
    import imageio_ffmpeg
    from gdanim.formats import explorer
    from gdanim.encode.pdf_encoder import write_pdf
    from gdanim.formats import names
    names()
    try:
        imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:                   # no ffmpeg: said by a render that needs it, not here
        pass
    explorer.asset("explorer.js"), explorer.asset("explorer.css")
    fig = Figure(figsize=(1, 1), dpi=20)
    ax = fig.add_subplot()
    ax.contour([[0.0, 1.0], [1.0, 2.0]])
    ax.set_yscale("log")
    ax.set_ylim(0.1, 10)
    fig.text(0.5, 0.5, "step 0 / 1", fontsize="small")
    fig.suptitle("warm-up", fontweight="bold")
    FigureCanvasAgg(fig).draw()
    with matplotlib.rc_context({"pdf.fonttype": 42}):      # embedded through fontTools, as renders do
        write_pdf(fig, io.BytesIO())
