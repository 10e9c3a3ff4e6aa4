"""`gdanim deck SCENE... -o FILE`: the catalogue's way into lectures. One small deck of each kind
is built once from two catalogue scenes (an animation and a still) and a scene that declares its
source (renders rendered first, then reused), and checked by its real client: python-pptx
reads the PowerPoint deck back and LibreOffice Impress turns it into PDF pages that show the
poster frames; headless Chromium plays the reveal.js deck from file:// with no request leaving
its folder; pdflatex compiles the beamer deck, notes included."""
import io
import os
import re
import shutil
import sys
import subprocess
import textwrap
import time
import zipfile

import numpy as np
import pytest
from PIL import Image

from browser import Chromium
from conftest import ROOT, SCENES, invoke
from test_gallery import ANIMATED as ANIMATED_SCENE
from gdanim import errors as E
from gdanim.formats.alt_text import alt_text, run_phrase
from gdanim.app.loader import load
from gdanim.compute.runner import run_scene

# the gallery test's race, with a source (as Scene(source=...) will declare it) and math in its title
RACE = ANIMATED_SCENE.replace('title="Momentum & friends <race>"', 'title="Momentum & friends: η = 0.9, $w^2$"') + \
    '    object.__setattr__(scene, "source", "CS 189, lecture 5, In[45]")\n'
STILL = """
    from gdanim import Scene, problems, views
    scene = Scene(title="A parabola", description="Just the curve.", problem=problems.parabola,
                  views=[views.Curve1D()])
"""
SMALL = ("--dpi", 30, "--max-frames", 6)
NAMES = ("race", "convexity", "parabola_overshoot")       # a scene with a source, then two of the catalogue
ANIMATED = ("race", "parabola_overshoot")


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    """Three scenes, their renders (in renders/) and the three decks, each built once."""
    root = tmp_path_factory.mktemp("lecture")
    scenes = root / "scenes"
    scenes.mkdir()
    (scenes / "race.py").write_text(textwrap.dedent(RACE))
    paths = [scenes / "race.py", SCENES / "convexity.py", SCENES / "parabola_overshoot.py"]
    said = {}
    for suffix in ("pptx", "html", "tex"):
        r = invoke("deck", *paths, "-o", root / "deck" / f"lecture.{suffix}", "--renders", root / "renders", *SMALL)
        assert r.exit_code == 0, r.output
        said[suffix] = r.output
    return root, paths, said


def scene_named(paths, name):
    return load(next(p for p in paths if p.stem == name))


# --- PowerPoint ---------------------------------------------------------------------------------

def test_pptx_has_a_looping_autoplaying_movie_per_animation_with_poster_alt_text_and_notes(lecture):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.enum.shapes import PP_MEDIA_TYPE
    root, paths, said = lecture
    renders = root / "renders" / "powerpoint-30dpi-6frames"
    prs = Presentation(root / "deck" / "lecture.pptx")
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)               # 16:9, PowerPoint's own
    assert [s.shapes.title.text for s in prs.slides] == [scene_named(paths, n).title for n in NAMES]
    assert prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt == pytest.approx(18 * 1.3)
    for slide, name in zip(prs.slides, NAMES):
        scene = scene_named(paths, name)
        trajectories = {t.label: t for t in run_scene(scene)}
        media = [s for s in slide.shapes if s.shape_type in (MSO_SHAPE_TYPE.MEDIA, MSO_SHAPE_TYPE.PICTURE)]
        assert len(media) == 1
        shape = media[0]
        assert shape._element.nvPicPr.cNvPr.get("descr") == alt_text(scene, trajectories)
        notes = slide.notes_slide.notes_text_frame.text
        assert scene.description in notes
        for run in scene.runs:
            assert run_phrase(run, trajectories[run.label]) in notes
        blips = {rel.target_part.blob for rel in slide.part.rels.values() if "image" in rel.reltype}
        assert (renders / f"{name}.png").read_bytes() in blips                       # the still: poster or picture
        if name not in ANIMATED:
            assert shape.shape_type == MSO_SHAPE_TYPE.PICTURE and slide.element.find(qn("p:timing")) is None
            continue
        assert shape.shape_type == MSO_SHAPE_TYPE.MEDIA and shape.media_type == PP_MEDIA_TYPE.MOVIE
        movies = [rel.target_part.blob for rel in slide.part.rels.values() if rel.reltype.endswith("/media")]
        assert movies == [(renders / f"{name}.mp4").read_bytes()]
        autoplay, loop = timing_of(slide, shape.shape_id)
        assert autoplay and loop
    assert "Source: CS 189, lecture 5, In[45]" in prs.slides[0].notes_slide.notes_text_frame.text
    assert 'Source: CS 189, Lecture 12, "Slido Visualization", In[46]' in prs.slides[2].notes_slide.notes_text_frame.text
    m = re.fullmatch(r".*lecture\.pptx: 3 slides \(2 animations, 368×168 px, 1 still\), ([\d.]+) (kB|MB)\n", said["pptx"])
    assert m, said["pptx"]
    size = (root / "deck" / "lecture.pptx").stat().st_size
    assert float(m.group(1)) == round(size / {"kB": 1e3, "MB": 1e6}[m.group(2)], 0 if m.group(2) == "kB" else 1)


