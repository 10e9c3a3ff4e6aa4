"""A real Jupyter kernel (nbclient + ipykernel) runs a notebook whose last line is a scene: the cell's
output is the explorer, and the MP4 display stays a call away; a scene that cannot be drawn, or
whose run stopped where the loss is undefined, says so in the CLI's one line."""
import re

import nbformat
from nbclient import NotebookClient

CELL = """\
from gdanim import Run, Scene, Timing, optimizers, problems, views
import gdanim.notebook
scene = Scene(title="In a notebook", problem=problems.ill_conditioned,
              runs=[Run("GD", optimizers.gd(0.9), start=(-4, -2), steps=4)],
              views=[views.Contours(xlim=(-5, 5), ylim=(-5, 5), levels=5)], size=(3.2, 1.8), dpi=40,
              timing=Timing(hold_first=0, hold_last=0))
scene
"""


BROKEN = """\
def loss(w):
    return undefined_name + w[0]
Scene(title="Broken", problem=problems.Function(loss, dim=2), runs=[Run("GD", optimizers.gd(0.9), start=(1, 1), steps=3)],
      views=[views.Contours(xlim=(-1, 2), ylim=(-2, 2))], size=(3.2, 1.8), dpi=40)
"""
UNDEFINED = """\
import numpy as np
Scene(title="Undefined", problem=problems.Function(lambda w: np.sqrt(w[0]) + w[1] ** 2, dim=2),
      runs=[Run("GD", optimizers.gd(0.9), start=(1, 1), steps=5)], views=[views.Contours(xlim=(-1, 2), ylim=(-2, 2))],
      size=(3.2, 1.8), dpi=40, timing=Timing(hold_first=0, hold_last=0))
"""


def test_a_notebook_cell_shows_the_explorer(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL),
                nbformat.v4.new_code_cell('from IPython.display import HTML\nHTML(gdanim.notebook.html(scene, "mp4"))'),
                nbformat.v4.new_code_cell(BROKEN), nbformat.v4.new_code_cell(UNDEFINED),
                nbformat.v4.new_code_cell("optimizers.gd(-0.5)")]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    # a declaration's mistake in a cell: the CLI's one line, not a traceback into gdanim's checks
    (error,) = nb.cells[4].outputs
    assert error.output_type == "error" and error.traceback == [
        "gdanim: error: learning rate must be a positive number, got -0.5"], error
    assert all(o.output_type != "error" for cell in nb.cells[:4] for o in cell.outputs)
    streams = [o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream"]
    assert not any("gdanim" in text or "Traceback" in text for text in streams), streams
    results = [o for o in nb.cells[0].outputs if o.output_type == "execute_result"]
    assert len(results) == 1, (nb.cells[0].outputs, streams)
    shown = results[0]
    page = shown.data["text/html"]
    assert page.startswith('<div class="gdanim-explorer" id="gdanim-scene-1"') and "data-gdanim-explorer" in page
    assert "gdanimExplorer(document.currentScript.parentElement)" in page
    assert re.search(r'<canvas width="128" height="72" role="img" aria-label="In a notebook\.', page)
    video = next(o for o in nb.cells[1].outputs if o.output_type == "execute_result").data["text/html"]
    assert video.startswith("<video ") and "data:video/mp4;base64," in video
    assert list(tmp_path.iterdir()) == []                       # nothing written beside the notebook
    # the lecturer's loss raising: one line where the figure would be, no traceback, no repr dump
    broken, undefined = nb.cells[2].outputs, nb.cells[3].outputs
    assert [o.output_type for o in broken] == ["execute_result"], broken
    assert broken[0].data["text/html"] == (
        '<div class="gdanim-error" style="font: 13px/1.4 monospace; color: #b00020; margin: 4px 0">gdanim: error: '
        "run &#x27;GD&#x27;, step 0: NameError: name &#x27;undefined_name&#x27; is not defined</div>")
    # a run stopping where the loss is undefined: the figure, then the CLI's notes below it, no raw warning
    assert [o.output_type for o in undefined] == ["execute_result"], undefined
    page = undefined[0].data["text/html"]
    assert re.match(r'<div class="gdanim-explorer" id="gdanim-scene-[2-9]"', page)      # an id of its own
    assert re.findall(r'<div class="gdanim-note"[^>]*>gdanim: note: ([^<]*)</div>', page) == [
        "run &#x27;GD&#x27; stopped at step 1: the loss is nan at (-0.05678, 0.64), where step 2 goes",
        "the loss is nan on part of a panel: the function is not defined there, and it is left blank"]
