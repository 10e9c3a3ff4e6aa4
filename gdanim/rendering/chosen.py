"""Which formats a render of a scene writes, and the files they write: a still scene has no
animation, and no two formats may write the same file."""
from __future__ import annotations

from gdanim.core.errors import NothingToWrite, SceneError
from gdanim.formats import DEFAULT as DEFAULT_FORMATS, resolve
from gdanim.rendering.job import confined


MOVING = ("frames", "pages")            # what only an animated scene has to give


def formats_for(scene, formats, name: str | None = None) -> list:
    """The formats of ``formats`` the scene has: a still scene (nothing moves) has no animation
    formats, and is refused if it is asked for those alone, rather than rendered to nothing."""
    chosen = resolve(formats)
    kept = of_scene(scene, chosen)
    if name is not None:
        own_clashes(scene, name, chosen)
    if chosen and not kept:
        from gdanim.formats import get, names
        has = ",".join(n for n in names() if get(n).consumes not in MOVING)
        asked = ", ".join(f.name for f in chosen)
        raise NothingToWrite(f"a still scene (nothing in it moves) has no {asked}; ask for what it has: "
                             f"--format {has}")
    return kept


def own_clashes(scene, name: str, chosen) -> None:
    """A SceneError if two of the formats ``chosen`` would write the same file for ``scene`` (a
    still named "frames" is NAME-frames.pdf, the beamer format's frames too): one would replace
    the other. Said before anything is written."""
    seen = {}
    for f in of_scene(scene, chosen):
        for file, _ in f.outputs(name, scene.stills):
            try:
                confined(file[:-1] if isinstance(file, str) and file.endswith("/") else file)   # (a folder: NAME/)
            except SceneError:
                raise SceneError(f"format {f.name!r} declares a file named {file!r}: a format writes only into the "
                                 f"output folder, a file name without a folder") from None
            other = seen.setdefault(file, f)
            if other is f:
                continue
            still = next((label for label in sorted(scene.stills) if file.startswith(f"{name}-{label}.")), None)
            if still is not None:
                also = f if other.consumes == "stills" else other
                raise SceneError(f"still {still!r} would be written as {file}, which the {also.name} format writes too, "
                                 f"so one would replace the other: give the still another label"
                                 ).concerning("keyword", "stills")
            raise SceneError(f"the {other.name} and the {f.name} formats would both write {file}, so one would replace "
                             f"the other: render them into folders of their own")


def of_scene(scene, chosen) -> list:
    """The formats of ``chosen`` the scene has: a still scene has no animation formats."""
    return [f for f in chosen if not (scene.is_still and f.consumes in MOVING)]


def output_files(scene, name: str, formats=DEFAULT_FORMATS) -> list[str]:
    """The files ``render_scene(scene, name, out, formats)`` writes into ``out``, by name: a still
    scene has no animation formats (and asked for them alone, writes nothing: formats_for)."""
    return [file for f in of_scene(scene, resolve(formats)) for file, _ in f.outputs(name, scene.stills)]
