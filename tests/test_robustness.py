"""Never lose a figure: bad data, views that cannot show a problem, an unwritable or full
disk, Ctrl-C and kill in the middle of a render. Each case: one line naming the file, its own
exit code, and the output directory exactly as it was."""
import errno
import io
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from gdanim import errors as E
from conftest import invoke, wait_until
from gdanim.runtime.transaction import TMP_MARK

HEADER = "from gdanim import Run, Scene, Timing, data, optimizers, problems, views\n"
TINY = dict(size=(3.2, 1.8), dpi=40)


def scene_file(tmp_path, body, name="scene.py"):
    p = tmp_path / name
    p.write_text(HEADER + textwrap.dedent(body))
    return p


def logistic_on(csv_name):
    return f"""
        scene = Scene(
            title="bad data",
            problem=problems.LogisticRegression(data.Table("{csv_name}", features=["a", "b"], target="t")),
            runs=[Run("GD", optimizers.gd(0.1), start=(0, 0, 0), steps=3)],
            views=[views.LossCurve()],
        )
    """


def snapshot(d: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())} if d.exists() else None


@pytest.fixture
def out(tmp_path):
    """An output directory holding earlier renders, which must survive every failure."""
    d = tmp_path / "output"
    d.mkdir()
    for name in ("scene.gif", "scene.mp4", "scene.pdf"):
        (d / name).write_bytes(b"earlier " + name.encode())
    return d


def assert_one_line(result, code, pattern):
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: "), result.output
    assert re.search(pattern, lines[0]), lines[0]


DATA = {
    "text cell": ("a,b,t\n1,2,0\n3,x,1\n", r"scene\.py:\d+: .*bad\.csv:3: column 'b': 'x' is not a number"),
    "nan": ("a,b,t\n1,2,0\n3,nan,1\n", r"bad\.csv:3: column 'b': 'nan' is not a finite number"),
    "ragged row": ("a,b,t\n1,2,0\n3,1\n", r"bad\.csv:3: row has 2 cells, the header has 3"),
    "empty data set": ("a,b,t\n", r"bad\.csv: data file has a header but no rows"),
    "empty file": ("", r"bad\.csv: data file is empty"),
    "missing column": ("a,c,t\n1,2,0\n", r"bad\.csv:1: no column 'b'"),
    "not utf-8": (b"a,b,t\n1,\xff,0\n", r"bad\.csv: cannot read data file"),
    "a value too large to square": ("a,b,t\n1,2,0\n3,1e300,1\n", r"bad\.csv: column 'b' holds 1e\+300, too large "
                                                                  r"for a loss to square; rescale it"),
    "semicolons": ("a;b;t\n1;2;0\n", r"bad\.csv:1: no column 'a': the header is one column, 'a;b;t'; the file seems "
                                     r"to be separated by ';', and gdanim reads commas: save it as comma-separated"),
}


def test_what_spreadsheets_write_and_lecturers_type_is_read(tmp_path):
    """Excel's "CSV UTF-8" starts with a byte-order mark; features="hours" names one column; a
    logistic regression with a bias and one feature names its parameters b and w1."""
    from gdanim import data, problems
    (tmp_path / "pass.csv").write_bytes("\ufeffhours,passed\r\n1,0\r\n2,0\r\n3,1\r\n4,1\r\n".encode())
    table = data.Table(str(tmp_path / "pass.csv"), features="hours", target="passed")
    np.testing.assert_array_equal(table.x.ravel(), [1, 2, 3, 4])
    assert table.features == ("hours",)
    assert problems.LogisticRegression(table, bias=True).names == ("b", "w1")
    assert problems.LogisticRegression(table).names == ("w",)


@pytest.mark.parametrize("case", DATA)
def test_malformed_data_file(tmp_path, out, case):
    content, pattern = DATA[case]
    (tmp_path / "bad.csv").write_bytes(content if isinstance(content, bytes) else content.encode())
    before = snapshot(out)
    path = scene_file(tmp_path, logistic_on("bad.csv"))
    for cmd in (["render", path, "--out", out], ["trajectory", path]):
        assert_one_line(invoke(*cmd), E.EXIT_DATA, pattern)
    assert snapshot(out) == before


