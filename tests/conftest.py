from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

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
    from gdanim.loader import load

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
