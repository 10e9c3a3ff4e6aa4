"""The explorer: one self-contained HTML page (or notebook fragment) to scrub, play, sweep and turn
a scene, offline.

The static layer is rendered once by matplotlib as an image (a 3-D panel: once per camera
position on a grid of azimuths and elevations, as crops); the moving layer of every frame, and of
every value of a sweep, is read off the very artists the animation draws (gdanim.capture) and
drawn by the page on a canvas. Nothing is fetched: images are data URLs, the script is inline.
"""
from __future__ import annotations

import base64
import functools
import heapq
import html
import io
import json
from importlib import resources

import numpy as np
from matplotlib.colors import to_hex

from gdanim.formats.alt_text import alt_text
from gdanim.formats.capture import Capture, drawable
from gdanim.declare.style import THEMES, run_colors

AZIMUTH_STEP = 30                 # degrees between the prerendered camera positions
ELEVATION_OFFSETS = (0, 30)    # the scene's elevation and a view from higher up
CAMERAS = 360 // AZIMUTH_STEP * len(ELEVATION_OFFSETS)     # drawn per 3-D panel (at most)


def image_url(rgb: np.ndarray, fmt: str = "PNG") -> str:
    """A data URL of an image (RGB or RGBA): lossless PNG for the static layer and the images of
    single artists, WebP for camera crops."""
    from PIL import Image
    buf = io.BytesIO()
    im = Image.fromarray(rgb)
    if fmt == "WEBP":
        im.save(buf, "WEBP", quality=50, method=0)
    else:
        im.save(buf, "PNG", compress_level=6)
    mime = "image/webp" if fmt == "WEBP" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(buf.getvalue()).decode()}"


def explorer_data(job, layers) -> dict:
    """Everything the page needs, as JSON-able data (see the module docstring); ``layers``: the
    figure's static and moving layers (gdanim.rendering.layers.Layers)."""
    scene, canvas = job.scene, layers.canvas
    swept = scene.swept_labels
    with layers.apart(job.frames[-1].step if job.frames else 0):
        width, height = layers.size
        capture = Capture(layers.fig, canvas)
        for a in layers.lifted:         # drawn above a moving artist, but not by the page: an image
            if not drawable(a):
                capture.sprite(a, lambda rgba: image_url(rgba))
        background = image_url(layers.static_rgb())
        cameras3d = [camera_grid(ax) for ax in capture.axes3d]
        views3d = [render_views(ax, grid, canvas, capture) for ax, grid in zip(capture.axes3d, cameras3d)]
        variants = [[] for _ in (swept or (None,))]
        same = layers.alike_in_every_run()      # read once a frame, not once a run
        still = {id(a) for a in layers.owned}   # a run's static artists (its start): read once
        focused = layers.focused()              # posed by the chosen run alone: read once a run
        kept: dict = {}
        for f in job.frames:                    # posed once a frame; each variant takes its run's artists
            common, own = by_run(layers.posed_order(f.step), layers.owners, swept)
            memo = {}
            for frames, focus in zip(variants, swept or (None,)):
                layers.focus(focus)

                def memo_of(a, focus=focus, memo=memo):
                    key = id(a)
                    return memo if key in same else kept if key in still else \
                        kept.setdefault(focus, {}) if key in focused else None
                frames.append(capture.frame([a for _, a in heapq.merge(common, own.get(focus, []))], memo_of, f.step))

    fonts = capture.font_faces()            # names the families in the styles: before they are written
    trajectories = job.trajectories
    colors = run_colors(THEMES[scene.theme], scene.runs)      # as the figure colours them
    runs = [{"label": r.label, "color": to_hex(colors[r.label]), "swept": r.swept is not None,
             "loss": [f"{trajectories[r.label].loss[trajectories[r.label].at(f.step)]:.4g}" for f in job.frames],
             **ended(trajectories[r.label], job.frames)}
            for r in scene.runs]
    sweep = None
    if scene.sweep is not None:
        sw = scene.sweep
        if getattr(sw, "chosen", None) is not None:     # two sliders: pair (i, j) is variant i × (b values) + j
            sweep = {"over": list(sw.over), "labels": list(swept), "grid": True,
                     "values": [[axis.value_text(v) for v in axis.values] for axis in sw.axes],
                     "start": list(swept).index(sw.chosen_label)}
        else:
            sweep = {"over": sw.over, "labels": list(swept), "values": [sw.value_text(v) for v in sw.values]}
    return {
        "width": width, "height": height, "background": background,
        "steps": [f.step for f in job.frames], "durations": [round(f.duration, 4) for f in job.frames],
        "total": layers.total, "mode": "loop" if scene.timing.loop == 0 else "once",
        "fonts": fonts, "styles": [json.loads(s) for s in capture.styles], "pools": capture.pools.encoded(),
        "sprites": capture.sprites, **by_use(capture.items, variants), "runs": runs, "sweep": sweep, "views3d": views3d,
    }


def by_use(items: list, variants: list) -> dict:
    """{"items", "variants"} with the items numbered by how often the frames name them, the most
    named first (ties in first use): the drawables every variant shares get the shortest numbers.

    >>> by_use(["a", "b"], [[[0, 1]], [[1]]])
    {'items': ['b', 'a'], 'variants': [[[1, 0]], [[0]]]}
    """
    uses = [0] * len(items)
    for frames in variants:
        for frame in frames:
            for i in frame:
                uses[i] += 1
    order = sorted(range(len(items)), key=lambda i: (-uses[i], i))
    number = {i: k for k, i in enumerate(order)}
    return {"items": [items[i] for i in order],
            "variants": [[[number[i] for i in frame] for frame in frames] for frames in variants]}


