"""Frames drawn on every core: worker processes give byte for byte the files one process gives,
and so does the process that writes the vector formats beside them (or, if it fails, this one);
a worker's warnings and errors reach the user as they would without workers; Ctrl-C to the whole
process group and a kill -9 of gdanim leave no worker running and no partial output."""
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from conftest import invoke, wait_until
from gdanim import errors as E
from gdanim.rendering.frame_pass import FramePass
from gdanim.runtime.transaction import TMP_MARK
from gdanim.runtime.cpus import MIN_FRAMES, plan
from gdanim.runtime.side_process import SideProcess, SideProcessFailed

SCENE = """
from gdanim import Run, Scene, Timing, optimizers, problems, views
scene = Scene(
    title="workers",
    problem=problems.ill_conditioned,
    runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=STEPS),
          Run("momentum", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=STEPS)],
    views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5)), views.LossCurve(log=True)],
    size=(3.2, 1.8), dpi=40, timing=Timing(hold_first=0.3, hold_last=0.5, pause_on={10: 0.4}),
    stills={"early": 5},
)
"""


def scene_file(tmp_path, steps, extra="", name="scene.py"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(SCENE).replace("STEPS", str(steps)) + textwrap.dedent(extra))
    return p


def drawing_processes(monkeypatch, log: Path):
    """Record the process that draws each frame (the spy is inherited by forked workers)."""
    real = FramePass.draw

    def draw(self, step, frame):
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(self, step, frame)
    monkeypatch.setattr(FramePass, "draw", draw)


def vector_processes(monkeypatch, log: Path):
    """Record the process that writes each PDF still and each beamer page."""
    import gdanim.formats.pdf as pdf
    from gdanim.encode.pdf_encoder import PdfPagesWriter
    real_pdf, real_page = pdf.write_pdf, PdfPagesWriter.grab

    def note():
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")

    monkeypatch.setattr(pdf, "write_pdf", lambda *a: (note(), real_pdf(*a))[1])
    monkeypatch.setattr(PdfPagesWriter, "grab", lambda *a: (note(), real_page(*a))[1])


def test_workers_write_the_same_bytes_as_one_process(tmp_path, monkeypatch):
    path = scene_file(tmp_path, 3 * MIN_FRAMES)
    fmt = "gif,mp4,pdf,png,png-frames,alt"
    pids, vector = {}, {}
    for n in (1, 2):
        log, vlog = tmp_path / f"drawn-by-{n}.txt", tmp_path / f"vector-by-{n}.txt"
        drawing_processes(monkeypatch, log)
        vector_processes(monkeypatch, vlog)
        r = invoke("render", path, "--out", tmp_path / f"p{n}", "--format", fmt, "--processes", n)
        assert r.exit_code == 0, r.output
        pids[n] = set(log.read_text().split())
        vector[n] = vlog.read_text().split()
    assert pids[1] == {str(os.getpid())}
    workers = pids[2] - {str(os.getpid())}
    assert len(workers) == 2, pids[2]                 # two other processes drew frames
    assert set(vector[1]) == {str(os.getpid())}
    assert len(vector[2]) == len(vector[1]) == 2                    # the final still and "early"
    assert len(set(vector[2])) == 1 and not set(vector[2]) & (pids[2] | {str(os.getpid())})   # one more process
    one, two = tmp_path / "p1", tmp_path / "p2"
    files = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert len(files) > 3 * MIN_FRAMES                # every PNG frame is compared too
    assert files == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    for f in files:
        assert (one / f).read_bytes() == (two / f).read_bytes(), f


def test_vector_formats_are_written_here_if_the_process_beside_fails(tmp_path, monkeypatch):
    """A painter that fails in any process but the one that loaded the scene: the process beside
    fails, and the PDF stills are then drawn here, giving the files of one process, with
    no stray temporary file."""
    import gdanim.runtime.workers
    body = "    def update(self, step, frame):\n        if step == 30:\n            WHAT"
    assert body in PAINTER
    extra = PAINTER.replace(body, "    def update(self, step, frame):\n        if os.getpid() != LOADED_BY:\n"
                                  "            raise RuntimeError('not here')")
    path = scene_file(tmp_path, 2 * MIN_FRAMES, "import os\nLOADED_BY = os.getpid()\n" + extra)
    failed = []
    real_join = gdanim.runtime.side_process.SideProcess.join

    def join(self):
        try:
            return real_join(self)
        except gdanim.runtime.side_process.SideProcessFailed:
            failed.append(True)
            raise
    monkeypatch.setattr(gdanim.runtime.side_process.SideProcess, "join", join)
    vector = {}
    for n in (1, 2):
        vlog = tmp_path / f"vector-by-{n}.txt"
        vector_processes(monkeypatch, vlog)
        r = invoke("render", path, "--out", tmp_path / f"p{n}", "--format", "png,pdf", "--processes", n)
        assert r.exit_code == 0, r.output
        vector[n] = set(vlog.read_text().split())
    assert failed == [True]                           # the process beside was forked, and failed
    assert vector[1] == vector[2] == {str(os.getpid())}
    one, two = tmp_path / "p1", tmp_path / "p2"
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for p in one.iterdir():
        assert p.read_bytes() == (two / p.name).read_bytes(), p.name