def test_one_data_row_or_a_constant_column_draws_without_a_note(tmp_path, out):
    """A range of one value had reached matplotlib as identical limits: its raw warning, twice."""
    (tmp_path / "one.csv").write_text("hours,score\n1,52\n")
    path = scene_file(tmp_path, """
        scene = Scene(title="one row", problem=problems.LinearRegression(data.Table("one.csv", features=["hours"],
                      target="score")), runs=[Run("GD", optimizers.gd(0.1), start=(0, 0), steps=3)],
                      views=[views.ModelFit()], size=(3.2, 1.8), dpi=30)
    """)
    r = invoke("render", path, "--out", out, "--format", "png")
    assert r.exit_code == 0 and "note" not in r.output, r.output


def test_data_path_that_is_a_directory(tmp_path, out):
    (tmp_path / "bad.csv").mkdir()
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, logistic_on("bad.csv")), "--out", out)
    assert_one_line(r, E.EXIT_DATA, r"bad\.csv: data path is not a file")
    assert snapshot(out) == before


FIVE_D = """
    import numpy as np
    scene = Scene(
        title="5-D",
        problem=problems.QuadraticForm(np.eye(5)),
        runs=[Run("GD", optimizers.gd(0.1), start=[1, 1, 1, 1, 1], steps=3)],
        views=[views.Contours()],
    )
"""


def test_view_that_cannot_show_the_problem(tmp_path):
    out = tmp_path / "not-yet"            # must not even be created
    path = scene_file(tmp_path, FIVE_D)
    r = invoke("render", path, "--out", out)
    assert_one_line(r, E.EXIT_INVALID, r"scene\.py:\d+: Contours: the problem has 5 parameters \(w1, w2, w3, w4, w5\); "
                                       r"choose two with axes=")
    assert not out.exists()
    fixed = scene_file(tmp_path, FIVE_D.replace("views.Contours()", "views.Contours(axes=('w1', 'w4'))"), "fixed.py")
    r = invoke("render", fixed, "--out", out, "--format", "pdf")
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("body, pattern", [
    ("views=[views.Curve1D()]", r"Curve1D shows one-parameter problems; this one has 2"),
    ("views=[views.ModelFit()]", r"ModelFit needs a problem with data; QuadraticForm has none"),
    ("views=[views.Contours(axes=('w1', 'w9'))]", r"Contours: no parameter 'w9'"),
    ("views=[views.Contours(fix={'v': 1})]", r"fix: 'v' is not a parameter"),
])
def test_other_views_that_cannot_show_the_problem(tmp_path, out, body, pattern):
    before = snapshot(out)
    path = scene_file(tmp_path, f"""
        scene = Scene(title="x", problem=problems.ill_conditioned,
                      runs=[Run("GD", optimizers.gd(0.1), start=(1, 1), steps=3)], {body})
    """)
    assert_one_line(invoke("render", path, "--out", out), E.EXIT_INVALID, r"scene\.py:\d+: " + pattern)
    assert snapshot(out) == before


GOOD = f"""
    scene = Scene(
        title="tiny",
        problem=problems.ill_conditioned,
        runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=6)],
        views=[views.Contours(), views.LossCurve()],
        size={TINY['size']}, dpi={TINY['dpi']}, timing=Timing(hold_first=0, hold_last=0),
    )
"""


def no_temporaries(d: Path):
    return not [p for p in d.iterdir() if TMP_MARK in p.name]


def test_output_directory_not_writable(tmp_path, out, monkeypatch):
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(out)) + ": output directory is not writable")
    assert snapshot(out) == before


def make_unwritable(d: Path) -> bool:
    """Really refuse new files in ``d``: permission bits for a user, the immutable flag for root
    (root writes through permission bits). False if this file system cannot do either."""
    if os.geteuid() != 0:
        d.chmod(0o555)
        return True
    r = subprocess.run(["chattr", "+i", str(d)], capture_output=True)
    return r.returncode == 0


