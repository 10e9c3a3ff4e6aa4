"""Encoders: GIF, MP4, PNG, PDF and PDF pages, each writing one file from frames that arrive as
(h, w, 3) uint8 arrays straight from the Agg buffer (or from the posed figure, for vector files);
nothing goes through image files on disk. The formats in gdanim/formats drive them."""
from __future__ import annotations

import contextlib
import gc
import shutil
import signal
from pathlib import Path

import numpy as np

from gdanim.core import compat
from gdanim.core.errors import OutputError
from gdanim.encode.frame_diff import changed_tiles, kept
from gdanim.encode.yuv import Yuv420
from gdanim.compute.frame_schedule import ticks
from gdanim.runtime.transaction import final_name, os_error, signals_held


class GifWriter:
    """An animated GIF written frame by frame, so memory stays flat however many frames come.

    One palette for the whole animation (computed once from sample frames), no dithering.
    Pixels unchanged since the previous frame are written as the transparent index and the
    frame, cropped to what changed, is laid over the last one (disposal 1), so each frame
    stores only what moved and LZW squeezes the rest to almost nothing.

    Timing: GIF counts in centiseconds and browsers slow any delay under 2 cs down to 10 cs, so
    no frame is shown for less than 2 cs: a frame that would be is dropped, and the next frame
    takes its time. Frame times follow the true clock (no drift), so the GIF lasts as long as the
    MP4 of the same frames, within a frame.

    Pillow writes the pieces (``GifImagePlugin.getdata``, through gdanim.core.compat: one frame's control block and LZW
    data); the file's header and the order of frames are ours, because Pillow's own animated
    writer keeps every frame in memory until the end."""

    CLEAR = 255          # the palette has 255 colours; index 255 means "as before"
    MIN_TICKS = 2        # centiseconds

    def __init__(self, path: Path, loop: int = 0):
        self.path, self.loop = path, loop
        self.palette = None
        self.fh = None
        self.shown_before = None        # palette indices of what the viewer sees now
        self.pending = None             # the frame waiting to learn how long it is shown
        self.clock, self.ticks = 0.0, 0
        self.emitted = 0
        self.last = None                # the last frame grabbed: (its pixels, its palette indices)

    def set_palette(self, samples: list[np.ndarray], reserved=()) -> None:
        """The palette: the ``reserved`` colours exactly (the theme's and the runs' own, which
        may cover few pixels: a red cross, a thin path), and a median cut of the sample frames for
        the rest. The cut sees every second pixel of every second row: a quarter of the time
        (0.03 s instead of 0.14 s at 1280×720), and the same PSNR within 0.1 dB (higher on the
        scenes measured)."""
        from PIL import Image
        reserved = list(dict.fromkeys(tuple(int(c) for c in rgb) for rgb in reserved))[:64]
        stack = np.ascontiguousarray(np.concatenate([s[::2, ::2] for s in samples], axis=0))
        cut = Image.fromarray(stack).quantize(colors=self.CLEAR - len(reserved), method=Image.Quantize.MEDIANCUT,
                                              kmeans=0, dither=Image.Dither.NONE)
        pal = cut.getpalette()[: 3 * (self.CLEAR - len(reserved))] + [c for rgb in reserved for c in rgb]
        self.palette = Image.new("P", (1, 1))
        self.palette.putpalette(pal)                             # 255 colours: index 255 stays "as before"
        self.full_palette = pal + [0] * (768 - len(pal))
        self.last = None                # indices kept from another palette would be wrong

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        from PIL import Image
        if self.palette is None:
            self.set_palette([rgb])
        idx = self.indices(rgb)
        if self.pending is not None:
            due = int(round(self.clock * 100)) - self.ticks      # the pending frame's time, in cs
            if due >= self.MIN_TICKS:
                self.emit(self.pending, due)
            # else: shown for under 2 cs it would be slowed down; this frame takes its place
        self.pending = idx
        self.clock += duration

    def indices(self, rgb: np.ndarray) -> np.ndarray:
        """The palette indices of ``rgb``. Only the tiles that changed since the last frame are
        quantized (0.4 ms instead of 1.5 ms at 1280×720, where a frame changes a few hundred
        pixels): Pillow maps each pixel on its own, so these are the indices of a whole frame."""
        from PIL import Image

        def quantize(pixels):
            return np.asarray(Image.fromarray(np.ascontiguousarray(pixels)).quantize(
                palette=self.palette, dither=Image.Dither.NONE))

        if self.last is None or self.last[0].shape != rgb.shape:
            idx = quantize(rgb)
        else:
            before, idx = self.last[0], self.last[1].copy()
            for y0, y1, x0, x1 in changed_tiles(rgb, before):
                idx[y0:y1, x0:x1] = quantize(rgb[y0:y1, x0:x1])
        self.last = (kept(rgb), idx)        # compared with the next frame
        return idx

    def emit(self, idx: np.ndarray, ticks: int) -> None:
        from PIL import Image
        h, w = idx.shape
        if self.fh is None:
            self.fh = self.open(w, h)
        y0, y1, x0, x1, out = changed_box(idx, self.shown_before, self.CLEAR)
        frame = Image.fromarray(out, mode="P")
        frame.putpalette(self.full_palette)
        chunks = compat.gif_frame(frame, (int(x0), int(y0)), duration=10 * ticks, disposal=1,
                                  transparency=self.CLEAR)
        self.write(b"".join(chunks))
        chunks.clear()      # the list belongs to a class getdata makes per call, freed only by the cyclic GC
        self.shown_before = idx
        self.ticks += ticks
        self.emitted += 1
        if self.emitted % 16 == 0:      # ...so the youngest generation is collected now and then, and
            gc.collect(0)               # those classes never pile up, whatever the GC's thresholds

    def open(self, w: int, h: int):
        try:
            fh = open(self.path, "wb")
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.fh = fh
        header = (b"GIF89a" + w.to_bytes(2, "little") + h.to_bytes(2, "little")
                  + bytes([0xF7, 0, 0])                    # a global table of 256 colours; background 0
                  + bytes(self.full_palette)
                  + b"!\xff\x0bNETSCAPE2.0\x03\x01" + self.loop.to_bytes(2, "little") + b"\x00")
        self.write(header)
        return fh

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            self.abort()
            raise os_error(exc, self.path) from None

    def finish(self) -> None:
        if self.pending is None:
            raise OutputError("no frames to write", final_name(self.path))
        self.emit(self.pending, max(self.MIN_TICKS, int(round(self.clock * 100)) - self.ticks))
        self.pending = None
        self.write(b";")
        try:
            self.fh.close()
        except OSError as exc:
            raise os_error(exc, self.path) from None

    def abort(self) -> None:
        if self.fh is not None and not self.fh.closed:
            try:
                self.fh.close()
            except OSError:
                pass


