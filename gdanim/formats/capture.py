"""What a frame's moving artists look like, as data a page can draw on a canvas.

The explorer page shows the static layer as one image and draws the moving layer itself. Rather
than teach the page every view, this reads matplotlib's own artists after a painter has posed
them: lines (2-D and 3-D), marker collections, texts and filled paths become drawables in pixel
coordinates (data coordinates for 3-D lines, projected by the page as the camera turns). A
drawable is a style (shared, by number) and its geometry; vertex arrays are pooled, and a path
that grows from frame to frame is stored once, each frame naming how much of it it shows.
"""
from __future__ import annotations

import base64
import json

import numpy as np
from matplotlib.collections import Collection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from gdanim.core import compat

PATH_CODES = {1: "M", 2: "L", 3: "Q", 4: "C", 79: "Z"}
SIXTEENTHS_UP_TO = 2047.0      # pixel coordinates stored as int16 sixteenths of a pixel (Pools.encoded)
DRAWN = (Line2D, Collection, Patch, Text)      # what the page draws itself (Capture.drawables)


def drawable(artist) -> bool:
    """Can the page draw ``artist`` from its capture (else it goes in as an image)?"""
    return isinstance(artist, DRAWN)


def code_letters(path) -> str:
    """A matplotlib path's codes, one letter per vertex (a path without codes is a polyline)."""
    if path.codes is None:
        return "M" + "L" * (len(path.vertices) - 1)
    return "".join(PATH_CODES.get(int(c), "L") for c in path.codes)


def rgb_of(canvas) -> np.ndarray:
    """The canvas's pixels as a new read-only (h, w, 3) uint8 array."""
    return rgb_of_rgba(canvas.buffer_rgba())


def rgb_of_rgba(buffer) -> np.ndarray:
    """RGBA pixels (a canvas's buffer, a cached region) as a new read-only (h, w, 3) uint8 array.
    Pillow packs RGBA into RGB in 0.4 ms at 1280×720 (2 ms when its memory is fresh), where
    numpy's strided ``[:, :, :3].copy()`` takes 5 ms."""
    from PIL import Image
    buffer = np.asarray(buffer)
    h, w = buffer.shape[:2]
    rgba = Image.frombuffer("RGBA", (w, h), buffer, "raw", "RGBA", 0, 1)
    return np.frombuffer(rgba.tobytes("raw", "RGB"), np.uint8).reshape(h, w, 3)