def make_writable(d: Path) -> None:
    if os.geteuid() != 0:
        d.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(d)], capture_output=True)


def test_output_directory_really_read_only(tmp_path, out):
    before = snapshot(out)
    if not make_unwritable(out):
        pytest.skip("this file system has no immutable flag; the monkeypatched test above covers the path")
    try:
        r = invoke("render", scene_file(tmp_path, GOOD), "--out", out)
    finally:
        make_writable(out)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(out)) + ": output directory is not writable")
    assert snapshot(out) == before


def test_output_path_under_a_file(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", blocker / "output")
    assert_one_line(r, E.EXIT_OUTPUT, r"a-file: is a file, not a folder: the outputs cannot go under it$")
    assert blocker.read_text() == "not a directory"


@pytest.mark.parametrize("where", ["gif", "pdf", "png"])
def test_disk_full_while_writing(tmp_path, out, monkeypatch, where):
    """The writer gets some bytes out, then the disk is full: the partial file is removed."""
    from PIL import Image
    from matplotlib.figure import Figure
    seen = []

    def full(path):
        Path(path).write_bytes(b"partial")
        seen.append(Path(path))
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "pdf":
        monkeypatch.setattr(Figure, "savefig", lambda self, path, **k: full(path))
    elif where == "gif":                   # the GIF is streamed: its file fills up after the header
        from gdanim.encode import gif_encoder

        class Filling(io.FileIO):
            def write(self, data):
                if self.tell() > 0:
                    full(self.name)
                return super().write(data)
        monkeypatch.setattr(gif_encoder, "open", lambda path, mode: Filling(path, "w"), raising=False)
    else:
        fmt = where.upper()
        real_save = Image.Image.save
        monkeypatch.setattr(Image.Image, "save", lambda self, fp, format=None, **k: (
            full(fp) if format == fmt else real_save(self, fp, format=format, **k)))
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,mp4,pdf,png")
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(out / f"scene.{where}")) + ": disk full while writing")
    assert seen and not seen[0].exists()
    assert snapshot(out) == before and no_temporaries(out)


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 48 kB file system (tmpfs), holding small earlier outputs."""
    d = tmp_path / "tiny"
    d.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(d)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (or mount rights), not had here; the monkeypatched disk-full tests cover the path")
    try:
        for name in ("scene.gif", "scene.mp4", "scene.pdf"):
            (d / name).write_bytes(b"earlier " + name.encode())
        yield d
    finally:        # lazily if a process that is ending still holds a file there: never left mounted
        if subprocess.run(["umount", str(d)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(d)], capture_output=True)


@pytest.mark.parametrize("formats", ["gif,mp4,pdf", "mp4", "gif"])
def test_disk_really_full(tmp_path, tiny_disk, formats):
    """The outputs need more than the 48 kB there is: ffmpeg, Pillow or matplotlib hits ENOSPC."""
    big = GOOD.replace("steps=6", "steps=40").replace("size=(3.2, 1.8), dpi=40", "size=(6.4, 3.6), dpi=100")
    before = snapshot(tiny_disk)
    r = invoke("render", scene_file(tmp_path, big), "--out", tiny_disk, "--format", formats)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(tiny_disk)) + r"/scene\.(gif|mp4|pdf): disk full while writing")
    assert snapshot(tiny_disk) == before and no_temporaries(tiny_disk)


def test_failed_rename_puts_back_the_files_already_replaced(tmp_path, out, monkeypatch):
    """The commit renames several files; if the third rename fails, the first two get their
    earlier contents back."""
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", flaky)
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out)
    assert_one_line(r, E.EXIT_OUTPUT, "cannot write: Input/output error")
    assert snapshot(out) == before and no_temporaries(out)


def test_a_file_system_without_hard_links_backs_up_by_copy(tmp_path, out, monkeypatch):
    """exFAT, FAT and some SMB shares refuse hard links (EPERM): the earlier outputs are kept by a
    copy instead, a render over them succeeds, and one that fails at the commit puts them back."""
    def no_links(src, dst):
        raise PermissionError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_links)
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)
    before = snapshot(out)
    monkeypatch.setattr(os, "replace", flaky)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,pdf")
    assert_one_line(r, E.EXIT_OUTPUT, "cannot write: Input/output error")
    assert snapshot(out) == before and no_temporaries(out)
    monkeypatch.setattr(os, "replace", real)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,pdf")
    assert r.exit_code == 0, r.output
    assert (out / "scene.pdf").read_bytes().startswith(b"%PDF") and no_temporaries(out)


def test_no_signal_is_sent_to_probe_a_process_where_signal_0_is_no_probe(monkeypatch):
    """On Windows os.kill(pid, 0) sends a console Ctrl-C: there, every process is taken to run."""
    from gdanim.runtime import signals
    sent = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append((pid, sig)))
    assert signals.SIGNAL_0_PROBES == (os.name == "posix")
    monkeypatch.setattr(signals, "SIGNAL_0_PROBES", False)
    assert signals.alive(12345) is True and sent == []
    monkeypatch.setattr(signals, "SIGNAL_0_PROBES", True)
    assert signals.alive(12345) is True and sent == [(12345, 0)]


def test_ctrl_c_in_the_middle_of_a_render(tmp_path, out, monkeypatch):
    from gdanim.encode.gif_encoder import GifWriter
    real = GifWriter.grab
    count = []

    def grab(self, rgb, duration):
        count.append(1)
        if len(count) == 3:
            os.kill(os.getpid(), signal.SIGINT)            # a real Ctrl-C, in the frame loop
        return real(self, rgb, duration)
    monkeypatch.setattr(GifWriter, "grab", grab)
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out)
    assert r.exit_code == E.EXIT_INTERRUPTED
    assert r.output.strip() == "gdanim: interrupted; outputs left as they were"
    assert snapshot(out) == before and no_temporaries(out)


# A real process, really signalled in the middle of its frame loop ---------------------------

LONG = GOOD.replace("steps=6", "steps=400").replace("hold_first=0", "hold_first=0, fps=60")


def gdanim_process(tmp_path, out):
    path = scene_file(tmp_path, LONG)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "gdanim", "render", str(path), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_for_temporaries(proc, out, timeout=30.0):
    """Poll until the render has opened its temporary files (it is mid-way), or fail."""
    wait_until(lambda: not no_temporaries(out), proc, timeout, "the render to start writing")


@pytest.mark.parametrize("sig, code, message", [
    (signal.SIGTERM, E.EXIT_TERMINATED, "gdanim: terminated; outputs left as they were"),
    (signal.SIGINT, E.EXIT_INTERRUPTED, "gdanim: interrupted; outputs left as they were"),
])
def test_killed_mid_render_keeps_old_outputs_and_no_temporaries(tmp_path, out, sig, code, message):
    before = snapshot(out)
    proc = gdanim_process(tmp_path, out)
    wait_for_temporaries(proc, out)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert stderr.strip().splitlines()[-1] == message and "Traceback" not in stderr
    assert snapshot(out) == before and no_temporaries(out)


def test_sigkill_leftovers_are_swept_by_the_next_render(tmp_path, out):
    before = snapshot(out)
    proc = gdanim_process(tmp_path, out)
    wait_for_temporaries(proc, out)
    proc.kill()                           # no chance to clean up
    proc.communicate(timeout=60)
    after = snapshot(out)
    assert {k: v for k, v in after.items() if TMP_MARK not in k} == before    # the old files are intact
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "pdf")
    assert r.exit_code == 0, r.output
    assert no_temporaries(out)
    assert (out / "scene.pdf").read_bytes().startswith(b"%PDF") and (out / "scene.gif").read_bytes() == before["scene.gif"]


def test_render_twice_same_bytes_every_format(tmp_path):
    path = scene_file(tmp_path, GOOD.replace("views=[", "stills={'early': 2}, views=["))
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        r = invoke("render", path, "--out", d, "--format", "gif,mp4,pdf,png")
        assert r.exit_code == 0, r.output
    names = sorted(p.name for p in a.iterdir())
    assert names == ["scene-early.pdf", "scene-early.png", "scene.gif", "scene.mp4", "scene.pdf", "scene.png"]
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n


def test_scene_path_that_is_a_directory(tmp_path, out):
    (tmp_path / "scenes.py").mkdir()
    before = snapshot(out)
    r = invoke("render", tmp_path / "scenes.py", "--out", out)
    assert_one_line(r, E.EXIT_NOT_FOUND, r"scenes\.py: .*is a directory")
    assert snapshot(out) == before


def test_an_mp4_cut_short_is_never_committed(tmp_path, monkeypatch):
    """imageio-ffmpeg does not report ffmpeg's exit status: a file cut short at the trailer
    (seen on a full disk) must be caught by checking the MP4's boxes."""
    from gdanim.encode.mp4_encoder import Mp4Writer, mp4_complete
    path = scene_file(tmp_path, GOOD)
    out = tmp_path / "out"
    r = invoke("render", path, "--out", out, "--format", "mp4")
    assert r.exit_code == 0 and mp4_complete(out / "scene.mp4")
    whole = (out / "scene.mp4").read_bytes()
    (tmp_path / "cut.mp4").write_bytes(whole[: len(whole) // 2])
    assert not mp4_complete(tmp_path / "cut.mp4")
    real_finish = Mp4Writer.finish

    def cut_short(self):
        self.gen.close()
        data = self.path.read_bytes()
        self.path.write_bytes(data[: len(data) - 100])       # what a failed trailer leaves
        real_finish(self)
    monkeypatch.setattr(Mp4Writer, "finish", cut_short)
    r = invoke("render", path, "--out", out, "--format", "mp4")
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(out / "scene.mp4")) + ": MP4 encoder failed: it stopped before")
    assert (out / "scene.mp4").read_bytes() == whole and no_temporaries(out)


