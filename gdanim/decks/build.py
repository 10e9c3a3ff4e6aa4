"""One deck from many scenes: each scene's outputs at the deck's size are rendered first where
they are missing or older than the scene (through the renderer, all or nothing, into a folder of
renders per size), then the deck kind writes the deck under temporary names and the whole deck is
committed at once, so a failure leaves no partial deck and the previous deck as it was."""
from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path

from gdanim import formats
from gdanim.core.errors import UsageError
from gdanim.compute.frame_schedule import schedule
from gdanim.rendering.scene_figure import frame_size
from gdanim.rendering.freshness import package_files, up_to_date
from gdanim.rendering.renderer import render_scene, trajectories_of
from gdanim.runtime.transaction import Transaction, os_error, output_dir
from gdanim.decks.notes import Notes, speaker_notes


@dataclass(frozen=True)
class DeckOptions:
    aspect: str = "16:9"              # the slide's shape: "16:9" or "4:3"
    size: str | None = None           # a size preset for the figures, instead of the kind's own
    dpi: int | None = None
    max_frames: int | None = None
    gif: bool = False                 # .pptx: GIFs instead of videos, for Google Slides
    explorer: tuple = ()              # .html: the scenes shown as their interactive explorer
    title: str | None = None          # the deck's title (default: the file's name)


@dataclass
class Slide:
    """One scene on its slide: the scene at the deck's size, the folder of its renders, its notes."""

    name: str
    scene: object
    folder: Path
    notes: Notes
    seconds: float                    # the animation's length; 0 for a still
    formats: tuple
    frames: int = 0                   # the animation's frames; 0 for a still

    def file(self, fmt: str) -> Path:
        """The rendered file of format ``fmt`` (its main file: NAME.mp4, NAME-frames.pdf, ...)."""
        return self.folder / formats.get(fmt).outputs(self.name)[0][0]

    def files(self, fmt: str) -> list[Path]:
        """Every file format ``fmt`` wrote for this scene (NAME-frames.pdf, .tex and .timeline)."""
        return [self.folder / f for f, _ in formats.get(fmt).outputs(self.name) if (self.folder / f).exists()]

    @property
    def animated(self) -> bool:
        return not self.scene.is_still


def preset(kind, options: DeckOptions) -> str:
    return options.size or kind.presets[options.aspect]


def renders_folder(root: Path, kind, options: DeckOptions) -> Path:
    """``root/PRESET`` (``-DPIdpi`` and ``-Nframes`` added when given): renders at one size are
    reused by every deck at that size, never mixed with another size's."""
    key = preset(kind, options).replace(":", "x")
    if options.dpi:
        key += f"-{options.dpi}dpi"
    if options.max_frames:
        key += f"-{options.max_frames}frames"
    return Path(root) / key