def changed_box(idx: np.ndarray, before, clear: int):
    """The box of pixels where ``idx`` differs from ``before`` (y0, y1, x0, x1) and that crop of
    ``idx`` with the unchanged pixels set to ``clear``; the whole frame when there is no
    ``before``, one transparent pixel when nothing changed. Rows and columns are found with
    ``any`` along each axis (0.3 ms at 1280×720; ``np.nonzero`` of the mask took 2.5 ms)."""
    if before is None:
        h, w = idx.shape
        return 0, h, 0, w, np.ascontiguousarray(idx)
    same = idx == before
    rows = np.flatnonzero(~same.all(axis=1))
    if not rows.size:
        return 0, 1, 0, 1, np.full((1, 1), clear, dtype=idx.dtype)
    cols = np.flatnonzero(~same[rows[0]:rows[-1] + 1].all(axis=0))
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    out = idx[y0:y1, x0:x1].copy()
    out[same[y0:y1, x0:x1]] = clear
    return y0, y1, x0, x1, out


# x264's output depends on how many threads it encodes with, which it would otherwise take from
# the machine's cores (1.5 per core): fixed, a scene gives the same MP4 on every machine. One: the
# frames are drawn on every core meanwhile, and fewer threads handing frames to each other cost
# less (12 alternating renders of make bench's figure: 0.05 s of its 1.68 s, 3%, and as much CPU;
# the same file size). x264 alone encodes a 1280x720 frame in about 3 ms.
X264_THREADS = 1


