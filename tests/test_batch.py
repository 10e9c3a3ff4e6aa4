"""Several scenes in one ``gdanim render``: rendered side by side in forked processes (gdanim.runtime.batch),
the longest first, with what each says printed in the scenes' order; the same bytes as one after the
other; a failing scene named and the others written; ``--changed`` renders only what is out of
date; a stop reaches every scene once and leaves no temporary file."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from gdanim.runtime import batch
from gdanim import errors as E
from gdanim.runtime.transaction import TMP_MARK, temp_parts
from conftest import invoke, wait_until

SCENE = """
from gdanim import Run, Scene, Timing, optimizers, problems, views
scene = Scene(title="lr {lr}", problem=problems.ill_conditioned, size=(3.2, 1.8), dpi=40,
              runs=[Run("GD", optimizers.gd({lr}), start=(-4, -2), steps={steps})],
              views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5)), views.LossCurve()],
              timing=Timing(fps=20, hold_first=0, hold_last=0))
"""
FORMATS = "gif,mp4,pdf,png"


def write_scenes(folder, specs):
    folder.mkdir(exist_ok=True)
    paths = []
    for name, lr, steps in specs:
        p = folder / f"{name}.py"
        p.write_text(textwrap.dedent(SCENE.format(lr=lr, steps=steps)))
        paths.append(p)
    return paths


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_side_by_side_gives_the_same_bytes_and_says_it_in_order(tmp_path):
    paths = write_scenes(tmp_path / "scenes", [("a_short", 0.1, 4), ("b_long", 0.5, 30), ("c_mid", 0.9, 12)])
    alone, side = tmp_path / "alone", tmp_path / "side"
    r1 = invoke("render", *paths, "--out", alone, "--format", FORMATS, "--processes", 1)
    r2 = invoke("render", *paths, "--out", side, "--format", FORMATS, "--processes", 2)
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    assert files(alone) == files(side) and len(files(side)) == 12
    # the printed files, in the scenes' order (b_long rendered first, but said second)
    assert r2.output == r1.output.replace(str(alone), str(side))
    assert [line.split("/")[-1] for line in r2.output.splitlines()] == \
        [f"{n}.{e}" for n in ("a_short", "b_long", "c_mid") for e in ("gif", "mp4", "pdf", "png")]


def test_a_failing_scene_is_named_and_the_others_are_written(tmp_path):
    paths = write_scenes(tmp_path / "scenes", [("a", 0.1, 4), ("b", 0.1, 4), ("c", 0.2, 4)])
    paths[1].write_text(paths[1].read_text().replace("steps=4)]", "steps=4)], stills={\"late\": 99}"))
    out = tmp_path / "out"
    r = invoke("render", *paths, "--out", out, "--format", "png", "--processes", 2)
    assert r.exit_code != 0
    said = [line for line in r.output.splitlines() if line.startswith("gdanim:")]
    assert len(said) == 1 and said[0].startswith(f"gdanim: error: {paths[1]}"), r.output
    assert sorted(files(out)) == ["a.png", "c.png"]


def test_changed_renders_only_what_is_out_of_date(tmp_path):
    folder = tmp_path / "scenes"
    paths = write_scenes(folder, [("a", 0.1, 4), ("b", 0.2, 4), ("c", 0.3, 4)])
    out = tmp_path / "out"
    args = ("render", *paths, "--out", out, "--format", "png,alt", "--changed", "--processes", 2)
    first = invoke(*args)
    assert first.exit_code == 0 and len(first.output.splitlines()) == 6, first.output
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = invoke(*args)
    assert again.exit_code == 0 and again.output == ""              # nothing out of date, nothing said
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    time.sleep(0.01)
    paths[1].write_text(paths[1].read_text() + "\n# edited\n")
    edited = invoke(*args)
    assert [line.split("/")[-1] for line in edited.output.splitlines()] == ["b.png", "b.alt.txt"], edited.output
    (out / "c.alt.txt").unlink()                                      # a missing output
    missing = invoke(*args)
    assert [line.split("/")[-1] for line in missing.output.splitlines()] == ["c.png", "c.alt.txt"]
    time.sleep(0.01)
    (folder / "_helpers.py").write_text("# a module beside the scenes\n")
    helper = invoke(*args)
    assert len(helper.output.splitlines()) == 6                      # every scene again


def test_the_run_order_is_longest_first_and_reports_keep_the_tasks_order(tmp_path):
    log = tmp_path / "log"

    def task(i):
        def run():
            with open(log, "a") as fh:
                fh.write(f"{i}\n")
            print(f"task {i}")
            print(f"note {i}", file=sys.stderr)
            return i % 2
        return run
    said = []
    codes = batch.run([task(i) for i in range(4)], [1, 9, 5, 9], 1, lambda out, err: said.append((out, err)))
    assert codes == [0, 1, 0, 1]
    assert log.read_text().split() == ["1", "3", "2", "0"]               # heaviest first, ties in order
    assert said == [(f"task {i}\n", f"note {i}\n") for i in range(4)]


def test_a_task_that_dies_is_said_to_have_died(tmp_path):
    said = []
    codes = batch.run([lambda: os.kill(os.getpid(), signal.SIGKILL), lambda: 0], [1, 1], 2,
                      lambda out, err: said.append(err), ["scenes/a.py", "scenes/b.py"])
    assert codes[0] != 0 and codes[1] == 0
    assert said[0] == "gdanim: error: scenes/a.py: internal error: a render's process ended (signal 9); run with --debug\n"


@pytest.mark.parametrize("sig, code, message", [
    (signal.SIGTERM, E.EXIT_TERMINATED, "gdanim: terminated; outputs left as they were"),
    (signal.SIGINT, E.EXIT_INTERRUPTED, "gdanim: interrupted; outputs left as they were"),
])
def test_a_stop_reaches_every_scene_and_leaves_no_temporaries(tmp_path, sig, code, message):
    paths = write_scenes(tmp_path / "scenes", [("a", 0.1, 300), ("b", 0.2, 300), ("c", 0.3, 300)])
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.gif").write_bytes(b"earlier")
    proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", *map(str, paths), "--out", str(out),
                             "--format", "gif,mp4", "--processes", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True)
    # two scenes mid-way: each has its temporary files open
    wait_until(lambda: len({temp_parts(p.name)[2] for p in out.iterdir() if temp_parts(p.name)}) >= 2,
               proc, 60, "two renders (two processes) to start writing")
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)            # Ctrl-C at a terminal: the whole process group
    else:
        proc.send_signal(sig)               # kill PID: the parent alone
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert stderr.strip().splitlines() == [message], stderr
    assert not [p for p in out.iterdir() if TMP_MARK in p.name]
    assert (out / "a.gif").read_bytes() == b"earlier"


def run_stopped(tasks, after: float = 1.0) -> list:
    """batch.run of ``tasks`` (two at once), stopped after ``after`` seconds as a Ctrl-C would
    stop it; what it said (stdout), in order."""
    said = []

    def stop_now(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGALRM, stop_now)
    signal.setitimer(signal.ITIMER_REAL, after)
    try:
        with pytest.raises(KeyboardInterrupt):
            batch.run(tasks, [1] * len(tasks), 2, lambda out, err: said.append(out))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return said


def test_a_stop_still_says_what_the_finished_scenes_said(tmp_path):
    """A scene done before the stop, but waiting for an earlier one to be said in order, is said
    before the stop goes on: its files are in place."""
    assert run_stopped([lambda: signal.pause(), lambda: print("b.png") or 0]) == ["b.png\n"]


def test_what_a_scene_says_as_the_stop_reaches_it_is_said(tmp_path):
    """A scene whose files go in place as the stop comes prints them (render_one's report): its
    report is read to the end and said, not left in its pipe."""
    def late():
        def on_term(signum, frame):
            print("late.png")
            raise SystemExit
        signal.signal(signal.SIGTERM, on_term)
        signal.pause()
    assert run_stopped([late]) == ["late.png\n"]


def test_a_stop_as_a_finished_scene_is_waited_for_leaves_no_process_unreaped(monkeypatch):
    """A Ctrl-C as the parent begins to wait for a scene whose report is in: that scene's process
    was no longer among those the stop waits for, and was left a zombie."""
    real, waited = os.waitpid, []

    def waitpid(pid, options):
        if not waited:
            waited.append(pid)
            os.kill(os.getpid(), signal.SIGINT)         # Ctrl-C, as the wait begins
            for _ in range(1000):                       # (Python runs its handler here, before the wait)
                pass
        return real(pid, options)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    monkeypatch.setattr(os, "waitpid", waitpid)
    try:
        with pytest.raises(KeyboardInterrupt):
            batch.run([lambda: 0, lambda: signal.pause()], [2, 1], 2, lambda out, err: None)
    finally:
        monkeypatch.undo()
        signal.signal(signal.SIGINT, previous)
    (pid,) = waited
    try:
        unreaped = os.waitpid(pid, os.WNOHANG)[0] == pid     # (and reaped now: no zombie outlives the test)
    except ChildProcessError:
        unreaped = False
    assert not unreaped, f"process {pid} was left unreaped"


def test_a_sigterm_sent_as_a_scenes_process_starts_is_met_by_its_own_handler(monkeypatch):
    """A stop can SIGTERM a scene's process before it has set its handler (under load it had not
    run at all yet). Python drops a signal whose handler is replaced before it runs, so the scene
    waited forever and so did the stop (seen twice in a loaded suite). SIGTERM stays blocked in
    the new process until its own handler is in place: one sent meanwhile is met by that handler."""
    import select
    from gdanim.runtime import forking
    real_close = forking.close_pipes

    def close_then_term(keep):          # in the new process, before its SIGTERM is unblocked
        blocked = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        os.kill(os.getpid(), signal.SIGTERM)
        if not blocked:                 # met here, by the handler inherited from the parent
            os._exit(3)
        real_close(keep)
    monkeypatch.setattr(forking, "close_pipes", close_then_term)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)    # the parent's: a stop held
    try:
        fd, pid = batch.start(lambda: signal.pause() or 0, signal.SIG_DFL, ())
    finally:
        signal.signal(signal.SIGTERM, previous)
    ready, _, _ = select.select([fd], [], [], 30)
    assert ready, "the scene's process did not end: its SIGTERM was lost"
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, os.waitstatus_to_exitcode(status)
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])    # and unblocked here again