def test_gallery_into_an_unusable_folder_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    (tmp_path / "scenes").mkdir()
    scene_file(tmp_path / "scenes", GOOD)
    r = invoke("gallery", tmp_path / "scenes", "--out", blocker / "site")
    assert_one_line(r, E.EXIT_OUTPUT, r"a-file: is a file, not a folder: the outputs cannot go under it$")


def test_a_gif_never_shows_a_frame_under_2_cs_and_lasts_as_long_as_the_mp4(tmp_path):
    """Browsers slow GIF delays under 2 cs to 10 cs: at 60 fps the GIF drops frames rather than
    ask for 1.67 cs, and keeps the true clock, so it lasts as long as the MP4, within a frame."""
    import imageio_ffmpeg
    from PIL import Image
    from gdanim import Run, Scene, Timing, optimizers as O, problems as P, views as V
    from gdanim.rendering.renderer import render_scene
    scene = Scene("sixty", problem=P.ill_conditioned, runs=[Run("a", O.gd(0.1), start=(-4, -2), steps=59)],
                  views=[V.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5)], size=(3.2, 1.8), dpi=40,
                  timing=Timing(fps=60, hold_first=0.25, hold_last=0.5, pause_on={30: 0.33}))
    render_scene(scene, "s", tmp_path, ("gif", "mp4"))
    with Image.open(tmp_path / "s.gif") as im:
        delays = []
        for k in range(im.n_frames):
            im.seek(k)
            delays.append(im.info["duration"])
    assert min(delays) >= 20, delays
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "s.mp4"))
    assert abs(sum(delays) / 1000 - seconds) <= 1 / 60 + 1e-9, (sum(delays), seconds)
    assert abs(seconds - (60 / 60 + 0.25 + 0.5 + 0.33)) <= 1 / 60 + 1e-9