def draw_order(ax) -> list:
    """The artists of ``ax`` in the order a full draw paints them (``Axes.draw``: its children
    but the background patch, by z-order, ties in child order; axis lines only where shown)."""
    import matplotlib.axis
    artists = [a for a in ax.get_children() if a is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        artists = [a for a in artists if a not in ax.spines.values()]
    if not ax.axison:
        artists = [a for a in artists if not isinstance(a, matplotlib.axis.Axis)]
    return sorted(artists, key=lambda a: a.get_zorder())


def rgba(color, alpha=None) -> list | None:
    """A colour as [r, g, b, a] with r, g, b in 0–255 and a in 0–1; None for no colour."""
    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return None
    r, g, b, a = to_rgba(color)
    if alpha is not None:
        a = alpha
    return None if a == 0 else [int(round(255 * r)), int(round(255 * g)), int(round(255 * b)), round(float(a), 3)]


class Pools:
    """Vertex arrays, stored once: the k-th drawable of a style in a frame extends, or is a prefix
    of, the array stored for that slot when it can be. Arrays are found by their first two rows
    (or their one row), so a sweep of hundreds of runs, whose paths share a slot and a start but
    part at the first step, does not compare each with every other."""

    def __init__(self):
        self.arrays: list[np.ndarray] = []
        self.slots: dict = {}
        self.heads: dict = {}           # (slot, columns, first two rows) → indices, arrays of 2 or more rows
        self.singles: dict = {}         # (slot, columns, the row) → indices, arrays of one row
        self.firsts: dict = {}          # (slot, columns, first row) → the oldest array of 2 or more rows

    def put(self, slot, array: np.ndarray) -> list:
        """[pool index, rows used] for ``array`` (float32, rows of 2 or 3 numbers)."""
        a = np.ascontiguousarray(array, dtype=np.float32)
        for i in self.candidates(slot, a):
            stored = self.arrays[i]
            if stored.shape[1:] != a.shape[1:]:
                continue
            n = min(len(stored), len(a))
            if np.array_equal(stored[:n], a[:n], equal_nan=True):
                if len(a) > len(stored):
                    if len(stored) == 1:
                        self.singles[self.key(slot, stored, 1)].remove(i)
                    if len(stored) < 2:
                        self.headed(slot, a, i)
                    self.arrays[i] = a
                return [i, len(a)]
        self.arrays.append(a)
        i = len(self.arrays) - 1
        self.slots.setdefault(slot, []).append(i)
        if len(a) >= 2:
            self.headed(slot, a, i)
        elif len(a):
            self.singles.setdefault(self.key(slot, a, 1), []).append(i)
        return [i, len(a)]

    def headed(self, slot, a: np.ndarray, i: int) -> None:
        self.heads.setdefault(self.key(slot, a, 2), []).append(i)
        self.firsts.setdefault(self.key(slot, a, 1), i)

    @staticmethod
    def key(slot, a: np.ndarray, rows: int):
        return slot, a.shape[1:], a[:rows].tobytes()

    def candidates(self, slot, a: np.ndarray) -> list:
        """The stored arrays of ``slot`` that ``a`` may extend or be a prefix of, oldest first."""
        if not len(a):
            return self.slots.get(slot, [])
        if len(a) == 1:
            first = self.firsts.get(self.key(slot, a, 1))
            return sorted(self.singles.get(self.key(slot, a, 1), []) + ([] if first is None else [first]))
        return sorted(self.heads.get(self.key(slot, a, 2), []) + self.singles.get(self.key(slot, a, 1), []))

    def encoded(self) -> list:
        """Each array as [columns, base64 of little-endian float32]; canvas pixels (2 columns) that
        lie within ±2047 px as [-2, base64 of little-endian int16 sixteenths of a pixel]: half the
        bytes, and 1/32 px off at most, which no drawing shows."""
        out = []
        for a in self.arrays:
            cols = int(a.shape[1]) if a.ndim == 2 else 1
            if cols == 2 and np.all(np.abs(a) < SIXTEENTHS_UP_TO):
                out.append([-2, base64.b64encode(np.round(a * 16).astype("<i2").tobytes()).decode()])
            else:
                out.append([cols, base64.b64encode(a.astype("<f4").tobytes()).decode()])
        return out


class Capture:
    """Drawables of one figure, frame by frame, sharing styles and pools across frames."""

    def __init__(self, figure, canvas):
        self.fig, self.canvas = figure, canvas
        self.height = canvas.get_width_height()[1]
        self.px = figure.dpi / 72.0
        self.styles: list[str] = []
        self.items: list[list] = []             # the drawables of every frame, each once (``item``)
        self.item_ids: dict[str, int] = {}
        self.style_ids: dict[str, int] = {}
        self.pools = Pools()
        self.shapes: dict = {}
        self.shape_ids: dict[int, int] = {}     # id of a shape of ``shapes`` → its number
        self.clips: dict[int, tuple] = {}       # id of a clip box → (the box, its rectangle)
        self.up_to_step: int | None = None      # rows of a path up to the frame's step (``frame``)
        self.sprites: list = []                 # [x, y, PNG data URL] of static artists drawn as images
        self.sprite_of: dict[int, int] = {}
        self.fonts: dict[str, set] = {}         # font file → characters the moving texts use
        self.axes3d = [ax for ax in figure.axes if getattr(ax, "name", "") == "3d"]

    def font_family(self, props, text: str) -> str:
        """The CSS family for matplotlib's font file of ``props`` (the page embeds the glyphs used)."""
        from matplotlib.font_manager import findfont
        path = findfont(props)
        if path not in self.fonts:
            self.fonts[path] = set()
        self.fonts[path].update(text)
        return f"gx-font-{list(self.fonts).index(path)}"

    def font_faces(self) -> str:
        """@font-face rules embedding, for each font file used, the glyphs the moving texts need
        (subset by fontTools, which matplotlib already depends on): the page's texts are drawn in
        the figure's own font whatever fonts the reader's machine has. Each family is named by its
        glyphs' hash, so two explorers in one notebook do not take each other's subsets."""
        import hashlib
        import io
        import logging
        from fontTools import subset

        from gdanim.encode.font_subsets import load_ttfont
        # fontTools logs each table it drops ("FFTM NOT subset"): not the reader's concern
        log = logging.getLogger("fontTools.subset")
        rules, level = [], log.level
        for k, (path, chars) in enumerate(self.fonts.items()):
            font = load_ttfont(path, recalcTimestamp=False)    # without the layout tables: the page
                                                                # shapes no text with them, and reading
                                                                # them was 2/3 of the time
            subsetter = subset.Subsetter(subset.Options(notdef_outline=True, name_IDs=[1, 2]))
            subsetter.populate(text="".join(sorted(chars | set("0123456789.-·: "))))
            log.setLevel(logging.ERROR)
            try:
                subsetter.subset(font)
            finally:
                log.setLevel(level)
            buf = io.BytesIO()
            font.save(buf)
            family = "gx-" + hashlib.sha1(buf.getvalue()).hexdigest()[:12]
            self.styles = [s.replace(f"gx-font-{k},", f"{family},") for s in self.styles]
            rules.append(f"@font-face{{font-family:{family};src:url(data:font/ttf;base64,"
                         f"{base64.b64encode(buf.getvalue()).decode()}) format('truetype')}}")
        return "".join(rules)

    def sprite(self, artist, url_of) -> None:
        """Draw a static artist the page cannot draw itself (a legend, an axis with its ticks and
        grid) alone on a transparent canvas, and keep it as an image the page lays in its place."""
        renderer = self.canvas.get_renderer()
        renderer.clear()
        artist.draw(renderer)
        rgba = np.asarray(self.canvas.buffer_rgba())
        rows, cols = np.nonzero(rgba[:, :, 3])
        if not len(rows):
            return
        y0, y1, x0, x1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        self.sprite_of[id(artist)] = len(self.sprites)
        self.sprites.append([int(x0), int(y0), url_of(np.ascontiguousarray(rgba[y0:y1, x0:x1]))])

    # -- the frame ---------------------------------------------------------------------------
    def frame(self, artists, memo_of=None, step=None) -> list:
        """The drawables of ``artists`` (in draw order), as numbers of items (``items``: each
        [style, geometry...], stored once for every frame and variant that draws it).
        ``memo_of(artist)``: a dict that keeps what the artist draws for later calls that would
        read it the same (the explorer's variants of a frame share all but their run's artists),
        or None to read it each time. ``step``: the frame's; an array drawn with ``step`` + 1 rows
        (a path up to the step) says -1 rows, so that it is one item in every frame."""
        renderer = self.canvas.get_renderer()
        self.up_to_step = None if step is None else step + 1
        out, seen = [], {}
        for a in artists:
            if not a.get_visible():
                continue
            memo = memo_of(a) if memo_of is not None else None
            found = memo.get(id(a)) if memo is not None else None
            if found is None:
                found = [(self.style_id(style), geometry) for style, geometry in self.drawables(a, renderer)]
                if memo is not None:
                    memo[id(a)] = found
            for sid, geometry in found:
                k = seen[sid] = seen.get(sid, -1) + 1
                out.append(self.item([sid, *[self.pooled((sid, k, i), g) for i, g in enumerate(geometry)]]))
        return out

    def item(self, drawable: list) -> int:
        """The number of ``drawable`` in ``items``, stored there on first use: a sweep's variants
        share the drawables of the runs they do not own, a run's start marker stays put from frame
        to frame, so a page of a 20 × 20 sweep holds each once, not in each of its 8,400 frames."""
        key = json.dumps(drawable, separators=(",", ":"))
        found = self.item_ids.get(key)
        if found is None:
            found = self.item_ids[key] = len(self.items)
            self.items.append(drawable)
        return found

    def pooled(self, slot, g):
        """Vertex arrays into the pools (also inside a path's [[array, codes], ...]), the rest as is."""
        if isinstance(g, np.ndarray):
            return self.put(slot, g)
        if isinstance(g, list) and g and isinstance(g[0], list) and len(g[0]) == 2 and isinstance(g[0][0], np.ndarray):
            return [[self.put((*slot, j), v), c] for j, (v, c) in enumerate(g)]
        return g

    def put(self, slot, array) -> list:
        """[pool index, rows] of ``array``, rows -1 for the frame's step + 1 (``frame``)."""
        ref = self.pools.put(slot, array)
        if ref[1] == self.up_to_step:
            ref[1] = -1
        return ref

    def style_id(self, style: dict) -> int:
        """The number of ``style`` in ``styles``. A marker's outline is the one dict of
        ``marker_shape`` for its shape and size: looked up by its number, not written out again."""
        shape = style.get("m")
        probe = style if shape is None else {**style, "m": self.shape_ids[id(shape)]}
        key = json.dumps(probe, sort_keys=True, separators=(",", ":"))
        if key not in self.style_ids:
            self.style_ids[key] = len(self.styles)
            self.styles.append(json.dumps(style, sort_keys=True, separators=(",", ":")))
        return self.style_ids[key]

    def drawables(self, a, renderer):
        if id(a) in self.sprite_of:
            return [({"k": "sprite", "i": self.sprite_of[id(a)]}, [])]
        if isinstance(a, Line2D):
            return self.line(a)
        if isinstance(a, PathCollection) and len(a.get_offsets()):
            return self.markers(a)
        if isinstance(a, Text):
            return self.text(a, renderer)
        if isinstance(a, (Collection, Patch)):
            return self.paths(a)
        return []

    # -- kinds -------------------------------------------------------------------------------
    def clip(self, a) -> list | None:
        """The clip rectangle of ``a`` in canvas pixels, read once per box (an axes' box, which
        stays put: the figure is laid out before anything is captured)."""
        if not a.get_clip_on():
            return None
        box = a.get_clip_box()
        if box is None:
            return None
        kept = self.clips.get(id(box))
        if kept is None:                # the box is kept too, so its id names it alone
            kept = self.clips[id(box)] = (box, [round(box.x0, 2), round(self.height - box.y1, 2),
                                                round(box.width, 2), round(box.height, 2)])
        return list(kept[1])

    def display(self, xy: np.ndarray) -> np.ndarray:
        """Display (y up) → canvas (y down) pixels."""
        out = np.array(xy, dtype=float).reshape(-1, 2)
        out[:, 1] = self.height - out[:, 1]
        return out

    def effects(self, a) -> list:
        """Stroke path effects (an outline under a line or a text) as [width px, colour]."""
        from matplotlib.patheffects import Stroke
        out = []
        for fx in a.get_path_effects():
            if isinstance(fx, Stroke):
                width, color, alpha = compat.stroke_style(fx)
                out.append([round(width * self.px, 2), rgba(color, alpha)])
        return out

    def marker_shape(self, path, transform) -> dict:
        """A marker's outline in pixels around its point (y down), computed once per shape and size."""
        key = (path.vertices.tobytes(), None if path.codes is None else path.codes.tobytes(),
               transform.get_matrix().tobytes())
        if key not in self.shapes:
            verts = transform.transform(path.vertices)
            verts[:, 1] *= -1
            self.shapes[key] = {"v": np.round(verts, 2).tolist(), "c": code_letters(path)}
            self.shape_ids[id(self.shapes[key])] = len(self.shapes)
        return self.shapes[key]

    def line(self, line: Line2D):
        from mpl_toolkits.mplot3d.art3d import Line3D
        style = {"k": "line", "clip": self.clip(line), "fx": self.effects(line)}
        ls = line.get_linestyle()
        if ls not in ("None", " ", "", "none"):
            dashes = compat.line_dashes(line)
            style.update(stroke=rgba(line.get_color(), line.get_alpha()), lw=round(line.get_linewidth() * self.px, 2),
                         cap=line.get_solid_capstyle() if not dashes else line.get_dash_capstyle(),
                         join=line.get_solid_joinstyle(),
                         dash=[round(d * self.px, 2) for d in dashes] if dashes else None)
        marker = compat.line_marker(line)
        if marker.get_marker() not in (None, "None", "none", " ", ""):
            size = line.get_markersize() * self.px
            trans = marker.get_transform().frozen().scale(size)
            style["m"] = self.marker_shape(marker.get_path(), trans)
            style["mf"] = rgba(line.get_markerfacecolor(), line.get_alpha()) if marker.is_filled() else None
            style["me"] = rgba(line.get_markeredgecolor(), line.get_alpha())
            style["mw"] = round(line.get_markeredgewidth() * self.px, 2)
        if isinstance(line, Line3D):
            xs, ys, zs = (np.asarray(v, dtype=float) for v in line.get_data_3d())
            if not len(xs):
                return []
            style["ax3d"] = self.axes3d.index(line.axes)
            return [(style, [np.column_stack([xs, ys, zs])])]
        xy = line.get_xydata()
        if not len(xy):
            return []
        pts = self.display(line.get_transform().transform(xy))
        return [(style, [snapped(pts, line.get_snap(), line.get_linewidth() * self.px)])]

    def markers(self, coll: PathCollection):
        coll.update_scalarmappable()
        offsets = self.display(coll.get_offset_transform().transform(coll.get_offsets()))
        coll.set_sizes(coll.get_sizes(), self.fig.dpi)     # as its draw does: sizes in points, at this dpi
        transforms = coll.get_transforms()
        from matplotlib.transforms import Affine2D
        trans = Affine2D(transforms[0]) if len(transforms) else Affine2D()     # sizes carry the dpi
        faces = np.asarray(coll.get_facecolors())
        edges = np.asarray(coll.get_edgecolors())
        style = {"k": "dots", "clip": self.clip(coll), "m": self.marker_shape(coll.get_paths()[0], trans),
                 "mw": round(float(np.ravel(coll.get_linewidths())[0]) * self.px, 2) if len(coll.get_linewidths()) else 0,
                 "me": rgba(edges[0]) if len(edges) == 1 else None,
                 "mf": rgba(faces[0]) if len(faces) == 1 else None}
        geometry = [offsets]
        if len(faces) > 1:
            geometry.append(np.round(faces[: len(offsets)] * 255).astype(np.float32))
        return [(style, geometry)]

    def text(self, t: Text, renderer):
        if not t.get_text():
            return []
        if isinstance(t, Annotation):
            t.update_positions(renderer)
        pos = t.get_transform().transform(t.get_unitless_position())
        if not np.all(np.isfinite(pos)):
            return []
        props = t.get_fontproperties()
        lines = [[line.replace("$", ""), round(x, 2), round(self.height - y, 2)]
                 for line, x, y in compat.text_lines(t, renderer, pos)]
        family = self.font_family(props, "".join(line for line, _, _ in lines))
        style = {"k": "text", "clip": self.clip(t), "fx": self.effects(t), "fill": rgba(t.get_color(), t.get_alpha()),
                 "font": f"{round(props.get_size_in_points() * self.px, 2)}px {family}, sans-serif"}
        box = None
        patch = t.get_bbox_patch()
        if patch is not None:
            t.update_bbox_position_size(renderer)
            box = self.patch_shape(patch)
        style["box"] = box[0] if box else None
        return [(style, [lines, box[1] if box else None])]

    def patch_shape(self, patch):
        path = patch.get_transform().transform_path(patch.get_path())
        style = {"fill": rgba(patch.get_facecolor()), "stroke": rgba(patch.get_edgecolor()),
                 "lw": round(patch.get_linewidth() * self.px, 2)}
        verts = snapped(self.display(path.vertices), patch.get_snap(), patch.get_linewidth() * self.px)
        return style, [np.round(verts, 2).tolist(), code_letters(path)]

    def paths(self, a):
        if isinstance(a, Patch):
            style, shape = self.patch_shape(a)
            style.update(k="paths", clip=self.clip(a))
            return [(style, [self.pools_of([shape])])]
        faces, edges = a.get_facecolors(), a.get_edgecolors()
        lws = a.get_linewidths()
        out = []
        transform = a.get_transform()
        for i, path in enumerate(a.get_paths()):
            p = transform.transform_path(path)
            if not len(p.vertices):
                continue
            style = {"k": "paths", "clip": self.clip(a),
                     "fill": rgba(faces[i % len(faces)]) if len(faces) else None,
                     "stroke": rgba(edges[i % len(edges)]) if len(edges) else None,
                     "lw": round(float(lws[i % len(lws)]) * self.px, 2) if len(lws) else 0}
            shapes = [simplified(self.display(p.vertices), code_letters(p))]
            out.append((style, [self.pools_of(shapes)]))
        return out

    def pools_of(self, shapes) -> list:
        """Shapes as [[vertex array, codes], ...]; the frame puts the arrays in the pools."""
        return [[np.asarray(v, dtype=float).reshape(-1, 2), c] for v, c in shapes]

    def camera(self, ax) -> dict:
        """How the page projects a 3-D panel's data: the projection matrix for the current view and
        the affine map of projected coordinates to canvas pixels."""
        m = ax.get_proj()
        aff = ax.transData.get_affine().get_matrix()
        flip = np.array([[1, 0, 0], [0, -1, self.height], [0, 0, 1]], dtype=float)
        return {"M": np.round(m, 10).tolist(), "A": np.round(flip @ aff, 6).tolist()}


def simplified(verts: np.ndarray, codes: str, tol: float = 0.25):
    """A straight-edged path with the vertices that lie within ``tol`` pixels of the line through
    their neighbours dropped (Ramer–Douglas–Peucker per subpath): a contour band drawn from a fine
    grid keeps its look with a fraction of its points. Paths with curves are kept whole."""
    if set(codes) - set("MLZ"):
        return verts, codes
    keep_v, keep_c = [], []
    starts = [i for i, c in enumerate(codes) if c == "M"] + [len(codes)]
    for a, b in zip(starts, starts[1:]):
        closed = codes[b - 1] == "Z"
        end = b - 1 if closed else b
        pts = verts[a:end]
        idx = rdp(pts, tol) if len(pts) > 2 else list(range(len(pts)))
        keep_v.extend(pts[idx])
        keep_c.append("M" + "L" * (len(idx) - 1))
        if closed:
            keep_v.append(verts[b - 1])
            keep_c.append("Z")
    return np.array(keep_v).reshape(-1, 2), "".join(keep_c)


def rdp(pts: np.ndarray, tol: float) -> list[int]:
    """Indices of the points Ramer–Douglas–Peucker keeps."""
    keep = np.zeros(len(pts), bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        seg = pts[j] - pts[i]
        rel = pts[i + 1:j] - pts[i]
        norm = np.hypot(*seg)
        dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm if norm > 0 else np.hypot(rel[:, 0], rel[:, 1])
        k = int(np.argmax(dist))
        if dist[k] > tol:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return list(np.flatnonzero(keep))


def snapped(pts: np.ndarray, snap, width_px: float) -> np.ndarray:
    """Agg's pixel snapping: a path of only horizontal and vertical segments (``snap`` None, the
    default) or any path (``snap`` True) has its vertices moved to pixel centres for odd line widths
    and pixel edges for even ones, so thin axis-aligned lines stay crisp — as matplotlib draws them."""
    if snap is False or len(pts) < 2 or len(pts) > 1024:
        return pts
    d = np.diff(pts, axis=0)
    if snap is None and not np.all((np.abs(d[:, 0]) < 1e-4) | (np.abs(d[:, 1]) < 1e-4)):
        return pts
    offset = 0.5 if int(round(width_px)) % 2 else 0.0
    return np.floor(pts + 0.5) + offset
