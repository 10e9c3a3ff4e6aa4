"""Scene text from someone else: what it holds goes into a deck, a page or a terminal as text,
never as TeX, script or escape codes that run, and a clash of names is said before anything is
written."""
import re
import shutil
import signal
import subprocess
import textwrap
import warnings
from pathlib import Path

import pytest

from conftest import invoke
from gdanim import errors as E

# TeX that would read a file, write one and run a command when the .tex is compiled: a line break
# inside $…$ in the title, mathtext's \text{} in the description, unknown control words in the source
EVIL = r'''
    from gdanim import Run, Scene, Timing, optimizers, problems, views
    scene = Scene(
        title="Evil $x\n\\input{secret.txt}$ " + "\\immediate\\write18{touch shelled-title}",
        description=r"$\text{\input{secret.txt}}$ then $\immediate\openout5=opened.txt\immediate\write5{x}\immediate\closeout5$",
        source=r"CS 189 $\immediate\write18{touch shelled}$ $x^^5cinput{secret.txt}$",
        problem=problems.ill_conditioned,
        runs=[Run(r"GD $\text{\input{secret.txt}}$", optimizers.gd(0.9), start=(-4, -2), steps=3)],
        views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=4)],
        size=(4, 3), dpi=30, timing=Timing(fps=10, hold_first=0, hold_last=0),
    )
'''


def assert_one_line(result, code, pattern):
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdanim: error: "), result.output
    assert re.search(pattern, lines[0]), lines[0]