def test_gif_memory_does_not_grow_with_the_frame_count(tmp_path):
    """The GIF is written as its frames come: peak memory for 160 frames is that for 40."""
    import tracemalloc
    import numpy as np
    from gdanim.encode.gif_encoder import GifWriter
    rng = np.random.RandomState(0)
    first = rng.randint(0, 255, (120, 160, 3), dtype=np.uint8)

    def peak(n):
        gif = GifWriter(tmp_path / f"{n}.gif")
        gif.set_palette([first])
        tracemalloc.start()
        for k in range(n):
            gif.grab(np.roll(first, k, axis=1), 0.05)
        gif.finish()
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size
    small, large = peak(40), peak(160)
    assert large < 1.5 * small, (small, large)


@pytest.mark.parametrize("at", range(5))
@pytest.mark.parametrize("how", ["signal", "exception"])
def test_a_stop_at_any_point_of_the_commit_leaves_all_old_or_all_new(tmp_path, out, monkeypatch, at, how):
    """Ctrl-C arriving between any two renames of the commit is held back until the commit is
    done (all new files); an exception there rolls back (all old files). Never a mix."""
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == at + 1:
            if how == "signal":
                os.kill(os.getpid(), signal.SIGINT)
            else:
                raise E.Interrupted("interrupted; outputs left as they were")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,mp4,pdf,png,alt")
    assert r.exit_code == E.EXIT_INTERRUPTED, r.output
    after = snapshot(out)
    names = ("scene.gif", "scene.mp4", "scene.pdf", "scene.png", "scene.alt.txt")
    if how == "exception":
        assert after == before                                  # rolled back: all old
    else:
        assert all(n in after and after[n] != before.get(n) for n in names), (at, after)   # held back: all new
        lines = r.output.strip().splitlines()                   # ... and said so
        assert lines[-1] == "gdanim: interrupted just after writing: the new files are complete and in place"
        assert lines[:-1] == [str(out / n) for n in names]
    assert no_temporaries(out)