def test_a_side_process_gives_back_what_its_work_returned_or_fails():
    assert SideProcess(lambda: [("a", 1)]).join() == [("a", 1)]
    with pytest.warns(UserWarning, match="odd"):      # raised again here
        assert SideProcess(lambda: warnings.warn("odd") or 2).join() == 2
    for work in (lambda: 1 / 0, lambda: os.kill(os.getpid(), signal.SIGKILL)):
        with pytest.raises(SideProcessFailed):
            SideProcess(work).join()
    slow = SideProcess(lambda: time.sleep(60))
    pid = slow.pid
    slow.close()
    slow.close()                                      # again: nothing to do
    with pytest.raises(ChildProcessError):            # killed and waited for
        os.waitpid(pid, os.WNOHANG)


def test_strays_are_only_the_transactions_own(tmp_path):
    from gdanim.runtime.transaction import Transaction
    mine, other = Transaction(tmp_path), Transaction(tmp_path)
    kept, theirs = mine.temp("a.pdf"), other.temp("a.pdf")
    stray = Path(Transaction.temp(mine, "b.pdf"))
    mine.pending = [(t, f) for t, f in mine.pending if t != stray]     # made beside, not known here
    mine.sweep_strays()
    assert kept.exists() and theirs.exists() and not stray.exists()


def test_gdanim_processes_1_forces_one_process(tmp_path, monkeypatch):
    log = tmp_path / "drawn.txt"
    drawing_processes(monkeypatch, log)
    monkeypatch.setenv("GDANIM_PROCESSES", "1")
    r = invoke("render", scene_file(tmp_path, 3 * MIN_FRAMES), "--out", tmp_path / "o", "--format", "gif")
    assert r.exit_code == 0, r.output
    assert set(log.read_text().split()) == {str(os.getpid())}


def test_the_plan(monkeypatch):
    monkeypatch.delenv("GDANIM_PROCESSES", raising=False)
    monkeypatch.setenv("MAKEFLAGS", "")
    monkeypatch.setattr("gdanim.runtime.cpus.cpu_count", lambda: 4)
    assert plan(1000) == 4
    assert plan(2 * MIN_FRAMES) == 2                  # never fewer than MIN_FRAMES frames a worker
    assert plan(MIN_FRAMES - 1) == 1
    monkeypatch.setenv("MAKEFLAGS", " -j2 --jobserver-auth=3,4")
    assert plan(1000) == 2                            # make runs two renders at once: two cores each
    monkeypatch.setenv("MAKEFLAGS", " -j4 --jobserver-auth=3,4")
    assert plan(1000) == 1
    monkeypatch.setenv("GDANIM_PROCESSES", "3")
    assert plan(1000) == 3 and plan(1000, requested=1) == 1


def test_a_bad_gdanim_processes_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("GDANIM_PROCESSES", "two")
    r = invoke("render", scene_file(tmp_path, 3 * MIN_FRAMES), "--out", tmp_path / "o")
    assert r.exit_code == 2 and "GDANIM_PROCESSES must be a whole number of processes, 1 or more; got 'two'" in r.output, \
        r.output


PAINTER = """
import warnings
from dataclasses import dataclass
from gdanim import views
from gdanim.rendering.paint import Painter, paints

@dataclass(frozen=True, kw_only=True)
class Fussy(views.View):
    def describe(self, problem):
        return "nothing"

@paints(Fussy)
class FussyPainter(Painter):
    def update(self, step, frame):
        if step == 30:
            WHAT

scene = type(scene)(**{**{f: getattr(scene, f) for f in scene.__dataclass_fields__},
                       "views": [*scene.views, Fussy()]})
"""


