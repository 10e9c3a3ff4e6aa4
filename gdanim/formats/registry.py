"""Output formats behind one interface, found by name in one registry.

A format says what it is called, which files it writes for a scene, and what it consumes from a
render; its writer then gets ``grab(shot)`` for each picture and ``finish()`` at the end
(``abort()`` on failure). What a format consumes:

- ``"frames"``: every frame of the animation as pixels (the blitted frame pass);
- ``"pages"``: the figure posed at every frame, for vector pages;
- ``"stills"``: the final state and each declared still (``Scene(stills=...)``);
- ``"layers"``: the figure as a static layer and moving artists (one ``grab(layers)``:
  gdanim.rendering.layers.Layers), for a page that draws the moving layer itself (the explorer);
- ``"nothing"``: no pictures: the writer works from the scene and its trajectories in ``finish()``.

Formats register themselves (``@register``); a format from outside gdanim registers the same
way, from a module a scene imports or through the ``gdanim.formats`` entry point group.

>>> names()[:4]
('pdf', 'png', 'gif', 'mp4')
"""
from __future__ import annotations

from gdanim.declare import checks
from gdanim.declare.checks import gdanims
from gdanim.core.errors import OutputError, SceneError

CONSUMES = ("frames", "pages", "stills", "layers", "nothing")
ENTRY_POINTS = "gdanim.formats"

_FORMATS: dict[str, "Format"] = {}
_ALIASES: dict[str, str] = {}          # an older name → the format's name
_BROKEN: dict[str, str] = {}           # entry point name → why its module did not load
_plugins_loaded = False


class Writer:
    """What a format's ``writer(job)`` returns: set up in the constructor, then ``grab`` each
    shot, then ``finish`` (write the files), or ``abort`` (release what it holds) on failure."""

    def grab(self, shot) -> None:
        """Take one picture: ``shot.rgb()`` (pixels) or ``shot.figure()`` (the posed figure)."""

    def finish(self) -> None:
        """Write what is left; the files become final only when the whole render commits."""

    def abort(self) -> None:
        """Release processes or handles; temporary files are removed by the render."""


class Format:
    """One output format. Subclass it, set the class attributes and register it with
    ``@register``; override ``outputs`` where the files depend on the scene's stills, and
    ``writer`` where a writer needs more than the job."""

    name = ""                  # what --format calls it
    aliases: tuple = ()        # older names that still work
    consumes = "frames"        # one of CONSUMES
    purpose = ""               # what it is for (--format help, the README)
    files: tuple = ()          # (file name pattern with {name}, link text or None) per file written
    writer_class: type | None = None   # called with the job
    media = None               # "animation" or "still": shown inline (gallery cards, notebooks)
    mime = None                # its MIME type, for media formats
    posed_only = False         # its writer only draws the posed figure (shot.figure()), so a
                               # render with cores to spare runs it beside the frame pass

    def outputs(self, name: str, stills=()) -> list[tuple[str, str | None]]:
        """(file name, link text) for every file written for scene ``name`` with the labelled
        ``stills``; a link text of None means the file is not linked from the gallery page."""
        return [(pattern.format(name=name), text) for pattern, text in self.files]

    def writer(self, job) -> Writer:
        """A writer for one render (``job``: gdanim.rendering.job.Job)."""
        return self.writer_class(job)

    def embed(self, src: str, alt: str, attrs: str = "") -> str:
        """HTML that shows the file at ``src`` inline (media formats)."""
        raise NotImplementedError(f"format {self.name!r} cannot be shown inline")


def register(fmt):
    """Register a Format (an instance, or a class, which is instantiated); returns it unchanged,
    so it works as a class decorator. A later registration of the same name replaces the earlier
    (a helper loaded again), but a format of one's own may not take the name of one of gdanim's:
    the registry serves every scene of a render, and ``gif`` would stop being a GIF for them all.
    A format that could not work is refused here, where its file is loaded, not when a render
    needs it."""
    instance = fmt() if isinstance(fmt, type) else fmt
    if not isinstance(instance, Format):
        raise SceneError(f"@register takes a subclass of gdanim.formats.Format, got {type(instance).__name__}")
    cls, name = type(instance), instance.name
    problems = [
        (not name or not isinstance(name, str) or "," in name, "its name must be a word without commas"),
        (instance.consumes not in CONSUMES,
         f"consumes must be one of {', '.join(CONSUMES)}, got {instance.consumes!r}"),
        (cls.outputs is Format.outputs and not instance.files, "it needs files (or an outputs() method)"),
        (cls.writer is Format.writer and instance.writer_class is None,
         "it needs a writer_class (or a writer() method)"),
        (instance.media not in (None, "animation", "still"), 'media must be None, "animation" or "still"'),
        (instance.media is not None and (not instance.mime or cls.embed is Format.embed),
         "a format shown inline (media) needs a mime type and an embed() method"),
    ]
    missing = [what for bad, what in problems if bad]
    if missing:
        raise SceneError(f"format {name!r}: {'; '.join(missing)}")
    if not gdanims(cls):
        for taken in (name, *instance.aliases):
            own = _FORMATS.get(_ALIASES.get(taken, taken))
            if own is not None and gdanims(type(own)):
                raise SceneError(f"format {name!r}: {taken!r} is the name of gdanim's own {own.name} format, which "
                                 f"every scene of a render writes with it; give yours a name of its own")
        check_methods(cls, instance)
    _FORMATS[name] = instance
    _ALIASES.update({alias: name for alias in instance.aliases})
    return fmt


