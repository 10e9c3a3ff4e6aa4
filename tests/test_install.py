"""`pip install` of the project into a clean virtual environment outside the repository gives a
working `gdanim`: a starter scene renders in an empty folder, and the lecture catalogue ships
with the package (`gdanim examples DIR`), so the README's commands work without a clone."""
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image

from conftest import ROOT


def run(cmd, cwd, **kw):
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{cmd}: {r.stdout}\n{r.stderr}"
    return r.stdout


def test_installed_outside_the_repository(tmp_path):
    venv, empty = tmp_path / "venv", tmp_path / "empty"
    empty.mkdir()
    run([sys.executable, "-m", "venv", venv], tmp_path)
    source = tmp_path / "source"               # a copy: building writes build/ and egg-info beside the sources
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".venv-*", "node_modules", ".hypothesis", "output", "build", "*.egg-info", "test-artifacts",
        "__pycache__", ".pytest_cache"))
    pip = venv / "bin" / "pip"
    run([pip, "install", "--quiet", "--disable-pip-version-check", source], tmp_path)
    gdanim = venv / "bin" / "gdanim"
    where = run([venv / "bin" / "python", "-c", "import gdanim; print(gdanim.__file__)"], empty)
    assert str(venv) in where and str(ROOT) not in where and str(source) not in where    # installed, not linked

    out = run([gdanim, "new", "x", "--problem", "rosenbrock"], empty)
    assert out.startswith("x.py: written")
    out = run([gdanim, "render", "x.py", "--max-frames", 4, "--dpi", 30], empty)
    assert out.split() == ["output/x.gif", "output/x.mp4", "output/x.pdf", "output/x.alt.txt"]
    assert Image.open(empty / "output" / "x.gif").n_frames >= 3

    run([gdanim, "examples", "lectures"], empty)
    shipped = sorted(p.name for p in (empty / "lectures").glob("*.py"))
    assert shipped == sorted(p.name for p in (ROOT / "scenes").glob("*.py"))
    assert (empty / "lectures" / "momentum.py").read_bytes() == (ROOT / "scenes" / "momentum.py").read_bytes()
    run([gdanim, "render", "lectures/logistic_regression.py", "--format", "png", "--dpi", 20], empty)
    png = np.asarray(Image.open(empty / "output" / "logistic_regression.png").convert("RGB"))
    assert png.std() > 10                             # the packaged breast-cancer data loaded and drew

    r = subprocess.run([gdanim, "examples", "lectures"], cwd=empty, capture_output=True, text=True)
    assert r.returncode == 8 and "already exists" in r.stderr                 # never over a lecturer's edits

    wheel_meta = run([venv / "bin" / "python", "-c",
                      "import importlib.metadata as m; d = m.distribution('gdanim');"
                      "print(d.version); print(d.metadata['License-Expression']);"
                      "print(*sorted(str(f) for f in d.files if 'licenses' in str(f) or f.name == 'py.typed'))"], empty)
    import gdanim
    version, license_, files = wheel_meta.splitlines()
    assert version == gdanim.__version__
    assert license_ == "MIT AND CC-BY-4.0"
    assert "gdanim/py.typed" in files and "LICENSE" in files and "data/README.md" in files