class DeckJob:
    """A deck being written: its kind, target, options and slides; temporary files that become
    final when the deck commits. Opened before anything is rendered, so an unwritable target is
    said at once."""

    def __init__(self, kind, target, options: DeckOptions, renders):
        self.kind, self.target, self.options = kind, Path(target), options
        self.renders = renders_folder(renders, kind, options)
        self.slides: list[Slide] = []
        self.temps: dict[str, Path] = {}
        self._dir = output_dir(self.target.parent)
        self.txn = None
        self.computed: dict[str, dict] = {}           # scene name -> its trajectories, computed once

    def runs(self, scene, name: str) -> dict:
        """``scene``'s trajectories (label → Trajectory), computed once for its render and its
        slide's notes (a render side by side, in a process of its own, computes its own)."""
        if name not in self.computed:
            self.computed[name] = trajectories_of(scene)
        return self.computed[name]

    @property
    def title(self) -> str:
        return self.options.title or self.target.stem

    @property
    def bundle(self) -> str:
        """The folder beside the deck that holds what it links to (``lecture_files``)."""
        return f"{self.target.stem}{getattr(self.kind, 'bundle_suffix', '_files')}"

    def __enter__(self):
        self._dir.__enter__()
        try:
            self.txn = Transaction(self.target.parent)
            self.temp(self.target.name)                 # fails here, before any render, if unwritable
        except BaseException as exc:
            self._dir.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None:
            self.txn.abort()
        return self._dir.__exit__(kind, exc, tb)

    def temp(self, name: str) -> Path:
        """A temporary file that becomes ``name`` beside the deck (the deck itself: its file name)."""
        if name not in self.temps:
            self.temps[name] = self.txn.temp(name)
        return self.temps[name]

    def temp_dir(self, name: str) -> Path:
        if name not in self.temps:
            self.temps[name] = self.txn.temp_dir(name)
        return self.temps[name]

    def shown(self, scene, name: str):
        """``scene`` as the deck shows it (at the deck's size, without the figure's own title: the
        slide's title says it) and the formats its slide needs."""
        scene = dataclasses.replace(scene, size=preset(self.kind, self.options), figure_title=False)
        return scene, self.kind.formats(name, scene, self.options)

    def stale(self, scene, name: str, sources) -> bool:
        """Are ``scene``'s renders at the deck's size missing, or older than what it is made from
        (gdanim's own code too: a render by an older gdanim is redone)?"""
        scene, wanted = self.shown(scene, name)
        needed = [self.renders / f for n in wanted for f, text in formats.get(n).outputs(name) if text is not None]
        return not up_to_date(needed, [*sources, *scene.data_files(), *package_files()])

    def render(self, scene, name: str, processes=None) -> None:
        """Render ``scene``'s outputs at the deck's size into the renders folder."""
        runs = self.runs(scene, name)
        scene, wanted = self.shown(scene, name)
        render_scene(scene, name, self.renders, wanted, dpi=self.options.dpi, max_frames=self.options.max_frames,
                     processes=processes, trajectories=runs)

    def add(self, scene, name: str, sources) -> Slide:
        """Add ``scene`` (from the file ``name``.py, made from ``sources``) as the next slide,
        rendering its outputs at the deck's size first where they are missing or stale."""
        declared, (scene, wanted) = scene, self.shown(scene, name)
        trajectories = self.runs(declared, name)
        notes = speaker_notes(declared, trajectories)     # as declared: whatever else the scene carries
        slide = Slide(name, scene, self.renders, notes, 0.0, wanted)
        if self.stale(declared, name, sources):
            self.render(declared, name)
        if not scene.is_still:
            total = max(t.steps for t in trajectories.values())
            shown = schedule(total, scene.timing, self.options.max_frames)
            slide.seconds, slide.frames = sum(f.duration for f in shown), len(shown)
        self.slides.append(slide)
        return slide

    def copy(self, source: Path, folder: Path) -> Path:
        """Copy a rendered file into the deck's bundle folder (a temporary folder until commit)."""
        try:
            return Path(shutil.copyfile(source, folder / source.name))
        except OSError as exc:
            raise os_error(exc, self.target) from None

    def write_text(self, path: Path, text: str) -> None:
        """Write a text file of the deck (a temporary name, or a file in a temporary folder)."""
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise os_error(exc, self.target) from None

    def finish(self) -> tuple[list[Path], int, list[str]]:
        """Write the deck and commit it; returns the paths written, their size in bytes (folders
        counted whole) and the target's warnings."""
        self.kind.write(self)
        size = sum(tree_size(p) for p in self.temps.values())
        warnings = self.kind.warnings(self, size)
        return self.txn.commit(), size, warnings


def tree_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


def report(job: DeckJob, size: int) -> str:
    """One line: the deck, its slides, what plays on them and its size."""
    slides = job.slides
    moving = [s for s in slides if s.animated]
    what = []
    if moving:
        w, h = pixels(moving[0].scene, job.options.dpi)
        what.append(f"{len(moving)} animation{'s' if len(moving) != 1 else ''}, {w}×{h} px")
    if len(moving) < len(slides):
        n = len(slides) - len(moving)
        what.append(f"{n} still{'s' if n != 1 else ''}")
    if job.options.title:
        what.insert(0, "a title slide")
    count = len(slides) + (1 if job.options.title else 0)
    return (f"{job.target}: {count} slide{'s' if count != 1 else ''} "
            f"({', '.join(what)}), {megabytes(size)}")


def fit(figsize, room_w: float, room_h: float) -> tuple[float, float]:
    """The figure's size, scaled down (never up: its fonts are the preset's) to fit the room.

    >>> fit((12.3, 5.6), 12.5, 5.9)
    (12.3, 5.6)
    >>> fit((10, 5), 5, 5)
    (5.0, 2.5)
    """
    w, h = figsize
    scale = min(1.0, room_w / w, room_h / h)
    return w * scale, h * scale


def pixels(scene, dpi) -> tuple[int, int]:
    """The frame size of ``scene``'s renders at ``dpi`` (the scene's own dpi if None)."""
    return frame_size(scene.figsize, dpi or scene.dpi)


def check_scenes(options: DeckOptions, scenes: dict) -> None:
    """The deck's scenes (name → Scene) have one name each, and every scene asked to show its
    explorer is an animation in the deck."""
    for name in options.explorer:
        if name not in scenes:
            raise UsageError(f"--explorer {name}: no such scene in the deck (it has {', '.join(scenes)})")
        if scenes[name].is_still:
            raise UsageError(f"--explorer {name}: {name} is a still; its slide shows the still")