def test_scene_text_in_a_beamer_deck_never_runs_as_tex(tmp_path):
    assert shutil.which("pdflatex")
    (tmp_path / "evil.py").write_text(textwrap.dedent(EVIL))
    r = invoke("deck", tmp_path / "evil.py", "-o", tmp_path / "d.tex", "--renders", tmp_path / "renders",
               "--max-frames", 3)
    assert r.exit_code == 0, r.output
    (tmp_path / "secret.txt").write_text("TOPSECRET\n")
    tex = tmp_path / "d.tex"          # the notes shown too, where description, source and runs are
    tex.write_text(tex.read_text().replace("% \\setbeameroption{show notes", "\\setbeameroption{show notes"))
    done = subprocess.run(["pdflatex", "-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "d.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    made = {p.name for p in tmp_path.iterdir()}
    assert not made & {"opened.txt", "shelled", "shelled-title"}, made
    assert "secret.txt" not in re.findall(r"\(\./([^\s)]+)", (tmp_path / "d.log").read_text(errors="replace"))
    text = subprocess.run(["pdftotext", "d.pdf", "-"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "TOPSECRET" not in text and "input" in text                      # shown as text, not run


LABEL = "<!--<script>"
SWALLOWING = f'''
    from gdanim import Run, Scene, Timing, optimizers, problems, views
    scene = Scene(title="Hostile label", problem=problems.parabola,
        runs=[Run({LABEL!r}, optimizers.gd(0.3), start=2, steps=4), Run("</script><b>x", optimizers.gd(0.1), start=2, steps=4)],
        views=[views.Curve1D(xlim=(-3, 3))], size=(4, 3), dpi=40, timing=Timing(fps=10, hold_first=0, hold_last=0))
'''


def test_a_label_that_opens_a_comment_or_closes_the_script_leaves_the_explorer_working(tmp_path):
    from browser import Chromium
    from test_explorer import Page
    (tmp_path / "hostile.py").write_text(textwrap.dedent(SWALLOWING))
    r = invoke("render", tmp_path / "hostile.py", "--out", tmp_path, "--format", "html")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "hostile.html").read_text()
    data = page.split('class="gx-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data                                        # every < of the JSON is \u003c
    b = Chromium(800, 600)
    try:
        b.open((tmp_path / "hostile.html").as_uri())
        assert b.evaluate("!!document.querySelector('.gdanim-explorer').gdanim")      # its script ran
        page = Page(b, tmp_path / "hostile.html")
        assert page.state("pos") == 4 and page.readout() == "step 4 / 4"
        page.key(".gx-step", "\ue011")                    # Home on the scrubber
        assert page.state("pos") == 0 and page.readout() == "step 0 / 4"
        page.press("\ue014")                              # → on the figure
        assert page.state("pos") == 1
        chips = b.evaluate("[...document.querySelectorAll('.gx-loss')].map(c => c.textContent)")
        assert chips == [f"{LABEL}: loss 1.64", "</script><b>x: loss 3.56"], chips      # the labels as written
        assert b.evaluate("document.querySelectorAll('.gx-loss b').length") == 0
        assert b.problems() == []
    finally:
        b.close()


ESCAPING_FORMAT = '''
from gdanim.formats import Format, Writer, register


class Out(Writer):
    def __init__(self, job):
        self.job = job

    def finish(self):
        self.job.temp({where!r}).write_text("pwned")


@register
class Escaping(Format):
    name, consumes, purpose = "escaping", "nothing", "writes where it should not"
    media, mime = "still", "image/png"
    files = (("{{name}}.esc.png", "escaping"),)
    writer_class = Out

    def embed(self, src, alt, attrs=""):
        return f'<img src="{{src}}" alt="{{alt}}" onerror="alert(1)"{{attrs}}><script>alert(2)</script>'
'''
PLUGGED = """import _escaping  # noqa: F401
from gdanim import Run, Scene, optimizers, problems, views
scene = Scene(title='t', problem=problems.parabola,
              runs=[Run('GD', optimizers.gd(0.3), start=2, steps=3)], views=[views.Curve1D()])
"""


@pytest.mark.parametrize("where", ["../outside.txt", "ABSOLUTE", "sub/../../outside.txt", ""])
def test_a_format_of_ones_own_cannot_write_outside_the_output_folder(tmp_path, where):
    absolute = tmp_path / "elsewhere" / "outside.txt"           # an absolute path of this test's own, not a shared /tmp one
    absolute.parent.mkdir()
    where = str(absolute) if where == "ABSOLUTE" else where
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "_escaping.py").write_text(ESCAPING_FORMAT.format(where=where))
    (tmp_path / "scenes" / "fig.py").write_text(PLUGGED)
    out = tmp_path / "out"
    out.mkdir()
    (out / "fig.png").write_bytes(b"earlier")
    r = invoke("render", tmp_path / "scenes" / "fig.py", "--out", out, "--format", "png,escaping")
    assert_one_line(r, E.EXIT_INVALID, r"_escaping\.py:10: a format asked for a file named " + re.escape(repr(where))
                    + r": .*only into the output folder")
    assert not (tmp_path / "outside.txt").exists() and not absolute.exists()
    assert sorted(p.name for p in out.iterdir()) == ["fig.png"] and (out / "fig.png").read_bytes() == b"earlier"


def test_a_format_of_ones_own_cannot_put_a_script_into_the_gallery_page(tmp_path):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "_escaping.py").write_text(ESCAPING_FORMAT.format(where="x"))
    (scenes / "fig.py").write_text(PLUGGED)
    out = tmp_path / "out"
    out.mkdir()
    (out / "fig.esc.png").write_bytes(b"\x89PNG")
    r = invoke("gallery", scenes, "--out", out)
    assert r.exit_code == 0, r.output
    page = (out / "index.html").read_text()
    card = page.split('<article id="fig">', 1)[1].split("</article>", 1)[0]
    assert "<script" not in card and "onerror" not in card.replace("&lt;", "<").split("<img", 1)[1].split(">", 1)[0]
    assert '<img src="fig.esc.png" alt="t" width="640">' in card and "&lt;script&gt;alert(2)&lt;/script&gt;" in card


def scene_with(**texts):
    texts = {"title": "'t'", **texts}
    given = ", ".join(f"{k}={v}" for k, v in texts.items())
    return ("from gdanim import Run, Scene, optimizers, problems, views\n"
            f"scene = Scene(problem=problems.parabola, {given},\n"
            "              runs=[Run('GD', optimizers.gd(0.3), start=2, steps=3)], views=[views.Curve1D()])\n")


@pytest.mark.parametrize("field, value, said", [
    ("source", r"'CS 189 \x1b]0;owned\x07'", r"source 'CS 189 \\x1b\]0;owned\\x07' holds a control character \('\\x1b'\)"),
    ("description", r"'clear \x1b[2J screen'", r"description 'clear \\x1b\[2J screen' holds a control character"),
    ("title", r"'CSI \x9b31m red'", r"title 'CSI \\x9b31m red' holds a control character \('\\x9b'\)"),
    ("description", r"'del \x7f'", r"description 'del \\x7f' holds a control character"),
])
def test_terminal_escapes_in_scene_text_are_refused_at_load(tmp_path, field, value, said):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "fig.py").write_text(scene_with(**{field: value}))
    out = tmp_path / "out"
    r = invoke("render", scenes / "fig.py", "--out", out, "--format", "alt")
    assert_one_line(r, E.EXIT_INVALID, re.escape(str(scenes / "fig.py")) + r":2: " + said)
    assert "\x1b" not in r.output and "\x9b" not in r.output and not out.exists()
    listed = invoke("list", scenes)
    assert "\x1b" not in listed.output and "\x9b" not in listed.output and "\x7f" not in listed.output
    assert re.search(r"fig +! .*holds a control character", listed.output), listed.output


@pytest.mark.parametrize("field", ["title", "description", "source"])
def test_a_lone_surrogate_is_refused_at_load_and_the_folder_still_lists(tmp_path, field):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "bad.py").write_text(scene_with(**{field: r"'a\ud800b'"}))
    (scenes / "good.py").write_text(scene_with(description="'fine'"))
    r = invoke("render", scenes / "bad.py", "--out", tmp_path / "out", "--format", "alt")
    assert_one_line(r, E.EXIT_INVALID, re.escape(str(scenes / "bad.py")) + rf":2: {field} 'a\\ud800b' holds a lone surrogate")
    listed = invoke("list", scenes)
    assert listed.exit_code != E.EXIT_INTERNAL and re.search(r"good +t", listed.output), listed.output
    g = invoke("gallery", scenes, "--out", tmp_path / "site")
    assert g.exit_code == E.EXIT_INVALID, g.output
    assert '<article id="good">' in (tmp_path / "site" / "index.html").read_text()