class Mp4Writer:
    """H.264 in MP4 via imageio-ffmpeg's own ffmpeg binary: yuv420p converted here (gdanim.yuv)
    and tagged BT.709, as players take HD video to be, +faststart, bit-exact
    headers (no encoder version string, no dates), x264's ``veryfast`` preset at CRF 18 (about
    0.6 s of CPU less per 100 frames at 1280×720 than ``medium``, with a smaller file and 0.5 dB
    less PSNR: on two cores, x264 competes with the drawing) and no B-frames (a fifth of x264's
    CPU, for a file 5% larger and 0.4 dB more PSNR), its thread count fixed (X264_THREADS),
    frame size kept exactly (macro_block_size=1; the renderer makes it even). A frame shown
    longer is repeated at the constant rate."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float, crf: int = 18):
        import imageio_ffmpeg
        self.path, self.fps = path, fps
        w, h = size
        if w % 2 or h % 2:
            raise OutputError(f"MP4 frame size must be even, got {w}×{h}", final_name(path))
        self.clock, self.shown = 0.0, 0
        self.yuv = Yuv420(w, h)
        self.gen = imageio_ffmpeg.write_frames(
            str(path), (w, h), fps=fps, codec="libx264", pix_fmt_in="yuv420p", pix_fmt_out="yuv420p",
            quality=None, macro_block_size=1, ffmpeg_log_level="quiet",   # failures: see finish()
            # the frames' colours, said of the input: as output options, ffmpeg would convert them
            # again; so they are tagged in the H.264 stream and the MP4's colr box alike
            input_params=["-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
                          "-color_range", "tv"],
            output_params=["-crf", str(crf), "-preset", "veryfast", "-tune", "animation", "-bf", "0", "-threads", str(X264_THREADS),
                           "-x264-params", "chromaloc=1",        # each chroma sample: its 2×2 pixels' mean
                           "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
                           "-flags:v", "+bitexact", "-f", "mp4"],
        )
        # Ctrl-C or kill while ffmpeg starts is taken once it has started (a few ms), so that it
        # can be killed: an ffmpeg left starting would write the file after the render removed it.
        # (A Ctrl-C also stops imageio-ffmpeg's `ffmpeg -version` check: the stop is what is said.)
        failed = None
        with signals_held() as held:
            try:
                self.gen.send(None)
            except (OSError, RuntimeError) as exc:
                failed = exc
        try:
            for sig, _ in held:
                signal.raise_signal(sig)
        except BaseException:
            self.abort()
            raise
        if failed is not None:
            raise OutputError(f"cannot start the MP4 encoder: {failed}", final_name(path)) from None

    def grab(self, rgb: np.ndarray, duration: float) -> None:
        self.clock += duration
        n = max(1, int(round(self.clock * self.fps)) - self.shown)
        self.shown += n
        data = self.yuv.frame(rgb)
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
        """Kill ffmpeg and wait for it. (Closing its input would have it finish the file first,
        and an ffmpeg that outlived gdanim could write it after the render removed it.)"""
        try:
            self.gen.throw(Abandoned())
        except BaseException:
            pass


class Abandoned(BaseException):
    """Thrown into imageio-ffmpeg's writer, whose policy for a BaseException is to kill ffmpeg."""


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
        with lean_font_subsets():
            fig.savefig(path, format="pdf", metadata=PDF_METADATA)
    except OSError as exc:
        raise os_error(exc, path) from None


LAYOUT_TABLES = ("GDEF", "GSUB", "GPOS")
_PARSED: dict[tuple, list] = {}         # load_ttfont's arguments → fonts parsed ahead, one use each


def load_ttfont(path, **kwargs):
    """``fontTools.ttLib.TTFont(path, **kwargs)`` without its OpenType layout tables, taken from
    the fonts parsed ahead (``parse_fonts_ahead``) when one with these arguments is left."""
    key = (str(path), tuple(sorted(kwargs.items())))
    ready = _PARSED.get(key)
    if ready:
        return ready.pop()
    font = parse_ttfont(path, kwargs)
    if _noted is not None:
        _noted.append((key, font))
    return font


