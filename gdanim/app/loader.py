"""Load a scene file by path (importlib, like manim) and return its one Scene.

Scene files are Python run with the user's rights; every failure becomes a GdanimError that
names the file and, where there is one, the line. While a scene loads, its folder is importable,
so a scene may keep its own views, painters, optimizers or formats in a module beside it; such
modules are imported afresh at every load (``render --watch`` sees their edits).
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import traceback
from pathlib import Path

from gdanim.declare import checks
from gdanim.declare.table import scene_dir
from gdanim.core.errors import GdanimError, SceneCodeError, SceneError, SceneNotFound, SceneSyntaxError
from gdanim.declare.scene import Scene


def load(path) -> Scene:
    """Run the scene file and return the Scene it declares (``scene = Scene(...)``)."""
    return load_with_sources(path)[0]


def load_with_sources(path) -> tuple[Scene, list[Path]]:
    """The Scene, and the Python files it was made from: the scene file and the modules it
    imported from its own folder."""
    path = Path(path)
    as_given = str(path)
    if not path.exists():
        raise SceneNotFound("no such scene file", as_given)
    if path.is_dir():
        raise SceneNotFound("is a directory, not a scene file (give the .py file)", as_given)
    if path.suffix != ".py":
        stem = path.stem if path.stem.endswith(".py") else f"{path.stem}.py"     # x.py.txt: x.py
        raise SceneNotFound(f"a scene file is Python and ends in .py (rename it {stem})", as_given)
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise SceneNotFound(f"cannot read scene file: {exc.strerror}", as_given) from None
    try:
        code = compile(source, str(path), "exec")
    except SyntaxError as exc:
        raise SceneSyntaxError(f"syntax error: {exc.msg}", as_given, exc.lineno) from None
    except ValueError as exc:      # e.g. null bytes
        raise SceneSyntaxError(f"not a Python file: {exc}", as_given) from None

    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    stem = re.sub(r"\W", "_", path.stem)
    name = f"gdanim_scene_{stem}_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    token = scene_dir.set(path.parent)
    folder = str(path.parent.resolve())
    before = set(sys.modules)
    sys.path.insert(0, folder)
    shadowed = sys.modules.get(name)
    sys.modules[name] = module      # as an import has it while it runs: @dataclass, pickle, typing look it up
    try:
        exec(code, module.__dict__)
    except GdanimError as exc:
        raise exc.located(as_given, scene_line(exc, path)) from None
    except TypeError as exc:       # gdanim called wrong is a declaration; the scene's own code, its error
        if not raised_by_gdanim(exc, path, module.__dict__):
            raise SceneCodeError(f"TypeError: {exc}", as_given, scene_line(exc, path)) from None
        raise SceneError(describe_type_error(exc), as_given, scene_line(exc, path)) from None
    except Exception as exc:  # the scene's own code failed: report it as the scene's error
        raise SceneCodeError(f"{type(exc).__name__}: {exc}", as_given, scene_line(exc, path)) from None
    except SystemExit as exc:      # sys.exit() in a scene file must not end gdanim silently
        raise SceneCodeError(f"the scene file called sys.exit({exc.code!r}); a scene file only declares a "
                             f"figure", as_given, scene_line(exc, path)) from None
    except KeyboardInterrupt as exc:   # Ctrl-C reaches gdanim's CLI as Stopped: this one was raised
        raise SceneCodeError("the scene file raised KeyboardInterrupt", as_given, scene_line(exc, path)) from None
    finally:
        scene_dir.reset(token)
        sys.path.remove(folder)
        if shadowed is None:        # the scene's module is not kept: the next load runs the file afresh
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = shadowed
        siblings = forget_siblings(Path(folder), before)
    return find_scene(module.__dict__, as_given), [path, *siblings]


def forget_siblings(folder: Path, before: set) -> list[Path]:
    """Drop the modules the scene imported from its own folder, so that the next load imports
    them afresh (``render --watch`` sees their edits, and a folder's ``common.py`` is not another
    folder's), and return their files. A sibling is a module or package first imported by this
    load whose top level lies directly in ``folder``: gdanim itself, numpy or a package under a
    virtual environment inside the folder are never dropped."""
    new = sorted(set(sys.modules) - before)
    tops = set()
    for top in {name.partition(".")[0] for name in new} - before:
        top_file = getattr(sys.modules.get(top), "__file__", None)
        if top_file:
            where = Path(top_file).resolve().parent
            if where == folder or (Path(top_file).name == "__init__.py" and where.parent == folder):
                tops.add(top)
    files = []
    for name in new:
        if name.partition(".")[0] in tops:
            file = getattr(sys.modules.pop(name), "__file__", None)
            if file:
                files.append(Path(file))
    return files


def scene_files(folder) -> list[Path]:
    """The scene files of a folder, by name: its ``*.py`` files but the helper modules beside
    them (views, painters, formats of one's own), whose names start with ``_``."""
    return sorted(p for p in Path(folder).glob("*.py") if not p.name.startswith("_"))


def find_scene(namespace: dict, as_given: str) -> Scene:
    scenes = {id(v): v for v in namespace.values() if isinstance(v, Scene)}
    if not scenes:
        raise SceneError("no scene declared: expected a module-level `scene = Scene(title=..., problem=..., ...)` "
                         "(a helper module beside scenes is named _NAME.py)", as_given)
    if len(scenes) > 1:
        names = sorted(k for k, v in namespace.items() if isinstance(v, Scene))
        raise SceneError(f"{len(scenes)} scenes declared ({', '.join(names)}); a scene file declares one figure", as_given)
    return next(iter(scenes.values()))


def scene_line(exc: BaseException, path: Path) -> int | None:
    """The last line of the scene file on the traceback: where the scene called into gdanim."""
    target = str(path)
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == target:
            line = frame.lineno
    return line


def declared_line(path: Path, what) -> int | None:
    """The first line of the scene file that declares ``what`` (GdanimError.declared): ("run",
    label), a ``Run(...)`` whose label is written out there, or ("keyword", name), a ``name=`` of a
    call; None where it cannot be read off the file (a label built in a loop or by a Sweep, say).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "s.py"
    >>> _ = f.write_text('a = [Run(f"x {k}") for k in ks]\\nscene = Scene(\\n  runs=[Run("b")],\\n  stills={}, stills2=1)\\n'
    ...                  'Run(label="b")\\n')
    >>> declared_line(f, ("run", "b")), declared_line(f, ("keyword", "stills")), declared_line(f, ("run", "x 1"))
    (3, 4, None)
    """
    import ast
    if not what:
        return None
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    kind, name = what
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if kind == "keyword":
            lines += [k.lineno for k in node.keywords if k.arg == name]
        elif kind == "run" and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "Run":
            label = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "label"), None)
            if isinstance(label, ast.Constant) and label.value == name:
                lines.append(node.lineno)
    return min(lines, default=None)


