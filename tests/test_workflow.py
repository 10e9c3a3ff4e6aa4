"""A lecturer's workflow: `gdanim new` starters that render as they are, `render --watch`
re-rendering on save, and scenes that show themselves in Jupyter."""
import base64
import io
import os
import re
import signal
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from gdanim import Run, Scene, Timing, optimizers, problems, views
from gdanim.core.errors import EXIT_OUTPUT, EXIT_TERMINATED
from conftest import SCENES, invoke, wait_until
from gdanim.app.loader import load
from gdanim.app.starter import KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_writes_a_commented_starter_that_renders(tmp_path, kind):
    r = invoke("new", "lecture_demo", "--problem", kind, "--dir", tmp_path / "scenes")
    path = tmp_path / "scenes" / "lecture_demo.py"
    assert r.exit_code == 0 and r.output.startswith(f"{path}: written"), r.output
    text = path.read_text()
    assert text.count("#") >= 6                                   # it explains itself
    scene = load(path)
    assert scene.title and scene.description and scene.runs
    r = invoke("render", path, "--out", tmp_path / "out", "--format", "png,alt", "--dpi", 30, "--max-frames", 2)
    assert r.exit_code == 0, r.output
    png = np.asarray(Image.open(tmp_path / "out" / "lecture_demo.png").convert("RGB"))
    assert png.std() > 10                                         # something was drawn
    assert "final loss" in (tmp_path / "out" / "lecture_demo.alt.txt").read_text()


def test_new_never_overwrites_and_checks_the_name(tmp_path):
    path = tmp_path / "demo.py"
    path.write_text("# mine\n")
    r = invoke("new", "demo", "--dir", tmp_path)
    assert r.exit_code == EXIT_OUTPUT and f"{path}: already exists" in r.output
    assert path.read_text() == "# mine\n"
    r = invoke("new", "../escape", "--dir", tmp_path)
    assert r.exit_code == 2 and "letters, digits" in r.output
    r = invoke("new", "x", "--problem", "banana", "--dir", tmp_path)
    assert r.exit_code == 2 and "quadratic" in r.output
    r = invoke("new", "fig.py", "--dir", tmp_path)                   # the file's name, as one types it
    assert r.exit_code == 0 and (tmp_path / "fig.py").exists() and not (tmp_path / "fig.py.py").exists()


def test_watch_rerenders_on_save_and_survives_a_bad_save(tmp_path):
    r = invoke("new", "w", "--problem", "parabola", "--dir", tmp_path)
    assert r.exit_code == 0
    scene, out = tmp_path / "w.py", tmp_path / "out"
    alt, log, said = out / "w.alt.txt", tmp_path / "stderr.txt", tmp_path / "stdout.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out", str(out),
                             "--format", "alt"], stdout=said.open("w"), stderr=log.open("w"), text=True)
    try:
        wait_until(alt.exists, proc)
        assert alt.read_text().startswith("Step size on a parabola.")
        scene.write_text(scene.read_text().replace("Step size on a parabola", "Edited title"))
        wait_until(lambda: alt.read_text().startswith("Edited title."), proc)
        good = scene.read_text()
        scene.write_text(good.replace("scene = Scene(", "scene = Scene(((", 1))          # a syntax error
        wait_until(lambda: "syntax error" in log.read_text(), proc)                     # reported ...
        assert alt.read_text().startswith("Edited title.")                             # ... the output stayed
        scene.write_text(good.replace("Edited title", "Fixed again"))
        wait_until(lambda: alt.read_text().startswith("Fixed again."), proc)
        # the file is in place before its path is said: Ctrl-C once the third render is said
        wait_until(lambda: said.read_text().count(str(alt)) == 3, proc, what="the third render said")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    stderr = log.read_text()
    assert proc.returncode == 0, stderr
    assert re.search(r"gdanim: error: .*w\.py:\d+: syntax error", stderr), stderr
    assert stderr.strip().endswith("gdanim: stopped watching")
    assert said.read_text().count(str(alt)) == 3                   # three good renders, no more


