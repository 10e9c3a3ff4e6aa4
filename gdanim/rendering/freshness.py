"""Whether a scene's outputs are up to date with what they are made from (``--changed``)."""
from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def package_files() -> tuple[Path, ...]:
    """gdanim's own code and assets: a render made by an older gdanim is out of date. Listed once
    per command, not once per scene."""
    root = Path(__file__).resolve().parents[1]          # gdanim/
    return tuple(p for p in root.rglob("*") if p.suffix in (".py", ".js", ".css") and "vendor" not in p.parts)


def up_to_date(paths, sources) -> bool:
    """Every file exists and is no older than the newest of ``sources`` (those that exist)."""
    newest = max((Path(s).stat().st_mtime_ns for s in sources if Path(s).exists()), default=0)
    return all(Path(p).exists() and Path(p).stat().st_mtime_ns >= newest for p in paths)
