"""All-or-nothing output: every file of a render is written under a temporary name in the output
folder and renamed into place together on commit (or removed on failure); leftovers of killed
processes are swept; OSErrors become one-line OutputErrors naming the file the user knows."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from functools import cache

from .errors import OutputError

TMP_MARK = ".gdanim-tmp"


@cache
def umask() -> int:
    """The process's umask, read once when the first output is made (never at import: reading
    it means setting it, and importing gdanim must not touch process state)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def os_error(exc: OSError, path) -> OutputError:
    path = final_name(path)
    if exc.errno == errno.ENOSPC:
        return OutputError("disk full while writing", path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError("output directory is not writable", path)
    return OutputError(f"cannot write: {exc.strerror or exc}", path)


def temp_parts(name: str):
    """(stem, pid, ext) of a temporary name ``.STEM.<pid>.<random>.gdanim-tmp.EXT`` (as
    ``Transaction.naming`` makes them), or None for any other name."""
    parts = name.split(".")
    if len(parts) < 6 or parts[0] or parts[-2] != TMP_MARK[1:] or not parts[-4].isdigit():
        return None
    return ".".join(parts[1:-4]), int(parts[-4]), parts[-1]


def final_name(path) -> str:
    """The name a user knows: ``out/.NAME.<pid>.<random>.gdanim-tmp.EXT`` is ``out/NAME.EXT``."""
    p = Path(path)
    parts = temp_parts(p.name)
    if parts is None:
        return str(p)
    stem, _, ext = parts
    return str(p.with_name(stem if ext == "d" else f"{stem}.{ext}"))


class Transaction:
    """Temporary files (and folders) in the output directory, renamed to their final names
    together on commit.

    Temporary names carry the writing process's id (``.NAME.<pid>.<random>.gdanim-tmp.EXT``):
    leftovers of a process that was killed outright (SIGKILL, power cut) are swept by the next
    render into the same directory. If one rename of a commit fails, the names already renamed
    get their previous contents back, so the directory is as it was before the render."""

    def __init__(self, out: Path):
        self.out = out
        self.pending: list[tuple[Path, Path]] = []
        sweep_stale(out)

    def temp(self, final_name: str) -> Path:
        """A new empty temporary file that becomes ``out/final_name`` on commit."""
        try:
            fd, name = tempfile.mkstemp(**self.naming(final_name, Path(final_name).suffix))
        except OSError as exc:
            raise os_error(exc, self.out) from None
        os.close(fd)
        os.chmod(name, 0o666 & ~umask())       # mkstemp makes 0600; outputs get the usual rights
        return self.add(Path(name), final_name)

    def temp_dir(self, final_name: str) -> Path:
        """A new empty temporary folder that becomes ``out/final_name`` on commit."""
        try:
            name = tempfile.mkdtemp(**self.naming(final_name, ".d"))
        except OSError as exc:
            raise os_error(exc, self.out) from None
        os.chmod(name, 0o777 & ~umask())
        return self.add(Path(name), final_name)

    def naming(self, final_name: str, ext: str) -> dict:
        return dict(prefix=f".{Path(final_name).stem}.{os.getpid()}.", suffix=f"{TMP_MARK}{ext}", dir=self.out)

    def add(self, tmp: Path, final_name: str) -> Path:
        self.pending.append((tmp, self.out / final_name))
        return tmp

    def commit(self) -> list[Path]:
        done: list[tuple[Path, Path | None]] = []       # (final, what it held before, set aside)
        final = self.out
        try:
            for tmp, final in self.pending:
                backup = None
                if final.exists():
                    backup = Path(tempfile.mktemp(**self.naming(final.name, ".old")))
                    if final.is_dir():
                        os.rename(final, backup)      # a folder is moved aside, then replaced
                    else:
                        os.link(final, backup)        # the old bytes stay reachable until we finish
                done.append((final, backup))
                os.replace(tmp, final)
        except OSError as exc:
            self.roll_back(done)
            self.abort()
            raise os_error(exc, final) from None
        for _, backup in done:
            if backup is not None:
                remove(backup)
        written = [final for _, final in self.pending]
        self.pending = []
        return written

    def roll_back(self, done) -> None:
        for final, backup in reversed(done):
            try:
                if backup is not None and final.exists() and os.path.samefile(backup, final):
                    backup.unlink()              # never replaced (rename between links does nothing)
                    continue
                if final.exists() or final.is_symlink():
                    remove(final)
                if backup is not None:
                    os.rename(backup, final)
            except OSError:
                pass

    def abort(self) -> None:
        for tmp, _ in self.pending:
            remove(tmp)
        self.pending = []


@contextlib.contextmanager
def output_dir(out: Path):
    """Make ``out`` (and missing parents) for one render; if the render fails, remove the
    folders it made, so a failed render leaves the file system as it found it."""
    made = []
    for d in reversed([out, *out.parents]):
        if not d.exists():
            made.append(d)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, out) from None
    try:
        yield
    except BaseException:
        for d in reversed(made):
            try:
                d.rmdir()
            except OSError:
                break
        raise


def remove(path: Path) -> None:
    """Delete a file or a folder tree; gone already is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def sweep_stale(out: Path) -> None:
    """Remove temporary files left in ``out`` by gdanim processes that no longer run."""
    for p in out.glob(f".*{TMP_MARK}*"):
        parts = temp_parts(p.name)
        if parts is None or parts[1] == os.getpid() or alive(parts[1]):
            continue
        remove(p)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
