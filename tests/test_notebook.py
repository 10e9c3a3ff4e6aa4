"""A real Jupyter kernel (nbclient + ipykernel) runs a notebook whose last line is a scene: the cell's
output is the explorer, and the MP4 display stays a call away."""
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


def test_a_notebook_cell_shows_the_explorer(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL),
                nbformat.v4.new_code_cell('from IPython.display import HTML\nHTML(gdanim.notebook.html(scene, "mp4"))')]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    streams = [o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream"]
    assert not any("gdanim" in text or "Traceback" in text for text in streams), streams
    results = [o for o in nb.cells[0].outputs if o.output_type == "execute_result"]
    assert len(results) == 1, (nb.cells[0].outputs, streams)
    shown = results[0]
    page = shown.data["text/html"]
    assert page.startswith('<div class="gdanim-explorer"') and "data-gdanim-explorer" in page
    assert "gdanimExplorer(document.currentScript.parentElement)" in page
    assert re.search(r'<canvas width="128" height="72" role="img" aria-label="In a notebook\.', page)
    video = next(o for o in nb.cells[1].outputs if o.output_type == "execute_result").data["text/html"]
    assert video.startswith("<video ") and "data:video/mp4;base64," in video
    assert list(tmp_path.iterdir()) == []                       # nothing written beside the notebook
