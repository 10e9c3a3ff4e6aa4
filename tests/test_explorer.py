"""The explorer (``--format html``) in real headless Chromium, opened from file://: a 2-D, a 1-D, a
3-D and a swept scene. Nothing leaves the file, the console stays clean, the scrubber, the keyboard,
the sweep slider and dragging change what is drawn, and a screenshot at a step agrees with that
step's PNG still. Screenshots are kept in test-artifacts/."""
import io
import json
import re
import textwrap

import numpy as np
import pytest
from PIL import Image

from browser import Chromium
from conftest import ROOT, invoke

HEAD = "from gdanim import Run, Scene, Sweep, Timing, optimizers, problems, views\n"
SMALL = "size=(6.4, 3.2), dpi=50, timing=Timing(fps=10, hold_first=0, hold_last=0)"
SCENES = {
    "flat": f"""
        scene = Scene(title="Two runs", problem=problems.ill_conditioned,
            runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=8),
                  Run("momentum", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=8)],
            views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=6), views.LossCurve(log=True)],
            stills={{"s3": 3}}, size=(6.4, 3.2), dpi=50,
            timing=Timing(fps=10, hold_first=0.5, hold_last=0, pause_on={{3: 1.0}}))
    """,
    "line": f"""
        scene = Scene(title="Overshoot", problem=problems.parabola,
            runs=[Run("GD", optimizers.gd(1.08), start=2, steps=6)],
            views=[views.Curve1D(xlim=(-10, 10))], stills={{"s2": 2}}, {SMALL})
    """,
    "wild": f"""
        scene = Scene(title="Blow-up", problem=problems.parabola,
            runs=[Run("calm", optimizers.gd(0.3), start=2, steps=6), Run("wild", optimizers.gd(50), start=2, steps=6)],
            views=[views.Curve1D(xlim=(-10, 10))], {SMALL})
    """,
    "bowl": f"""
        scene = Scene(title="Surface", problem=problems.ill_conditioned,
            runs=[Run("GD", optimizers.gd(0.15), start=(-4, -2), steps=6)],
            views=[views.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=12)], stills={{"s1": 1}}, {SMALL.replace("dpi=50", "dpi=80")})
    """,
    "twobowls": f"""
        scene = Scene(title="Two surfaces", problem=problems.ill_conditioned,
            runs=[Run("GD", optimizers.gd(0.15), start=(-4, -2), steps=4)],
            views=[views.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=8, title="left bowl"),
                   views.Surface3D(xlim=(-5, 5), ylim=(-5, 5), npts=8, title="right bowl")], {SMALL})
    """,
    "fit": f"""
        import numpy as np
        from gdanim import data
        xs = np.linspace(0, 3, 12)
        amounts = 2 * np.exp(-0.7 * xs)
        def model(w, x):
            return w[0] * np.exp(-w[1] * x)
        scene = Scene(title="A model of one's own",
            problem=problems.Function(lambda w: float(np.mean(np.abs(model(w, xs) - amounts))), dim=2),
            runs=[Run("GD", optimizers.gd(0.3), start=(0.5, 0.1), steps=6)],
            views=[views.ModelFit(predict=model, data=data.Arrays(xs, amounts))], stills={{"s2": 2}}, {SMALL})
    """,
    "net": f"""
        from gdanim import data
        net = problems.TinyNetwork(data.Wave(n=20, seed=0), hidden=2)
        scene = Scene(title="A slice", problem=net, runs=[Run("GD", optimizers.gd(0.3), start=net.initial(0), steps=8)],
            views=[views.Contours(slice=views.Slice("pca")), views.ModelFit()], stills={{"s3": 3}}, {SMALL})
    """,
    "swept": f"""
        scene = Scene(title="Rates", problem=problems.ill_conditioned,
            sweep=Sweep(Run("GD", optimizers.gd(0.1), start=(-4, -2), steps=8), over="lr",
                        values=[0.1, 0.5, 0.9, 1.2]),
            views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=6, aspect="auto"), views.SweepSummary()],
            {SMALL})
    """,
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("explorer")
    for name, body in SCENES.items():
        path = out / f"{name}.py"
        path.write_text(HEAD + textwrap.dedent(body))
        r = invoke("render", path, "--out", out, "--format", "html,png")
        assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def browser():
    b = Chromium(1000, 800)
    yield b
    b.close()


class Page:
    """One explorer open in the browser, with what the tests ask of it."""

    def __init__(self, browser, path):
        self.b = browser
        browser.open(path.as_uri())
        self.canvas = browser.driver.find_element("css selector", ".gdanim-explorer canvas")

    def pixels(self) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(self.canvas.screenshot_as_png)).convert("RGB")).astype(int)

    def state(self, what):
        return self.b.evaluate(f"document.querySelector('.gdanim-explorer').gdanim.state.{what}")

    def readout(self) -> str:
        return self.b.evaluate("document.querySelector('.gx-stepout').textContent")

    def key(self, selector, *keys):
        el = self.b.driver.find_element("css selector", selector)
        el.send_keys(*keys) if selector != "canvas" else None
        return el

    def press(self, *keys):
        from selenium.webdriver.common.action_chains import ActionChains
        self.canvas.click()
        chain = ActionChains(self.b.driver)
        for k in keys:
            chain.send_keys(k)
        chain.perform()


