"""gdanim.core.compat: every private name of a dependency that gdanim uses, taken away one at a
time: each shim's fallback, on public API, gives what the private name gave (or a render that is
still right)."""
import io
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg

from gdanim.core import compat


def figure(**kwargs):
    fig = Figure(figsize=(4, 3), dpi=100, **kwargs)
    FigureCanvasAgg(fig)
    return fig


def renderer_of(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def hidden_from_shims(monkeypatch, cls, names):
    """``cls``'s attributes names[shim] raise AttributeError when read in the shim ``shim`` of
    gdanim.core.compat (a function name), and only there: matplotlib's own drawing still reads it."""
    real = cls.__getattribute__

    def getattribute(self, name):
        caller = sys._getframe(1).f_code
        if name in names.get(caller.co_name, ()) and caller.co_filename == compat.__file__:
            raise AttributeError(name)
        return real(self, name)
    monkeypatch.setattr(cls, "__getattribute__", getattribute)


def getattr_as(shim, obj, name):
    """Read obj.name as if from the shim ``shim``."""
    code = compile(f"def {shim}(o):\n    return o.{name}\n", compat.__file__, "exec")
    space = {}
    exec(code, space)
    return space[shim](obj)


def test_mathtext_symbols_without_matplotlibs_private_table(monkeypatch):
    from matplotlib._mathtext_data import tex2uni
    assert compat.mathtext_symbols() is tex2uni
    from gdanim.core.compat import tex2uni as via_import
    assert via_import is tex2uni
    monkeypatch.setitem(sys.modules, "matplotlib._mathtext_data", None)      # import fails
    fallback = compat.mathtext_symbols()
    assert fallback == compat.TEX_N_NAMES
    assert {n for n in tex2uni if n.startswith("n")} <= fallback      # the snapshot holds today's names
    from gdanim.declare import checks
    checks.tex_names_with_n.cache_clear()
    try:
        assert {"nabla", "nu", "neq", "napprox"} <= checks.tex_names_with_n()
    finally:
        checks.tex_names_with_n.cache_clear()


def test_legend_loc_without_the_private_attribute(monkeypatch):
    from matplotlib.legend import Legend
    from gdanim.rendering import legend_spot
    fig = figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], label="a")
    legend = ax.legend(loc="upper left")
    assert compat.legend_loc(legend) == 2
    hidden_from_shims(monkeypatch, Legend, {"legend_loc": {"_loc"}})
    assert compat.legend_loc(legend) is None
    before = legend.get_window_extent(renderer_of(fig)).frozen()
    legend_spot.place(legend, ax, [], fig.canvas.get_renderer())      # left where the painter put it
    assert legend.get_window_extent(fig.canvas.get_renderer()).bounds == before.bounds


def test_turn_camera_without_the_private_vertical_axis(monkeypatch):
    from mpl_toolkits.mplot3d import Axes3D
    fig = figure()
    ax = fig.add_subplot(projection="3d")
    ax.view_init(elev=20, azim=-60, roll=10, vertical_axis="y")
    compat.turn_camera(ax, 35, 15)
    private = ax.get_proj()
    assert (ax.elev, ax.azim, ax.roll) == (35, 15, 10)
    ax.view_init(elev=20, azim=-60, roll=10, vertical_axis="y")
    hidden_from_shims(monkeypatch, Axes3D, {"turn_camera": {"_vertical_axis"}})
    with pytest.raises(AttributeError):
        getattr_as("turn_camera", ax, "_vertical_axis")
    compat.turn_camera(ax, 35, 15)
    assert (ax.elev, ax.azim, ax.roll) == (35, 15, 10)
    assert np.array_equal(ax.get_proj(), private)


def test_3d_labels_placed_without_the_private_update_of_positions(monkeypatch):
    """matplotlib 3.8 places a 3-D axes' labels only when drawn: measured after a turn of the
    camera, they stood where the last draw had put them, and room_3d made too little room."""
    from mpl_toolkits.mplot3d.axis3d import Axis
    from gdanim.rendering.drawn import project
    fig = figure()
    ax = fig.add_subplot(projection="3d")
    ax.set(xlabel="w1", ylabel="w2", zlabel="loss")
    renderer = renderer_of(fig)                         # drawn at the first camera

    def labels():
        return [a.label.get_window_extent(renderer).bounds for a in (ax.xaxis, ax.yaxis, ax.zaxis)]
    stale = labels()
    compat.turn_camera(ax, 30, 120)
    fig.canvas.draw()
    drawn = labels()
    assert drawn != stale
    for hidden in ({}, {"place_3d_labels": {"_update_all_positions"}}):
        hidden_from_shims(monkeypatch, Axis, hidden)
        compat.turn_camera(ax, 25, -60)
        fig.canvas.draw()                               # the labels where the first camera puts them
        compat.turn_camera(ax, 30, 120)
        project(ax)
        compat.place_3d_labels(ax, renderer)
        assert labels() == drawn