@pytest.mark.parametrize("error", [ValueError("Invalid bounding box"), E.OutputError("MP4 encoder failed", "x.mp4")])
def test_a_stop_that_a_library_turns_into_its_own_error_is_still_a_stop(tmp_path, out, monkeypatch, error):
    """Ctrl-C landing inside a library's code that catches it and raises an error of its own
    (matplotlib's Agg wrapper says "Invalid bounding box" when a conversion it makes is cut short;
    an encoder cut short, which gdanim says as an output error) is said as the stop it was, with
    the stop's exit code, never as an internal or output error."""
    from gdanim.rendering.frame_pass import FramePass
    real = FramePass.draw

    def draw(self, step, frame):
        if frame == 2:
            try:
                os.kill(os.getpid(), signal.SIGINT)         # the CLI's handler raises Stopped here ...
            except BaseException:
                raise error from None                       # ... which the library replaces
        return real(self, step, frame)
    monkeypatch.setattr(FramePass, "draw", draw)
    before = snapshot(out)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,png", "--processes", 1)
    assert r.exit_code == E.EXIT_INTERRUPTED, r.output
    assert r.output.strip().splitlines() == ["gdanim: interrupted; outputs left as they were"]
    assert snapshot(out) == before and no_temporaries(out)


def test_a_stop_a_library_turns_into_its_own_error_outside_a_scene_is_still_a_stop(tmp_path, monkeypatch):
    """The same outside any one scene's work (the gallery page, written for a whole folder): the
    command's guard says the stop, with its exit code, not an internal error."""
    import gdanim.app.gallery_page as page
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    scene_file(scenes, GOOD)

    def write_index(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGINT)
        except BaseException:
            raise ValueError("Invalid bounding box") from None
    monkeypatch.setattr(page, "write_index", write_index)
    r = invoke("gallery", scenes, "--out", tmp_path / "site")
    assert r.exit_code == E.EXIT_INTERRUPTED, r.output
    assert r.output.strip().splitlines() == ["gdanim: interrupted; outputs left as they were"]
    monkeypatch.setattr(page, "write_index", lambda *a, **k: (_ for _ in ()).throw(ValueError("boom")))
    r = invoke("gallery", scenes, "--out", tmp_path / "site")            # no stop: an internal error
    assert r.exit_code != E.EXIT_INTERRUPTED and "internal error" in r.output, r.output


