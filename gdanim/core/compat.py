"""Every private name of matplotlib, Pillow, watchfiles and python-pptx that gdanim uses, in one
place, each behind a shim with a fallback on public API only: a release that renames or drops the
private name makes gdanim slower or plainer there, never wrong (tests/test_compat.py takes each
private name away and checks the fallback's answer, or the render, against the private one's).

The private name is used where the public way is slower or gives less; each shim says which. The
dependencies are imported inside the functions: ``import gdanim`` imports no matplotlib. Their
upper bounds in pyproject.toml are the newest releases tested with these shims.

Public API used instead of a private name, with no shim needed: ``Text.get_unitless_position``
(for ``Text._x``/``_y``), python-pptx's ``.element`` (for ``._element``)."""
from __future__ import annotations


# mathtext's symbol names that start with n (matplotlib 3.11's), for where matplotlib._mathtext_data
# is gone: a title's "\n" followed by one of them was meant as the symbol, not a new line.
TEX_N_NAMES = frozenset((
    "nLeftarrow nLeftrightarrow nRightarrow nVDash nVdash nabla napprox natural ncong ne nearrow neg "
    "neq nequiv nexists ngeq ngtr ngtrless ngtrsim ni niobar nis nisd nleftarrow nleftrightarrow nleq "
    "nless nlessgtr nlesssim nmid not notin notsmallowns nparallel nprec npreccurlyeq nrightarrow nsim "
    "nsimeq nsqsubseteq nsqsupseteq nsubset nsubseteq nsucc nsucccurlyeq nsupset nsupseteq "
    "ntriangleleft ntrianglelefteq ntriangleright ntrianglerighteq nu nvDash nvdash nwarrow").split())


def mathtext_symbols():
    """mathtext's symbol names (a mapping, or a set of names): ``matplotlib._mathtext_data.tex2uni``
    (no public list exists); else the names starting with n that matplotlib 3.11 knows."""
    try:
        from matplotlib._mathtext_data import tex2uni
        return tex2uni
    except (ImportError, AttributeError):
        return TEX_N_NAMES


def __getattr__(name):
    # ``from gdanim.core.compat import tex2uni``: the names, read when first asked for
    if name == "tex2uni":
        return mathtext_symbols()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- matplotlib: legends, 3-D axes, titles ---------------------------------------------------------
def legend_loc(legend):
    """The location code a legend was placed with (0 is "best"), or None where it cannot be read:
    ``Legend._loc`` (matplotlib has ``set_loc`` but no getter). None leaves the legend where its
    painter put it."""
    try:
        return legend._loc
    except AttributeError:
        return None


def colorbar_owner(ax):
    """The axes whose colour bar ``ax`` is, else None: read off ``Axes._colorbar`` (set on a colour
    bar's axes, no getter), else found among the figure's mappables (``mappable.colorbar.ax``)."""
    bar = getattr(ax, "_colorbar", None)
    if bar is None and ax.figure is not None:
        bar = next((art.colorbar for other in ax.figure.axes for art in [*other.collections, *other.images]
                    if getattr(getattr(art, "colorbar", None), "ax", None) is ax), None)
    mappable = getattr(bar, "mappable", None)
    return getattr(mappable, "axes", None)


def legend_ncols(legend) -> int:
    """How many columns a legend was made with: ``Legend._ncols`` (no getter), else one."""
    ncols = getattr(legend, "_ncols", 1)
    return ncols if isinstance(ncols, int) and ncols > 0 else 1


