"""The obvious matplotlib way, as a lecturer writes it: FuncAnimation saved three times
(PillowWriter GIF, FFMpegWriter MP4, savefig PDF). Same content, size, dpi, frames and fps as
bench/momentum_bench.py: ``python funcanimation_way.py OUT STEPS [WIDTH_IN HEIGHT_IN FONT_PT]``
(default 12.8 × 7.2 in at 100 dpi, 15 pt: gdanim's default 16:9 size, 1280×720 px)."""
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
H = np.array([[0.1, 0], [0, 1]])


def paths():
    gd, w = [np.array([-4.0, -2.0])], np.array([-4.0, -2.0])
    for _ in range(steps):
        w = w - 0.9 * 2 * H @ w
        gd.append(w)
    mom, w, v = [np.array([-4.0, -2.0])], np.array([-4.0, -2.0]), np.zeros(2)
    for _ in range(steps):
        v = 0.3 * v - 0.9 * 2 * H @ w
        w = w + v
        mom.append(w)
    return np.array(gd), np.array(mom)


gd, mom = paths()
loss = lambda p: np.sum((p @ H) * p, axis=1)
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, height), dpi=100)
w1, w2 = np.meshgrid(np.linspace(-5, 5, 120), np.linspace(-5, 5, 120))
Z = 0.1 * w1 ** 2 + w2 ** 2
levels = [0.5, 1, 2, 3, 4, 6, 8, 10, 13, 16, 20]
ax.contourf(w1, w2, Z, levels=levels, alpha=0.45)
cs = ax.contour(w1, w2, Z, levels=levels, colors="k", linewidths=0.8)
ax.clabel(cs, fontsize="small")
l1, = ax.plot([], [], "o-", color="C0", label="GD, lr 0.9")
l2, = ax.plot([], [], "o-", color="C1", label="momentum 0.3, lr 0.9")
ax.legend()
ax2.set_yscale("log")
ax2.set_xlim(0, steps)
ax2.set_ylim(1e-30, 30)
c1, = ax2.plot([], [], color="C0")
c2, = ax2.plot([], [], color="C1")
fig.suptitle("Momentum on the ill-conditioned bowl")
fig.tight_layout()


def update(i):
    l1.set_data(gd[: i + 1, 0], gd[: i + 1, 1])
    l2.set_data(mom[: i + 1, 0], mom[: i + 1, 1])
    c1.set_data(np.arange(i + 1), loss(gd[: i + 1]))
    c2.set_data(np.arange(i + 1), loss(mom[: i + 1]))
    fig.suptitle(f"Momentum on the ill-conditioned bowl — step {i}")
    return l1, l2, c1, c2


anim = FuncAnimation(fig, update, frames=steps + 1, interval=50)
anim.save(f"{out}/ref.gif", writer=PillowWriter(fps=20))
anim.save(f"{out}/ref.mp4", writer=FFMpegWriter(fps=20))
fig.savefig(f"{out}/ref.pdf")
