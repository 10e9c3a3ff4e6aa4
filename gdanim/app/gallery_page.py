"""``output/index.html`` (``gdanim gallery``): one card per scene, its animations playing (every
format with ``media="animation"``: the GIF and the MP4), links to every file any registered format
wrote for it, and its one-line description. Only files that exist are linked; the page has no
scripts and no time stamps, so the same outputs give the same bytes."""
from __future__ import annotations

import html
import re
from pathlib import Path

from gdanim import formats

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#222}
header{padding:1.2rem 2rem;background:#1f3b73;color:#fff}
header h1{margin:0;font-size:1.5rem} header p{margin:.3rem 0 0;opacity:.85}
main{display:grid;gap:1.2rem;padding:1.2rem 2rem;grid-template-columns:1fr}
article{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1rem 1.2rem}
article h2{margin:0 0 .2rem;font-size:1.15rem} article h2 code{font-size:.9rem;color:#555;margin-left:.5rem}
article p{margin:.2rem 0 .8rem}
.media{display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:start}
figure{margin:0} figcaption{font-size:.8rem;color:#555;margin-top:.2rem}
img,video{width:100%;height:auto;border:1px solid #ddd;border-radius:4px;background:#fff}
nav a{margin-right:.9rem;font-size:.9rem}
.missing{color:#a00}
.source{font-size:.85rem;color:#555;margin-top:-.5rem}
"""


def main_file(fmt, name: str) -> str:
    """The file a format writes for scene ``name`` (its first output)."""
    return fmt.outputs(name)[0][0]


# What a format of one's own may put into the page: media elements and their plain attributes
MEDIA_TAGS = frozenset("img video audio source track picture".split())
MEDIA_ATTRS = frozenset("src srcset alt title width height poster controls autoplay loop muted playsinline preload "
                        "type kind label srclang class".split())


def safe_embed(markup: str) -> str:
    """A plug-in format's embed() as the page shows it: its media elements (img, video, …) with
    their plain attributes, links to files or data: media only; any other markup (a script, an
    event handler, an iframe) written as text, never run.

    >>> safe_embed('<img src="a.png" onerror="alert(1)"><script>alert(2)</script>')
    '<img src="a.png">&lt;script&gt;alert(2)&lt;/script&gt;'
    >>> safe_embed('<video src="javascript:alert(1)" controls></video>')
    '<video controls></video>'
    """
    from html.parser import HTMLParser
    e, kept = html.escape, []

    def attrs(pairs) -> str:
        said = []
        for key, value in pairs:
            if key not in MEDIA_ATTRS:
                continue
            if key in ("src", "srcset", "poster") and value is not None and re.match(
                    r"\s*[a-z][a-z0-9+.-]*:", value, re.I) and not re.match(r"\s*data:(image|video|audio)/", value, re.I):
                continue                    # javascript:, http: … (the page fetches nothing but its files)
            said.append(f" {key}" if value is None else f' {key}="{e(value)}"')
        return "".join(said)

    class Keeper(HTMLParser):
        def handle_starttag(self, tag, pairs):
            kept.append(f"<{tag}{attrs(pairs)}>" if tag in MEDIA_TAGS else e(self.get_starttag_text()))

        def handle_startendtag(self, tag, pairs):
            kept.append(f"<{tag}{attrs(pairs)}>" if tag in MEDIA_TAGS else e(self.get_starttag_text()))

        def handle_endtag(self, tag):
            kept.append(f"</{tag}>" if tag in MEDIA_TAGS - {"img", "source", "track"} else e(f"</{tag}>"))

        def handle_data(self, data):
            kept.append(e(data, quote=False))

        def handle_comment(self, data):
            kept.append(e(f"<!--{data}-->", quote=False))

        def unknown_decl(self, data):
            kept.append(e(data, quote=False))

    parser = Keeper(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    return "".join(kept)


def embedded(fmt, src: str, alt: str, attrs: str = "") -> str:
    """``fmt``'s embed of ``src``: gdanim's own as it is, a plug-in's through ``safe_embed``."""
    markup = fmt.embed(src, alt, attrs)
    return markup if type(fmt).__module__.startswith("gdanim.") else safe_embed(str(markup))


def card(name: str, scene, out: Path, path: Path | None = None) -> str:
    e = html.escape
    title, description = scene.title, scene.description
    has = lambda f: (out / f).exists()      # noqa: E731
    registered = [formats.get(n) for n in formats.names()]
    alt_file = main_file(formats.get("alt"), name)
    alt = (out / alt_file).read_text(encoding="utf-8").strip() if has(alt_file) else title
    width = ' width="640"'
    present = [f for f in registered if f.media and has(main_file(f, name))]
    stills = [f for f in present if f.media == "still"]
    poster = f' poster="{e(main_file(stills[0], name))}"' if stills else ""
    media = []
    for f in present:
        if f.media == "animation":
            attrs = width + (poster if f.mime.startswith("video/") else "")
            media.append(f'<figure>{embedded(f, main_file(f, name), alt, attrs)}'
                         f'<figcaption>{e(f.name.upper())}: {e(f.purpose)}</figcaption></figure>')
    if not media and stills:
        media.append(f'<figure>{embedded(stills[0], main_file(stills[0], name), alt, width)}'
                     f'<figcaption>still</figcaption></figure>')
    links = [(file, text) for f in registered for file, text in f.outputs(name, scene.stills)
             if text is not None and has(file)]
    render = f"gdanim render {path or name + '.py'} --out {out}"
    body = "".join(media) if media else f'<p class="missing">not rendered yet: <code>{e(render)}</code></p>'
    nav = " ".join(f'<a href="{e(f)}">{e(label)}</a>' for f, label in links)
    source = f'<p class="source">From {e(scene.source)}</p>' if scene.source else ""
    return (f'<article id="{e(name)}"><h2>{e(title)}<code>{e(name)}</code></h2><p>{e(description)}</p>{source}'
            f'<div class="media">{body}</div><nav>{nav}</nav></article>')


PAGE = "index.html"
MARK = '<meta name="generator" content="gdanim {}">'       # what made a page: "gallery", "explorer"
MADE_BY = re.compile(r'<meta name="generator" content="gdanim (\w+)">')
# pages made before they were marked: the explorer's body, the gallery's header
UNMARKED = (('<body class="gx-page"', "explorer"), ("<body><header><h1>", "gallery"))


def made_by(page: Path) -> str | None:
    """Which of gdanim's pages ``page`` is ("gallery", "explorer"), read from its head; None for
    one it did not make, or no file."""
    try:
        with open(page, "rb") as fh:
            head = fh.read(65536).decode("utf-8", "replace")
    except OSError:
        return None
    found = MADE_BY.search(head[:1024])
    return found.group(1) if found else next((what for mark, what in UNMARKED if mark in head), None)


def over_the_gallery(path: Path, files, out: Path) -> str | None:
    """Why the files a render of the scene ``path`` writes into ``out`` would replace the gallery
    page there (``index.html`` of a scene named index), or None."""
    page = Path(out) / PAGE
    if PAGE in files and made_by(page) == "gallery":
        return (f"{path}: its html file would be {page}, which is the gallery page there (gdanim gallery), and one "
                f"would replace the other: rename the scene, or render it into another folder")
    return None


def broken(name: str, error) -> str:
    """The card of a scene file that does not load: its one-line error, where its figure would be."""
    e = html.escape
    return (f'<article id="{e(name)}"><h2>{e(name)}<code>{e(name)}</code></h2>'
            f'<p class="missing">gdanim: error: {e(" ".join(str(error).split()))}</p></article>')


def write_index(scene_dir: Path, out: Path, heading: str = "gdanim figures", failed=None) -> Path:
    """Write ``out/index.html`` for every scene file in ``scene_dir``; returns its path. A scene
    file that does not load gets a card with its error, and the error is appended to ``failed``
    (a list), so the page of the others is still written."""
    from gdanim.encode.text_files import write_text
    from gdanim.core.errors import GdanimError
    from gdanim.app.loader import load, scene_files
    from gdanim.runtime.transaction import Transaction, output_dir
    from gdanim.core.errors import OutputError
    cards = []
    paths = scene_files(scene_dir)
    for path in paths:                  # the page's own name is no scene's file (index.py's explorer)
        for fmt in (formats.get(n) for n in formats.names()):
            if PAGE in (f for f, _ in fmt.outputs(path.stem)):
                raise OutputError(f"{path}: its {fmt.name} file would be {Path(out) / PAGE}, the gallery "
                                  f"page's own name, and one would replace the other: rename the scene")
    if made_by(Path(out) / PAGE) == "explorer":          # rendered from a scene named index elsewhere
        raise OutputError(f"{Path(out) / PAGE} is the explorer of a scene named index, and the gallery page would "
                          f"replace it: rename the scene and render it again, or write the gallery into another "
                          f"folder (--out)")
    for path in paths:
        try:
            scene = load(path)
        except GdanimError as exc:
            if failed is None:
                raise
            failed.append(exc)
            cards.append(broken(path.stem, exc))
            continue
        cards.append(card(path.stem, scene, Path(out), path))
    page = (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">{MARK.format("gallery")}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(heading)}</title><link rel="icon" href="data:,"><style>{STYLE}</style></head>\n'
        f'<body><header><h1>{html.escape(heading)}</h1><p>{len(cards)} scenes from '
        f'<code>{html.escape(str(scene_dir))}</code>. Each plays in the animation formats rendered for it; the '
        'links give the stills, the beamer frames and the alt text.</p></header>\n<main>\n' + "\n".join(cards) + "\n</main></body></html>\n"
    )
    out = Path(out)
    with output_dir(out):
        txn = Transaction(out)
        try:
            write_text(txn.temp(PAGE), page)
            return txn.commit()[0]
        except BaseException:
            txn.abort()                 # no temporary left, so the folders made for it go too
            raise
