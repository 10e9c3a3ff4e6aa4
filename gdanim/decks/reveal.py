"""``.html``: a reveal.js deck that works offline. reveal.js comes from the npm registry through
the project's set-up (``make reveal`` puts the version pinned in js/package-lock.json into
gdanim/vendor/reveal.js, which ships with the package) and is copied into the folder beside the
deck (``lecture_files/``) with every video and poster, so the deck folder needs nothing else: no
CDN, no fonts from the web (the themes used embed theirs). One slide per scene: its title, the MP4
autoplaying muted and looping (loaded when its slide comes near), or the interactive explorer
(the ``html`` format's NAME.html) where asked; speaker notes for reveal.js's speaker view (S)."""
from __future__ import annotations

import html
import os
from pathlib import Path

from gdanim import formats
from gdanim.core.errors import MissingLibrary, OutputError, UsageError
from gdanim.decks.build import fit
from gdanim.decks.registry import DeckKind, register

VENDORED = Path(__file__).resolve().parent.parent / "vendor" / "reveal.js"
ENV = "GDANIM_REVEAL_JS"         # a reveal.js folder of one's own (npm's node_modules/reveal.js)
FILES = ("reveal.js", "reveal.css", "theme/white.css", "theme/black.css", "plugin/notes.js")
SLIDE_PX = {"16:9": (1280, 720), "4:3": (1024, 768)}      # reveal.js's logical slide size
PX_PER_INCH, TITLE_PX = 100, 130
CONTROLS_PX, PAGE_PX = 96, 24      # the explorer's controls (two rows, three with a sweep) and its page margins
EXPLORER = "html"                # the format that writes NAME.html, the interactive explorer

STYLE = """.reveal h2{font-size:1.3em;margin:0 0 .3em;text-transform:none}
.reveal section video,.reveal section img,.reveal section iframe{display:block;margin:0 auto;border:0}"""


def reveal_js() -> Path:
    """The reveal.js files: ``$GDANIM_REVEAL_JS`` (a folder as npm installs it, or its ``dist``),
    else the copy shipped in gdanim/vendor/reveal.js; a one-line error if neither is there."""
    own = os.environ.get(ENV)
    for folder in ([Path(own), Path(own) / "dist"] if own else [VENDORED]):
        if all((folder / f).is_file() for f in FILES):
            return folder
    where = f"${ENV} ({own})" if own else str(VENDORED)
    raise MissingLibrary(f"reveal.js is not installed in {where}: run `make reveal` (npm ci, from the npm registry), "
                         f"or set {ENV} to a folder from `npm install reveal.js`")


def license_of(folder: Path) -> Path | None:
    for candidate in (folder / "LICENSE", folder.parent / "LICENSE"):
        if candidate.is_file():
            return candidate
    return None


@register
class Reveal(DeckKind):
    suffix = ".html"
    purpose = "reveal.js, offline: videos autoplaying muted and looping, or the interactive explorer"

    def formats(self, name, scene, options):
        return super().formats(name, scene, options) + ((EXPLORER,) if name in options.explorer else ())

    def check(self, options):
        reveal_js()
        if options.gif:
            raise UsageError("--gif applies to .pptx decks (for Google Slides); a reveal.js deck plays the MP4")
        if options.explorer and EXPLORER not in formats.names():
            raise OutputError(f"--explorer needs the '{EXPLORER}' format (NAME.html, the interactive explorer), "
                              f"which this gdanim does not have; formats: {', '.join(formats.names())}")

    def write(self, deck):
        bundle = deck.temp_dir(deck.bundle)
        self.copy_reveal(deck, bundle)
        sections = []
        for slide in deck.slides:
            media = [slide.file("png")] if not slide.animated else [slide.file("mp4"), slide.file("png")]
            if slide.name in deck.options.explorer:
                media.append(slide.file(EXPLORER))
            for f in media:
                deck.copy(f, bundle)
            sections.append(self.section(slide, deck))
        if deck.options.title:                  # a title asked for: a title slide first ('_' starts no scene's name)
            sections.insert(0, f'<section id="_title"><h1>{html.escape(deck.options.title)}</h1></section>')
        theme = "black" if deck.slides and all(s.scene.theme == "dark" for s in deck.slides) else "white"
        width, height = SLIDE_PX[deck.options.aspect]
        e, base = html.escape, f"{deck.bundle}/reveal"
        page = (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{e(deck.title)}</title>\n<link rel="icon" href="data:,">\n'
            f'<link rel="stylesheet" href="{e(base)}/reveal.css">\n'
            f'<link rel="stylesheet" href="{e(base)}/theme/{theme}.css">\n<style>{STYLE}</style>\n</head>\n'
            '<body><div class="reveal"><div class="slides">\n' + "\n".join(sections) + "\n</div></div>\n"
            f'<script src="{e(base)}/reveal.js"></script>\n<script src="{e(base)}/plugin/notes.js"></script>\n'
            f"<script>Reveal.initialize({{width: {width}, height: {height}, hash: true, plugins: [RevealNotes]}});"
            "</script>\n</body></html>\n"
        )
        deck.write_text(deck.temp(deck.target.name), page)

    @staticmethod
    def copy_reveal(deck, bundle: Path) -> None:
        source = reveal_js()
        for f in FILES:
            (bundle / "reveal" / f).parent.mkdir(parents=True, exist_ok=True)
            deck.copy(source / f, (bundle / "reveal" / f).parent)
        if license_of(source):
            deck.copy(license_of(source), bundle / "reveal")

    @staticmethod
    def section(slide, deck) -> str:
        """One slide: the title, the media at the figure's size (scaled down to fit), the notes."""
        e, folder = html.escape, deck.bundle
        width, height = SLIDE_PX[deck.options.aspect]
        w, h = (round(x * PX_PER_INCH) for x in fit(slide.scene.figsize, (width - 40) / PX_PER_INCH,
                                                    (height - TITLE_PX) / PX_PER_INCH))
        src = lambda fmt: f"{folder}/{slide.file(fmt).name}"      # noqa: E731
        alt, size = e(slide.notes.alt), f'width="{w}" height="{h}"'
        if slide.name in deck.options.explorer:
            # the figure made smaller to leave room for the explorer's controls under it, inside the frame
            w, h = (round(x * PX_PER_INCH) for x in fit(slide.scene.figsize, (width - 40 - PAGE_PX) / PX_PER_INCH,
                                                        (height - TITLE_PX - CONTROLS_PX - PAGE_PX) / PX_PER_INCH))
            media = (f'<iframe src="{e(src(EXPLORER))}" width="{w + PAGE_PX}" height="{h + PAGE_PX + CONTROLS_PX}" '
                     f'title="{alt}" data-preload></iframe>')
        elif slide.animated:
            media = (f'<video data-autoplay loop muted playsinline {size} poster="{e(src("png"))}" aria-label="{alt}">'
                     f'<source data-src="{e(src("mp4"))}" type="video/mp4"></video>')
        else:
            media = f'<img src="{e(src("png"))}" {size} alt="{alt}">'
        notes = slide.notes
        aside = [f"<p>{e(notes.description)}</p>"] if notes.description else []
        if notes.source:
            aside.append(f"<p>Source: {e(notes.source)}</p>")
        if notes.runs:
            aside.append("<p>How the runs ended:</p><ul>" + "".join(f"<li>{e(r)}</li>" for r in notes.runs) + "</ul>")
        return (f'<section id="{e(slide.name)}"><h2>{e(slide.scene.title)}</h2>{media}'
                f'<aside class="notes">{"".join(aside)}</aside></section>')