def test_labels_that_a_spreadsheet_takes_for_formulas_stay_text_in_the_csv(tmp_path):
    (tmp_path / "fig.py").write_text(
        "from gdanim import Run, Scene, optimizers, problems, views\n"
        "scene = Scene(title='t', problem=problems.parabola, views=[views.Curve1D()],\n"
        "              runs=[Run('=HYPERLINK(\"http://evil\",\"x\")', optimizers.gd(0.3), start=2, steps=1),\n"
        "                    Run('@SUM(A1)', optimizers.gd(0.3), start=2, steps=1),\n"
        "                    Run('+1', optimizers.gd(0.3), start=2, steps=1), Run('GD', optimizers.gd(0.3), start=2, steps=1)])\n")
    r = invoke("trajectory", tmp_path / "fig.py")
    assert r.exit_code == 0, r.output
    rows = [line for line in r.output.splitlines() if line and not line.startswith("gdanim: note")]
    firsts = [row.split(",")[0] for row in rows[1::2]]
    assert rows[1].startswith('"\'=HYPERLINK(""http://evil"",""x"")",0,'), rows[1]
    assert firsts[1:] == ["'@SUM(A1)", "'+1", "GD"], firsts


STILL_FRAMES = """from gdanim import Run, Scene, Timing, optimizers, problems, views
scene = Scene(title='t', problem=problems.parabola, runs=[Run('GD', optimizers.gd(0.3), start=2, steps=3)],
              views=[views.Curve1D()], size=(4, 3), dpi=30, timing=Timing(fps=10, hold_first=0, hold_last=0),
              stills={"frames": 2})
"""


def test_a_still_named_like_another_formats_file_is_refused_before_anything_is_written(tmp_path):
    (tmp_path / "fig.py").write_text(STILL_FRAMES)
    out = tmp_path / "out"
    out.mkdir()
    (out / "fig-frames.pdf").write_bytes(b"earlier")
    for order in ("pdf,beamer", "beamer,pdf"):
        r = invoke("render", tmp_path / "fig.py", "--out", out, "--format", order)
        assert_one_line(r, E.EXIT_INVALID, re.escape(str(tmp_path / "fig.py")) + r":4: still 'frames' would be "
                        r"written as fig-frames\.pdf, which the beamer format writes too")
        assert [p.name for p in out.iterdir()] == ["fig-frames.pdf"] and (out / "fig-frames.pdf").read_bytes() == b"earlier"
    assert invoke("render", tmp_path / "fig.py", "--out", out, "--format", "png,beamer").exit_code == 0


