"""``.tex``: a beamer deck from the ``beamer`` format's frames and snippets (NAME-frames.pdf,
NAME-frames.tex for the animate package, NAME-frames.timeline) and the ``pdf`` format's stills.
Each slide is a frame of its own, ``lecture-figures/NAME-slide.tex``, to ``\\input`` into a deck
of one's own; ``lecture.tex`` is a standalone document that inputs them all. Titles and notes go
through pylatexenc (Unicode such as η, ∇ or ‖ as LaTeX that pdflatex takes); $…$ stays math."""
from __future__ import annotations

import functools
import re

from gdanim.core.errors import OutputError, UsageError
from gdanim.formats.beamer import fitted
from gdanim.decks.build import megabytes
from gdanim.decks.registry import DeckKind, library, register

MANY_FRAMES = 3000      # animate's frames in one PDF: viewers that play them slow down past this

PREAMBLE = r"""% {name}.tex, written by gdanim: {n} slides, one per scene.
% Compile with pdflatex, twice (animate and beamer settle on the second pass):
%   pdflatex {name}.tex && pdflatex {name}.tex
% Each slide is a frame of its own in {bundle}/NAME-slide.tex: \input it into a deck of yours
% (with \usepackage{{animate}} and {bundle}/ where LaTeX looks for files, as below).
% The animations play in PDF viewers that run JavaScript (Acrobat Reader, Okular); elsewhere and
% in print their last frame shows.
\documentclass[aspectratio={ratio}]{{beamer}}
\usepackage{{animate}}
\usepackage{{graphicx}}
\setbeamertemplate{{navigation symbols}}{{}}
% The speaker notes, beside each slide:
% \setbeameroption{{show notes on second screen=right}}
\makeatletter\def\input@path{{{{{bundle}/}}}}\makeatother
\graphicspath{{{{{bundle}/}}}}
\title{{{title}}}
\date{{}}
\begin{{document}}
"""


# As math, not as textcomp's symbols: beamer's sans font has no Type 1 textcomp (pdflatex would
# fall back on bitmap fonts for ², · or →).
AS_MATH = {**{ord(c): f"\\ensuremath{{^{{{d}}}}}" for d, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
           **{ord(c): f"\\ensuremath{{_{{{d}}}}}" for d, c in enumerate("₀₁₂₃₄₅₆₇₈₉")},
           ord("·"): "\\ensuremath{\\cdot}", ord("×"): "\\ensuremath{\\times}", ord("→"): "\\ensuremath{\\to}",
           ord("°"): "\\ensuremath{^\\circ}", ord("±"): "\\ensuremath{\\pm}"}


@functools.cache
def encoder():
    from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder
    return UnicodeToLatexEncoder(conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, AS_MATH), "defaults"])


def latex_text(text: str) -> str:
    """Text for pdflatex: $…$ kept as math (a scene's titles are matplotlib mathtext), the rest
    escaped, Unicode written as LaTeX.

    >>> latex_text("Rate 1.08 on $f(w) = w^2$: 50% & η")
    'Rate 1.08 on $f(w) = w^2$: 50\\\\% \\\\& \\\\ensuremath{\\\\eta}'

    Straight double quotes become TeX's opening and closing quotes, and a root of a number (√2)
    math:

    >>> print(latex_text('the "7" of √2'))
    the {\\textquotedblleft}7{\\textquotedblright} of $\\sqrt{2}$
    """
    parts = re.split(r"(?<!\\)(\$[^$]*(?<!\\)\$)", text)
    return "".join(p if p.startswith("$") and p.endswith("$") and len(p) > 1 and tex_safe_math(p) else plain_latex(p)
                   for p in parts)


# TeX that mathtext takes but that would do more than typeset, unescaped: a comment, a macro
# parameter, an alignment tab (and, below, ^^: a character by its code, ^^5c a backslash)
UNSAFE_IN_MATH = re.compile(r"[%#&]")


def tex_safe_math(math: str) -> bool:
    """Does ``math`` ($…$, whole) go into the .tex as it is? Only what mathtext parses, as one
    string (no line break), whose every control word is one of mathtext's own names (mathtext
    takes \\text{\\input{x}}; pdflatex would read the file), with no comment, parameter, tab or
    ^^. Anything else is written as text, its backslashes shown, never run.

    >>> tex_safe_math(r"$\\nabla f(w) = \\frac{1}{2}$"), tex_safe_math(r"$\\text{\\input{/etc/passwd}}$")
    (True, False)
    >>> tex_safe_math("$a\\n\\\\write18{ls}$"), tex_safe_math(r"$x^^5cinput$")
    (False, False)
    """
    if (UNSAFE_IN_MATH.search(re.sub(r"\\[^A-Za-z]", "", math)) or "^^" in math
            or any(ord(c) < 32 or ord(c) == 127 for c in math)
            or not all(n in mathtext_names() for n in re.findall(r"\\([A-Za-z]+)", math))):
        return False
    from matplotlib.mathtext import MathTextParser
    try:
        MathTextParser("path").parse(math)
    except ValueError:
        return False
    return True