def mathtext_words() -> set:
    """The control words matplotlib's mathtext parser knows (symbols, fonts, functions, accents,
    delimiters), read off its private ``_mathtext`` tables; where they are gone, the Greek letters
    and the common operators alone (a beamer text then refuses more, never lets more through)."""
    try:
        from matplotlib._mathtext import Parser
        from matplotlib._mathtext_data import tex2uni
        fonts = set(Parser._fontnames)
        names = {*tex2uni, *fonts, *("math" + f for f in fonts), *Parser._function_names, *Parser._accent_map,
                 *Parser._wide_accents, *Parser._space_widths}
        return names | {d.lstrip("\\") for d in (*Parser._ambi_delims, *Parser._left_delims, *Parser._right_delims)}
    except (ImportError, AttributeError):
        greek = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
                 "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega")
        ops = ("cdot times div pm mp leq geq neq approx sim infty partial nabla sum prod int log exp sin cos tan min "
               "max arg lim to rightarrow leftarrow mathrm mathbf mathit hat bar tilde vec dot ldots cdots top")
        return set(f"{greek} {ops}".split())


def turn_camera(ax, elev: float, azim: float) -> None:
    """Turn a 3-D axes' camera to (elev, azim), its roll and vertical axis kept. ``view_init`` with
    them (it would reset them), the vertical axis read from ``Axes3D._vertical_axis`` (no getter);
    else the camera's public attributes set, which leaves both as they are."""
    try:
        vertical = "xyz"[ax._vertical_axis]
    except (AttributeError, TypeError, IndexError):
        ax.elev, ax.azim = elev, azim
        return
    ax.view_init(elev=elev, azim=azim, roll=ax.roll, vertical_axis=vertical)


def place_3d_labels(ax, renderer) -> None:
    """Put a 3-D axes' axis labels where a draw at its camera puts them, to be measured:
    ``get_tightbbox`` does where each axis has ``Axis3D._update_all_positions`` (matplotlib 3.9
    on); before, only ``Axis3D.draw`` placed them, so each axis is drawn into a scratch renderer of
    the figure's size (its labels would otherwise stand where the last draw left them)."""
    axes = (ax.xaxis, ax.yaxis, ax.zaxis)
    try:
        for axis in axes:
            axis._update_all_positions          # noqa: B018  (read: is it there?)
    except AttributeError:
        from matplotlib.backends.backend_agg import RendererAgg
        box = ax.figure.bbox
        scratch = RendererAgg(int(box.width), int(box.height), ax.figure.dpi)
        for axis in axes:
            axis.draw(scratch)
        return
    ax.get_tightbbox(renderer)


def title_texts(ax) -> tuple:
    """An axes' three title Text artists (centre, left, right): ``ax.title`` and the private
    ``_left_title``/``_right_title`` (only their strings are public); else the Text children of
    the axes that are not among its texts."""
    try:
        return ax.title, ax._left_title, ax._right_title
    except AttributeError:
        from matplotlib.text import Text
        texts = set(map(id, ax.texts))
        found = [c for c in ax.get_children() if isinstance(c, Text) and id(c) not in texts and c is not ax.title]
        return (ax.title, *found)


def suptitle_text(fig):
    """A figure's suptitle Text artist, or None: ``Figure._suptitle`` (only its string is public);
    else the figure's text that holds that string."""
    try:
        return fig._suptitle
    except AttributeError:
        text = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
        if not text:
            return None
        return next((t for t in fig.texts if t.get_text() == text), None)


# -- matplotlib: what an artist draws with (the explorer's capture) -------------------------------
def recorder(real=None):
    """A renderer that draws nothing and records what it is asked to draw (each path's graphics
    context as a dict, each text line as (string, x, y) with y up), measuring text as ``real``
    (an Agg renderer) does: how the fallbacks below read, through public API, what an artist
    would draw."""
    from matplotlib.backend_bases import GraphicsContextBase, RendererBase

    class Recorder(RendererBase):
        def __init__(self):
            super().__init__()
            self.paths, self.texts = [], []

        def __getattr__(self, name):
            if real is None:
                raise AttributeError(name)
            return getattr(real, name)

        def flipy(self):
            return False

        def new_gc(self):
            return GraphicsContextBase()

        def points_to_pixels(self, points):
            return points if real is None else real.points_to_pixels(points)

        def get_canvas_width_height(self):
            return (1, 1) if real is None else real.get_canvas_width_height()

        def get_text_width_height_descent(self, s, prop, ismath):
            return real.get_text_width_height_descent(s, prop, ismath)

        def draw_path(self, gc, path, transform, rgbFace=None):
            self.paths.append({"linewidth": gc.get_linewidth(), "foreground": gc.get_rgb(),
                               "alpha": gc.get_alpha() if gc.get_forced_alpha() else None,
                               "dashes": gc.get_dashes()})

        def draw_markers(self, *args, **kwargs):
            pass

        def draw_path_collection(self, *args, **kwargs):
            pass

        def draw_image(self, *args, **kwargs):
            pass

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            self.texts.append((s, x, y))

        def draw_tex(self, gc, x, y, s, prop, angle, *, mtext=None):
            self.texts.append((s, x, y))

    return Recorder()