def test_a_warning_in_a_worker_reaches_the_user(tmp_path):
    path = scene_file(tmp_path, 40, PAINTER.replace("WHAT", 'warnings.warn("step thirty looks odd")'))
    for n in (1, 2):
        r = invoke("render", path, "--out", tmp_path / f"o{n}", "--format", "gif", "--processes", n)
        assert r.exit_code == 0, r.output
        assert "gdanim: note: " in r.output and "step thirty looks odd" in r.output, (n, r.output)


def test_an_error_in_a_worker_is_said_as_without_workers(tmp_path):
    path = scene_file(tmp_path, 40, PAINTER.replace("WHAT", 'raise ValueError("no step thirty")'))
    said = {}
    for n in (1, 2):
        out = tmp_path / f"o{n}"
        r = invoke("render", path, "--out", out, "--format", "gif,mp4", "--processes", n)
        assert r.exit_code == E.EXIT_SCENE_CODE, r.output
        said[n] = r.output
        assert not out.exists()
    assert said[1] == said[2] and "scene.py:" in said[1] and "no step thirty" in said[1], said


# Real processes, really signalled in the middle of their frame loops -----------------------

def children(pid: int) -> set[int]:
    found = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(d.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def started(tmp_path, out):
    """A render of 400 frames with two workers, in a process group of its own (as a terminal's
    foreground job is), once it is mid-way; and its worker processes."""
    path = scene_file(tmp_path, 400)
    env = dict(os.environ, PYTHONUNBUFFERED="1", GDANIM_PROCESSES="2")
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", str(path), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    wait_until(lambda: out.exists() and any(TMP_MARK in p.name for p in out.iterdir()), proc, 60,
               "the render to start writing")
    wait_until(lambda: len(children(proc.pid)) >= 3, proc, 60, "two workers and ffmpeg")
    return proc, children(proc.pid)


def test_ctrl_c_to_the_process_group_leaves_no_worker_and_no_output(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "scene.gif").write_bytes(b"earlier")
    proc, kids = started(tmp_path, out)
    os.killpg(proc.pid, signal.SIGINT)                # what Ctrl-C in a terminal does
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == E.EXIT_INTERRUPTED, stderr
    assert stderr.strip().splitlines()[-1] == "gdanim: interrupted; outputs left as they were"
    assert sorted(p.name for p in out.iterdir()) == ["scene.gif"] and (out / "scene.gif").read_bytes() == b"earlier"
    assert not [k for k in kids if running(k)]


def test_kill_9_of_gdanim_leaves_no_worker_running(tmp_path):
    out = tmp_path / "output"
    proc, kids = started(tmp_path, out)
    proc.kill()
    proc.communicate(timeout=60)                      # returns once no process holds its pipes
    end = time.monotonic() + 30
    while [k for k in kids if running(k)] and time.monotonic() < end:
        time.sleep(0.05)
    assert not [k for k in kids if running(k)]
    r = invoke("render", scene_file(tmp_path, 12), "--out", out, "--format", "pdf")
    assert r.exit_code == 0 and not [p for p in out.iterdir() if TMP_MARK in p.name]


def test_the_mp4_is_the_same_on_one_core_as_on_all(tmp_path):
    """x264 would take its thread count from the cores it may use; it is fixed, so a machine with
    fewer (or more) cores writes the same MP4."""
    path = scene_file(tmp_path, 20)
    got = {}
    for cores in ({0}, os.sched_getaffinity(0)):
        out = tmp_path / f"on{len(cores)}"
        subprocess.run([sys.executable, "-m", "gdanim", "render", str(path), "--out", str(out), "--format", "mp4"],
                       check=True, capture_output=True, preexec_fn=lambda cores=cores: os.sched_setaffinity(0, cores))
        got[len(cores)] = (out / "scene.mp4").read_bytes()
    assert len(set(got.values())) == 1


def test_fonts_the_explorer_subsets_read_from_memory_not_a_shared_file():
    """A font's tables are read lazily; through one open file inherited by forked processes they
    would share its offset, and a render now and then failed with fontTools' 'unsupported kern
    subtable version: 47' (make all, one scene in ten, when fonts were parsed ahead)."""
    import io
    from matplotlib import font_manager
    from gdanim.encode.font_subsets import load_ttfont
    font = load_ttfont(font_manager.findfont("DejaVu Sans"))
    assert isinstance(font.reader.file, io.BytesIO)
    assert font["kern"].kernTables if "kern" in font else True        # a table read later reads well