def small_scene(**kw):
    base = dict(title="notebook", problem=problems.ill_conditioned,
                runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=5)],
                views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5)], size=(3.2, 1.8), dpi=40,
                timing=Timing(fps=10, hold_first=0, hold_last=0))
    base.update(kw)
    return Scene(**base)


def data_url(html, kind):
    m = re.search(rf'src="data:{kind};base64,([A-Za-z0-9+/=]+)"', html)
    assert m, html[:200]
    return base64.b64decode(m.group(1))


def test_the_html5_video_stays_available_in_jupyter(tmp_path):
    import imageio_ffmpeg
    from gdanim import notebook
    html = notebook.html(small_scene(), "mp4")
    tag = re.match(r"<video ([^>]*)>", html)
    assert tag and {"controls", "autoplay", "loop", "muted", "playsinline"} <= set(tag.group(1).split()), html[:200]
    assert 'aria-label="notebook. Panel: contours of the loss' in html
    mp4 = data_url(html, "video/mp4")
    (tmp_path / "x.mp4").write_bytes(mp4)
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(tmp_path / "x.mp4")],
                           capture_output=True, text=True).stderr
    assert re.search(r"Video: h264 .* 128x72", probe), probe
    assert not [p for p in os.listdir(".") if p.startswith("scene.")]      # nothing written beside the notebook


def test_the_notebook_explorer_is_built_in_memory(monkeypatch):
    """A scene's explorer in a notebook is the explorer's own fragment, built without a file: no
    page written to a temporary folder and cut apart."""
    import tempfile
    from gdanim import notebook

    def no_files(*a, **k):
        raise AssertionError("the explorer wrote a file")
    for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_files)
    first, second = notebook.explorer(small_scene(), max_frames=3), notebook.explorer(small_scene(), max_frames=3)
    assert first.startswith('<div class="gdanim-explorer" id="gdanim-scene-') and first.endswith("</script></div>")
    assert re.search(r'id="(gdanim-scene-\d+)"', first).group(1) != re.search(r'id="(gdanim-scene-\d+)"', second).group(1)
    assert '<script type="application/json" class="gx-data">' in first


def test_notebook_gif_and_still(tmp_path):
    from gdanim import notebook
    gif = Image.open(io.BytesIO(data_url(notebook.html(small_scene(), "gif"), "image/gif")))
    assert gif.n_frames >= 3 and gif.size == (128, 72)
    still = Scene(title="curve", problem=problems.parabola, views=[views.Curve1D()], size=(3.2, 1.8), dpi=40)
    png = Image.open(io.BytesIO(data_url(still._repr_html_(), "image/png")))
    assert png.size == (128, 72)


def test_python_api_renders_without_the_cli(tmp_path):
    import gdanim
    paths = gdanim.render(small_scene(), "api", tmp_path, formats=("gif", "pdf", "alt"))
    assert sorted(p.name for p in paths) == ["api.alt.txt", "api.gif", "api.pdf"]
    assert all(p.stat().st_size > 50 for p in paths)


def test_watch_also_follows_the_scenes_csv_data(tmp_path):
    (tmp_path / "pts.csv").write_text("x,y\n0,1\n1,3\n2,5\n")
    scene = tmp_path / "fit.py"
    scene.write_text(
        "from gdanim import Run, Scene, data, optimizers, problems, views\n"
        "problem = problems.LinearRegression(data.Table('pts.csv', features=['x'], target='y'))\n"
        "scene = Scene(title='fit', problem=problem, runs=[Run('GD', optimizers.gd(0.1), start=(0, 0), steps=3)],\n"
        "              views=[views.LossCurve()])\n")
    assert load(scene).data_files() == (str(tmp_path / "pts.csv"),)
    out, log = tmp_path / "out", tmp_path / "stderr.txt"
    alt = out / "fit.alt.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out", str(out),
                             "--format", "alt"], stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    try:
        wait_until(alt.exists, proc)
        first = alt.read_text()
        (tmp_path / "pts.csv").write_text("x,y\n0,10\n1,30\n2,50\n")
        wait_until(lambda: alt.read_text() != first, proc)
        assert "final loss" in alt.read_text()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0, log.read_text()