def test_a_scene_named_index_does_not_lose_its_explorer_to_the_gallery_page(tmp_path):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "index.py").write_text(scene_with())
    (scenes / "good.py").write_text(scene_with())
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the explorer of index.py")
    r = invoke("gallery", scenes, "--out", out)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(scenes / "index.py")) + r": its html file would be "
                    + re.escape(str(out / "index.html")) + r", the gallery page's own name")
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text() == "the explorer of index.py"


@pytest.mark.parametrize("name", ["a%b#c.tex", "my deck.tex", "x\\input{y}.tex", "-x.tex"])
def test_a_beamer_deck_whose_name_tex_would_read_as_code_is_one_line(tmp_path, name):
    (tmp_path / "fig.py").write_text(scene_with())
    r = invoke("deck", tmp_path / "fig.py", "-o", tmp_path / "deck" / name, "--renders", tmp_path / "renders")
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(tmp_path / "deck" / name)) +
                    r": a beamer deck's name goes into its \.tex, where TeX would read .* as code")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.py"]


def test_a_gallery_that_fails_to_write_leaves_no_temporary_and_no_folder(tmp_path, monkeypatch):
    import errno
    from gdanim.encode import text_files
    from gdanim.runtime.transaction import os_error
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "good.py").write_text(scene_with())

    def full(path, text):
        path.write_text(text[:10])
        raise os_error(OSError(errno.ENOSPC, "No space left on device"), path)
    monkeypatch.setattr(text_files, "write_text", full)
    r = invoke("gallery", scenes, "--out", tmp_path / "site" / "new")
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(str(tmp_path / "site" / "new" / "index.html")) + r": disk full while writing")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenes"]             # no site/, no site/new/
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "index.html").write_text("earlier")
    r = invoke("gallery", scenes, "--out", tmp_path / "kept")
    assert r.exit_code == E.EXIT_OUTPUT
    assert [p.name for p in (tmp_path / "kept").iterdir()] == ["index.html"]
    assert (tmp_path / "kept" / "index.html").read_text() == "earlier"


@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5"])
def test_gdanim_processes_that_is_no_number_is_said_by_its_own_name(tmp_path, monkeypatch, value):
    monkeypatch.setenv("GDANIM_PROCESSES", value)
    (tmp_path / "fig.py").write_text(scene_with())
    r = invoke("render", tmp_path / "fig.py", "--out", tmp_path / "out", "--format", "alt")
    assert_one_line(r, E.EXIT_USAGE, r"GDANIM_PROCESSES must be a whole number of processes, 1 or more; got "
                    + re.escape(repr(value)))
    assert "--processes" not in r.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [("render", "fig.py", "--format", "alt", "--out"), ("gallery", ".", "--out"),
                                     ("deck", "fig.py", "-o", "d.html", "--renders")])
def test_an_empty_output_folder_is_refused_not_the_current_one(tmp_path, monkeypatch, command):
    (tmp_path / "fig.py").write_text(scene_with())
    monkeypatch.chdir(tmp_path)
    r = invoke(*command, "")
    assert_one_line(r, E.EXIT_USAGE, r"Invalid value for '(--out|--renders)': an empty name is no folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.py"]


@pytest.mark.parametrize("returned, said", [("'1.5'", r"got str '1\.5': a string is no number"),
                                            ("w > 0", r"got bool (np\.)?True_?: a truth value is no number"),
                                            ("True", r"got bool True: a truth value is no number"),
                                            ("['1', 2]", r"got list \['1', 2\]: a string is no number")])