def qn(tag):
    from pptx.oxml.ns import qn as q
    return q(tag)


def timing_of(slide, shape_id):
    """(starts by itself, loops) for the movie ``shape_id``, read from the slide's timing XML as
    PowerPoint reads it: a media call on the main sequence that begins with the slide (afterEffect,
    onBegin), and a media node that repeats indefinitely."""
    timing = slide.element.find(qn("p:timing"))     # python-pptx's xpath knows the p: prefix
    calls = timing.xpath(f".//p:seq/p:cTn[@nodeType='mainSeq']//p:par[p:cTn/p:stCondLst/p:cond[@evt='onBegin']]"
                         f"//p:cTn[@presetClass='mediacall'][@nodeType='afterEffect']"
                         f"//p:cmd[starts-with(@cmd, 'playFrom')]/p:cBhvr/p:tgtEl/p:spTgt[@spid='{shape_id}']")
    loops = timing.xpath(f".//p:video/p:cMediaNode[p:tgtEl/p:spTgt/@spid='{shape_id}']"
                         f"/p:cTn[@repeatCount='indefinite']")
    return len(calls) == 1, len(loops) == 1


def test_pptx_bytes_are_the_same_for_the_same_scenes(lecture, tmp_path):
    root, paths, _ = lecture
    time.sleep(1.1)                                   # a zip time stamp has 2 s steps; a date would differ
    r = invoke("deck", *paths, "-o", tmp_path / "lecture.pptx", "--renders", root / "renders", *SMALL)   # same name:
    assert r.exit_code == 0, r.output                                                                # same title
    first, again = (root / "deck" / "lecture.pptx").read_bytes(), (tmp_path / "lecture.pptx").read_bytes()
    core = zipfile.ZipFile(io.BytesIO(again)).read("docProps/core.xml")
    assert first == again
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(again)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b"1980-01-01T00:00:00Z" in core


def test_libreoffice_prints_the_poster_frames(lecture, tmp_path):
    """Impress (Debian's package, headless) converts the deck to PDF: a page per slide, each
    showing the still where the video is (the poster frame: what prints, what shows before play)."""
    from gdanim.decks.powerpoint import EMU_PER_INCH, PowerPoint
    from gdanim.declare.scene import SIZES
    root, paths, _ = lecture
    assert shutil.which("soffice"), "LibreOffice is missing: `make system-deps` installs libreoffice-impress"
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(root / "deck" / "lecture.pptx")],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0 and (tmp_path / "lecture.pdf").exists(), r.stdout + r.stderr
    dpi = 60
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(tmp_path / "lecture.pdf"), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    renders = root / "renders" / "powerpoint-30dpi-6frames"
    posters = {n: np.asarray(Image.open(renders / f"{n}.png").convert("RGB")) for n in NAMES}
    for page, name in zip(pages, NAMES):
        shot = np.asarray(Image.open(page).convert("RGB")).astype(float)
        left, top, w, h = (v / EMU_PER_INCH * dpi for v in PowerPoint.media_box(SIZES["powerpoint"][0], 13 + 1 / 3, 7.5))
        box = shot[int(top) + 2:int(top + h) - 2, int(left) + 2:int(left + w) - 2]
        diffs = {}
        for other, poster in posters.items():
            sized = np.asarray(Image.fromarray(poster).resize((int(w), int(h)), Image.LANCZOS)).astype(float)
            diffs[other] = np.abs(sized[2:box.shape[0] + 2, 2:box.shape[1] + 2] - box).mean()
        assert diffs[name] < 12, diffs                                  # its own poster, pixel for pixel nearly
        assert diffs[name] < 0.5 * min(d for o, d in diffs.items() if o != name), diffs


