"""Text files written with errors said on one line."""
from __future__ import annotations

from pathlib import Path


from gdanim.runtime.transaction import os_error


def write_text(path: Path, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise os_error(exc, path) from None
