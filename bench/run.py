"""`make bench`: every speed figure of the README, each against its target, from one run.

The momentum figure at gdanim's default size (bench/momentum_bench.py: 1280×720 px, 100 frames,
20 fps), GIF + MP4 + PDF, in alternating runs (separate processes) of: one ``gdanim render``
(every core), the same with ``GDANIM_PROCESSES=1``, the floor (bench/floor.py), the FuncAnimation
way (bench/funcanimation_way.py) and a lean FuncAnimation script (bench/funcanimation_lean.py).
Then: the GIF's size and PSNR, peak memory at 100 and 1000 frames (GIF and MP4 alone), the draw
time along the step index, import + scene load against importing matplotlib, the PDF still, and the catalogue under make (cold ``make -j2 all``, a no-op
``make all``, one scene edited: which files ``make all`` rewrites), as it is and doubled. Medians and ranges; ratios against targets.

BENCH_RUNS (default 5) sets the number of alternating runs; BENCH_SKIP_MAKE=1 skips the
catalogue; BENCH_SKIP_DOUBLED=1 skips only the doubled catalogue."""
from __future__ import annotations

import os
import platform
import shutil
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
SCENE = "bench/momentum_bench.py"


def run_measured(cmd, env=None, cwd=ROOT):
    """Wall time, peak RSS (MiB) and output of a child process. The peak RSS, from wait4, is the
    largest of the process and of the processes it waited for (its workers, ffmpeg)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    out = b""
    for chunk in iter(lambda: p.stdout.read(65536), b""):
        out += chunk
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if p.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed: {out.decode()}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def summary(xs):
    return f"{statistics.median(xs):6.2f} s (min {min(xs):.2f} – max {max(xs):.2f})"


def gdanim_cmd(out, fmt="gif,mp4,pdf"):
    return [str(BIN / "gdanim"), "render", SCENE, "--out", str(out), "--format", fmt]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def load_bench(steps=None):
    if steps is not None:
        os.environ["GDANIM_BENCH_STEPS"] = str(steps)
    from gdanim.app.loader import load
    scene = load(ROOT / SCENE)
    os.environ.pop("GDANIM_BENCH_STEPS", None)
    return scene


def psnr_of_gif(gif: Path, steps: int) -> float:
    """PSNR of the GIF's frames (expanded by their durations) against the renderer's RGB frames."""
    import matplotlib
    from PIL import Image

    from gdanim.rendering.scene_figure import SceneFigure

    from gdanim.rendering.frame_pass import FramePass

    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    scene = load_bench()
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

    from gdanim.rendering.scene_figure import SceneFigure

    from gdanim.rendering.frame_pass import FramePass

    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    scene = load_bench(steps - 1)
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


def pdf_still():
    """CPU seconds to write the momentum figure's PDF still (best of 5, in this process)."""
    import matplotlib

    from gdanim.encode.pdf_encoder import write_pdf
    from gdanim.rendering.scene_figure import SceneFigure
    from gdanim.rendering.renderer import trajectories_of
    from gdanim.declare.style import THEMES, rc
    scene = load_bench()
    tmp = Path(tempfile.mkdtemp(prefix="gdanim-bench-pdf-"))
    with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)):
        built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
        built.freeze_layout()
        built.pose(built.total, 0)
        write_pdf(built.fig, tmp / "warm.pdf")
        times = []
        for _ in range(5):
            t0 = time.process_time()
            write_pdf(built.fig, tmp / "still.pdf")
            times.append(time.process_time() - t0)
    shutil.rmtree(tmp, ignore_errors=True)
    return min(times)


def momentum(tmp: Path) -> None:
    sides = {"gdanim": [], "gdanim, 1 process": [], "floor": [], "FuncAnimation way": [], "lean FuncAnimation": []}
    memory = {k: [] for k in sides}
    one = dict(os.environ, GDANIM_PROCESSES="1")
    for k in ("g", "g1", "floor", "f", "l"):
        (tmp / k).mkdir(exist_ok=True)
    for _ in range(RUNS):
        for side, cmd, env in (
            ("gdanim", gdanim_cmd(tmp / "g"), None),
            ("gdanim, 1 process", gdanim_cmd(tmp / "g1"), one),
            ("floor", [sys.executable, "bench/floor.py", str(tmp / "floor")], None),
            ("FuncAnimation way", [sys.executable, "bench/funcanimation_way.py", str(tmp / "f"), "99"], None),
            ("lean FuncAnimation", [sys.executable, "bench/funcanimation_lean.py", str(tmp / "l"), "99"], None),
        ):
            wall, rss, out = run_measured(cmd, env=env)
            sides[side].append(float(out.split()[-1]) if side == "floor" else wall)
            memory[side].append(rss)
    med = {k: statistics.median(v) for k, v in sides.items()}
    processes = run_measured([sys.executable, "-c", "from gdanim.runtime.cpus import plan; print(plan(100))"])[2].split()[-1]
    print(f"\nmomentum figure, default size 1280×720 px, 100 frames, 20 fps, GIF + MP4 + PDF ({RUNS} alternating runs):")
    for side, xs in sides.items():
        what = "timed part only (see bench/floor.py)" if side == "floor" else f"peak RSS {max(memory[side]):.0f} MiB"
        print(f"  {side:20s} {summary(xs)}   {what}")
    way, lean, floor = med["FuncAnimation way"] / med["gdanim"], med["lean FuncAnimation"] / med["gdanim"], med["gdanim"] / med["floor"]
    print(f"  faster than the FuncAnimation way:  {way:5.1f}× (target ≥ 20×)   {verdict(way >= 20)}")
    print(f"  faster than lean FuncAnimation:     {lean:5.1f}× (target ≥ 8×)    {verdict(lean >= 8)}")
    print(f"  gdanim / floor:                     {floor:5.2f}× (target ≤ 1.5×)  {verdict(floor <= 1.5)}")
    same = all((tmp / "g" / f"momentum_bench.{e}").read_bytes() == (tmp / "g1" / f"momentum_bench.{e}").read_bytes()
               for e in ("gif", "mp4", "pdf"))
    floor_same = all((tmp / "g" / f"momentum_bench.{e}").read_bytes() == (tmp / "floor" / f"floor.{e}").read_bytes()
                     for e in ("gif", "mp4"))
    print(f"  all cores: {processes} processes draw the frames, {med['gdanim, 1 process'] / med['gdanim']:.2f}× "
          f"the speed of one; GIF, MP4 and PDF byte-identical to one process's: {same}   {verdict(same)}")
    print(f"  the floor's GIF and MP4 are byte-identical to gdanim's (the same work): {floor_same}")
    g_ours = (tmp / "g/momentum_bench.gif").stat().st_size
    g_theirs = (tmp / "f/ref.gif").stat().st_size
    print(f"  GIF size: gdanim {g_ours / 1024:.0f} kB, PillowWriter {g_theirs / 1024:.0f} kB, "
          f"ratio {g_ours / g_theirs:.2f} (target ≤ 0.33)   {verdict(g_ours / g_theirs <= 0.33)}")