def test_a_4_3_deck_has_4_3_slides_and_figures(lecture, tmp_path):
    from pptx import Presentation
    root, paths, _ = lecture
    r = invoke("deck", paths[1], "-o", tmp_path / "square.pptx", "--renders", tmp_path / "renders", "--aspect", "4:3",
               *SMALL)
    assert r.exit_code == 0, r.output
    prs = Presentation(tmp_path / "square.pptx")
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert Image.open(tmp_path / "renders" / "powerpoint-4x3-30dpi-6frames" / "convexity.png").size == (276, 174)


def test_the_gif_option_puts_the_gifs_in_for_google_slides(lecture, tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    root, paths, _ = lecture
    r = invoke("deck", paths[0], "-o", tmp_path / "google.pptx", "--renders", root / "renders", "--gif", *SMALL)
    assert r.exit_code == 0, r.output
    slide = Presentation(tmp_path / "google.pptx").slides[0]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/gif"
    gif = root / "renders" / "powerpoint-30dpi-6frames" / "race.gif"
    assert pictures[0].image.blob == gif.read_bytes() and Image.open(gif).n_frames > 1
    assert slide.element.find(qn("p:timing")) is None


# --- reveal.js ------------------------------------------------------------------------------------

def test_reveal_deck_plays_offline_in_chromium(lecture):
    root, paths, said = lecture
    folder = root / "deck"
    page = (folder / "lecture.html").read_text()
    assert "http://" not in page and "https://" not in page
    assert (folder / "lecture_files" / "reveal" / "reveal.js").exists()
    assert '<aside class="notes">' in page and "Source: CS 189, lecture 5, In[45]" in page
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    browser = Chromium(width=1280, height=760, network=True)
    try:
        browser.open("about:blank")
        browser.requested()                           # the browser's own start page is not the deck's doing
        browser.open((folder / "lecture.html").as_uri())
        assert browser.evaluate("Reveal.getTotalSlides()") == 3
        played = {}
        for index, name in enumerate(NAMES):
            browser.evaluate(f"Reveal.slide({index})")
            state, end = None, time.monotonic() + 20
            while time.monotonic() < end:
                state = browser.evaluate("""[...Reveal.getCurrentSlide().querySelectorAll('video')].map(v => ({
                    src: v.currentSrc, ready: v.readyState, t: v.currentTime, paused: v.paused,
                    error: v.error && v.error.code, w: v.videoWidth}))""")
                if name not in ANIMATED or (state and state[0]["t"] > 0.3):
                    break
                time.sleep(0.1)
            played[name] = state
            if index == 0:
                browser.screenshot(artifacts / "deck-reveal.png", full_page=False)
        for name in ANIMATED:
            [v] = played[name]
            assert v["src"].endswith(f"lecture_files/{name}.mp4") and v["error"] is None and v["ready"] >= 2, v
            assert not v["paused"] and v["t"] > 0.3 and v["w"] == 368, v
        assert played["convexity"] == []
        requested = browser.requested()
        assert browser.problems() == []
    finally:
        browser.close()
    inside = folder.as_uri() + "/"
    assert requested and all(u.startswith(inside) or u.startswith("data:") for u in requested), requested
    assert any(u.endswith("/lecture_files/reveal/reveal.js") for u in requested)
    shot = np.asarray(Image.open(artifacts / "deck-reveal.png").convert("RGB"))
    assert shot.std() > 20                                                    # a slide, not a blank page


def test_reveal_deck_has_no_dates_same_scenes_same_bytes(lecture, tmp_path):
    root, paths, _ = lecture
    r = invoke("deck", *paths, "-o", tmp_path / "lecture.html", "--renders", root / "renders", *SMALL)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "lecture.html").read_bytes() == (root / "deck" / "lecture.html").read_bytes()
    for f in (root / "deck" / "lecture_files").rglob("*"):
        if f.is_file():
            assert (tmp_path / "lecture_files" / f.relative_to(root / "deck" / "lecture_files")).read_bytes() == \
                f.read_bytes()