def stroke_style(fx) -> tuple:
    """A Stroke path effect's (linewidth, foreground, alpha) as given to it (1, 'k' and None where
    not): its keywords, ``Stroke._gc``; else what it draws with over a default graphics context."""
    try:
        gc = fx._gc
    except AttributeError:
        from matplotlib.backend_bases import GraphicsContextBase
        from matplotlib.path import Path
        from matplotlib.transforms import Affine2D
        rec = recorder()
        fx.draw_path(rec, GraphicsContextBase(), Path([(0, 0), (1, 1)]), Affine2D(), None)
        drawn = rec.paths[0]
        return drawn["linewidth"], drawn["foreground"], drawn["alpha"]
    return gc.get("linewidth", 1), gc.get("foreground", "k"), gc.get("alpha")


def line_dashes(line):
    """A Line2D's dash sequence in points (scaled by its width, as drawn), or None for a solid
    line: ``Line2D._dash_pattern`` (there is no getter); else the dashes it draws with."""
    try:
        return line._dash_pattern[1]
    except AttributeError:
        rec = recorder()
        line.draw(rec)
        return rec.paths[0]["dashes"][1] if rec.paths else None


def line_marker(line):
    """A Line2D's MarkerStyle: ``Line2D._marker``, the very object it draws with; else one made
    from its public marker and fill style (which loses a MarkerStyle's own transform)."""
    try:
        return line._marker
    except AttributeError:
        from matplotlib.markers import MarkerStyle
        return MarkerStyle(line.get_marker(), line.get_fillstyle())


def text_lines(t, renderer, pos) -> list:
    """Each line of a Text as (line, x, y): where it is drawn in display pixels (y up), for the
    text standing at ``pos`` (its position transformed). ``Text._get_layout`` (matplotlib lays
    out a text only there); else the lines as the text draws them, recorded, measured by
    ``renderer`` (the line's '$' kept, as drawn, and wrapped as drawn)."""
    try:
        layout = t._get_layout
    except AttributeError:
        from matplotlib.text import Text
        rec = recorder(renderer)
        effects = t.get_path_effects()
        if effects:
            t.set_path_effects([])      # path effects would draw the text as paths: no lines recorded
        try:
            Text.draw(t, rec)           # the text alone (an annotation's arrow is not a line)
        finally:
            if effects:
                t.set_path_effects(effects)
        return rec.texts
    _, info, _ = layout(renderer)
    lines = []
    for line, _, *xy in info:           # (line, metrics, (x, y)); matplotlib 3.8: (line, metrics, x, y)
        x, y = xy if len(xy) == 2 else xy[0]
        lines.append((line, pos[0] + x, pos[1] + y))
    return lines


# -- Pillow ----------------------------------------------------------------------------------------
def gif_frame(frame, offset, **params) -> list:
    """One GIF frame's bytes (its graphic control extension, image descriptor and LZW data) for a
    palette image, laid at ``offset``: Pillow's ``GifImagePlugin.getdata`` (undocumented: a legacy
    helper, and the only one that writes a frame alone); else the frame cut out of a one-frame GIF
    that Pillow's public ``save`` writes, its offset put in."""
    try:
        from PIL.GifImagePlugin import getdata
    except ImportError:
        return [gif_frame_saved(frame, offset, **params)]
    return getdata(frame, offset=offset, **params)