def test_a_loss_that_returns_a_string_or_a_truth_value_is_refused(tmp_path, returned, said):
    (tmp_path / "fig.py").write_text(
        "import numpy as np\nfrom gdanim import Run, Scene, optimizers, problems, views\n"
        f"loss = problems.Function(lambda w: {returned}, dim=1)\n"
        "scene = Scene(title='t', problem=loss, runs=[Run('GD', optimizers.gd(0.1), start=2, steps=2)],\n"
        "              views=[views.Curve1D()])\n")
    r = invoke("trajectory", tmp_path / "fig.py")
    if returned == "['1', 2]":
        assert r.exit_code == E.EXIT_SCENE_CODE and "a string is no number" in r.output, r.output
        return
    assert_one_line(r, E.EXIT_SCENE_CODE, re.escape(str(tmp_path / "fig.py")) + r":\d+: .*Function's value \(the loss\) "
                    r"must return one number, " + said)


@pytest.mark.parametrize("cell, hint", [("1_000", r" \(digits grouped with _ are Python's way, not a data file's: write 1000\)"),
                                        ("\u0661\u0662", r" \(digits are 0-9\)"), ("0x10", "")])
def test_a_csv_cell_that_only_python_reads_as_a_number_is_not_one(tmp_path, cell, hint):
    (tmp_path / "d.csv").write_text(f"x,y\n1,2\n{cell},3\n2,5\n", encoding="utf-8")
    (tmp_path / "fig.py").write_text(
        "from gdanim import Run, Scene, data, optimizers, problems, views\n"
        "d = data.Table('d.csv', features=['x'], target='y')\n"
        "scene = Scene(title='t', problem=problems.LinearRegression(d), views=[views.LossCurve()],\n"
        "              runs=[Run('GD', optimizers.gd(0.1), start=(0, 0), steps=2)])\n")
    r = invoke("trajectory", tmp_path / "fig.py")
    assert_one_line(r, E.EXIT_DATA, re.escape(str(tmp_path / "d.csv")) + r":3: column 'x': " + re.escape(repr(cell))
                    + r" is not a number" + hint + "$")


def test_a_character_the_font_lacks_is_one_gdanim_note_not_matplotlibs_warning(tmp_path):
    (tmp_path / "fig.py").write_text(scene_with(title="'Loss 漢字 🙂'", dpi="30"))
    r = invoke("render", tmp_path / "fig.py", "--out", tmp_path / "out", "--format", "png")
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("gdanim: note:")]
    assert notes == [f"gdanim: note: {tmp_path / 'fig.py'}: the font DejaVu Sans has no 漢 (U+6F22), 字 (U+5B57), "
                     f"🙂 (U+1F642): they are drawn as empty boxes; use characters the font has, or math ($…$)"], r.output
    assert "Glyph" not in r.output and "UserWarning" not in r.output


INTERRUPT_AT_NUMPY = """
import os, signal, sys

class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == "numpy":                 # Ctrl-C while gdanim's modules load
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupting())
"""