def test_the_explorer_is_embedded_where_asked(lecture, tmp_path):
    root, paths, _ = lecture
    r = invoke("deck", *paths, "-o", tmp_path / "lecture.html", "--renders", root / "renders", "--explorer", "race",
               *SMALL)
    assert r.exit_code == 0, r.output
    page = (tmp_path / "lecture.html").read_text()
    assert page.count("<iframe") == 1 and 'src="lecture_files/race.html"' in page
    assert page.count("<video") == 1                                         # the other animation plays its video
    assert "data-gdanim-explorer" in (tmp_path / "lecture_files" / "race.html").read_text()
    # in a real browser, the explorer runs in its frame with its controls in view
    browser = Chromium(1280, 800)
    try:
        browser.open((tmp_path / "lecture.html").as_uri())
        browser.driver.switch_to.frame(browser.driver.find_element("css selector", "iframe"))
        assert browser.evaluate("document.querySelector('.gx-stepout').textContent").startswith("step ")
        assert browser.evaluate("document.querySelector('.gx-losses').getBoundingClientRect().bottom <= innerHeight")
        browser.driver.switch_to.default_content()
        assert browser.problems() == []
    finally:
        browser.close()


def test_the_explorer_without_the_html_format_is_one_line(lecture, tmp_path):
    from gdanim.formats import registry
    registry._FORMATS.pop("html", None)
    root, paths, _ = lecture
    r = invoke("deck", *paths, "-o", tmp_path / "lecture.html", "--renders", root / "renders", "--explorer", "race")
    assert_one_line(r, E.EXIT_OUTPUT, r"--explorer needs the 'html' format .*which this gdanim does not have")
    assert list(tmp_path.iterdir()) == []


# --- beamer ---------------------------------------------------------------------------------------

def test_beamer_deck_compiles_with_pdflatex_notes_and_all(lecture, tmp_path):
    root, _, _ = lecture
    shutil.copytree(root / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("lecture.pptx", "lecture_files"))
    folder = tmp_path / "deck"
    tex = (folder / "lecture.tex").read_text()
    assert "\\input{race-slide.tex}" in tex and "\\documentclass[aspectratio=169]{beamer}" in tex
    slide = (folder / "lecture-figures" / "race-slide.tex").read_text()
    assert "\\input{race-frames.tex}" in slide and "$w^2$" in slide and "\\ensuremath{\\eta}" in slide
    assert "Source: CS 189, lecture 5, In[45]" in slide
    assert (folder / "lecture-figures" / "race-frames.tex").read_bytes() == \
        (root / "renders" / "beamer-30dpi-6frames" / "race-frames.tex").read_bytes()      # the beamer format's own
    assert shutil.which("pdflatex"), "pdflatex is missing: `make system-deps` installs TeX Live"
    with_notes = tex.replace("% \\setbeameroption{show notes on second screen=right}", "\\setbeameroption{show notes}")
    (folder / "notes.tex").write_text(with_notes)
    for doc, passes in (("lecture", 2), ("notes", 2)):
        for _ in range(passes):
            r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{doc}.tex"], cwd=folder,
                               capture_output=True, text=True, timeout=120)
            assert r.returncode == 0, r.stdout[-2000:]
    log = (folder / "lecture.log").read_text(errors="replace")
    assert log.count("building timeline") == 2 and "<a1,fr" in log                 # two animations
    assert "Overfull" not in log                                                    # the figures fit their frames
    pages = {doc: re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f"{doc}.pdf"], cwd=folder,
                                                               capture_output=True, text=True).stdout).group(1)
             for doc in ("lecture", "notes")}
    assert pages == {"lecture": "3", "notes": "6"}                                  # a notes page after each slide
    fonts = subprocess.run(["pdffonts", "lecture.pdf"], cwd=folder, capture_output=True, text=True).stdout
    assert "Type 3" not in fonts                                                    # no bitmap fonts for η or ²