def gif_frame_saved(frame, offset, **params) -> bytes:
    import io
    buf = io.BytesIO()
    frame.save(buf, format="GIF", optimize=False, interlace=False, **params)
    data = buf.getvalue()
    pos = 13
    if data[10] & 0x80:                             # the global colour table
        pos += 3 << ((data[10] & 7) + 1)
    start = None
    while data[pos] == 0x21:                        # extensions: the frame's own starts with its control block
        if data[pos + 1] == 0xF9 and start is None:
            start = pos
        pos += 2
        while data[pos]:
            pos += data[pos] + 1
        pos += 1
    if start is None:
        start = pos
    assert data[pos] == 0x2C, "no image descriptor"
    out = bytearray(data[start:])
    at = pos - start
    out[at + 1:at + 5] = int(offset[0]).to_bytes(2, "little") + int(offset[1]).to_bytes(2, "little")
    flags = out[at + 9]
    end = at + 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1     # past the LZW code size
    while out[end]:
        end += out[end] + 1
    return bytes(out[:end + 1])


# -- watchfiles ------------------------------------------------------------------------------------
def file_notifier(folders: list[str], poll_delay_ms: int = 300):
    """An object watching ``folders`` (not their subfolders) from now on, with ``watch(debounce_ms,
    step_ms, timeout_ms, stop_event)`` and ``close()``: watchfiles' Rust notifier
    ``watchfiles._rust_notify.RustNotify``, polling where watchfiles' own ``watch()`` would. The
    public ``watch()`` starts watching only once iterated, and sees no stop held by gdanim's
    signal handling; else a thread that iterates it (events in the moment before it starts are
    missed)."""
    try:
        from watchfiles._rust_notify import RustNotify
        from watchfiles.main import _default_force_polling, _default_poll_delay_ms
    except ImportError:
        return ThreadNotifier(folders, poll_delay_ms)
    return RustNotify(folders, False, _default_force_polling(None), _default_poll_delay_ms(poll_delay_ms), False, False)


class ThreadNotifier:
    """watchfiles' public ``watch()`` in a thread, as RustNotify's ``watch``/``close``."""

    def __init__(self, folders, poll_delay_ms: int = 300):
        import threading
        self.changed, self.closed = threading.Event(), threading.Event()
        self.folders, self.poll_delay_ms = list(folders), poll_delay_ms
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    error: BaseException | None = None

    def run(self):
        try:
            from watchfiles import watch
            for _ in watch(*self.folders, watch_filter=None, stop_event=self.closed, recursive=False,
                           poll_delay_ms=self.poll_delay_ms, debounce=50, step=20, raise_interrupt=False):
                self.changed.set()
        except BaseException as exc:            # told by the next watch(), not lost in the thread
            self.error = exc
            self.changed.set()

    def watch(self, debounce_ms, step_ms, timeout_ms, stop_event):
        import time
        end = time.monotonic() + timeout_ms / 1000 if timeout_ms else None
        while not self.changed.wait(step_ms / 1000):
            if stop_event is not None and stop_event.is_set():
                return "stop"
            if end is not None and time.monotonic() > end:
                return "timeout"
        if self.error is not None:
            raise self.error
        time.sleep(debounce_ms / 1000)              # the rest of the save's events
        self.changed.clear()
        return set()

    def close(self):
        self.closed.set()
        self.thread.join(timeout=2)


# -- python-pptx -----------------------------------------------------------------------------------
def insert_slide_timing(sld, timing) -> None:
    """Put a <p:timing> element into a slide's <p:sld> element, in its schema's place (before
    <p:extLst>): python-pptx's ``CT_Slide._insert_timing`` (python-pptx has no public way); else
    lxml's."""
    try:
        insert = sld._insert_timing
    except AttributeError:
        from pptx.oxml.ns import qn
        ext = sld.find(qn("p:extLst"))
        if ext is not None:
            ext.addprevious(timing)
        else:
            sld.append(timing)
        return
    insert(timing)
