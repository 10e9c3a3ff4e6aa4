"""``.pptx``: a PowerPoint deck through python-pptx. One slide per scene: its title, the MP4
starting by itself and looping (PowerPoint's own timing XML, which python-pptx does not write),
the PNG still as the video's poster frame (what shows before it plays, and in print and PDF), the
alt text on the media, and speaker notes. ``--gif`` puts the GIF in instead, for Google Slides,
which plays GIFs but not videos from a .pptx. The zip is rewritten with fixed time stamps and
fixed document dates, so the same scenes give the same bytes."""
from __future__ import annotations

import io
import zipfile

from gdanim.core.errors import UsageError
from gdanim.declare.scene import SIZES
from gdanim.declare.style import THEMES, rc
from gdanim.runtime.transaction import os_error
from gdanim.decks.build import fit, megabytes, pixels
from gdanim.decks.registry import DeckKind, library, register

EMU_PER_INCH = 914400
SLIDES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}      # PowerPoint's own sizes, in EMU
MARGIN, TITLE_TOP, TITLE_HEIGHT = 0.4, 0.25, 1.0                       # inches
ZIP_TIME = (1980, 1, 1, 0, 0, 0)                                       # the zip format's first day
STORED = (".mp4", ".gif", ".png", ".jpeg", ".jpg")                     # compressed already

# Start: Automatically and Loop until Stopped, as PowerPoint writes them: the media call starts
# with the slide (afterEffect, on the main sequence's begin) and the media node repeats forever.
AUTOPLAY_LOOP = """<p:timing {ns}><p:tnLst><p:par>
<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
 <p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
  <p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>
    <p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst>
   <p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
    <p:par><p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold" nodeType="afterEffect">
     <p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
      <p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr><p:cTn id="6" dur="{ms}" fill="hold"/>
       <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl></p:cBhvr></p:cmd>
     </p:childTnLst></p:cTn></p:par>
   </p:childTnLst></p:cTn></p:par>
  </p:childTnLst></p:cTn></p:par>
 </p:childTnLst></p:cTn>
 <p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>
 <p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>
 <p:video><p:cMediaNode vol="80000"><p:cTn id="7" repeatCount="indefinite" fill="hold" display="0">
  <p:stCondLst><p:cond delay="indefinite"/></p:stCondLst></p:cTn>
  <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl></p:cMediaNode></p:video>
</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"""

# Where PowerPoint and Google Slides are known to struggle.
FULL_HD = (1920, 1080)
MANY_FULL_HD = 20               # "dozens of full-HD videos": slow to open, to save and to play
LARGE_DECK = 200e6              # bytes: slow to open and save, refused by many mail servers and LMSs
GOOGLE_SLIDES_IMPORT = 100e6    # Google Slides converts a .pptx of at most 100 MB
GOOGLE_SLIDES_IMAGE = 50e6      # and refuses an image over 50 MB


def emu(inches: float) -> int:
    return int(round(inches * EMU_PER_INCH))