@pytest.mark.parametrize("size", [("--aspect", "4:3"), ("--size", "16:9")])
def test_a_beamer_deck_at_another_aspect_or_size_fits_its_frames(lecture, tmp_path, size):
    """At 4:3 (the beamer-4:3 preset, at its natural size) and at a size made for screens (scaled
    down to the frame), no figure runs over the frame's margins or bottom."""
    root, paths, _ = lecture
    r = invoke("deck", paths[0], paths[1], "-o", tmp_path / "d.tex", "--renders", tmp_path / "renders", *size, *SMALL,
               "--title", "Week 3: Optimisation")
    assert r.exit_code == 0, r.output
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "d.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    log = (tmp_path / "d.log").read_text(errors="replace")
    assert "building timeline" in log and "Overfull" not in log, log[-3000:]
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "d.pdf", "-"], cwd=tmp_path, capture_output=True,
                          text=True).stdout
    assert text.split() == ["Week", "3:", "Optimisation"]                     # a title page first, alone


def test_a_title_asked_for_is_a_title_slide_first(lecture, tmp_path):
    import pptx
    root, paths, _ = lecture
    for suffix in ("pptx", "html"):
        r = invoke("deck", *paths, "-o", tmp_path / f"t.{suffix}", "--renders", root / "renders", *SMALL,
                   "--title", "Week 3: <Optimisation>")
        assert r.exit_code == 0, r.output
        assert f"t.{suffix}: {len(paths) + 1} slides (a title slide, " in r.output, r.output
    slides = list(pptx.Presentation(tmp_path / "t.pptx").slides)
    assert len(slides) == len(paths) + 1
    assert [sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame] == ["Week 3: <Optimisation>"]
    page = (tmp_path / "t.html").read_text()
    assert '<div class="slides">\n<section id="_title"><h1>Week 3: &lt;Optimisation&gt;</h1></section>' in page
    assert page.count("<section") == len(paths) + 1


# --- rendering first, and bad input ----------------------------------------------------------------

def test_renders_are_reused_and_redone_when_the_scene_changes(lecture, tmp_path):
    root, paths, _ = lecture
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    shutil.copy(paths[0], scenes)
    args = ("deck", scenes / "race.py", "-o", tmp_path / "a.pptx", "--renders", tmp_path / "renders", *SMALL)
    assert invoke(*args).exit_code == 0
    mp4 = tmp_path / "renders" / "powerpoint-30dpi-6frames" / "race.mp4"
    first = mp4.stat().st_mtime_ns
    assert invoke(*args).exit_code == 0 and mp4.stat().st_mtime_ns == first        # reused
    later = first + 10 ** 9
    os.utime(scenes / "race.py", ns=(later, later))
    assert invoke(*args).exit_code == 0 and mp4.stat().st_mtime_ns > first          # the scene changed: rendered again


def test_renders_by_an_older_gdanim_are_redone(lecture, tmp_path, monkeypatch):
    from gdanim.decks import build
    root, paths, _ = lecture
    args = ("deck", paths[0], "-o", tmp_path / "a.pptx", "--renders", tmp_path / "renders", *SMALL)
    assert invoke(*args).exit_code == 0
    mp4 = tmp_path / "renders" / "powerpoint-30dpi-6frames" / "race.mp4"
    first = mp4.stat().st_mtime_ns
    code = tmp_path / "renderer.py"             # stands for a file of gdanim's, newer than the renders
    code.write_text("")
    os.utime(code, ns=(first + 10 ** 9,) * 2)
    monkeypatch.setattr(build, "package_files", lambda: (code,))
    assert invoke(*args).exit_code == 0 and mp4.stat().st_mtime_ns > first


def assert_one_line(result, code, pattern):
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: "), result.output
    assert re.search(pattern, lines[0]), lines[0]


def test_an_unknown_suffix_is_one_line(lecture, tmp_path):
    _, paths, _ = lecture
    r = invoke("deck", *paths, "-o", tmp_path / "lecture.key")
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(tmp_path / "lecture.key")) +
                    r": cannot write a deck with '\.key'; the suffix picks the kind: \.pptx, \.html, \.tex")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_scene_leaves_the_previous_deck_and_no_partial_one(lecture, tmp_path):
    root, paths, _ = lecture
    broken = tmp_path / "broken.py"
    broken.write_text(textwrap.dedent(STILL).replace("views=[views.Curve1D()])",
                                                     "views=[views.Curve1D()], stills={'late': 99})"))
    for suffix in ("pptx", "html"):
        deck = tmp_path / f"lecture.{suffix}"
        shutil.copy(root / "deck" / f"lecture.{suffix}", deck)
        before = sorted(p.name for p in tmp_path.iterdir())
        r = invoke("deck", paths[0], broken, "-o", deck, "--renders", root / "renders", *SMALL)
        assert_one_line(r, E.EXIT_INVALID, re.escape(str(broken)) + r":4: still 'late' asks for step 99")
        assert deck.read_bytes() == (root / "deck" / f"lecture.{suffix}").read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == before                 # no bundle, no temporaries