def still(pages, name) -> np.ndarray:
    return np.asarray(Image.open(pages / name).convert("RGB")).astype(int)


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels that differ clearly (more than 64 of 255 in some channel)."""
    assert a.shape == b.shape
    return float((np.abs(a - b).max(axis=2) > 64).mean())


def test_nothing_leaves_the_file_and_the_console_stays_clean(pages, browser):
    for name in SCENES:
        text = (pages / f"{name}.html").read_text()
        assert not re.search(r"(src|href)=\"(?!data:)", text), name          # no file, no address
        assert "default-src 'none'" in text                                  # and the page may fetch nothing
        Page(browser, pages / f"{name}.html")
        assert browser.evaluate("performance.getEntriesByType('resource').length") == 0, name
        assert browser.problems() == [], name


def test_screenshot_at_a_step_agrees_with_its_png_still(pages, browser):
    for name, step, label in (("flat", 3, "s3"), ("line", 2, "s2"), ("bowl", 1, "s1"), ("fit", 2, "s2"),
                              ("net", 3, "s3")):
        page = Page(browser, pages / f"{name}.html")
        steps = json.loads(re.search(r'class="gx-data">(.*?)</script>', (pages / f"{name}.html").read_text()).group(1))["steps"]
        browser.evaluate(f"document.querySelector('.gdanim-explorer').gdanim.go({steps.index(step)})")
        shot = page.pixels()
        (ROOT / "test-artifacts").mkdir(exist_ok=True)          # whichever test runs first, on whichever worker
        Image.fromarray(shot.astype(np.uint8)).save(ROOT / "test-artifacts" / f"explorer-{name}.png")
        at, final = still(pages, f"{name}-{label}.png"), still(pages, f"{name}.png")
        assert agreement(shot, at) < 0.01, name
        # where the two stills differ (what moved between the steps), the page shows the step's
        moved = np.abs(at - final).max(axis=2) > 64
        assert moved.sum() > 20, name
        like_step = (np.abs(shot - at).max(axis=2) <= 64)[moved].mean()
        like_final = (np.abs(shot - final).max(axis=2) <= 64)[moved].mean()
        assert like_step > 0.8 and like_final < 0.3, (name, like_step, like_final)


def test_scrubber_and_keyboard_move_the_path(pages, browser):
    page = Page(browser, pages / "flat.html")
    n = len(browser.evaluate("JSON.parse(document.querySelector('.gx-data').textContent).steps"))
    end = page.pixels()
    assert page.state("pos") == n - 1 and page.readout() == "step 8 / 8"
    page.key(".gx-step", "\ue011")                        # Home on the scrubber
    assert page.state("pos") == 0 and page.readout() == "step 0 / 8"
    start = page.pixels()
    changed = np.abs(start - end).max(axis=2) > 64
    width = changed.shape[1]
    assert changed[:, : width // 2].sum() > 30                             # the path, on the left panel
    page.press("\ue014", "\ue014")                        # → → on the figure
    assert page.state("pos") == 2 and page.readout() == "step 2 / 8"
    page.press("\ue012")                                  # ←
    assert page.state("pos") == 1
    page.press("\ue010")                                  # End
    assert page.state("pos") == n - 1
    assert np.array_equal(page.pixels(), end)
    page.press(" ")
    assert page.state("playing") is True
    page.press(" ")
    assert page.state("playing") is False
    assert browser.problems() == []


def test_playing_keeps_each_frames_time_holds_and_pauses_included(pages, browser):
    """Frames at 10 fps, the first held 0.5 s more and step 3 paused 1 s: played on a clock given
    by hand, the page is at the frame the schedule says."""
    Page(browser, pages / "flat.html")
    times = [0.55, 0.65, 0.85, 1.0, 1.85, 1.95, 2.05]
    positions = browser.evaluate(
        "(() => { const g = document.querySelector('.gdanim-explorer').gdanim, out = []; let t = 0;"
        f" g.go(0); g.state.playing = true; for (const at of {times}) {{ g.advance(at - t); t = at;"
        " out.push(g.state.pos); } g.state.playing = false; return out; })()")
    assert positions == [0, 1, 3, 3, 3, 4, 5]


def test_sweep_slider_changes_the_path_and_marks_the_value(pages, browser):
    page = Page(browser, pages / "swept.html")
    first = page.pixels()
    losses = browser.evaluate("document.querySelector('.gx-losses').textContent")
    assert losses.startswith("lr 0.1: loss")
    page.key(".gx-sweep", "\ue014")                       # → on the sweep slider
    assert page.state("variant") == 1
    assert browser.evaluate("document.querySelector('.gx-sweepout').textContent") == "0.5"
    assert browser.evaluate("document.querySelector('.gx-losses').textContent").startswith("lr 0.5: loss")
    second = page.pixels()
    changed = np.abs(first - second).max(axis=2) > 64
    width = changed.shape[1]
    assert changed[:, : width // 2].sum() > 30          # another path on the contours
    assert changed[:, width // 2:].sum() > 10           # the ring moved on the summary panel
    assert browser.problems() == []


def test_the_losses_say_where_a_run_diverged_once_the_frame_shows_it(pages, browser):
    """The readout under the explorer gives each run's loss; a run that blew up keeps showing its
    last finite loss, so from its last step on it also says that it diverged, and where."""
    page = Page(browser, pages / "wild.html")
    chips = "[...document.querySelectorAll('.gx-loss')].map(c => c.textContent)"
    calm, wild = browser.evaluate(chips)
    assert re.fullmatch(r"calm: loss \S+", calm), calm
    assert re.fullmatch(r"wild: loss \S+ \(diverged at step 5\)", wild), wild
    browser.evaluate("document.querySelector('.gdanim-explorer').gdanim.go(0)")
    assert page.readout() == "step 0 / 6"
    assert [c.split(": ")[0] for c in browser.evaluate(chips)] == ["calm", "wild"]
    assert "diverged" not in "".join(browser.evaluate(chips))
    assert browser.problems() == []


def test_two_3d_panels_each_turning_row_names_its_panel(pages, browser):
    Page(browser, pages / "twobowls.html")
    rows = browser.evaluate("[...document.querySelectorAll('.gx-view-row')].map(r => r.textContent)")
    assert [r.split(":")[0] for r in rows] == ["left bowl", "right bowl"], rows
    assert browser.evaluate("[...document.querySelectorAll('.gx-view-row')].map(r => r.getAttribute('aria-label'))") \
        == ["3-D view: left bowl", "3-D view: right bowl"]
    assert browser.problems() == []


def test_dragging_turns_the_3d_panel(pages, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    page = Page(browser, pages / "bowl.html")
    before = page.pixels()
    angle = "document.querySelector('.gx-viewout').textContent"
    azimuth, elevation = browser.evaluate(angle).split(", ")
    ActionChains(browser.driver).move_to_element(page.canvas).click_and_hold().move_by_offset(-40, 0) \
        .release().perform()
    assert page.state("views[0].a") != 0
    after = page.pixels()
    assert (np.abs(before - after).max(axis=2) > 64).mean() > 0.02
    turned = browser.evaluate(angle).split(", ")
    assert turned[0] != azimuth and turned[1] == elevation, turned       # a sideways drag turns the azimuth
    assert int(browser.evaluate("document.querySelector('.gx-azim').value")) == page.state("views[0].a")
    assert browser.problems() == []


def test_controls_are_labelled_and_the_figure_carries_the_alt_text(pages, browser):
    Page(browser, pages / "swept.html")
    unlabelled = browser.evaluate(
        "[...document.querySelectorAll('.gdanim-explorer input, .gdanim-explorer select, .gdanim-explorer button')]"
        ".filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).length")
    assert unlabelled == 0
    alt = (pages / "swept.html").read_text()
    assert re.search(r'<canvas [^>]*role="img" aria-label="Rates\. Panels: contours of the loss', alt)
    assert browser.evaluate("document.querySelector('canvas').tabIndex") == 0
    # the moving texts are drawn in the figure's own font, embedded, whatever the machine has
    assert browser.evaluate("[...document.fonts].some(f => f.family.startsWith('gx-') && f.status === 'loaded')")


def test_the_same_scene_gives_the_same_page(tmp_path):
    """Rendered twice (not through ``pages``, which renders every scene above for the browser tests)."""
    path = tmp_path / "swept.py"
    path.write_text(HEAD + textwrap.dedent(SCENES["swept"]))
    for out in (tmp_path / "one", tmp_path / "two"):
        r = invoke("render", path, "--out", out, "--format", "html")
        assert r.exit_code == 0, r.output
        assert r.output.strip() == str(out / "swept.html")              # and nothing else said (fontTools)
    assert (tmp_path / "one" / "swept.html").read_bytes() == (tmp_path / "two" / "swept.html").read_bytes()


def test_a_ten_value_sweep_of_the_momentum_figure_fits_in_a_small_file(tmp_path):
    r = invoke("render", ROOT / "scenes" / "momentum_lr_sweep.py", "--out", tmp_path, "--format", "html")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "momentum_lr_sweep.html").read_text()
    data = json.loads(re.search(r'class="gx-data">(.*?)</script>', page).group(1))
    assert len(data["variants"]) == 10 and data["width"] == 1280
    assert len(page.encode()) <= 1_500_000


@pytest.mark.parametrize("sweep, message", [
    ('over="colour", values=[1, 2]', r"s\.py:3: Sweep: cannot sweep 'colour' of run 'GD'; did you mean 'lr'\? \(valid: batch_size, lr, start, steps\)\n"),
    ('over="lr", values=list(range(1, 26))', r"s\.py:3: Sweep over lr: 25 values is more than the 24"),
    ('over="lr", values=[0.1]', r"s\.py:3: Sweep over lr: give at least 2 values"),
    ('over="lr", values=[1.0, 0.1, 0.5]', r"s\.py:3: Sweep over lr: the values must increase, as the colours \(dark to "
                                          r"light\), the summary's line and the explorer's slider follow their order: "
                                          r"\(0\.1, 0\.5, 1\)\n"),
])
def test_a_sweep_that_cannot_be_made_is_a_one_line_error(tmp_path, sweep, message):
    (tmp_path / "s.py").write_text(HEAD + "scene = Scene(title='t', problem=problems.parabola,\n"
                                   f"    sweep=Sweep(Run('GD', optimizers.gd(0.1), start=1, steps=3), {sweep}),\n"
                                   "    views=[views.Curve1D()])\n")
    r = invoke("render", tmp_path / "s.py", "--out", tmp_path / "out")
    assert r.exit_code != 0 and len(r.output.strip().splitlines()) == 1, r.output
    assert re.search(message, r.output), r.output
    assert not (tmp_path / "out").exists()
