"""The floor of ``make bench``: the least work any renderer of the momentum figure must do for its
frames, timed alone in one process. Untimed: importing, loading the scene, building and laying out
the figure and caching its background. Timed: for each frame, restore the background, move and
draw the moving artists (in the order a full draw paints them, found once, not per frame), take
the pixels, and encode them with gdanim's own GIF and MP4 encoders (the GIF's palette from the
first and last frames, as gdanim makes it; ffmpeg finishing the MP4 included). No PDF, no
temporary files or commit, no workers. Prints the seconds.

``python bench/floor.py OUT_DIR``"""
import sys
import time
from pathlib import Path

import matplotlib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gdanim.encode.gif_encoder import GifWriter  # noqa: E402
from gdanim.encode.mp4_encoder import Mp4Writer  # noqa: E402
from gdanim.compute.frame_schedule import schedule  # noqa: E402
from gdanim.app.loader import load  # noqa: E402
from gdanim.rendering.frame_pass import FramePass  # noqa: E402
from gdanim.rendering.scene_figure import SceneFigure  # noqa: E402
from gdanim.formats.capture import rgb_of  # noqa: E402
from gdanim.rendering.renderer import trajectories_of  # noqa: E402
from gdanim.declare.style import THEMES, rc  # noqa: E402

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
scene = load(Path(__file__).resolve().parent / "momentum_bench.py")
with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
    built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
    built.freeze_layout()
    background = FramePass(built).background
    frames = schedule(built.total, scene.timing)
    order = built.redraw_order()
    fig, canvas = built.fig, built.canvas

    def draw(frame):
        canvas.restore_region(background)
        built.pose(frame.step, frame.index)
        for artist in order:
            fig.draw_artist(artist)
        return rgb_of(canvas)

    start = time.perf_counter()
    gif = GifWriter(out / "floor.gif", loop=scene.timing.loop)
    mp4 = Mp4Writer(out / "floor.mp4", built.size, scene.timing.fps)
    gif.set_palette([draw(frames[0]), draw(frames[-1])], reserved=built.key_colors)
    for f in frames:
        rgb = draw(f)
        gif.grab(rgb, f.duration)
        mp4.grab(rgb, f.duration)
    gif.finish()
    mp4.finish()
    print(f"{time.perf_counter() - start:.4f}")