def test_a_deck_computes_each_scenes_runs_once(tmp_path, monkeypatch):
    """The slide's notes and the render at the deck's size share one computation of the runs."""
    from gdanim.rendering import renderer
    counted = []
    real = renderer.run_scene
    monkeypatch.setattr(renderer, "run_scene", lambda scene: counted.append(scene.title) or real(scene))
    monkeypatch.setenv("GDANIM_PROCESSES", "1")
    path = tmp_path / "race.py"
    path.write_text(textwrap.dedent(RACE))
    r = invoke("deck", path, "-o", tmp_path / "deck" / "one.html", "--renders", tmp_path / "renders", *SMALL)
    assert r.exit_code == 0, r.output
    assert len(counted) == 1, counted


def test_stale_renders_are_made_side_by_side_with_the_same_bytes_and_a_failure_stops_the_deck(lecture, tmp_path,
                                                                                            monkeypatch):
    """Scenes whose renders are missing are rendered first, side by side (gdanim.runtime.batch) when there
    are cores for it, giving the bytes one after the other gives. Either way, one that fails is
    said in one line, the others' renders are still made, and no deck is written."""
    from gdanim.runtime import batch
    _, paths, _ = lecture
    runs = []
    real = batch.run
    monkeypatch.setattr(batch, "run", lambda tasks, *a: runs.append(len(tasks)) or real(tasks, *a))
    folder = "powerpoint-30dpi-6frames"
    made = {}
    for processes in ("1", "2"):
        monkeypatch.setenv("GDANIM_PROCESSES", processes)
        r = invoke("deck", *paths, "-o", tmp_path / f"{processes}.pptx", "--renders", tmp_path / processes, *SMALL)
        assert r.exit_code == 0, r.output
        made[processes] = {p.name: p.read_bytes() for p in sorted((tmp_path / processes / folder).iterdir())}
    assert runs == [3]                                                   # side by side with 2 processes only
    assert {"race.mp4", "race.png", "parabola_overshoot.mp4", "convexity.png"} <= set(made["2"])
    assert made["2"] == made["1"]
    broken = tmp_path / "broken.py"
    broken.write_text(textwrap.dedent(STILL).replace("views=[views.Curve1D()])",
                                                     "views=[views.Curve1D()], stills={'late': 99})"))
    for processes in ("1", "2"):
        monkeypatch.setenv("GDANIM_PROCESSES", processes)
        fresh, deck = tmp_path / f"fresh{processes}", tmp_path / f"b{processes}.pptx"
        r = invoke("deck", broken, paths[1], paths[2], "-o", deck, "--renders", fresh, *SMALL)
        assert_one_line(r, E.EXIT_INVALID, re.escape(str(broken)) + r":4: still 'late' asks for step 99")
        assert not deck.exists()
        assert sorted(p.name for p in (fresh / folder).iterdir()) == \
            ["convexity.png", "parabola_overshoot.mp4", "parabola_overshoot.png"]       # the others were made
    assert runs == [3, 3]


def test_an_unwritable_target_is_one_line_before_anything_renders(lecture, tmp_path):
    from test_robustness import make_unwritable, make_writable
    _, paths, _ = lecture
    target = tmp_path / "locked"
    target.mkdir()
    if not make_unwritable(target):
        pytest.skip("this file system cannot refuse new files")
    try:
        r = invoke("deck", *paths, "-o", target / "lecture.pptx", "--renders", tmp_path / "renders", *SMALL)
    finally:
        make_writable(target)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(target)) + ": output directory is not writable")
    assert list(target.iterdir()) == [] and not (tmp_path / "renders").exists()