def test_watch_takes_an_editors_save_by_rename_and_kill_ends_it_as_terminated(tmp_path):
    """Editors often save by writing a new file and renaming it over the old one: the watch (file
    events on the scene's folder) takes that too. ``kill`` ends it with its own code and line."""
    r = invoke("new", "w", "--problem", "parabola", "--dir", tmp_path)
    assert r.exit_code == 0
    scene, out, log, said = tmp_path / "w.py", tmp_path / "out", tmp_path / "stderr.txt", tmp_path / "stdout.txt"
    alt = out / "w.alt.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out", str(out),
                             "--format", "alt"], stdout=said.open("w"), stderr=log.open("w"), text=True)
    try:
        wait_until(alt.exists, proc)
        fresh = tmp_path / ".w.py.swp"
        fresh.write_text(scene.read_text().replace("Step size on a parabola", "Renamed into place"))
        os.replace(fresh, scene)
        wait_until(lambda: alt.read_text().startswith("Renamed into place."), proc)
        # the alt text is committed before its path is said: the kill waits for the second saying,
        # so that it lands while the watch waits for the next save, not between commit and line
        wait_until(lambda: said.read_text().count(str(alt)) == 2, proc, what="the second render said")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.returncode == EXIT_TERMINATED, log.read_text()
    assert log.read_text().strip().splitlines()[-1] == "gdanim: terminated; outputs left as they were"
    assert said.read_text().count(str(alt)) == 2


def test_watch_sees_a_save_made_while_it_renders(tmp_path):
    """A save that lands after the scene loaded but before its render is done is rendered next
    (the files' stamps are taken as the scene loads, and compared once the render is over)."""
    scene, out, log = tmp_path / "m.py", tmp_path / "out", tmp_path / "stderr.txt"
    loads = tmp_path / "m.loads"
    text = (SCENES / "momentum.py").read_text() + \
        "\nimport pathlib\nwith open(pathlib.Path(__file__).with_suffix('.loads'), 'a') as fh:\n    fh.write('loaded\\n')\n"
    scene.write_text(text)
    title = re.search(r'title="([^"]+)"', text).group(1)
    alt = out / "m.alt.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out", str(out),
                             "--format", "gif,alt"], stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    try:
        wait_until(lambda: loads.exists() and loads.read_text().count("loaded") == 1, proc)
        scene.write_text(text.replace(title, "Saved meanwhile"))        # the GIF takes a second or more
        assert not alt.exists()                                         # ... still rendering the first
        wait_until(lambda: alt.exists() and alt.read_text().startswith("Saved meanwhile."), proc)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0, log.read_text()
    assert loads.read_text().count("loaded") == 2


def test_watch_waits_for_a_scene_whose_folder_is_made_later(tmp_path):
    """`render --watch later/w.py` before ``later/`` exists: one error line, then the scene is
    rendered once the folder and the file appear (the folder above is watched meanwhile)."""
    r = invoke("new", "w", "--problem", "parabola", "--dir", tmp_path)
    assert r.exit_code == 0
    scene, out, log = tmp_path / "later" / "w.py", tmp_path / "out", tmp_path / "stderr.txt"
    alt = out / "w.alt.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out", str(out),
                             "--format", "alt"], stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    try:
        wait_until(lambda: "watching 1 scene file" in log.read_text(), proc)
        assert "w.py" in log.read_text().splitlines()[0] and not alt.exists()
        scene.parent.mkdir()
        (tmp_path / "w.py").rename(scene)
        wait_until(alt.exists, proc)
        assert alt.read_text().startswith("Step size on a parabola.")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0, log.read_text()


