import functools
import signal
import time
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

# The tests press Ctrl-C (SIGINT) on gdanim processes, and gdanim keeps ignoring a signal it was
# started ignoring (a shell's background job). A suite started as one (`make test &`, some CI
# runners) would hand that on to every process it starts; they start with the default instead.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"


@pytest.fixture
def global_rng():
    """The lecture transcriptions use np.random's global state; put it back afterwards."""
    state = np.random.get_state()
    yield
    np.random.set_state(state)


@pytest.fixture
def scene_of():
    from gdanim.app.loader import load

    def get(name):
        return load(SCENES / f"{name}.py")
    return get


@pytest.fixture
def trajectories(scene_of):
    from gdanim import run_scene

    def get(name):
        scene = scene_of(name)
        return {t.label: t for t in run_scene(scene)}
    return get


def invoke(*args):
    """The gdanim command through click's CliRunner; arguments may be paths or numbers."""
    from click.testing import CliRunner
    from gdanim.app.cli import main
    return CliRunner().invoke(main, [str(a) for a in args])


def wait_until(predicate, proc, timeout=40.0, what="the condition"):
    """Poll ``predicate`` while the subprocess ``proc`` runs; fail if it exits or time runs out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.kill()
    pytest.fail(f"timed out waiting for {what}; output so far: {proc.communicate()}")


@pytest.fixture(autouse=True)
def registries():
    """Formats and painters a test registers do not outlive it."""
    from gdanim.formats import registry as formats
    from gdanim.rendering.paint import registry as painters
    saved = dict(formats._FORMATS), dict(formats._ALIASES), dict(painters._PAINTERS)
    yield
    for live, kept in zip((formats._FORMATS, formats._ALIASES, painters._PAINTERS), saved):
        live.clear()
        live.update(kept)


class Watching:
    """``gdanim render --watch SCENE --format alt`` as a real process for a with-block; on leaving,
    Ctrl-C stops it and it must have exited 0. ``alt`` is the alt text file it keeps rewriting."""

    def __init__(self, scene, out):
        import subprocess
        import sys
        self.alt, self.log = Path(out) / f"{Path(scene).stem}.alt.txt", Path(out).parent / "watch-stderr.txt"
        self.proc = subprocess.Popen([sys.executable, "-m", "gdanim", "render", "--watch", str(scene), "--out",
                                      str(out), "--format", "alt"], stdout=subprocess.PIPE,
                                     stderr=self.log.open("w"), text=True)

    def until_alt_starts_with(self, text):
        wait_until(lambda: self.alt.exists() and self.alt.read_text().startswith(text), self.proc)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        import signal
        self.proc.send_signal(signal.SIGINT)
        self.proc.communicate(timeout=30)
        assert self.proc.returncode == 0, self.log.read_text()


# Markers, read off what a test runs (its own source and its fixtures'), so that none is forgotten:
# `pytest -m "not slow"` is the core suite (no browser, LibreOffice, pdflatex, Jupyter kernel,
# fresh venv, make, docs site, nor a render of every catalogue scene), quick to run.
CLIENTS = {"browser": ("Browser(", "browser.", "chromium", "Chromium("), "office": ("soffice",), "latex": ("pdflatex",),
           "kernel": ("nbclient", "NotebookClient"), "install": ("venv",), "make": ('"make"',), "docs": ('"mkdocs"',)}


def catalogue_names() -> set:
    return {p.stem for p in SCENES.glob("*.py")}


@functools.cache
def source_of(function) -> str:
    """A function's source, read once: the items of a parametrized test share it (reading it for
    each of 1400 items was a third of the collection's time)."""
    import inspect
    return inspect.getsource(function)


def sources_of(item) -> str:
    """The test's source and that of every fixture it uses (a browser or a docs build set up there)."""
    texts = [source_of(item.function)]
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info is not None else ()):
        for d in defs:
            if d.baseid:            # the project's own fixtures, not pytest's
                try:
                    texts.append(source_of(d.func))
                except (OSError, TypeError):
                    pass
    return "\n".join(texts)


def pytest_collection_modifyitems(items):
    catalogue = catalogue_names()
    for item in items:
        try:
            source = sources_of(item)
        except (OSError, TypeError, AttributeError):         # a doctest
            continue
        names = set(getattr(item, "fixturenames", ()))
        for marker, words in CLIENTS.items():
            if marker in names or any(w in source for w in words):
                item.add_marker(marker)
        params = getattr(getattr(item, "callspec", None), "params", {})
        own = source_of(item.function)
        if params.get("name") in catalogue and ("render_scene(" in own or '"render"' in own):  # one of a render of every scene
            item.add_marker("catalogue")
        if any(item.get_closest_marker(m) for m in (*CLIENTS, "catalogue")):
            item.add_marker("slow")


@pytest.fixture(autouse=True)
def no_thread_left():
    """A test leaves no thread running: gdanim forks no frame workers in a process with threads, so
    one left behind would quietly change every later test's render."""
    import threading
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and [t for t in threading.enumerate() if t not in before and t.is_alive()]:
        time.sleep(0.05)
    left = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not left, f"threads left running: {left}"