def test_a_scene_named_twice_gets_one_slide(lecture, tmp_path):
    root, paths, _ = lecture
    r = invoke("deck", paths[1], paths[1], "-o", tmp_path / "x.html", "--renders", root / "renders", *SMALL)
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"{tmp_path / 'x.html'}: 1 slide")


@pytest.mark.parametrize("suffix, flag, said", [
    ("pptx", ("--explorer", "race"), r"--explorer: a PowerPoint deck cannot hold the interactive explorer"),
    ("html", ("--gif",), r"--gif applies to \.pptx decks"),
    ("tex", ("--gif",), r"--gif does not apply to a beamer deck"),
    ("html", ("--explorer", "racee"), r"--explorer racee: no such scene in the deck \(it has race, convexity, "),
    ("html", ("--explorer", "convexity"), r"--explorer convexity: convexity is a still"),
])
def test_options_a_kind_cannot_honour_are_one_line(lecture, tmp_path, suffix, flag, said):
    _, paths, _ = lecture
    r = invoke("deck", *paths, "-o", tmp_path / f"x.{suffix}", *flag)
    assert_one_line(r, E.EXIT_USAGE, said)                                       # as click's usage errors


def test_warnings_where_powerpoint_google_slides_and_pdf_viewers_struggle():
    from gdanim import Run, Scene, optimizers, problems, views
    from gdanim.decks import DeckOptions
    from gdanim.decks.beamer import Beamer
    from gdanim.decks.build import Slide
    from gdanim.decks.notes import Notes
    from gdanim.decks.powerpoint import PowerPoint
    from pathlib import Path

    class Deck:
        target = Path("big.pptx")

        def __init__(self, slides, **options):
            self.slides, self.options = slides, DeckOptions(**options)

    def slide(inches, frames):
        scene = Scene(title="t", problem=problems.parabola, views=[views.Curve1D()], size=inches,
                      runs=[Run("GD", optimizers.gd(0.1), start=1, steps=2)])
        return Slide("s", scene, Path("."), Notes("", None, (), ""), 10.0, ("mp4",), frames)

    full_hd = [slide((19.2, 10.8), 100) for _ in range(20)]
    said = PowerPoint().warnings(Deck(full_hd), 150e6)
    assert len(said) == 1 and "20 full-HD videos" in said[0]
    assert PowerPoint().warnings(Deck(full_hd[:19]), 150e6) == []
    assert "PowerPoint opens and saves decks this large slowly" in PowerPoint().warnings(Deck(full_hd[:1]), 250e6)[0]
    assert Beamer().warnings(Deck([slide((6, 3), 1600), slide((6, 3), 1600)]), 1e6)[0].startswith(
        "big.pptx: 3200 animation frames")
    assert Beamer().warnings(Deck([slide((6, 3), 1600)]), 1e6) == []


@pytest.mark.parametrize("suffix, module, said", [
    ("pptx", "pptx", r"writing a \.pptx deck needs python-pptx: pip install 'gdanim\[deck\]'$"),
    ("tex", "pylatexenc", r"writing a \.tex deck needs pylatexenc: pip install 'gdanim\[deck\]'$"),
])
def test_a_missing_deck_library_says_what_to_install_before_anything_renders(tmp_path, monkeypatch, suffix, module, said):
    """It was exit 8 (output not writable): a library missing is the command's dependency, exit 2."""
    monkeypatch.setitem(sys.modules, module, None)           # import fails, as where it is not installed
    (tmp_path / "still.py").write_text(textwrap.dedent(STILL))
    r = invoke("deck", tmp_path / "still.py", "-o", tmp_path / f"x.{suffix}", "--renders", tmp_path / "renders", *SMALL)
    assert_one_line(r, E.EXIT_USAGE, said)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["still.py"]


def test_reveal_js_missing_says_how_to_install_it_with_the_dependency_exit_code(tmp_path, monkeypatch):
    monkeypatch.setenv("GDANIM_REVEAL_JS", str(tmp_path / "none"))
    (tmp_path / "still.py").write_text(textwrap.dedent(STILL))
    r = invoke("deck", tmp_path / "still.py", "-o", tmp_path / "x.html", "--renders", tmp_path / "renders", *SMALL)
    assert_one_line(r, E.EXIT_USAGE, r"reveal\.js is not installed in \$GDANIM_REVEAL_JS \(.*none\): run `make reveal`")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["still.py"]