def ended(traj, frames) -> dict:
    """{"ends": how the run has ended by each frame ('' while it goes on)}, or nothing for a run
    that never ends early (most of a sweep's hundreds)."""
    ends = [traj.ending(f.step) for f in frames]
    return {"ends": ends} if any(ends) else {}


def by_run(order: list, owners: dict, swept) -> tuple[list, dict]:
    """The artists of ``order`` as (position, artist): those of no swept run, and those of each
    swept run by its label; merged again by position, each variant's in draw order."""
    swept = set(swept)
    common, own = [], {}
    for k, a in enumerate(order):
        owner = owners.get(id(a))
        (own.setdefault(owner, []) if owner in swept else common).append((k, a))
    return common, own


def camera_grid(ax) -> dict:
    """The camera positions a 3-D panel can be turned to: azimuths all round, and the scene's own
    elevation (any of -90° to 90°, from below too) with those higher up, up to straight above."""
    elev0, azim0 = float(ax.elev), float(ax.azim)
    azims = [azim0 + AZIMUTH_STEP * k for k in range(360 // AZIMUTH_STEP)]
    elevs = sorted({elev0, *(min(90.0, elev0 + d) for d in ELEVATION_OFFSETS)})
    return {"elev0": elev0, "azim0": azim0, "azims": azims, "elevs": elevs}


def render_views(ax, grid, canvas, capture) -> dict:
    """The panel drawn from every camera position of its grid: a crop of the figure (the region
    any of them paints) and the projection the page uses for the moving lines."""
    from matplotlib.transforms import Bbox
    renderer = canvas.get_renderer()
    boxes = []                      # where the panel paints, from four cameras (90° apart)
    for e in grid["elevs"][:1]:
        for a in grid["azims"][::max(1, 90 // AZIMUTH_STEP)]:
            ax.view_init(elev=e, azim=a)
            boxes.append(ax.get_tightbbox(renderer))
    box = Bbox.intersection(Bbox.union(boxes).padded(24), ax.figure.bbox)
    h = capture.height
    x0, x1 = max(0, int(np.floor(box.x0))), int(np.ceil(box.x1))
    y0, y1 = max(0, int(np.floor(h - box.y1))), int(np.ceil(h - box.y0))
    images, cameras = [], []
    ax.set_visible(False)           # the rest of the figure once; then only this panel per camera
    canvas.draw()
    rest = canvas.copy_from_bbox(ax.figure.bbox)
    ax.set_visible(True)
    for e in grid["elevs"]:
        for a in grid["azims"]:
            ax.view_init(elev=e, azim=a)
            canvas.restore_region(rest)
            ax.figure.draw_artist(ax)
            rgb = np.asarray(canvas.buffer_rgba())[y0:y1, x0:x1, :3]
            images.append(image_url(np.ascontiguousarray(rgb), "WEBP"))
            cameras.append(capture.camera(ax))
    ax.view_init(elev=grid["elev0"], azim=grid["azim0"])
    default = grid["elevs"].index(grid["elev0"]) * len(grid["azims"])
    return {**grid, "crop": [x0, y0, x1 - x0, y1 - y0], "images": images, "cameras": cameras,
            "default": default, "title": ax.get_title()}


@functools.cache
def asset(name: str) -> str:
    """The page's script or style sheet, read once."""
    return resources.files("gdanim.formats").joinpath("explorer_assets", name).read_text(encoding="utf-8")


def fragment(job, layers, uid: str) -> str:
    """The explorer as an HTML fragment (a notebook output): its container, data and script."""
    data = explorer_data(job, layers)
    alt = alt_text(job.scene, job.trajectories)
    # every < as \u003c: "<!--<script>" in a label would otherwise swallow the page's own script
    payload = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    theme = THEMES[job.scene.theme]           # the page wears the figure's theme
    return (f'<div class="gdanim-explorer" id="{uid}" data-gdanim-explorer '
            f'style="background:{theme.face};color:{theme.text};color-scheme:{"dark" if theme.name == "dark" else "light"}">'
            f'<style>{asset("explorer.css")}</style>'
            f'<figure><canvas width="{data["width"]}" height="{data["height"]}" role="img" '
            f'aria-label="{html.escape(alt)}"></canvas>'
            f'<figcaption class="gx-alt">{html.escape(alt)}</figcaption></figure>'
            f'<script type="application/json" class="gx-data">{payload}</script>'
            f'<script>{asset("explorer.js")}\ngdanimExplorer(document.currentScript.parentElement);</script>'
            f'</div>')


def page(job, layers) -> str:
    """The explorer as a whole HTML document, no network access needed."""
    title = html.escape(job.scene.title)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"generator\" content=\"gdanim explorer\">"      # the gallery page takes no name of it
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; font-src data:; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            f"<title>{title}</title></head><body class=\"gx-page\" style=\"background:{THEMES[job.scene.theme].face}\">"
            f"{fragment(job, layers, 'gdanim-' + job.name)}</body></html>\n")