def check_methods(cls: type, instance) -> None:
    """A format's and its writer's methods take what gdanim passes them (said when its file loads,
    rather than as a failure of gdanim's while a render writes)."""
    def takes(owner, method, params, count=None):
        checks.takes(owner, method, params, count, said_of=f"format {instance.name!r}: ")
    takes(cls, "outputs", "name, stills=()")
    takes(cls, "outputs", "name, stills=()", count=1)          # the notebook asks for NAME's alone
    takes(cls, "writer", "job")
    writer = instance.writer_class
    if cls.writer is Format.writer and isinstance(writer, type):
        takes(writer, "__init__", "job")
        for method, params in (("grab", "shot"), ("finish", ""), ("abort", "")):
            if hasattr(writer, method):
                takes(writer, method, params)
            elif method == "finish":
                raise SceneError(f"format {instance.name!r}: {writer.__name__} needs a finish() method "
                                 f"(subclass gdanim.formats.Writer)")
    if instance.media is not None:
        takes(cls, "embed", "src, alt, attrs")


def load_plugins() -> None:
    """Import the modules named by installed packages' ``gdanim.formats`` entry points (once).
    A plug-in that fails to load is set aside: gdanim's own formats and the other plug-ins go
    on working, and asking for the broken one says why it is missing."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points
    for ep in entry_points(group=ENTRY_POINTS):
        try:
            ep.load()
        except Exception as exc:
            _BROKEN[ep.name] = f"{type(exc).__name__}: {exc}"


def names() -> tuple[str, ...]:
    """Every registered format's name, in registration order (plug-ins last)."""
    load_plugins()
    return tuple(_FORMATS)


def broken() -> dict[str, str]:
    """Plug-ins that failed to load: entry point name → why."""
    load_plugins()
    return dict(_BROKEN)


def get(name: str) -> Format:
    """The format called ``name`` (or once called so); an OutputError otherwise."""
    name = _ALIASES.get(name, name)
    if name not in _FORMATS:
        load_plugins()
    if name in _BROKEN and name not in _FORMATS:
        raise OutputError(f"format plug-in {name!r} failed to load: {_BROKEN[name]}")
    if name not in _FORMATS:
        raise OutputError(f"unknown format {name!r}; choose from {', '.join(names())}")
    return _FORMATS[name]


def resolve(requested) -> list[Format]:
    """The formats named in ``requested`` (names, or one string of them: "gif,png"), each once, in
    the order given.

    >>> [f.name for f in resolve("png, gif,png")]
    ['png', 'gif']
    """
    if isinstance(requested, str):
        requested = [name.strip() for name in requested.split(",") if name.strip()]
    out = []
    for name in requested:
        fmt = get(name)
        if fmt not in out:
            out.append(fmt)
    return out


def still_outputs(name: str, stills, suffix: str, text: str) -> list[tuple[str, str]]:
    """NAME.SUFFIX and NAME-LABEL.SUFFIX for each labelled still, with their link texts."""
    return [(f"{name}{suffix}", text)] + [(f"{name}-{label}{suffix}", f"{text} “{label}”") for label in sorted(stills)]


def image_embed(src: str, alt: str, attrs: str = "") -> str:
    import html
    return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{attrs}>'


class EncoderWriter(Writer):
    """A writer that hands each frame's pixels and time on screen to an encoder with
    ``grab(rgb, duration)``, ``finish()`` and, optionally, ``abort()`` (gdanim.encode)."""

    def __init__(self, encoder):
        self.encoder = encoder

    def grab(self, shot):
        self.encoder.grab(shot.rgb(), shot.duration)

    def finish(self):
        self.encoder.finish()

    def abort(self):
        getattr(self.encoder, "abort", lambda: None)()
