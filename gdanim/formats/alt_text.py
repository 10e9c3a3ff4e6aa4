"""Alt text for a rendered figure: what it shows, which runs, how each ended. Plain words, a
few sentences, for accessible slides (and the gallery's ``alt`` attributes). Each panel's words
come from its view (``View.describe``)."""
from __future__ import annotations


def run_phrase(run, traj) -> str:
    """How one run went, in words; a run that blows up within its budget (it leaves the plots,
    but stays within the runner's bounds) is said to be growing, not to end at a 'final loss'."""
    what = run.optimizer.describe()
    who = run.label if what.lower() in run.label.lower() else f"{run.label} ({what})"
    first, last = traj.loss[0], traj.loss[-1]
    if traj.grows_from() is not None:                   # blowing up, not yet stopped
        return f"{who} {traj.reason()}, its loss growing from {first:.4g} to {last:.4g}"
    loss = "last finite loss" if traj.stop == "diverged" else "final loss"
    return f"{who} {traj.reason()}, {loss} {last:.4g}"


def alt_text(scene, trajectories: dict) -> str:
    """A caption such as 'Momentum on the ill-conditioned bowl. Panels: …. Runs: GD (gd, lr 0.9)
    ran 50 steps, final loss 0.0012; …. Marked: …. Source: CS 189, Lecture 12, In[68].'"""
    parts = [sentence(scene.title)]
    if scene.description:
        parts.append(sentence(scene.description))
    panels = [panel_words(v, scene.problem_for(v), bool(scene.runs_for(v))) for v in scene.views]
    parts.append(("Panel: " if len(panels) == 1 else "Panels: ") + "; ".join(panels) + ".")
    if scene.runs:
        runs = [run_phrase(r, trajectories[r.label]) for r in scene.runs]
        parts.append(("Run: " if len(runs) == 1 else "Runs: ") + "; ".join(runs) + ".")
    if scene.pins:
        pins = [f"{p.label} at ({', '.join(f'{v:.4g}' for v in p.at)})" for p in scene.pins]
        parts.append("Marked: " + "; ".join(pins) + ".")
    if scene.source:
        parts.append(sentence(f"Source: {scene.source}"))
    return " ".join(parts)


PATH_WORDS = (" with each run's path", " and each run's path", " with the path on it")


def panel_words(view, problem, shows_runs: bool) -> str:
    """What a panel shows (``View.describe``), without the paths it speaks of when it shows no run."""
    words = view.describe(problem)
    if not shows_runs:
        for path in PATH_WORDS:
            words = words.replace(path, "")
    return words


def sentence(text: str) -> str:
    """``text`` ending as a sentence: a full stop added unless it ends in one, '?' or '!'.

    >>> sentence("Momentum 0.3: which learning rate?"), sentence("Two runs"), sentence("Done.")
    ('Momentum 0.3: which learning rate?', 'Two runs.', 'Done.')
    """
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
