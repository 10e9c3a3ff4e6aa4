"""Writers behind one small interface — ``grab(rgb, duration)`` then ``finish()`` — and the
transaction that moves finished files into place together (or removes them all on failure).

Frames arrive as (h, w, 3) uint8 arrays straight from the Agg buffer; nothing goes through
image files on disk.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import numpy as np

from .errors import OutputError
from .frames import ticks

TMP_MARK = ".gdanim-tmp"
UMASK = os.umask(0o022)
os.umask(UMASK)


def os_error(exc: OSError, path) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError("disk full while writing", str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError("output directory is not writable", str(path))
    return OutputError(f"cannot write: {exc.strerror or exc}", str(path))


class Transaction:
    """Temporary files in the output directory, renamed to their final names on commit."""

    def __init__(self, out: Path):
        self.out = out
        self.pending: list[tuple[Path, Path]] = []

    def temp(self, final_name: str) -> Path:
        suffix = Path(final_name).suffix
        try:
            fd, name = tempfile.mkstemp(prefix=f".{Path(final_name).stem}.", suffix=f"{TMP_MARK}{suffix}", dir=self.out)
        except OSError as exc:
            raise os_error(exc, self.out) from None
        os.close(fd)
        os.chmod(name, 0o666 & ~UMASK)       # mkstemp makes 0600; outputs get the usual rights
        tmp = Path(name)
        self.pending.append((tmp, self.out / final_name))
        return tmp

    def commit(self) -> list[Path]:
        done = []
        try:
            for tmp, final in self.pending:
                os.replace(tmp, final)
                done.append(final)
        except OSError as exc:
            self.abort()
            raise os_error(exc, final) from None
        self.pending = []
        return done

    def abort(self) -> None:
        for tmp, _ in self.pending:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
        self.pending = []


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
            raise OutputError("no frames to write", str(self.path))
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
            raise OutputError(f"MP4 frame size must be even, got {w}×{h}", str(path))
        self.clock, self.shown = 0.0, 0
        self.gen = imageio_ffmpeg.write_frames(
            str(path), (w, h), fps=fps, codec="libx264", pix_fmt_in="rgb24", pix_fmt_out="yuv420p",
            quality=None, macro_block_size=1, ffmpeg_log_level="error",
            output_params=["-crf", str(crf), "-preset", "medium", "-tune", "animation",
                           "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
                           "-flags:v", "+bitexact", "-f", "mp4"],
        )
        try:
            self.gen.send(None)
        except (OSError, RuntimeError) as exc:
            raise OutputError(f"cannot start the MP4 encoder: {exc}", str(path)) from None

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
            raise OutputError(f"MP4 encoder failed: {exc}", str(self.path)) from None

    def finish(self) -> None:
        try:
            self.gen.close()
        except (OSError, RuntimeError) as exc:
            raise OutputError(f"MP4 encoder failed: {exc}", str(self.path)) from None

    def abort(self) -> None:
        try:
            self.gen.close()
        except Exception:
            pass


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