def test_titles_without_the_private_attributes(monkeypatch):
    from matplotlib.axes import Axes
    fig = figure()
    ax = fig.add_subplot()
    ax.set_title("centre")
    ax.set_title("left", loc="left")
    ax.set_title("right", loc="right")
    ax.text(0.5, 0.5, "a text, not a title")
    ax.annotate("an annotation", (0.2, 0.2))
    fig.text(0.1, 0.1, "figure text")
    fig.suptitle("the suptitle")
    untitled = figure()
    titles, sup = compat.title_texts(ax), compat.suptitle_text(fig)
    assert [t.get_text() for t in titles] == ["centre", "left", "right"]
    assert sup.get_text() == "the suptitle"
    hidden_from_shims(monkeypatch, Axes, {"title_texts": {"_left_title", "_right_title"}})
    hidden_from_shims(monkeypatch, Figure, {"suptitle_text": {"_suptitle"}})
    assert compat.title_texts(ax) == titles
    assert compat.suptitle_text(fig) is sup
    assert compat.suptitle_text(untitled) is None


def test_stroke_style_without_the_private_keywords(monkeypatch):
    from matplotlib import patheffects
    from gdanim.formats.capture import rgba
    effects = [patheffects.Stroke(linewidth=3.5, foreground="w"), patheffects.Stroke(foreground="#ff000080"),
               patheffects.Stroke(linewidth=2, foreground="C1", alpha=0.4), patheffects.Stroke()]
    private = [compat.stroke_style(fx) for fx in effects]
    hidden_from_shims(monkeypatch, patheffects.Stroke, {"stroke_style": {"_gc"}})
    public = [compat.stroke_style(fx) for fx in effects]
    assert [(w, rgba(c, a)) for w, c, a in public] == [(w, rgba(c, a)) for w, c, a in private]


@pytest.mark.parametrize("style", ["-", "--", ":", "-.", (2, (5, 1, 1, 1))])
def test_line_dashes_and_marker_without_the_private_attributes(monkeypatch, style):
    from matplotlib.lines import Line2D
    from matplotlib import patheffects
    fig = figure()
    ax = fig.add_subplot()
    line, = ax.plot([0, 1, 2], [0, 1, 0], linestyle=style, linewidth=2.5, marker="o", fillstyle="left",
                    path_effects=[patheffects.withStroke(linewidth=4, foreground="w")])
    renderer_of(fig)
    dashes, marker = compat.line_dashes(line), compat.line_marker(line)
    assert (dashes is None) == (style == "-")
    hidden_from_shims(monkeypatch, Line2D, {"line_dashes": {"_dash_pattern"}, "line_marker": {"_marker"}})
    with pytest.raises(AttributeError):
        getattr_as("line_dashes", line, "_dash_pattern")
    assert compat.line_dashes(line) == dashes
    fallback = compat.line_marker(line)
    assert fallback is not marker
    assert fallback.get_marker() == marker.get_marker() and fallback.get_fillstyle() == marker.get_fillstyle()
    assert np.array_equal(fallback.get_path().vertices, marker.get_path().vertices)
    assert np.array_equal(fallback.get_transform().get_matrix(), marker.get_transform().get_matrix())
    assert fallback.is_filled() == marker.is_filled()


@pytest.mark.parametrize("kwargs", [dict(), dict(ha="center", va="top"), dict(ha="right", rotation=30),
                                    dict(ha="left", va="baseline", linespacing=1.6), dict(wrap=True)])
def test_text_lines_without_the_private_layout(monkeypatch, kwargs):
    from matplotlib import patheffects
    from matplotlib.text import Text
    fig = figure()
    ax = fig.add_subplot()
    texts = [ax.text(0.3, 0.6, "one line", **kwargs),
             ax.text(0.2, 0.2, "two\nlines with $\\alpha_t$", **kwargs),
             ax.annotate("a note\nover two", (0.5, 0.5), xytext=(0.7, 0.8), arrowprops=dict(arrowstyle="->")),
             ax.text(0.1, 0.9, "outlined", path_effects=[patheffects.withStroke(linewidth=3, foreground="w")])]
    renderer = renderer_of(fig)
    transform = [t.get_transform().transform(t.get_unitless_position()) for t in texts]
    private = [compat.text_lines(t, renderer, pos) for t, pos in zip(texts, transform)]
    hidden_from_shims(monkeypatch, Text, {"text_lines": {"_get_layout"}})
    with pytest.raises(AttributeError):
        getattr_as("text_lines", texts[0], "_get_layout")
    public = [compat.text_lines(t, renderer, pos) for t, pos in zip(texts, transform)]
    monkeypatch.undo()
    for p, q in zip(private, public):
        assert [(line.replace("$", ""), round(x, 2), round(y, 2)) for line, x, y in p] == \
               [(line.replace("$", ""), round(x, 2), round(y, 2)) for line, x, y in q]
    assert texts[3].get_path_effects()          # given back


