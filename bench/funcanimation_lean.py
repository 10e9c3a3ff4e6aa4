"""A lean FuncAnimation script: only a contour plot, the two paths and a loss curve (no filled
contours, labels, legend, markers, status texts or title), saved as GIF (PillowWriter), MP4
(FFMpegWriter) and a PDF (savefig). The second baseline of ``make bench``, at the same size,
dpi, frames and fps as bench/momentum_bench.py:
``python funcanimation_lean.py OUT STEPS [WIDTH_IN HEIGHT_IN FONT_PT]`` (default 12.8 × 7.2 in,
100 dpi, 15 pt: 1280×720 px)."""
import sys

import imageio_ffmpeg
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FFMpegWriter, FuncAnimation, PillowWriter

out, steps = sys.argv[1], int(sys.argv[2])
width, height, font = (float(a) for a in (sys.argv[3:6] or (12.8, 7.2, 15)))
plt.rcParams["animation.ffmpeg_path"] = imageio_ffmpeg.get_ffmpeg_exe()
plt.rcParams["font.size"] = font
H = np.diag([0.1, 1.0])


def run(beta):
    w, v, path = np.array([-4.0, -2.0]), np.zeros(2), []
    for _ in range(steps + 1):
        path.append(w)
        v = beta * v - 0.9 * 2 * H @ w
        w = w + v
    return np.array(path)


paths = [run(0.0), run(0.3)]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, height), dpi=100)
w1, w2 = np.meshgrid(np.linspace(-5, 5, 120), np.linspace(-5, 5, 120))
ax.contour(w1, w2, 0.1 * w1 ** 2 + w2 ** 2, levels=[0.5, 1, 2, 3, 4, 6, 8, 10, 13, 16, 20])
lines = [ax.plot([], [])[0] for _ in paths]
curves = [ax2.semilogy([], [])[0] for _ in paths]
ax2.set_xlim(0, steps)
ax2.set_ylim(1e-30, 30)


def update(i):
    for p, line, curve in zip(paths, lines, curves):
        line.set_data(p[: i + 1, 0], p[: i + 1, 1])
        curve.set_data(np.arange(i + 1), np.sum((p[: i + 1] @ H) * p[: i + 1], axis=1))
    return lines + curves


anim = FuncAnimation(fig, update, frames=steps + 1, interval=50)
anim.save(f"{out}/lean.gif", writer=PillowWriter(fps=20))
anim.save(f"{out}/lean.mp4", writer=FFMpegWriter(fps=20))
fig.savefig(f"{out}/lean.pdf")
