"""The gdanim command imports matplotlib without writing the docstring of every artist's ``set()``
(``matplotlib.artist.kwdoc``, which inspects every setter of each Artist class as matplotlib
defines it: 0.07 s, a fifth of matplotlib's import), help text a command never shows. Only for the
command (``gdanim.blas.IS_COMMAND``) and only while matplotlib's modules load: a notebook's or
script's matplotlib keeps its docstrings, and so does any class defined afterwards."""
import sys

from gdanim.core import blas


def import_matplotlib() -> None:
    if not blas.IS_COMMAND or "matplotlib.artist" in sys.modules:
        return
    import matplotlib.artist as artist
    kwdoc = getattr(artist, "kwdoc", None)
    if kwdoc is None:                   # another matplotlib: imported as it is
        return
    artist.kwdoc = lambda cls: ""
    try:
        import matplotlib.backends.backend_agg  # noqa: F401  (with it, the figure and every artist gdanim draws)
        import matplotlib.figure  # noqa: F401
    finally:
        artist.kwdoc = kwdoc


import_matplotlib()
