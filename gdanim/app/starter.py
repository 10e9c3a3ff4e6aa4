"""``gdanim new NAME --problem KIND``: a commented starter scene that renders as it is."""
from __future__ import annotations

from pathlib import Path

from gdanim.core.errors import OutputError

HEAD = '''"""{name}: {what}. Written by `gdanim new`; edit it, then `gdanim render {path}`."""
from gdanim import Run, Scene, Timing, data, optimizers, problems, stopping, views
'''

TAIL = '''
scene = Scene(
    title="{title}",                      # shown above the panels
    description="{description}",          # one line, for the gallery and the alt text
    problem=problem,
    runs=[                                # one Run per path; labels must differ
{runs}
    ],
    views=[                               # one panel each, left to right
{views}
    ],
    size="16:9",                          # or "4:3", "wide", "square", "beamer", "beamer-4:3", "powerpoint"
    theme="light",                        # or "dark"
    timing=Timing(fps=10, hold_first=0.5, hold_last=2.0),   # pause_on={{step: seconds}}, loop=0 (forever)
)
'''

KINDS = {
    "quadratic": dict(
        what="gradient descent and momentum on an ill-conditioned quadratic bowl",
        problem='''
# L(w) = wᵀHw with H = diag(0.1, 1): steep in w2, shallow in w1.
problem = problems.QuadraticForm(((0.1, 0.0), (0.0, 1.0)))
''',
        title="Gradient descent on a quadratic bowl",
        description="Plain gradient descent zig-zags across the steep direction; momentum damps it.",
        runs='''        Run("GD, lr 0.9", optimizers.gd(0.9), start=(-4, -2), steps=40),
        Run("momentum, lr 0.9", optimizers.momentum(0.9, beta=0.3), start=(-4, -2), steps=40),''',
        views='''        views.Contours(xlim=(-5, 5), ylim=(-5, 5)),   # the paths over the loss contours
        views.LossCurve(log=True),                     # loss against iteration''',
    ),
    "parabola": dict(
        what="gradient descent on a one-parameter parabola",
        problem='''
# f(w) = w² + 1: polynomial coefficients from the highest power down.
problem = problems.Polynomial((1, 0, 1))
''',
        title="Step size on a parabola",
        description="A small learning rate creeps down the curve; one above 1 overshoots further each step.",
        runs='''        Run("lr 0.1", optimizers.gd(0.1), start=2, steps=15),
        Run("lr 1.05", optimizers.gd(1.05), start=2, steps=15),''',
        views='''        views.Curve1D(xlim=(-4, 4)),     # the iterates on the curve
        views.LossCurve(),''',
    ),
    "rosenbrock": dict(
        what="momentum and Adam in Rosenbrock's banana valley",
        problem='''
# Rosenbrock's function: a long curved valley with its minimum at (1, 1).
problem = problems.Rosenbrock()
''',
        title="Down the banana valley",
        description="Momentum and Adam follow the curved valley of Rosenbrock's function towards (1, 1).",
        runs='''        Run("momentum", optimizers.momentum(0.001, beta=0.9), start=(-1.5, 2), steps=300),
        Run("Adam", optimizers.adam(0.05), start=(-1.5, 2), steps=300),''',
        views='''        views.Contours(xlim=(-2, 2), ylim=(-1, 3), log_levels=True),
        views.LossCurve(log=True),''',
    ),
    "linear": dict(
        what="fitting a line to noisy data by gradient descent",
        problem='''
# y = 2 + 3x + noise, 100 points; the data are drawn from the seed, so every render is the same.
problem = problems.LinearRegression(data.Linear(n=100, coef=[3], intercept=2, sigma=1.0, seed=0))
''',
        title="Fitting a line by gradient descent",
        description="The line swings into place over the data while the loss falls.",
        runs='''        Run("GD, lr 0.1", optimizers.gd(0.1), start=(0, 0), steps=60),''',
        views='''        views.ModelFit(),                # the data and the current line
        views.Contours(),                # the path over the loss in (intercept, slope)''',
    ),
    "logistic": dict(
        what="logistic regression on two features of the Breast Cancer Wisconsin data",
        problem='''
# Mean radius and mean texture (standardized) against malignant/benign; data shipped with gdanim.
# Two weights, no intercept, as in the lecture.
problem = problems.LogisticRegression(data.breast_cancer())
''',
        title="Logistic regression by gradient descent",
        description="The decision boundary turns and sharpens as the cross-entropy falls.",
        runs='''        Run("GD, lr 2", optimizers.gd(2), start=(0, 0), steps=80),''',
        views='''        views.ModelFit(),                # data, boundary and probability shading
        views.LossCurve(),''',
    ),
}


def starter(name: str, kind: str, path: Path) -> str:
    k = KINDS[kind]
    return (HEAD.format(name=name, what=k["what"], path=path) + k["problem"]
            + TAIL.format(title=k["title"], description=k["description"], runs=k["runs"], views=k["views"]))


def write_starter(name: str, kind: str, folder: Path) -> Path:
    """Write ``folder/name.py``; never over an existing file."""
    path = Path(folder) / f"{name}.py"
    if path.exists():
        raise OutputError("already exists; choose another name or delete it first", str(path))
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(starter(name, kind, path))
    except OSError as exc:
        from gdanim.runtime.transaction import os_error
        raise os_error(exc, path) from None
    return path


def copy_examples(folder: Path) -> list[Path]:
    """Copy the lecture catalogue (``gdanim/examples`` in the package, the repository's scenes/)
    into ``folder``; never over an existing file, and nothing at all if one would be."""
    from importlib import resources
    source = resources.files("gdanim") / "examples"
    scenes = sorted((p for p in source.iterdir() if p.name.endswith(".py") and not p.name.startswith("_")),
                    key=lambda p: p.name)
    folder = Path(folder)
    taken = [folder / p.name for p in scenes if (folder / p.name).exists()]
    if taken:
        raise OutputError("already exists; copy the examples into a new or empty folder", str(taken[0]))
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for p in scenes:
            with open(folder / p.name, "xb") as fh:
                fh.write(p.read_bytes())
            written.append(folder / p.name)
    except OSError as exc:
        from gdanim.runtime.transaction import os_error
        for w in written:
            w.unlink(missing_ok=True)
        raise os_error(exc, folder) from None
    return written