def fixed_zip(data: bytes, path) -> None:
    """Rewrite the zip ``data`` into ``path`` with every entry dated ``ZIP_TIME`` and the same
    permissions (python-pptx stamps each with the time it was written); media stored as they
    are, since deflating an MP4 gains nothing and slows PowerPoint down."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_STORED if info.filename.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))


def python_pptx():
    """python-pptx, or a one-line error saying how to install it."""
    return library("pptx", "python-pptx", "a .pptx deck")


@register
class PowerPoint(DeckKind):
    suffix = ".pptx"
    purpose = "PowerPoint (and, with --gif, Google Slides): videos that start by themselves and loop"

    def formats(self, name, scene, options):
        return ("gif", "png") if options.gif and not scene.is_still else super().formats(name, scene, options)

    def check(self, options):
        python_pptx()                           # before anything renders
        if options.explorer:
            raise UsageError("--explorer: a PowerPoint deck cannot hold the interactive explorer; "
                              "it applies to .html decks")

    def write(self, deck):
        pptx = python_pptx()
        import datetime
        prs = pptx.Presentation()
        prs.slide_width, prs.slide_height = SLIDES[deck.options.aspect]
        if deck.options.title:                  # a title asked for: a title slide first
            self.add_title_slide(prs, deck.options.title)
        for slide in deck.slides:
            self.add_slide(prs, slide, deck)
        props = prs.core_properties
        props.title, props.author, props.last_modified_by, props.revision = deck.title, "gdanim", "gdanim", 1
        props.comments = f"{len(deck.slides)} slides written by gdanim"
        props.created = props.modified = props.last_printed = datetime.datetime(*ZIP_TIME)
        buffer = io.BytesIO()
        prs.save(buffer)
        try:
            fixed_zip(buffer.getvalue(), deck.temp(deck.target.name))
        except OSError as exc:
            raise os_error(exc, deck.target) from None

    @staticmethod
    def add_title_slide(prs, title: str) -> None:
        """The "Title Slide" layout with the deck's title across the slide's middle (the template's
        box is placed for 4:3), its empty subtitle box removed."""
        from pptx.enum.text import PP_ALIGN
        page = prs.slides.add_slide(prs.slide_layouts[0])
        box = page.shapes.title
        box.left, box.width = emu(MARGIN), prs.slide_width - 2 * emu(MARGIN)
        box.top, box.height = int(prs.slide_height * 0.35), int(prs.slide_height * 0.25)
        box.text = title
        for paragraph in box.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
        for placeholder in list(page.placeholders):
            if placeholder.placeholder_format.idx != 0:
                placeholder.element.getparent().remove(placeholder.element)

    def add_slide(self, prs, slide, deck):
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt
        page = prs.slides.add_slide(prs.slide_layouts[5])              # "Title Only": a real slide title
        width, height = prs.slide_width / EMU_PER_INCH, prs.slide_height / EMU_PER_INCH
        style = rc(THEMES[slide.scene.theme], SIZES[slide.scene.size][1])
        title = page.shapes.title
        title.left, title.top, title.width, title.height = (emu(MARGIN), emu(TITLE_TOP), emu(width - 2 * MARGIN),
                                                            emu(TITLE_HEIGHT))
        title.text = slide.scene.title
        for paragraph in title.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT                     # as the figure's own title
            for run in paragraph.runs:
                run.font.size, run.font.name = Pt(style["figure.titlesize"]), style["font.family"]
        left, top, w, h = self.media_box(slide.scene.figsize, width, height)
        if not slide.animated or deck.options.gif:
            shown = slide.file("png" if not slide.animated else "gif")
            media = page.shapes.add_picture(str(shown), left, top, w, h)
        else:
            media = page.shapes.add_movie(str(slide.file("mp4")), left, top, w, h,
                                          poster_frame_image=str(slide.file("png")), mime_type="video/mp4")
            self.autoplay_and_loop(page, media.shape_id, slide.seconds)
        media.name = slide.name
        media.element.nvPicPr.cNvPr.set("descr", slide.notes.alt)
        page.notes_slide.notes_text_frame.text = "\n".join(slide.notes.lines())

    @staticmethod
    def media_box(figsize, width: float, height: float):
        """(left, top, width, height) in EMU: the figure at its own size under the title, centred,
        scaled down only where it would not fit."""
        w, h = fit(figsize, width - 2 * MARGIN, height - (TITLE_TOP + TITLE_HEIGHT + 0.1) - 0.25)
        return emu((width - w) / 2), emu(TITLE_TOP + TITLE_HEIGHT + 0.1), emu(w), emu(h)

    @staticmethod
    def autoplay_and_loop(page, shape_id: int, seconds: float) -> None:
        """Replace the slide's timing (python-pptx's plays on click, once) with PowerPoint's
        autoplay-and-loop timing for the movie ``shape_id``."""
        from pptx.oxml import parse_xml

        from gdanim.core.compat import insert_slide_timing
        from pptx.oxml.ns import nsdecls, qn
        sld = page.element
        for old in sld.findall(qn("p:timing")):
            sld.remove(old)
        insert_slide_timing(sld, parse_xml(AUTOPLAY_LOOP.format(ns=nsdecls("p"), spid=shape_id, ms=int(round(seconds * 1000)))))

    def warnings(self, deck, size):
        said = []
        moving = [s for s in deck.slides if s.animated]
        if deck.options.gif:
            if size > GOOGLE_SLIDES_IMPORT:
                said.append(f"{deck.target}: {megabytes(size)}; Google Slides imports a .pptx of at most "
                            f"{megabytes(GOOGLE_SLIDES_IMPORT)}: lower --dpi, or split the deck")
            big = [s.name for s in moving if s.file("gif").stat().st_size > GOOGLE_SLIDES_IMAGE]
            if big:
                said.append(f"{deck.target}: Google Slides refuses images over {megabytes(GOOGLE_SLIDES_IMAGE)}: "
                            f"{', '.join(big)}; lower --dpi or --max-frames")
            return said
        full_hd = [s for s in moving if all(p >= f for p, f in zip(pixels(s.scene, deck.options.dpi), FULL_HD))]
        if len(full_hd) >= MANY_FULL_HD:
            said.append(f"{deck.target}: {len(full_hd)} full-HD videos; PowerPoint is slow to open, save and play "
                        f"decks with dozens of them: a lower --dpi makes them smaller")
        if size > LARGE_DECK:
            said.append(f"{deck.target}: {megabytes(size)}; PowerPoint opens and saves decks this large slowly, and "
                        f"mail servers and learning platforms often refuse them: lower --dpi, or split the deck")
        return said
