"""Writers behind one small interface — ``grab(rgb, duration)`` then ``finish()`` — and the
transaction that moves finished files into place together (or removes them all on failure).

Frames arrive as (h, w, 3) uint8 arrays straight from the Agg buffer; nothing goes through
image files on disk.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .errors import OutputError
from .frames import ticks

# What one render can write (--format); the README's table says what each is for.
FORMATS = ("gif", "mp4", "pdf", "png", "frames", "png-frames", "alt")
DEFAULT_FORMATS = ("gif", "mp4", "pdf", "alt")

TMP_MARK = ".gdanim-tmp"
UMASK = os.umask(0o022)
os.umask(UMASK)


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
        os.chmod(name, 0o666 & ~UMASK)       # mkstemp makes 0600; outputs get the usual rights
        return self.add(Path(name), final_name)

    def temp_dir(self, final_name: str) -> Path:
        """A new empty temporary folder that becomes ``out/final_name`` on commit."""
        try:
            name = tempfile.mkdtemp(**self.naming(final_name, ".d"))
        except OSError as exc:
            raise os_error(exc, self.out) from None
        os.chmod(name, 0o777 & ~UMASK)
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


class GifWriter:
    """One palette for the whole animation (computed once from sample frames), no dithering.
    Pixels unchanged since the previous frame are written as the transparent index and the
    frame is laid over the last one (disposal 1), so each frame stores only what moved and
    LZW squeezes the rest to almost nothing."""

    CLEAR = 255          # the palette has 255 colours; index 255 means "as before"

    def __init__(self, path: Path, loop: int = 0):
        self.path, self.loop = path, loop
        self.palette = None
        self.frames, self.durations = [], []
        self.previous = None

    def set_palette(self, samples: list[np.ndarray]) -> None:
        from PIL import Image
        stack = np.concatenate(samples, axis=0)
        self.palette = Image.fromarray(stack).quantize(colors=self.CLEAR, method=Image.Quantize.MEDIANCUT,
                                                       kmeans=0, dither=Image.Dither.NONE)
        pal = self.palette.getpalette()[: 3 * self.CLEAR]
        self.full_palette = pal + [0] * (768 - len(pal))

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        from PIL import Image
        if self.palette is None:
            self.set_palette([rgb])
        idx = np.asarray(Image.fromarray(rgb).quantize(palette=self.palette, dither=Image.Dither.NONE))
        out = idx.copy()
        if self.previous is not None:
            out[idx == self.previous] = self.CLEAR
        self.previous = idx
        frame = Image.fromarray(out, mode="P")
        frame.putpalette(self.full_palette)
        self.frames.append(frame)
        self.durations.append(duration)

    def finish(self) -> None:
        if not self.frames:
            raise OutputError("no frames to write", final_name(self.path))
        ms = [10 * n for n in ticks(self.durations, 0.01)]        # GIF counts in centiseconds
        try:
            self.frames[0].save(self.path, format="GIF", save_all=True, append_images=self.frames[1:],
                                duration=ms, loop=self.loop, optimize=False, disposal=1,
                                transparency=self.CLEAR)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.frames = []


class Mp4Writer:
    """H.264 in MP4 via imageio-ffmpeg's own ffmpeg binary: yuv420p, +faststart, bit-exact
    headers (no encoder version string, no dates), frame size kept exactly (macro_block_size=1;
    the renderer makes it even). A frame shown longer is repeated at the constant rate."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float, crf: int = 18):
        import imageio_ffmpeg
        self.path, self.fps = path, fps
        w, h = size
        if w % 2 or h % 2:
            raise OutputError(f"MP4 frame size must be even, got {w}×{h}", final_name(path))
        self.clock, self.shown = 0.0, 0
        self.gen = imageio_ffmpeg.write_frames(
            str(path), (w, h), fps=fps, codec="libx264", pix_fmt_in="rgb24", pix_fmt_out="yuv420p",
            quality=None, macro_block_size=1, ffmpeg_log_level="quiet",   # failures: see finish()
            output_params=["-crf", str(crf), "-preset", "medium", "-tune", "animation",
                           "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
                           "-flags:v", "+bitexact", "-f", "mp4"],
        )
        try:
            self.gen.send(None)
        except (OSError, RuntimeError) as exc:
            raise OutputError(f"cannot start the MP4 encoder: {exc}", final_name(path)) from None

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        self.clock += duration
        n = max(1, int(round(self.clock * self.fps)) - self.shown)
        self.shown += n
        data = np.ascontiguousarray(rgb)
        try:
            for _ in range(n):
                self.gen.send(data)
        except (OSError, RuntimeError, StopIteration) as exc:
            self.abort()
            raise self.failure(exc) from None

    def finish(self) -> None:
        try:
            self.gen.close()
        except (OSError, RuntimeError) as exc:
            raise self.failure(exc) from None
        if not mp4_complete(self.path):       # imageio-ffmpeg does not report ffmpeg's exit status
            raise self.failure(None)

    def failure(self, exc) -> OutputError:
        """One line for a failed encode: a full disk said as such, else the error's first line."""
        if shutil.disk_usage(self.path.parent).free < 1 << 20:
            return OutputError("disk full while writing", final_name(self.path))
        what = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else \
            "it stopped before the file was complete"
        return OutputError(f"MP4 encoder failed: {what}", final_name(self.path))

    def abort(self) -> None:
        try:
            self.gen.close()
        except Exception:
            pass