GDANIM_DIR = Path(__file__).resolve().parent.parent


def raised_by_gdanim(exc: TypeError, path: Path, namespace: dict) -> bool:
    """Does a TypeError met while the scene loads say gdanim was called wrong (a declaration
    error), not that the scene's own code failed? Its deepest frame in gdanim or in the lecturer's
    code (the scene file and the modules beside it; numpy's and the like are passed over) tells:
    gdanim's is gdanim's; the lecturer's is theirs, but for a call that did not bind to one of
    gdanim's callables (``views.Contours(levls=3)``, ``optimizers.gd()``: raised at the call)."""
    folder = path.resolve().parent
    last = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith("<"):         # <frozen importlib._bootstrap>, <string>: no file's
            continue
        file = Path(frame.filename).resolve()
        if file.is_relative_to(GDANIM_DIR):
            last = "gdanim"
        elif file == path.resolve() or file.parent == folder:
            last = "scene"
    if last != "scene":
        return last == "gdanim"
    m = re.match(r"(\w+)(?:\.__init__)?\(\) (?:got an unexpected keyword|missing \d+ required|takes |"
                 r"got multiple values|got some positional-only)", str(exc))
    if not m or exc.__traceback__ is None or Path(last_frame(exc).filename).resolve() != path.resolve():
        return False            # raised inside the lecturer's own function, or not a call's arguments
    owner = namespace.get(m.group(1))
    if owner is not None:       # a name the scene binds: whose is it?
        return getattr(owner, "__module__", "").startswith("gdanim.")
    return gdanim_callable(m.group(1))


def last_frame(exc: BaseException):
    """The deepest frame of an exception's traceback."""
    return traceback.extract_tb(exc.__traceback__)[-1]


def gdanim_callable(name: str) -> bool:
    """Is ``name`` a callable of gdanim's declaration modules (``gd``, ``Contours``, ``Run``)?"""
    from gdanim.declare import data as data_mod, optimizers, problems, scene, schedules, stopping, sweeps, views
    for mod in (views, scene, problems, optimizers, data_mod, schedules, stopping, sweeps):
        obj = vars(mod).get(name)
        if callable(obj) and getattr(obj, "__module__", "").startswith("gdanim."):
            return True
    return False


def describe_type_error(exc: TypeError) -> str:
    """Turn "X.__init__() got an unexpected keyword argument 'levls'" into a suggestion."""
    msg = str(exc)
    m = re.search(r"(\w+)(?:\.__init__)?\(\) got an unexpected keyword argument '(\w+)'", msg)
    if m:
        owner, arg = m.groups()
        options = option_names(owner)
        if options:
            return f"{owner}: unknown option {arg!r}{checks.suggest(arg, options)}"
    return f"TypeError: {msg}"


def option_names(owner: str):
    import dataclasses
    import inspect

    from gdanim.declare import optimizers, problems, scene, views
    for mod in (views, scene, problems, optimizers):
        obj = getattr(mod, owner, None) if owner in vars(mod) else None
        if obj is None:
            continue
        if dataclasses.is_dataclass(obj):
            return [f.name for f in dataclasses.fields(obj)]
        if callable(obj):
            return list(inspect.signature(obj).parameters)
    return []
