"""Alt text for a rendered figure: what it shows, which runs, how each ended. Plain words, a
few sentences, for accessible slides (and the gallery's ``alt`` attributes)."""
from __future__ import annotations

PANELS = {
    "Contours": "contours of the loss over {axes} with each run's path",
    "GradientField": "contours of the loss over {axes} with arrows of the negative gradient and each run's path",
    "Curve1D": "the loss curve over {axes} with the iterates on it",
    "ModelFit": "the data with the model of the current step",
    "LossCurve": "the loss against the iteration",
    "Traces": "each parameter against the iteration",
    "Surface3D": "the loss surface over {axes} in 3-D with the path on it",
    "Taylor": "the second-order Taylor model and the Hessian's eigenvectors",
}


def panel_phrase(view, problem) -> str:
    name = type(view).__name__
    if name == "LossCurve" and view.metric == "distance":
        return "the squared distance to the optimum against the iteration"
    if name == "Traces" and view.of == "grad":
        return "each gradient component against the iteration"
    axes = view.axes if getattr(view, "axes", None) else problem.names[:2]
    axes = [problem.names[a] if isinstance(a, int) else a for a in axes]
    return PANELS[name].format(axes=" and ".join(axes))


def run_phrase(run, traj) -> str:
    what = run.optimizer.describe()
    who = run.label if what.lower() in run.label.lower() else f"{run.label} ({what})"
    loss = "last finite loss" if traj.stop == "diverged" else "final loss"
    return f"{who} {traj.reason()}, {loss} {traj.loss[-1]:.4g}"


def alt_text(scene, trajectories: dict) -> str:
    """A caption such as 'Momentum on the ill-conditioned bowl. Panels: …. Runs: GD (gd, lr 0.9)
    ran 50 steps, final loss 0.0012; ….'"""
    title = scene.title.rstrip(".")
    parts = [f"{title}."]
    if scene.description:
        parts.append(scene.description.rstrip(".") + ".")
    panels = [panel_phrase(v, scene.problem_for(v)) for v in scene.views]
    parts.append(("Panel: " if len(panels) == 1 else "Panels: ") + "; ".join(panels) + ".")
    if scene.runs:
        runs = [run_phrase(r, trajectories[r.label]) for r in scene.runs]
        parts.append(("Run: " if len(runs) == 1 else "Runs: ") + "; ".join(runs) + ".")
    return " ".join(parts)
