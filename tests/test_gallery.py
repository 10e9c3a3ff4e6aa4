"""`gdanim gallery` writes output/index.html; headless Chromium (Debian's package) opens it
from a local server: every image loads, every video plays, the console stays clean. The
screenshot is kept as test-artifacts/gallery.png."""
import html
import shutil
import textwrap
import time

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from browser import Chromium, Served, chromium_path
from conftest import ROOT
from gdanim.app.cli import main

ANIMATED = """
    from gdanim import Run, Scene, Timing, optimizers, problems, views
    scene = Scene(
        title="Momentum & friends <race>",
        description="Two runs on the bowl; the path with momentum is smoother.",
        problem=problems.ill_conditioned,
        runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=12),
              Run("momentum", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=12)],
        views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=6), views.LossCurve(log=True)],
        size=(6.4, 3.0), dpi=50, timing=Timing(fps=10, hold_first=0, hold_last=0.5),
        stills={"start": 0},
    )
"""
STILL = """
    from gdanim import Scene, problems, views
    scene = Scene(title="A parabola", description="Just the curve.", problem=problems.parabola,
                  views=[views.Curve1D()], size=(4, 3), dpi=50)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    scenes, out = root / "scenes", root / "output"
    scenes.mkdir()
    (scenes / "race.py").write_text(textwrap.dedent(ANIMATED))
    (scenes / "curve.py").write_text(textwrap.dedent(STILL))
    (scenes / "later.py").write_text(textwrap.dedent(STILL).replace("A parabola", "Not rendered yet"))
    runner = CliRunner()
    for name in ("race", "curve"):
        r = runner.invoke(main, ["render", str(scenes / f"{name}.py"), "--out", str(out),
                                 "--format", "gif,mp4,pdf,png,alt,beamer,html"])
        assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["gallery", str(scenes), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_index_has_a_card_per_scene_with_links_that_exist(site):
    page = (site / "index.html").read_text()
    assert page.count("<article") == 3
    assert '<video autoplay loop muted playsinline width="640" poster="race.png"' in page
    assert '<source src="race.mp4" type="video/mp4">' in page and '<img src="race.gif"' in page
    assert "Momentum &amp; friends &lt;race&gt;" in page                     # escaped
    assert "Two runs on the bowl; the path with momentum is smoother." in page
    alt = html.escape((site / "race.alt.txt").read_text().strip())
    assert f'alt="{alt}"' in page
    for target in ("race.pdf", "race-start.pdf", "race-frames.pdf", "race-frames.tex", "curve.png", "race.html"):
        assert f'href="{target}"' in page and (site / target).exists()
    later = site.parent / "scenes" / "later.py"                               # no outputs: how to make them
    assert f"not rendered yet: <code>gdanim render {later} --out {site}</code>" in page


def test_a_scene_that_does_not_load_gets_its_error_on_its_card_and_the_page_is_written(site, tmp_path):
    import shutil
    scenes = tmp_path / "scenes"
    shutil.copytree(site.parent / "scenes", scenes)
    (scenes / "broken.py").write_text("from gdanim import Scene\nscene = Scene(title='x', views=[])\n")
    r = CliRunner().invoke(main, ["gallery", str(scenes), "--out", str(tmp_path / "out")])
    assert r.exit_code == 6
    said = [line for line in r.output.splitlines() if line.startswith("gdanim: error:")]
    assert said == [f"gdanim: error: {scenes / 'broken.py'}:2: views is empty: declare at least one panel, "
                    "e.g. views=[views.LossCurve()]"], r.output
    page = (tmp_path / "out" / "index.html").read_text()
    assert page.count("<article") == 4 and '<p class="missing">gdanim: error: ' in page


def test_same_outputs_same_page(site, tmp_path):
    before = (site / "index.html").read_bytes()
    r = CliRunner().invoke(main, ["gallery", str(site.parent / "scenes"), "--out", str(site)])
    assert r.exit_code == 0 and (site / "index.html").read_bytes() == before


def test_gallery_plays_in_headless_chromium(site):
    assert chromium_path(), "chromium is missing: `make system-deps` installs Debian's chromium"
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with Served(site) as server:
        browser = Chromium(width=1280, height=1000)
        try:
            browser.open(server.url + "index.html")
            state = None
            end = time.monotonic() + 20
            while time.monotonic() < end:      # poll until the videos have been playing a while
                state = browser.evaluate("""({
                    images: [...document.images].map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0})),
                    videos: [...document.querySelectorAll('video')].map(v => ({
                        src: v.currentSrc, ready: v.readyState, paused: v.paused, t: v.currentTime,
                        error: v.error && v.error.code, w: v.videoWidth})),
                })""")
                if state["videos"] and all(v["t"] > 0.5 for v in state["videos"]):
                    break
                time.sleep(0.1)
            images, videos = state["images"], state["videos"]
            assert [i["src"].rsplit("/", 1)[1] for i in images] == ["curve.png", "race.gif"]
            assert all(i["ok"] for i in images), images
            assert len(videos) == 1, videos
            v = videos[0]
            assert v["src"].endswith("race.mp4") and v["error"] is None and v["ready"] >= 2
            assert not v["paused"] and v["t"] > 0.5 and v["w"] == 320, v
            browser.screenshot(artifacts / "gallery.png")
            assert browser.problems() == []
        finally:
            browser.close()
    shot = np.asarray(Image.open(artifacts / "gallery.png").convert("RGB"))
    assert shot.shape[1] == 1280 and shot.shape[0] > 1000                     # the whole page
    assert shot.std() > 20                                                    # not a blank page
    header = shot[8:20, 1100:1270].reshape(-1, 3).mean(axis=0)               # right of the heading's text
    np.testing.assert_allclose(header, [0x1F, 0x3B, 0x73], atol=12)           # the page's header rendered
    shutil.copy(artifacts / "gallery.png", site / "screenshot.png")


def test_the_browser_check_sees_a_broken_page(tmp_path):
    """The checks above can fail: a missing image and a console error are reported."""
    (tmp_path / "bad.html").write_text('<!doctype html><html><head><link rel="icon" href="data:,"></head><body>'
                                       '<img src="missing.png"><script>console.error("boom")</script></body></html>')
    with Served(tmp_path) as server:
        browser = Chromium(width=400, height=300)
        try:
            browser.open(server.url + "bad.html")
            problems = browser.problems()
        finally:
            browser.close()
    assert any("missing.png" in p and "404" in p for p in problems), problems
    assert any("boom" in p for p in problems), problems
