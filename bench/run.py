"""`make bench`: gdanim against the FuncAnimation way on the momentum figure, in one run.

Alternating runs of each side (separate processes), medians and ranges, the ratio, both GIF
sizes, the GIF's PSNR against the renderer's RGB frames, each side's peak memory; per-frame
time at 100 and 1000 frames and along the step index; import cost; the catalogue's
`make -j2 all` cold and no-op times."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(cmd, env=None):
    """Wall time and peak RSS (MiB) of a child process (ffmpeg grandchildren not included)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode()
    if p.returncode:
        raise SystemExit(f"{cmd} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def summary(xs):
    return f"median {statistics.median(xs):6.2f} s  (min {min(xs):.2f} – max {max(xs):.2f})"


def gdanim_cmd(out, fmt="gif,mp4,pdf"):
    return [str(BIN / "gdanim"), "render", "bench/momentum_bench.py", "--out", out, "--format", fmt]


def psnr_of_gif(gif: Path, steps: int) -> float:
    """PSNR of the GIF's frames (expanded by their durations) against the renderer's RGB frames."""
    import matplotlib
    from PIL import Image

    from gdanim.loader import load
    from gdanim.renderer import SceneFigure, FramePass, trajectories_of
    from gdanim.style import THEMES, rc
    scene = load(ROOT / "bench/momentum_bench.py")
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        built.freeze_layout()
        fp = FramePass(built)
        rgb = [fp.draw(s, s) for s in range(steps + 1)]
    im = Image.open(gif)
    decoded = []
    for i in range(im.n_frames):
        im.seek(i)
        decoded += [np.asarray(im.convert("RGB"))] * max(1, round(im.info["duration"] / 50))
    mse = np.mean([np.mean((a.astype(float) - b.astype(float)) ** 2) for a, b in zip(decoded, rgb)])
    return 10 * np.log10(255 ** 2 / mse)


def per_frame_along_steps(steps=1000):
    """Draw time of the first and last 100 frames of a 1000-step animation (no encoding)."""
    import matplotlib

    from gdanim.loader import load
    from gdanim.renderer import SceneFigure, FramePass, trajectories_of
    from gdanim.style import THEMES, rc
    os.environ["GDANIM_BENCH_STEPS"] = str(steps - 1)
    scene = load(ROOT / "bench/momentum_bench.py")
    del os.environ["GDANIM_BENCH_STEPS"]
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        built.freeze_layout()
        fp = FramePass(built)
        times = []
        for s in range(steps):
            t0 = time.perf_counter()
            fp.draw(s, s)
            times.append(time.perf_counter() - t0)
    return 1000 * np.mean(times[:100]), 1000 * np.mean(times[-100:])


def main():
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    tmp = Path(tempfile.mkdtemp(prefix="gdanim-bench-"))
    ours, theirs, mem_ours, mem_theirs = [], [], [], []
    for _ in range(RUNS):
        t, m = timed(gdanim_cmd(str(tmp / "g")))
        ours.append(t)
        mem_ours.append(m)
        (tmp / "f").mkdir(exist_ok=True)
        t, m = timed([sys.executable, "bench/funcanimation_way.py", str(tmp / "f"), "99"])
        theirs.append(t)
        mem_theirs.append(m)
    print("\nmomentum figure, 800×400 px, 100 frames, 20 fps, GIF + MP4 + PDF:")
    print(f"  gdanim render      {summary(ours)}   peak RSS {max(mem_ours):.0f} MiB")
    print(f"  FuncAnimation way  {summary(theirs)}   peak RSS {max(mem_theirs):.0f} MiB")
    ratio = statistics.median(theirs) / statistics.median(ours)
    print(f"  speed-up: {ratio:.1f}× (target ≥ 8×)")
    g_ours = (tmp / "g/momentum_bench.gif").stat().st_size
    g_theirs = (tmp / "f/ref.gif").stat().st_size
    print(f"  GIF size: gdanim {g_ours / 1024:.0f} kB, PillowWriter {g_theirs / 1024:.0f} kB, "
          f"ratio {g_ours / g_theirs:.2f} (target ≤ 0.33)")
    for fmt in ("mp4", "gif"):
        print(f"\nframe count ({fmt.upper()} only):")
        peaks = {}
        for n in (100, 1000):
            env = dict(os.environ, GDANIM_BENCH_STEPS=str(n - 1))
            t, m = timed(gdanim_cmd(str(tmp / f"{fmt}{n}"), fmt), env=env)
            peaks[n] = m
            print(f"  {n:5d} frames: {t:6.2f} s, {1000 * t / n:5.1f} ms/frame, peak RSS {m:.0f} MiB")
        print(f"  peak memory 1000 / 100 frames: {peaks[1000] / peaks[100]:.2f} (target ≤ 1.5)")
    # only now does this process import matplotlib: a child forked from a large parent counts the
    # parent's pages in its peak RSS until it execs, so the memory runs above come first
    print(f"\nGIF PSNR against the RGB frames: {psnr_of_gif(tmp / 'g/momentum_bench.gif', 99):.1f} dB (target ≥ 35)")
    first, last = per_frame_along_steps()
    print(f"  draw time per frame, steps 0–99: {first:.2f} ms, steps 900–999: {last:.2f} ms")

    py = sys.executable
    imp_mpl = min(timed([py, "-c", "import matplotlib"])[0] for _ in range(3))
    imp_g = min(timed([py, "-c", "from gdanim.loader import load; load('scenes/momentum.py')"])[0] for _ in range(3))
    print(f"\nimport matplotlib: {imp_mpl:.2f} s; import gdanim + load a scene: {imp_g:.2f} s")

    if os.environ.get("BENCH_SKIP_MAKE") != "1":
        subprocess.run(["make", "clean"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        cold, _ = timed(["make", "-j2", "all"])
        noop, _ = timed(["make", "all"])
        print(f"catalogue: cold `make -j2 all` {cold:.1f} s (target < 60), no-op `make all` {noop:.2f} s (target < 1)")


if __name__ == "__main__":
    main()
