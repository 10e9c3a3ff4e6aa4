"""Made for slides: beamer frames (a vector page per frame, the animate snippet and timeline,
compiled by pdflatex), PNG frame sequences, slide-size presets, themes, timing, the palette,
and alt text."""
import re
import shutil
import subprocess

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from gdanim import Run, Scene, Timing, optimizers as O, problems as P, views as V
from gdanim.compute.frame_schedule import schedule
from gdanim.rendering.renderer import render_scene
from gdanim.declare.scene import SIZES
from gdanim.declare.style import THEMES

RUNS = [Run("GD", O.gd(0.9), start=(-4, -2), steps=6), Run("momentum", O.momentum(0.9, 0.3), start=(-4, 3), steps=6)]
TIMING = Timing(fps=5, hold_first=0.6, hold_last=1.0, pause_on=((3, 0.8),))


def tiny(**kw):
    base = dict(title="Tiny race", description="Two runs on the bowl.", problem=P.ill_conditioned, runs=RUNS,
                views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=6), V.LossCurve()], size="beamer", dpi=50,
                timing=TIMING)
    base.update(kw)
    return Scene(**base)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


@pytest.fixture(scope="module")
def frames_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("frames")
    paths = render_scene(tiny(), "race", out, ("beamer", "png-frames", "alt"))
    return out, paths


def test_frames_pdf_has_a_vector_page_per_frame(frames_out):
    out, _ = frames_out
    pdf = (out / "race-frames.pdf").read_bytes()
    assert pdf_pages(pdf) == len(schedule(6, TIMING)) == 7
    assert b"/Subtype /Image" not in pdf and b"/FontFile2" in pdf
    assert b"CreationDate" not in pdf


def test_tex_snippet_and_timeline_give_each_frame_its_time(frames_out):
    out, _ = frames_out
    tex = (out / "race-frames.tex").read_text()
    m = re.search(r"\\animategraphics\[([^\]]*)\]\{([\d.]+)\}\{race-frames\}\{\}\{\}", tex)
    assert m, tex
    opts = m.group(1).split(",")
    assert {"autoplay", "loop", "controls", "poster=last", "timeline=race-frames.timeline"} <= set(opts)
    # its natural size (made of whole pixels), or the line's width and 0.8 of the text height, keeping its shape
    w = re.fullmatch(r"width=\\ifdim\\linewidth<([\d.]+)cm \\linewidth\\else ([\d.]+)cm\\fi", opts[4])
    h = re.fullmatch(r"height=\\ifdim 0.8\\textheight<([\d.]+)cm 0.8\\textheight\\else ([\d.]+)cm\\fi", opts[5])
    assert w and h and w[1] == w[2] and h[1] == h[2] and "keepaspectratio" in opts, opts
    assert abs(float(w[1]) - 14) < 0.1 and abs(float(h[1]) - 7) < 0.1
    assert float(m.group(2)) == 5
    # one line per frame; the rate shown for each is 1 / its duration (holds and the pause)
    lines = (out / "race-frames.timeline").read_text().splitlines()
    assert len(lines) == 7
    rates, current = [], None
    for k, line in enumerate(lines):
        _, rate, page = line.split(":")
        assert int(page) == k
        current = float(rate) if rate else current
        rates.append(current)
    durations = [1 / r for r in rates]
    np.testing.assert_allclose(durations, [f.duration for f in schedule(6, TIMING)], rtol=1e-5)
    np.testing.assert_allclose(durations, [0.8, 0.2, 0.2, 1.0, 0.2, 0.2, 1.2], rtol=1e-5)


def test_png_frames_are_zero_padded_and_timed(frames_out):
    out, _ = frames_out
    folder = out / "race-frames"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"race-{k:04d}.png" for k in range(7)] + ["timing.txt"]
    first, last = (np.asarray(Image.open(folder / n).convert("RGB")) for n in ("race-0000.png", "race-0006.png"))
    assert first.shape == last.shape and np.any(first != last)
    assert first.shape[1] == int(round(14 / 2.54 * 50)) // 2 * 2     # 14 cm at 50 dpi, made even
    timing = [float(line.split()[1]) for line in (folder / "timing.txt").read_text().splitlines()]
    assert timing == [0.8, 0.2, 0.2, 1.0, 0.2, 0.2, 1.2]


def test_alt_text_names_the_panels_runs_and_final_losses(frames_out):
    from gdanim import run_scene
    out, _ = frames_out
    text = (out / "race.alt.txt").read_text()
    trajs = {t.label: t for t in run_scene(tiny())}
    assert text.startswith("Tiny race. Two runs on the bowl. Panels: contours of the loss over w1 and w2")
    assert "the loss against the iteration" in text
    for label, t in trajs.items():
        assert f"final loss {t.loss[-1]:.4g}" in text and label in text
    assert len(text) < 600 and "\n" not in text.strip()


def test_a_rerender_of_frames_gives_the_same_bytes(frames_out, tmp_path):
    out, paths = frames_out
    render_scene(tiny(), "race", tmp_path, ("beamer", "png-frames", "alt"))
    for p in paths:
        if p.is_file():
            assert (tmp_path / p.name).read_bytes() == p.read_bytes(), p.name
    for p in (out / "race-frames").iterdir():
        assert (tmp_path / "race-frames" / p.name).read_bytes() == p.read_bytes()