@functools.cache
def mathtext_names() -> frozenset:
    """The control words mathtext knows: its symbols, fonts, functions, accents, delimiters and
    commands."""
    from gdanim.core import compat
    names = compat.mathtext_words()
    names |= set("hspace phantom llap rlap frac dfrac binom genfrac sqrt overline underline overset underset text "
                 "substack operatorname boldsymbol left right middle mathdefault".split())
    return frozenset(n.lstrip("\\") for n in names if re.fullmatch(r"\\?[A-Za-z]+", n))


def plain_latex(text: str) -> str:
    """Text outside $…$ for pdflatex: escaped by pylatexenc, with a root of a number as math."""
    pieces = re.split(r"√(\d+(?:\.\d+)?)", re.sub(r'"([^"]*)"', "“\\1”", text.replace("\\$", "$")))
    return "".join(f"$\\sqrt{{{p}}}$" if k % 2 else encoder().unicode_to_latex(p) for k, p in enumerate(pieces))


def notes_latex(notes) -> str:
    said = [latex_text(notes.description)] if notes.description else []
    if notes.source:
        said.append(f"Source: {latex_text(notes.source)}")
    if notes.runs:
        said.append("How the runs ended:\\begin{itemize}" + "".join(f"\\item {latex_text(r)}" for r in notes.runs)
                    + "\\end{itemize}")
    return "\\par\n    ".join(said)


@register
class Beamer(DeckKind):
    suffix = ".tex"
    purpose = "beamer (pdflatex): animate's frames, a standalone document and a frame file per slide"
    presets = {"16:9": "beamer", "4:3": "beamer-4:3"}
    bundle_suffix = "-figures"
    still_formats, moving_formats = ("pdf",), ("beamer",)

    def check(self, options):
        library("pylatexenc", "pylatexenc", "a .tex deck")        # before anything renders
        for flag, given in (("--gif", options.gif), ("--explorer", options.explorer)):
            if given:
                raise UsageError(f"{flag} does not apply to a beamer deck (.tex)")

    def check_target(self, target):
        """The deck's name goes into the .tex (its bundle is where LaTeX looks for files): a
        name that TeX reads as code (a % starts a comment, # a parameter) would not compile."""
        from pathlib import Path
        stem = Path(target).stem
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", stem):
            raise OutputError(f"{target}: a beamer deck's name goes into its .tex, where TeX would read "
                              f"{''.join(sorted(set(re.sub(r'[A-Za-z0-9_.-]', '', stem)))) or stem[:1]!r} as code: "
                              f"name it with letters, digits, '_', '-' and '.' only")

    def write(self, deck):
        bundle = deck.temp_dir(deck.bundle)
        inputs = []
        for slide in deck.slides:
            shown = slide.files("beamer") if slide.animated else [slide.file("pdf")]
            for f in shown:
                deck.copy(f, bundle)
            inputs.append(f"\\input{{{slide.name}-slide.tex}}")
            deck.write_text(bundle / f"{slide.name}-slide.tex", self.frame(slide))
        if deck.options.title:                  # a title asked for: a title page first
            inputs.insert(0, "\\begin{frame}\n  \\titlepage\n\\end{frame}")
        ratio = "169" if deck.options.aspect == "16:9" else "43"
        head = PREAMBLE.format(name=deck.target.stem, n=len(deck.slides), bundle=deck.bundle, ratio=ratio,
                               title=latex_text(deck.title))
        deck.write_text(deck.temp(deck.target.name), head + "\n".join(inputs) + "\n\\end{document}\n")

    @staticmethod
    def frame(slide) -> str:
        """One beamer frame: the scene's title, its animation (the beamer format's snippet) or
        still, and the speaker notes."""
        w_in, h_in = slide.scene.figsize
        shown = (f"\\input{{{slide.name}-frames.tex}}" if slide.animated
                 else f"\\includegraphics[{fitted(w_in * 2.54, h_in * 2.54)}]{{{slide.name}.pdf}}")
        return (f"% {slide.name}-slide.tex, written by gdanim: the slide of {slide.name}\n"
                f"\\begin{{frame}}{{{latex_text(slide.scene.title)}}}\n  \\centering\n  {shown}\n"
                f"  \\note{{{notes_latex(slide.notes)}}}\n\\end{{frame}}\n")

    def warnings(self, deck, size):
        frames = sum(s.frames for s in deck.slides)
        if frames > MANY_FRAMES:
            return [f"{deck.target}: {frames} animation frames ({megabytes(size)}); PDF viewers that play animate's "
                    f"animations slow down with thousands of vector frames: Timing(every=...) or --max-frames "
                    f"shows fewer"]
        return []