def mp4_complete(path: Path) -> bool:
    """Do the MP4's top-level boxes tile the file exactly, with a ``moov`` and an ``mdat``? A
    file cut short (disk full, encoder killed) fails this."""
    size = path.stat().st_size
    seen, pos = set(), 0
    with open(path, "rb") as fh:
        while pos < size:
            fh.seek(pos)
            head = fh.read(16)
            if len(head) < 8:
                return False
            n, kind = int.from_bytes(head[:4], "big"), head[4:8]
            if n == 1:
                n = int.from_bytes(head[8:16], "big")
            elif n == 0:
                n = size - pos
            if n < 8:
                return False
            seen.add(kind)
            pos += n
    return pos == size and {b"moov", b"mdat"} <= seen


def write_png(path: Path, rgb: np.ndarray, dpi: int) -> None:
    """A PNG with no time stamps or software tag: same pixels, same bytes."""
    from PIL import Image
    try:
        Image.fromarray(rgb).save(path, format="PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    except OSError as exc:
        raise os_error(exc, path) from None


PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}


def write_pdf(fig, path: Path) -> None:
    """Vector PDF, TrueType fonts embedded (pdf.fonttype 42 in the render's rc), no dates or
    version strings: a re-render gives the same bytes."""
    try:
        fig.savefig(path, format="pdf", metadata=PDF_METADATA)
    except OSError as exc:
        raise os_error(exc, path) from None


class PngSequence:
    """Every frame as its own PNG in a folder, zero-padded (``NAME-0000.png``, …), for
    PowerPoint, Google Slides or a video editor; ``timing.txt`` lists each frame's seconds."""

    def __init__(self, folder: Path, stem: str, dpi: int, digits: int = 4):
        self.folder, self.stem, self.dpi, self.digits = folder, stem, dpi, digits
        self.durations: list[float] = []

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        write_png(self.folder / f"{self.stem}-{len(self.durations):0{self.digits}d}.png", rgb, self.dpi)
        self.durations.append(duration)

    def finish(self) -> None:
        lines = [f"{self.stem}-{i:0{self.digits}d}.png {d:.3f}" for i, d in enumerate(self.durations)]
        write_text(self.folder / "timing.txt", "\n".join(lines) + "\n")


def write_text(path: Path, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise os_error(exc, path) from None


def write_pdf_pages(path: Path, pages) -> int:
    """One vector PDF page per figure state: ``pages`` yields the figure posed for each frame
    (matplotlib's PdfPages). No dates or producer strings. Returns the page count."""
    from matplotlib.backends.backend_pdf import PdfPages
    n = 0
    try:
        with PdfPages(path, metadata=PDF_METADATA) as pdf:
            for fig in pages:
                pdf.savefig(fig)
                n += 1
    except OSError as exc:
        raise os_error(exc, path) from None
    return n