def test_a_stop_swallowed_earlier_does_not_become_a_later_scenes_error(tmp_path, out, monkeypatch):
    """A stop that code caught and went on from is not what a later, unrelated error is said as."""
    from gdanim.rendering.frame_pass import FramePass
    real = FramePass.draw
    seen = []

    def draw(self, step, frame):
        seen.append(frame)
        if seen.count(2) == 1 and frame == 2:               # the first scene: a stop, swallowed
            try:
                os.kill(os.getpid(), signal.SIGINT)
            except BaseException:
                pass
        if seen.count(2) == 2 and frame == 2:               # the second scene: an error of its own
            raise RuntimeError("boom")
        return real(self, step, frame)
    monkeypatch.setattr(FramePass, "draw", draw)
    paths = [scene_file(tmp_path, GOOD, "a.py"), scene_file(tmp_path, GOOD, "b.py")]
    r = invoke("render", *paths, "--out", out, "--format", "gif", "--processes", 1)
    assert r.exit_code == E.SceneCodeError.exit_code != E.EXIT_INTERRUPTED, r.output
    lines = r.output.strip().splitlines()
    assert lines[0] == str(out / "a.gif"), lines
    assert lines[1].startswith("gdanim: error: ") and lines[1].endswith("while rendering: RuntimeError: boom"), lines


def test_a_stop_just_after_the_commit_still_names_the_files(tmp_path, out, monkeypatch):
    """Ctrl-C landing after the files are in place, while the render unwinds (rc parameters
    restored, folders left) and before the command has printed them: the files are printed all
    the same, and the message says they are new and complete."""
    from gdanim.runtime.transaction import Transaction
    real = Transaction.commit

    def commit(self, *args, **kwargs):
        written = real(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)     # handled at once, in the unwinding
        return written
    monkeypatch.setattr(Transaction, "commit", commit)
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "gif,png")
    assert r.exit_code == E.EXIT_INTERRUPTED, r.output
    lines = r.output.strip().splitlines()
    assert lines == [str(out / "scene.gif"), str(out / "scene.png"),
                     "gdanim: interrupted just after writing: the new files are complete and in place"]
    assert (out / "scene.gif").read_bytes()[:6] == b"GIF89a" and no_temporaries(out)


def test_the_sweep_leaves_another_machines_temporaries_alone(tmp_path, out):
    """An output folder on a network share: a temporary of another host, whose process id means
    nothing here, may still be being written; only this host's dead processes' leftovers go."""
    from gdanim.runtime.transaction import host
    theirs = out / f".scene.other-host.{os.getpid() + 999999}.abcdef.gdanim-tmp.gif"
    ours_dead = out / f".scene.{host()}.{2 ** 22 + 12345}.abcdef.gdanim-tmp.gif"
    theirs.write_bytes(b"being written elsewhere")
    ours_dead.write_bytes(b"left by a killed render")
    r = invoke("render", scene_file(tmp_path, GOOD), "--out", out, "--format", "pdf")
    assert r.exit_code == 0, r.output
    assert theirs.read_bytes() == b"being written elsewhere" and not ours_dead.exists()


def test_a_stop_while_a_temporary_file_is_made_leaves_nothing_behind(tmp_path, monkeypatch):
    """Ctrl-C arriving just as mkstemp returns: the file is registered before the stop is handled,
    so the render's abort removes it (it used to be left, empty)."""
    import os
    import signal
    import tempfile
    from gdanim.runtime.transaction import Transaction
    real = tempfile.mkstemp

    def interrupted(*args, **kwargs):
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)           # handled at the next bytecode, unless held
        return made

    monkeypatch.setattr(tempfile, "mkstemp", interrupted)
    txn = Transaction(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        txn.temp("x.gif")
    txn.abort()
    assert list(tmp_path.iterdir()) == []