@pytest.mark.parametrize("how", [["-m", "gdanim"], ["gdanim"]])
def test_ctrl_c_while_the_command_loads_is_one_line_not_a_traceback(tmp_path, how):
    import os
    import sys
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(INTERRUPT_AT_NUMPY)
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "hook"))
    exe = [sys.executable, *how] if how[0] == "-m" else [str(Path(sys.executable).parent / "gdanim")]
    done = subprocess.run([*exe, "formats"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert done.returncode == -signal.SIGINT, done.stderr          # ended by Ctrl-C itself: a shell's 130
    assert done.stderr == "gdanim: interrupted; outputs left as they were\n" and done.stdout == ""


def test_a_format_that_declares_a_file_outside_the_output_folder_is_refused_before_rendering(tmp_path):
    (tmp_path / "_outside.py").write_text(ESCAPING_FORMAT.format(where="x").replace(
        'files = (("{name}.esc.png", "escaping"),)', 'files = (("../{name}.esc.png", "escaping"),)'))
    (tmp_path / "fig.py").write_text(PLUGGED.replace("_escaping", "_outside"))
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "fig.py", "--out", out, "--format", "png,escaping")
    assert_one_line(r, E.EXIT_INVALID, re.escape(str(tmp_path / "fig.py")) + r": format 'escaping' declares a file "
                    r"named '\.\./fig\.esc\.png': a format writes only into the output folder")
    assert not out.exists()


TABLE_SCENE = ("from gdanim import Run, Scene, data, optimizers, problems, views\n"
               "d = data.Table('d.csv', features=['x'], target='y')\n"
               "scene = Scene(title='t', problem=problems.LinearRegression(d), views=[views.LossCurve()],\n"
               "              runs=[Run('GD', optimizers.gd(0.1), start=(0, 0), steps=2)])\n")


def render_table(tmp_path, csv_bytes: bytes):
    """Render the scene of a CSV file into an output folder that holds an earlier render."""
    (tmp_path / "d.csv").write_bytes(csv_bytes)
    (tmp_path / "fig.py").write_text(TABLE_SCENE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "fig.alt.txt").write_text("earlier")
    return invoke("render", tmp_path / "fig.py", "--out", out, "--format", "alt"), out


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_quoted_line_break_in_a_csv_cell_does_not_shift_the_line_said_for_a_later_row(tmp_path, newline):
    rows = ["x,y,note", "1,2,plain", '2,4,"a note', 'of two lines"', "3,six,later", "4,8,last"]
    r, out = render_table(tmp_path, newline.join(rows).encode() + newline.encode())
    assert_one_line(r, E.EXIT_DATA, re.escape(str(tmp_path / "d.csv")) + r":5: column 'y': 'six' is not a number$")
    assert [p.name for p in out.iterdir()] == ["fig.alt.txt"] and (out / "fig.alt.txt").read_text() == "earlier"
    (tmp_path / "d.csv").write_text("x,y\n1,2\n\n\"2\n\",4,5\n", newline="")       # a blank line counted too
    r = invoke("render", tmp_path / "fig.py", "--out", out, "--format", "alt")
    assert_one_line(r, E.EXIT_DATA, re.escape(str(tmp_path / "d.csv")) + r":4: row has 3 cells, the header has 2$")


def test_a_csv_is_read_row_by_row_into_floats_not_held_as_text(tmp_path):
    import tracemalloc
    import numpy as np
    from gdanim.declare.csv_reader import read_csv
    rows = 100_000
    rng = np.random.RandomState(0)
    x, y = rng.randn(rows), rng.randn(rows)
    (tmp_path / "d.csv").write_text("x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(x.tolist(), y.tolist())))
    tracemalloc.start()
    try:
        got_x, got_y = read_csv(tmp_path / "d.csv", ["x"], "y")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert np.array_equal(got_x[:, 0], x) and np.array_equal(got_y, y)        # repr round-trips exactly
    assert peak < 3 * rows * 2 * 8, peak            # the floats and little more (their text took 30 times that)


def test_a_csv_of_more_rows_than_gdanim_reads_is_refused_at_the_first_row_too_many(tmp_path):
    from gdanim.declare.csv_reader import MAX_ROWS
    r, out = render_table(tmp_path, b"x,y\n" + b"1,2\n" * (MAX_ROWS + 1) + b"oops\n")
    assert_one_line(r, E.EXIT_DATA, re.escape(str(tmp_path / "d.csv")) + rf":{MAX_ROWS + 2}: data file has more than "
                    r"1,000,000 rows, the most gdanim reads \(as many as a generator draws\): use a sample of them$")
    assert [p.name for p in out.iterdir()] == ["fig.alt.txt"] and (out / "fig.alt.txt").read_text() == "earlier"


def many_runs(count: int, only=None) -> str:
    return ("from gdanim import Run, Scene, optimizers, problems, views\n"
            "scene = Scene(title='Many rates', problem=problems.parabola, size=(6.4, 3.6), dpi=50,\n"
            f"              runs=[Run(f'GD lr {{0.01 * (i + 1):.2f}}', optimizers.gd(0.01 * (i + 1)), start=2, steps=5)\n"
            f"                    for i in {only or list(range(count))}],\n"
            "              views=[views.Curve1D(), views.LossCurve()])\n")


def test_a_legend_of_a_hundred_runs_lists_what_fits_and_the_panels_keep_their_size(tmp_path):
    import matplotlib
    from gdanim.app.loader import load
    from gdanim.declare.style import THEMES, rc
    from gdanim.rendering.renderer import SceneFigure, trajectories_of
    (tmp_path / "many.py").write_text(many_runs(100))
    out = tmp_path / "out"
    r = invoke("render", tmp_path / "many.py", "--out", out, "--format", "png")
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("gdanim: ")]
    listed = int(re.search(r"the first (\d+) and", r.output).group(1))
    assert notes == [f"gdanim: note: {tmp_path / 'many.py'}: {view}: its legend's 100 entries do not fit the panel, so "
                     f"it lists the first {listed} and '… and {100 - listed} more'; choose the runs it shows with "
                     f"{view}(runs=[...]) to name each" for view in ("Curve1D", "LossCurve")], r.output
    assert "collapsed" not in r.output

    def laid_out(count, only=None):
        (tmp_path / f"s{count}.py").write_text(many_runs(count, only))
        scene = load(tmp_path / f"s{count}.py")
        with matplotlib.rc_context(rc(THEMES[scene.theme], scene.font_size)), warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            built = SceneFigure(scene, trajectories_of(scene), scene.dpi)
            built.freeze_layout()
        assert [str(w.message).split(":")[0] for w in said] == ([] if count < 10 else ["Curve1D", "LossCurve"])
        return built
    few, many = laid_out(3, [0, 49, 99]), laid_out(100)      # the same extremes, the same ticks
    for a, b in zip(few.fig.axes, many.fig.axes):         # the panels stand where a short legend leaves them
        assert a.get_position().bounds == pytest.approx(b.get_position().bounds, abs=1e-9)
    renderer = many.canvas.get_renderer()
    for ax in many.fig.axes:
        legend, box = ax.get_legend(), ax.get_window_extent(renderer)
        texts = [t.get_text() for t in legend.get_texts()]
        assert texts == [f"GD lr {0.01 * (i + 1):.2f}" for i in range(listed)] + [f"… and {100 - listed} more"]
        lb = legend.get_window_extent(renderer)
        assert box.y0 <= lb.y0 and lb.y1 <= box.y1 and box.x0 <= lb.x0 and lb.x1 <= box.x1
        assert lb.height * (listed + 2) / (listed + 1) > box.height * 0.95        # as many as fit: one more would not
    assert listed >= 10


@pytest.mark.parametrize("formats_", ["html", "png,html"])
def test_a_scene_named_index_is_not_rendered_over_the_gallery_page(tmp_path, formats_):
    scenes, site = tmp_path / "scenes", tmp_path / "site"
    scenes.mkdir()
    (scenes / "good.py").write_text(scene_with())
    assert invoke("gallery", scenes, "--out", site).exit_code == 0
    gallery = (site / "index.html").read_bytes()
    (tmp_path / "index.py").write_text(scene_with())
    r = invoke("render", tmp_path / "index.py", "--out", site, "--format", formats_)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(f"{tmp_path / 'index.py'}: its html file would be {site / 'index.html'}, "
                                                 "which is the gallery page there (gdanim gallery), and one would "
                                                 "replace the other: rename the scene, or render it into another folder"))
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_bytes() == gallery
    assert invoke("render", tmp_path / "index.py", "--out", tmp_path / "elsewhere", "--format", formats_).exit_code == 0


def test_the_gallery_page_is_not_written_over_the_explorer_of_a_scene_named_index(tmp_path):
    scenes, site = tmp_path / "scenes", tmp_path / "site"
    scenes.mkdir()
    (scenes / "good.py").write_text(scene_with())
    (tmp_path / "index.py").write_text(scene_with())
    assert invoke("render", tmp_path / "index.py", "--out", site, "--format", "html").exit_code == 0
    explorer = (site / "index.html").read_bytes()
    r = invoke("gallery", scenes, "--out", site)
    assert_one_line(r, E.EXIT_OUTPUT, re.escape(f"{site / 'index.html'} is the explorer of a scene named index, and "
                                                 "the gallery page would replace it: rename the scene and render it "
                                                 "again, or write the gallery into another folder (--out)"))
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_bytes() == explorer
    (site / "index.html").write_text("a page of one's own")            # not gdanim's: the gallery replaces it, as before
    assert invoke("gallery", scenes, "--out", site).exit_code == 0
