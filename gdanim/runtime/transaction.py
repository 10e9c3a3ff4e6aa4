"""All-or-nothing output: every file of a render is written under a temporary name in the output
folder and renamed into place together on commit (or removed on failure); leftovers of killed
processes are swept; OSErrors become one-line OutputErrors naming the file the user knows."""
from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import socket
import tempfile
from functools import cache
from pathlib import Path

from gdanim.core.errors import OutputError
from gdanim.runtime.signals import alive, deliver, signals_held

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


@cache
def host() -> str:
    """This machine's name as it appears in temporary names (no dots)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "localhost"


def temp_parts(name: str):
    """(stem, host, pid, ext) of a temporary name ``.STEM.<host>.<pid>.<random>.gdanim-tmp.EXT``
    (as ``Transaction.naming`` makes them), or None for any other name."""
    parts = name.split(".")
    if len(parts) < 7 or parts[0] or parts[-2] != TMP_MARK[1:] or not parts[-4].isdigit():
        return None
    return ".".join(parts[1:-5]), parts[-5], int(parts[-4]), parts[-1]


def final_name(path) -> str:
    """The name a user knows: ``out/.NAME.<host>.<pid>.<random>.gdanim-tmp.EXT`` is ``out/NAME.EXT``."""
    p = Path(path)
    parts = temp_parts(p.name)
    if parts is None:
        return str(p)
    stem, _, _, ext = parts
    return str(p.with_name(stem if ext == "d" else f"{stem}.{ext}"))


class Transaction:
    """Temporary files (and folders) in the output directory, renamed to their final names
    together on commit.

    Temporary names carry the writing machine's name and process id
    (``.NAME.<host>.<pid>.<random>.gdanim-tmp.EXT``): leftovers of a process of this machine that
    was killed outright (SIGKILL, power cut) are swept by the next render into the same directory;
    another machine's (a shared folder) are never touched. Ctrl-C and ``kill`` are held back while
    the files are renamed (and while a failed commit is rolled back); if a rename fails, or anything else stops the commit half-way, the
    names already renamed get their previous contents back, so the directory is as it was."""

    def __init__(self, out: Path):
        self.out = out
        self.pid = os.getpid()          # in every temporary name, a forked helper's included,
        self.token = secrets.token_hex(3)   # and this: another render's files are told apart
        self.pending: list[tuple[Path, Path]] = []
        self.committed: list[Path] = []     # the final names, once the commit has put them in place
        sweep_stale(out)

    def temp(self, final_name: str) -> Path:
        """A new empty temporary file that becomes ``out/final_name`` on commit."""
        with signals_held() as held:      # made and registered together: a stop cannot leave it behind
            try:
                fd, name = tempfile.mkstemp(**self.naming(final_name, Path(final_name).suffix))
            except OSError as exc:
                raise os_error(exc, self.out) from None
            self.add(Path(name), final_name)
            os.close(fd)
        deliver(held)
        os.chmod(name, 0o666 & ~umask())       # mkstemp makes 0600; outputs get the usual rights
        return Path(name)

    def temp_dir(self, final_name: str) -> Path:
        """A new empty temporary folder that becomes ``out/final_name`` on commit."""
        with signals_held() as held:
            try:
                name = tempfile.mkdtemp(**self.naming(final_name, ".d"))
            except OSError as exc:
                raise os_error(exc, self.out) from None
            self.add(Path(name), final_name)
        deliver(held)
        os.chmod(name, 0o777 & ~umask())
        return Path(name)

    def naming(self, final_name: str, ext: str) -> dict:
        return dict(prefix=f".{Path(final_name).stem}.{host()}.{self.pid}.{self.token}", suffix=f"{TMP_MARK}{ext}",
                    dir=self.out)

    def back_up(self, final: Path) -> Path:
        """Keep the current ``final`` under a new temporary name and return that name: a hard link
        for a file (its bytes stay where they are), a copy where the file system has no hard links
        (FAT, exFAT, some SMB shares), a rename for a folder."""
        n = self.naming(final.name, ".old")
        while True:
            backup = self.out / f"{n['prefix']}{secrets.token_hex(6)}{n['suffix']}"
            if backup.exists() or backup.is_symlink():
                continue
            try:
                if final.is_dir():
                    os.rename(final, backup)
                else:
                    link_or_copy(final, backup)
                return backup
            except FileExistsError:
                continue

    def add(self, tmp: Path, final_name: str) -> Path:
        self.pending.append((tmp, self.out / final_name))
        return tmp

    def commit(self, report=None) -> list[Path]:
        """Rename every temporary to its final name, all or none; returns the final names, and
        hands them to ``report`` before a stop held meanwhile is let through: a caller that says
        which files it wrote says so even when Ctrl-C lands on the commit."""
        done: list[tuple[Path, Path | None]] = []       # (final, what it held before, set aside)
        final = self.out
        written = [f for _, f in self.pending]
        with signals_held() as held:
            try:
                for tmp, final in self.pending:
                    done.append((final, self.back_up(final) if final.exists() else None))
                    os.replace(tmp, final)
            except BaseException as exc:
                self.roll_back(done)
                self.abort()
                if isinstance(exc, OSError):
                    raise os_error(exc, final) from None
                raise
            self.pending = []
            self.committed = written
            for _, backup in done:
                if backup is not None:
                    remove(backup)
            if report is not None:
                report(written)
        deliver(held, written)
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

    def sweep_strays(self) -> None:
        """Remove the temporary files in this transaction's name that it does not know of: those
        a forked helper (gdanim.rendering.beside.Beside) made for it before it failed or was stopped."""
        known = {tmp.name for tmp, _ in self.pending}
        for p in self.out.glob(f".*{TMP_MARK}*"):
            parts = temp_parts(p.name)
            if (parts is not None and parts[1:3] == (host(), self.pid) and p.name not in known
                    and p.name.split(".")[-3].startswith(self.token)):
                remove(p)


@contextlib.contextmanager
def output_dir(out: Path):
    """Make ``out`` (and missing parents) for one render; if the render fails, remove the
    folders it made, so a failed render leaves the file system as it found it."""
    made = []
    for d in reversed([out, *out.parents]):
        if not d.exists():
            made.append(d)
    blocking = next((d for d in [*reversed(out.parents), out] if d.exists() and not d.is_dir()), None)
    if blocking is not None:
        raise OutputError(f"is a file, not a folder: the outputs cannot go {'in' if blocking == out else 'under'} it",
                          str(blocking))
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
    """Remove temporary files left in ``out`` by gdanim processes of this machine that no longer
    run; another machine's (``out`` on a shared folder) may still be writing and are left alone."""
    for p in out.glob(f".*{TMP_MARK}*"):
        parts = temp_parts(p.name)
        if parts is None or parts[1] != host() or parts[2] == os.getpid() or alive(parts[2]):
            continue
        remove(p)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link to ``source`` at ``target``; a copy where hard links are not to be had."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:              # EPERM, ENOTSUP, EMLINK, ...: no hard links here
        with open(source, "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copystat(source, target)
