"""Speaker notes for a scene's slide: its description, where it comes from (the lecture and cell,
when the scene declares a ``source``), and how each run ended, in the alt text's words."""
from __future__ import annotations

from dataclasses import dataclass

from gdanim.formats.alt_text import alt_text, run_phrase


@dataclass(frozen=True)
class Notes:
    description: str
    source: str | None
    runs: tuple[str, ...]          # one phrase per run: "GD, lr 0.9 converged after 50 steps, final loss 0.0012"
    alt: str                       # the alt text, for the media on the slide

    def lines(self) -> list[str]:
        """The notes as plain lines (PowerPoint's notes page)."""
        out = [self.description] if self.description else []
        if self.source:
            out.append(f"Source: {self.source}")
        if self.runs:
            out.append("How the runs ended:")
            out += [f"• {r}" for r in self.runs]
        return out


def source_text(source) -> str | None:
    """A scene's declared source in words: a string as it is; an object with ``lecture`` and
    ``cell`` (or ``heading``) fields as "lecture, cell"; anything else as ``str()``.

    >>> from types import SimpleNamespace as S
    >>> source_text(S(lecture="CS 189, lecture 5", cell="In[45]"))
    'CS 189, lecture 5, In[45]'
    >>> source_text(None) is None
    True
    """
    if source is None or source == "":
        return None
    if isinstance(source, str):
        return source
    parts = [str(v) for v in (getattr(source, k, None) for k in ("lecture", "cell", "heading")) if v]
    return ", ".join(parts) if parts else str(source)


def speaker_notes(scene, trajectories: dict) -> Notes:
    """The notes of ``scene``'s slide; ``trajectories``: label → Trajectory of its runs."""
    runs = tuple(run_phrase(r, trajectories[r.label]) for r in scene.runs)
    return Notes(scene.description.strip(), source_text(getattr(scene, "source", None)), runs,
                 alt_text(scene, trajectories))
