"""`make all` over a folder with one broken scene and a helper module beside the scenes: every
other scene renders, the broken one is named in one line, make exits non-zero, and the helper is
not taken for a scene."""
import os
import subprocess

from conftest import ROOT

GOOD = '''
from _common import scene_for
scene = scene_for({lr})
'''
HELPER = '''
from gdanim import Run, Scene, Timing, optimizers, problems, views

def scene_for(lr):
    return Scene(title=f"lr {lr}", problem=problems.parabola, size=(3.2, 1.8), dpi=40,
                 runs=[Run("GD", optimizers.gd(lr), start=2, steps=4)], views=[views.Curve1D()],
                 timing=Timing(hold_first=0, hold_last=0))
'''


def test_make_all_renders_every_other_scene_and_names_the_broken_one(tmp_path):
    scenes, out = tmp_path / "scenes", tmp_path / "out"
    scenes.mkdir()
    (scenes / "_common.py").write_text(HELPER)
    (scenes / "a_small.py").write_text(GOOD.format(lr=0.1))
    (scenes / "b_broken.py").write_text(GOOD.format(lr=-1))          # a negative learning rate
    (scenes / "c_large.py").write_text(GOOD.format(lr=0.9))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    r = subprocess.run(["make", "-C", str(ROOT), "all", f"SCENE_DIR={scenes}", f"OUT={out}"],
                       capture_output=True, text=True, env=env)
    assert r.returncode != 0
    for name in ("a_small", "c_large"):
        assert {p.name for p in out.glob(f"{name}.*")} == {f"{name}.{e}" for e in ("gif", "mp4", "pdf", "png", "alt.txt", "html")}
    assert not list(out.glob("b_broken*")) and not list(out.glob("_common*"))
    said = [line for line in r.stderr.splitlines() if line.startswith("gdanim:")]
    assert said == [f"gdanim: error: {scenes}/b_broken.py:3: learning rate must be a positive number, got -1.0"], \
        r.stderr