def test_watch_refuses_a_scene_whose_still_another_scene_writes(tmp_path):
    """fig.py's still 'late' is fig-late.png, fig-late.py's own still: known only once fig.py has
    loaded, so the watch refuses the second in one line rather than let them replace each other."""
    body = ("from gdanim import Run, Scene, optimizers, problems, views\n"
            "scene = Scene(title='{title}', problem=problems.parabola, runs=[Run('a', optimizers.gd(0.1), start=2, "
            "steps=3)], views=[views.Curve1D()], size=(3.2, 1.8), dpi=30{stills})\n")
    (tmp_path / "fig.py").write_text(body.format(title="fig", stills=", stills={'late': 2}"))
    (tmp_path / "fig-late.py").write_text(body.format(title="late", stills=""))
    out, log = tmp_path / "out", tmp_path / "stderr.txt"
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(tmp_path / "fig.py"),
                             str(tmp_path / "fig-late.py"), "--out", str(out), "--format", "png"],
                            stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    try:
        wait_until(lambda: "watching 2 scene files" in log.read_text(), proc)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0, log.read_text()
    errors = [line for line in log.read_text().splitlines() if line.startswith("gdanim: error:")]
    assert errors == [f"gdanim: error: {tmp_path / 'fig-late.py'}: fig-late.png would replace the file "
                      f"{tmp_path / 'fig.py'} writes in {out}, so it is not rendered; rename one"], log.read_text()
    assert sorted(p.name for p in out.iterdir()) == ["fig-late.png", "fig.png"]


def test_the_folders_the_watch_follows(tmp_path):
    """A linked scene's folder and its target's; the nearest existing folder above a missing one;
    a link loop as named (no error)."""
    from gdanim.runtime.file_watch import folders_of
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "s.py").write_text("")
    (tmp_path / "b" / "link.py").symlink_to(tmp_path / "a" / "s.py")
    assert folders_of([tmp_path / "b" / "link.py"]) == [tmp_path / "a", tmp_path / "b"]
    assert folders_of([tmp_path / "missing" / "deeper" / "x.py"]) == [tmp_path]
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    assert folders_of([tmp_path / "l1"]) == [tmp_path]


def test_a_ctrl_c_whose_raise_python_dropped_still_ends_the_watch(tmp_path):
    """A Ctrl-C that lands while Python runs a weakref callback has its handler's Stopped printed
    and dropped ("Exception ignored in ..."): the watch then waited for ever (seen in about one
    watch in seven). The stop is recorded (signals.ask), so the next wait ends at once and raises it."""
    code = ("import signal, weakref\n"
            "from gdanim.runtime import signals\n"
            "from gdanim.runtime.file_watch import Watcher\n"
            "class Thing: pass\n"
            "def lost(_):\n"
            "    signals.ask(signal.SIGINT)\n"
            "    raise KeyboardInterrupt\n"        # as the CLI's handler raises Stopped, and Python drops it
            "t = Thing(); r = weakref.ref(t, lost); del t\n"
            f"with Watcher([{str(tmp_path)!r}]) as w:\n"
            "    try:\n"
            "        w.wait()\n"
            "    except KeyboardInterrupt:\n"
            "        print('stopped')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "stopped\n" and "Exception ignored" in done.stderr, (done.stdout, done.stderr)


def test_a_stop_recorded_by_one_command_is_not_carried_into_the_next_in_the_same_process():
    """click's CliRunner (and a notebook) runs many commands in one process: the stops one was asked
    for (signals.ask) end with it, or the next watch there would stop at once."""
    from conftest import SCENES, invoke
    from gdanim.runtime import signals
    signals.ask(signal.SIGINT)
    assert invoke("list", SCENES).exit_code == 0
    assert signals.asked() is None