def parse_ttfont(path, kwargs: dict, tables=()):
    """A TTFont without its layout tables, with ``tables`` read (fontTools reads a table when first
    asked for it). It reads from a copy of the file in memory, not from an open file: a font parsed
    ahead by the batch's parent is read further by every forked child, and children reading one
    inherited file share its offset (a race: 'unsupported kern subtable version: 47')."""
    import io
    from fontTools.ttLib import TTFont
    font = without_layout(TTFont(io.BytesIO(Path(path).read_bytes()), **kwargs))
    for tag in tables:
        if tag in font.reader:
            font[tag]
    return font


def without_layout(font):
    """``font`` with its OpenType layout tables (GDEF, GSUB, GPOS) removed before any is read."""
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    return font


_noted: list | None = None              # the fonts loaded while parse_fonts_ahead watches


def parse_fonts_ahead(write, copies: int = 2) -> None:
    """Run ``write()`` (a small PDF written to memory), then parse each font it loaded, ``copies``
    times for each time it loaded it, with the tables its subset read already read, for
    ``load_ttfont`` to hand out, each once (a subset changes the font). The batch's parent does it before it forks the
    scenes' processes, which then do not read DejaVu Sans again for each font a PDF embeds
    (13 of the 23 ms it takes). The bytes written are the same."""
    global _noted
    _noted = []
    try:
        write()
    finally:
        noted, _noted = _noted, None
    for key, seen in noted:
        tags = [tag for tag in seen.tables if tag != "GlyphOrder"]
        _PARSED.setdefault(key, []).extend(parse_ttfont(key[0], dict(key[1]), tags) for _ in range(copies))


class LeanSubset:
    """fontTools.subset as matplotlib's PDF backend uses it, but a font it loads has its OpenType
    layout tables (GDEF, GSUB, GPOS) removed before any is read (and may have been parsed ahead)."""

    def __init__(self, module):
        self.module = module

    def __getattr__(self, name):
        return getattr(self.module, name)

    def load_font(self, path, options, **kwargs):
        if kwargs:
            return without_layout(self.module.load_font(path, options, **kwargs))
        return load_ttfont(path, **self.ttfont_arguments(options))

    @staticmethod
    def ttfont_arguments(options) -> dict:
        """What ``fontTools.subset.load_font(path, options)`` gives TTFont."""
        return dict(checkChecksums=0, recalcBBoxes=options.recalc_bounds, recalcTimestamp=options.recalc_timestamp,
                    lazy=True, fontNumber=options.font_number)


@contextlib.contextmanager
def lean_font_subsets():
    """While a PDF is written, its embedded fonts leave out the OpenType layout tables: matplotlib
    has already placed every glyph and a PDF viewer never reads them, but reading and subsetting
    them was most of a font's embedding time (DejaVu Sans: 0.08 of 0.09 s). The pages look the same
    (a test compares them rendered). matplotlib has no option for this, so its PDF backend's
    ``subset`` module is swapped for the block's duration; where matplotlib does not import it
    so, nothing changes (gdanim.core.compat.pdf_font_subsetter)."""
    with compat.pdf_font_subsetter(LeanSubset):
        yield


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


class PdfPagesWriter:
    """One vector PDF page per figure state (matplotlib's PdfPages): ``grab(fig)`` adds the figure
    as posed now. No dates or producer strings."""

    def __init__(self, path: Path):
        from matplotlib.backends.backend_pdf import PdfPages
        self.path = path
        try:
            self.pdf = PdfPages(path, metadata=PDF_METADATA)
        except OSError as exc:
            raise os_error(exc, path) from None
        self.pages = 0

    def grab(self, fig) -> None:
        try:
            self.pdf.savefig(fig)
        except OSError as exc:
            raise os_error(exc, self.path) from None
        self.pages += 1

    def finish(self) -> None:
        try:
            with lean_font_subsets():                 # the fonts are embedded when it closes
                self.pdf.close()
        except OSError as exc:
            raise os_error(exc, self.path) from None

    def abort(self) -> None:
        try:
            self.pdf.close()
        except Exception:
            pass