def test_explorer_capture_through_the_fallbacks_is_the_same(monkeypatch):
    """The explorer's drawables of a figure with lines, markers, dashes, strokes and texts, with
    every capture shim on its fallback, are those of the private names."""
    from matplotlib import patheffects
    from matplotlib.lines import Line2D
    from matplotlib.text import Text
    from gdanim.formats.capture import Capture
    fig = figure()
    ax = fig.add_subplot()
    artists = [*ax.plot([0, 1, 2], [1, 0, 1], "--o", path_effects=[patheffects.withStroke(linewidth=3, foreground="w")]),
               *ax.plot([0, 2], [0.5, 0.5], ":", marker="s"),
               ax.text(0.5, 0.5, "step 3\nloss 0.25", transform=ax.transAxes,
                       path_effects=[patheffects.withStroke(linewidth=2, foreground="w", alpha=0.5)])]
    fig.canvas.draw()

    def drawn():
        cap = Capture(fig, fig.canvas)
        return [cap.items[i] for i in cap.frame(artists)], cap.styles

    private = drawn()
    names = {"stroke_style": {"_gc"}, "line_dashes": {"_dash_pattern"}, "line_marker": {"_marker"},
             "text_lines": {"_get_layout"}}
    for cls in (Line2D, Text, patheffects.Stroke):
        hidden_from_shims(monkeypatch, cls, names)
    public = drawn()
    monkeypatch.undo()
    assert repr(public) == repr(private)


def test_gif_frame_without_pillows_getdata(monkeypatch):
    from PIL import GifImagePlugin, Image
    rng = np.random.default_rng(0)
    frame = Image.fromarray(rng.integers(0, 256, (37, 53), dtype=np.uint8), mode="P")
    frame.putpalette(list(rng.integers(0, 256, 768)))
    for offset, params in [((3, 7), dict(duration=40, disposal=1, transparency=255)),
                           ((0, 0), dict(duration=20, disposal=1, transparency=255))]:
        private = b"".join(compat.gif_frame(frame, offset, **params))
        with monkeypatch.context() as m:
            m.delattr(GifImagePlugin, "getdata")
            public = b"".join(compat.gif_frame(frame, offset, **params))
        assert public == private


def test_gif_written_without_getdata_is_the_same_file(monkeypatch, tmp_path):
    from PIL import GifImagePlugin
    from gdanim.encode.gif_encoder import GifWriter
    frames = [np.full((24, 32, 3), 255, np.uint8) for _ in range(4)]
    for k, f in enumerate(frames):
        f[k * 4:k * 4 + 6, k * 5:k * 5 + 9] = (200, 30, 30)

    def write(name):
        w = GifWriter(tmp_path / name)
        for f in frames:
            w.grab(f, 0.05)
        w.finish()
        return (tmp_path / name).read_bytes()

    private = write("a.gif")
    monkeypatch.delattr(GifImagePlugin, "getdata")
    assert write("b.gif") == private


def test_file_notifier_without_watchfiles_rust_module(monkeypatch, tmp_path):
    import time
    import watchfiles  # noqa: F401  (watchfiles itself imports its Rust module: only gdanim's import fails)
    from gdanim.runtime.file_watch import Watcher
    monkeypatch.setitem(sys.modules, "watchfiles._rust_notify", None)
    made = compat.file_notifier([str(tmp_path)])
    try:
        assert isinstance(made, compat.ThreadNotifier)
    finally:
        made.close()                                    # a thread left watching would stop every fork
    with Watcher([tmp_path]) as watcher:
        assert isinstance(watcher.notify, compat.ThreadNotifier)
        # watch() starts in its thread some time after: save until the thread has seen a save
        # (its own event, not a fixed wait that a busy machine outlasts), within 10 s
        end = time.monotonic() + 10
        for k in range(1000):
            (tmp_path / "scene.py").write_text(f"saved {k}")
            if watcher.notify.changed.wait(0.1) or time.monotonic() > end:
                break
        assert watcher.notify.changed.is_set(), "the thread saw no save in 10 s"
        watcher.wait()                                  # returns on that save

    class Stop:
        def is_set(self):
            return True
    notifier = compat.ThreadNotifier([str(tmp_path)])
    try:
        assert notifier.watch(10, 10, 0, Stop()) == "stop"
    finally:
        notifier.close()


def test_slide_timing_without_python_pptx_private_insert(monkeypatch):
    from lxml import etree
    from pptx import Presentation
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    from pptx.oxml.slide import CT_Slide
    timing = '<p:timing %s><p:tnLst/></p:timing>' % nsdecls("p")
    ext = '<p:extLst %s/>' % nsdecls("p")

    def slide_xml(with_ext):
        prs = Presentation()
        sld = prs.slides.add_slide(prs.slide_layouts[5]).element
        if with_ext:
            sld.append(parse_xml(ext))
        compat.insert_slide_timing(sld, parse_xml(timing))
        return etree.tostring(sld)

    private = [slide_xml(False), slide_xml(True)]
    monkeypatch.delattr(CT_Slide, "_insert_timing")
    assert [slide_xml(False), slide_xml(True)] == private
    assert private[1].index(b"p:timing") < private[1].index(b"p:extLst")