def test_a_second_png_frames_render_replaces_the_folder_whole(tmp_path):
    render_scene(tiny(), "race", tmp_path, ("png-frames",))
    (tmp_path / "race-frames" / "race-0099.png").write_bytes(b"stale")
    render_scene(tiny(timing=Timing(fps=5, hold_first=0, hold_last=0)), "race", tmp_path, ("png-frames",), max_frames=3)
    assert sorted(p.name for p in (tmp_path / "race-frames").iterdir()) == [
        "race-0000.png", "race-0001.png", "race-0002.png", "timing.txt"]
    assert not [p for p in tmp_path.iterdir() if "gdanim-tmp" in p.name]


def test_the_snippet_compiles_in_beamer_into_an_animation(frames_out, tmp_path):
    out, _ = frames_out
    for name in ("race-frames.pdf", "race-frames.tex", "race-frames.timeline"):
        shutil.copy(out / name, tmp_path / name)
    (tmp_path / "deck.tex").write_text(
        "\\documentclass[aspectratio=169]{beamer}\n\\usepackage{animate}\n\\begin{document}\n"
        "\\begin{frame}{Race}\\centering\\input{race-frames.tex}\\end{frame}\n\\end{document}\n")
    assert shutil.which("pdflatex"), "pdflatex is missing: `make system-deps` installs TeX Live"
    for _ in range(2):
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "deck.tex"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout[-2000:]
    log = (tmp_path / "deck.log").read_text(errors="replace")
    assert "building timeline a0" in log and "<a0,fr6>" in log          # animation a0, frames 0..6
    info = subprocess.run(["pdfinfo", "deck.pdf"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", info), info
    # animate's player script: 7 frames, each shown at the rate of its own duration
    js = subprocess.run(["pdfinfo", "-js", "deck.pdf"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "i<=6" in js
    rates = re.search(r"a0_nFpsAt=new Array\(([^)]*)\)", js).group(1).split(",")
    np.testing.assert_allclose([1 / float(r) for r in rates], [f.duration for f in schedule(6, TIMING)], rtol=1e-4)


def test_slide_presets_fit_their_frames_at_readable_sizes():
    cm = 1 / 2.54
    (w, h), pt = SIZES["beamer"]
    assert w <= 14 * cm and h <= 9 * cm - 1.5 * cm and pt >= 8            # between the margins, under a frame title
    (w, h), pt = SIZES["beamer-4:3"]
    assert w <= 10.8 * cm and h <= 9.6 * cm - 1.5 * cm and pt >= 8
    (w, h), pt = SIZES["powerpoint"]
    assert w <= 13.333 and h <= 7.5 - 1.5 and pt >= 18
    (w, h), pt = SIZES["powerpoint-4:3"]
    assert w <= 10 - 0.8 and h <= 7.5 - 1.5 and pt >= 18



@pytest.mark.parametrize("preset", ["beamer", "beamer-4:3", "powerpoint", "powerpoint-4:3"])
def test_a_preset_sets_the_pixel_size(tmp_path, preset):
    render_scene(tiny(size=preset, views=[V.LossCurve()]), "t", tmp_path, ("png",), dpi=40)
    (w, h), _ = SIZES[preset]
    assert Image.open(tmp_path / "t.png").size == (int(round(w * 40)) // 2 * 2, int(round(h * 40)) // 2 * 2)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_paint_their_background(tmp_path, theme):
    render_scene(tiny(theme=theme, views=[V.LossCurve()]), "t", tmp_path, ("png",))
    rgb = np.asarray(Image.open(tmp_path / "t.png").convert("RGB")).astype(float)
    corner = rgb[2, -3]
    np.testing.assert_allclose(corner, np.array(to_rgb(THEMES[theme].face)) * 255, atol=2)


def test_timing_holds_pauses_and_loop_count_reach_the_gif(tmp_path):
    render_scene(tiny(timing=Timing(fps=5, hold_first=0.6, hold_last=1.0, pause_on=((3, 0.8),), loop=3)),
                 "t", tmp_path, ("gif",))
    im = Image.open(tmp_path / "t.gif")
    assert im.info["loop"] == 3
    durations = []
    for i in range(im.n_frames):
        im.seek(i)
        durations.append(im.info["duration"])
    assert sum(durations) == 800 + 200 + 200 + 1000 + 200 + 200 + 1200
    assert durations[0] == 800 and 1000 in durations


def cvd(rgb, kind):
    """Machado, Oliveira & Fernandes (2009) colour-vision-deficiency simulation, severity 1,
    on linear RGB."""
    m = {
        "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    }[kind]
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return np.clip(lin @ np.array(m).T, 0, 1)


def lab(lin):
    xyz = lin @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["protan", "deutan", "tritan"])
def test_racing_colours_stay_apart_for_colour_blind_viewers(theme, kind):
    """The first six run colours (a six-optimizer race) stay at least 12 ΔE apart under each
    simulated deficiency, and at least 25 ΔE from the background."""
    th = THEMES[theme]
    colours = np.array([to_rgb(c) for c in th.palette[:6]])
    L = lab(cvd(colours, kind))
    d = np.linalg.norm(L[:, None] - L[None], axis=-1)
    assert d[np.triu_indices(6, 1)].min() > 12, d.round(1)
    bg = lab(cvd(np.array([to_rgb(th.face)]), kind))
    assert np.linalg.norm(L - bg, axis=1).min() > 25


def test_timing_reaches_the_mp4_as_repeated_frames(tmp_path):
    import imageio_ffmpeg
    render_scene(tiny(), "t", tmp_path, ("mp4",))
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "t.mp4"))
    total = sum(f.duration for f in schedule(6, TIMING))          # 3.8 s at 5 fps
    assert frames == round(total * 5) == 19
    assert abs(seconds - total) < 0.05
