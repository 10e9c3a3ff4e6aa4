"""Output formats: one module each, registered by name (see ``registry``). The renderer asks the
registry, never names a format; the CLI, ``gdanim.render``, the notebook display and the gallery
page take their lists from here too.

Writing your own: subclass ``Format`` and decorate it with ``@register`` in a module that your
scene imports (or that a package names under the ``gdanim.formats`` entry point group); then
``gdanim render scene.py --format NAME`` writes it. See the README, "Extending gdanim".
"""
from gdanim.formats.registry import CONSUMES, Format, Writer, broken, get, load_plugins, names, register, resolve
from gdanim.formats import pdf, png, gif, mp4, html, beamer, png_frames, alt  # noqa: F401  (built-ins, in gallery-link order)

DEFAULT = ("gif", "mp4", "pdf", "alt")

__all__ = ["CONSUMES", "DEFAULT", "Format", "Writer", "broken", "get", "load_plugins", "names", "register", "resolve"]