def memory(tmp: Path) -> None:
    for fmt in ("mp4", "gif"):
        print(f"\nframe count ({fmt.upper()} only; peak RSS of the largest process: gdanim, a worker or ffmpeg):")
        peaks = {}
        for n in (100, 1000):
            env = dict(os.environ, GDANIM_BENCH_STEPS=str(n - 1))
            t, m, _ = run_measured(gdanim_cmd(tmp / f"{fmt}{n}", fmt), env=env)
            peaks[n] = m
            print(f"  {n:5d} frames: {t:6.2f} s, {1000 * t / n:5.1f} ms/frame, peak RSS {m:.0f} MiB")
        ratio = peaks[1000] / peaks[100]
        print(f"  peak memory 1000 / 100 frames: {ratio:.2f} (target ≤ 1.5)   {verdict(ratio <= 1.5)}")


def catalogue(tmp: Path, copies: int) -> None:
    """Cold ``make -j2 all``, a no-op ``make all`` and one scene edited, on the catalogue (each
    scene ``copies`` times), into a folder of its own (output/ is left alone)."""
    scenes = tmp / f"scenes{copies}"
    scenes.mkdir()
    for p in sorted((ROOT / "scenes").glob("*.py")):
        for c in range(copies):
            shutil.copy(p, scenes / (p.name if c == 0 else f"{p.stem}_{c + 1}.py"))
    count = len(list(scenes.glob("[!_]*.py")))
    out = tmp / f"output{copies}"
    make = ["make", f"SCENE_DIR={scenes}", f"OUT={out}"]
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    cold, _ = run_measured(make + ["-j2", "all"], env=env)[:2]
    noop, _ = run_measured(make + ["all"], env=env)[:2]
    edited = scenes / "momentum.py"
    edited.write_text(edited.read_text() + "\n# edited\n")
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    one, _ = run_measured(make + ["all"], env=env)[:2]
    rewritten = sorted(p.name for p in out.iterdir() if before.get(p.name) != p.stat().st_mtime_ns)
    renders = sorted({name.split(".")[0] for name in rewritten if name not in ("index.html", ".rendered")})
    label = "catalogue" if copies == 1 else "catalogue doubled (each scene twice; for reference: no targets)"
    alone = renders == ["momentum"]

    def against(target: str, ok: bool) -> str:
        return f" (target {target})   {verdict(ok)}" if copies == 1 else ""
    print(f"\n{label}, {count} scenes (GIF, MP4, PDF, PNG, alt text, explorer page; gallery page):")
    print(f"  cold `make -j2 all`: {cold:5.1f} s{against('< 40', cold < 40)}")
    print(f"  no-op `make all`:    {noop:5.2f} s{against('< 1', noop < 1)}")
    print(f"  one scene edited: `make all` takes {one:.1f} s and rewrites the files of {renders} "
          f"(and the gallery page){'   ' + verdict(alone) if copies == 1 else ''}")


def main():
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tmp = Path(tempfile.mkdtemp(prefix="gdanim-bench-"))
    # memory first: a child forked from a large parent counts the parent's pages in its peak RSS
    # until it execs, so this process imports matplotlib only after the runs that measure memory
    momentum(tmp)
    memory(tmp)
    psnr = psnr_of_gif(tmp / "g/momentum_bench.gif", 99)
    print(f"\nGIF PSNR against the RGB frames: {psnr:.1f} dB (target ≥ 35)   {verdict(psnr >= 35)}")
    first, last = per_frame_along_steps()
    print(f"draw time per frame, steps 0–99: {first:.2f} ms, steps 900–999: {last:.2f} ms")
    print(f"PDF still: {pdf_still():.2f} s of CPU")

    py = sys.executable
    imp_mpl = min(run_measured([py, "-c", "import matplotlib"])[0] for _ in range(5))
    imp_g = min(run_measured([py, "-c", "from gdanim.app.loader import load; load('scenes/momentum.py')"])[0]
                for _ in range(5))
    print(f"import matplotlib: {imp_mpl:.2f} s; import gdanim + load a scene: {imp_g:.2f} s "
          f"(target ≤ matplotlib)   {verdict(imp_g <= imp_mpl)}")

    if os.environ.get("BENCH_SKIP_MAKE") != "1":
        catalogue(tmp, 1)
        if os.environ.get("BENCH_SKIP_DOUBLED") != "1":
            catalogue(tmp, 2)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
