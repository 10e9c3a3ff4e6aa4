"""The package's shape, read from its source: data flows one way (scene → trajectory → frames →
files), no import cycles, painters never see the Scene, library code never exits the process,
and importing gdanim touches no process state."""
import ast
import functools
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "gdanim"

# The layers are gdanim's sub-packages, lowest first. A module may import from its own layer or any
# layer below, never from above; the package's __init__ and __main__ stand above them all. The
# README's Layout section lists the same folders in the same order (test_the_readme_lists_the_layers).
LAYERS = ["core", "declare", "compute", "runtime", "encode", "formats", "rendering", "decks", "app"]
TOP = len(LAYERS)


def layer_folders() -> set[str]:
    return {p.parent.name for p in PACKAGE.glob("*/__init__.py")}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["gdanim", *parts])


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "examples" not in p.relative_to(PACKAGE).parts}


def imports(name: str, path: Path, known) -> set[str]:
    """Every gdanim module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "gdanim"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "gdanim":
                continue
            for a in node.names:                     # ``from . import views`` imports a module
                sub = f"{target}.{a.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m in known and m != name}


@functools.cache
def graph():
    """The package's import graph, read once for the session."""
    mods = modules()
    return {name: imports(name, path, mods) for name, path in mods.items()}


def layer(name: str) -> int:
    parts = name.split(".")
    if parts[1:] in ([], ["__main__"]):
        return TOP
    assert len(parts) >= 2 and parts[1] in LAYERS, f"{name} is in no layer folder: move it into one of {LAYERS}"
    return LAYERS.index(parts[1])


def test_the_layers_are_the_folders():
    assert layer_folders() == set(LAYERS), f"folders {sorted(layer_folders())} against LAYERS {LAYERS}"
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert not loose, f"modules outside any layer folder: {loose}"


def test_every_module_has_a_layer():
    for name in graph():
        layer(name)


def test_the_readme_lists_the_layers():
    """The README's Layout names each layer folder, bottom first, in the order imports may go."""
    text = (ROOT / "README.md").read_text()
    layout = text[text.index("## Layout"):]
    layout = layout[:layout.index("\n## ", 3)]
    import re
    named = [m for m in re.findall(r"^- `([a-z_]+)/`", layout, flags=re.M) if m in layer_folders()]
    assert named == LAYERS, named


def test_no_module_imports_from_a_higher_layer():
    upward = [f"{a} imports {b}, a layer above it"
              for a, targets in graph().items() for b in targets if layer(b) > layer(a)]
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    g = graph()
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(g[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(g):
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_graph_reader_sees_real_edges():
    g = graph()      # a reader that found nothing would pass the tests above
    assert "gdanim.compute.runner" in g["gdanim.rendering.renderer"] and "gdanim.formats" in g["gdanim.rendering.renderer"]
    assert "gdanim.rendering.paint.registry" in g["gdanim.rendering.paint.contours"]
    assert "gdanim.rendering.renderer" in g["gdanim.app.notebook"]        # a function-level import counts too


def test_painters_are_handed_their_problem_and_runs_never_the_scene():
    import inspect
    from gdanim.rendering.paint import Painter
    g = graph()
    for name, targets in g.items():
        if name.startswith("gdanim.rendering.paint"):
            assert "gdanim.declare.scene" not in targets, name
    assert list(inspect.signature(Painter.__init__).parameters) == ["self", "ax", "view", "problem", "shown", "ctx"]
    from gdanim.rendering.paint.base import PaintContext, Shown
    import dataclasses
    assert [f.name for f in dataclasses.fields(PaintContext)] == ["theme", "total", "scale", "pins", "cmap"]
    assert Shown._fields == ("run", "traj", "problem", "color")


def test_the_renderer_never_imports_the_package_and_run_scene_is_the_runners():
    g = graph()
    assert "gdanim" not in g["gdanim.rendering.renderer"]
    assert "gdanim.compute.runner" in g["gdanim.rendering.renderer"]


def test_the_renderer_names_no_format():
    """No module of the rendering layer says a format's name: formats are found in the registry."""
    from gdanim import formats
    named = {}
    for path in sorted((PACKAGE / "rendering").rglob("*.py")):
        source = path.read_text()
        named.update({f"{path.name}: {n}": 1 for n in formats.names() if f'"{n}"' in source or f"'{n}'" in source})
    assert list(formats.names())[:4] == ["pdf", "png", "gif", "mp4"]
    assert not named, sorted(named)


def test_library_code_never_exits_the_process():
    """Only the CLI exits; and a forked frame worker (gdanim.runtime.workers) and a forked process that
    reports back (gdanim.runtime.forking) (a scene's process side by side, the one writing vector formats beside the
    frames), each in one place, with os._exit: they must never return into the code of the
    process they were forked from, nor run its exit handlers."""
    ends = []
    for name, path in modules().items():
        if name == "gdanim.__main__" or name.startswith("gdanim.app.cli."):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (name in ("gdanim.runtime.workers", "gdanim.runtime.forking") and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and (getattr(node.func.value, "id", None), node.func.attr) == ("os", "_exit")):
                ends.append(name)
                continue
            if isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                assert getattr(target, "id", None) != "SystemExit", f"{name}:{node.lineno} raises SystemExit"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                called = (getattr(node.func.value, "id", None), node.func.attr)
                assert called not in (("sys", "exit"), ("os", "_exit"), ("ctx", "exit")), f"{name}:{node.lineno} calls {called}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("exit", "quit"), f"{name}:{node.lineno} calls {node.func.id}()"
            if isinstance(node, ast.ImportFrom) and node.module == "sys":
                assert "exit" not in {a.name for a in node.names}, f"{name}:{node.lineno} imports sys.exit"
    assert sorted(ends) == ["gdanim.runtime.forking", "gdanim.runtime.workers"], ends


def test_importing_gdanim_touches_no_process_state_and_not_matplotlib():
    code = ("import os, sys\n"
            "calls = []\n"
            "real = os.umask\n"
            "os.umask = lambda m: calls.append(m) or real(m)\n"
            "import gdanim, gdanim.app.cli, gdanim.runtime.transaction\n"
            "assert not calls, calls\n"
            "assert 'matplotlib' not in sys.modules\n"
            "from gdanim.app.loader import load\n"
            f"load({str(ROOT / 'scenes' / 'momentum.py')!r})\n"       # nor does loading a scene, titles checked
            "assert 'matplotlib' not in sys.modules, 'loading a scene imported matplotlib'\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_the_command_alone_gets_one_blas_thread(tmp_path):
    """gdanim.core.blas: the gdanim command (and python -m gdanim) runs numpy with one OpenBLAS thread,
    unless told otherwise; Python importing gdanim leaves numpy as it is."""
    import os
    import subprocess
    import sys
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom gdanim import Scene, problems, views\n"
                     "print('BLAS', os.environ.get('OPENBLAS_NUM_THREADS'))\n"
                     "scene = Scene(title='t', problem=problems.parabola, views=[views.Curve1D()])\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    command = Path(sys.executable).parent / "gdanim"

    def said(*cmd, **extra):
        out = subprocess.run([*cmd, "render", str(probe), "--out", str(tmp_path / "o"), "--format", "alt"],
                             capture_output=True, text=True, env={**env, **extra}, check=True).stdout
        return next(line for line in out.splitlines() if line.startswith("BLAS"))
    assert said(str(command)) == said(sys.executable, "-m", "gdanim") == "BLAS 1"
    assert said(str(command), OPENBLAS_NUM_THREADS="2") == "BLAS 2"
    other = tmp_path / "lecturetools"                     # python -m of another package that imports gdanim
    other.mkdir()
    (other / "__init__.py").write_text("import os, gdanim\nprint('BLAS', os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    (other / "__main__.py").write_text("")
    r = subprocess.run([sys.executable, "-m", "lecturetools"], capture_output=True, text=True, env=env, cwd=tmp_path,
                       check=True)
    assert r.stdout.strip() == "BLAS None", r.stdout
    imported = subprocess.run([sys.executable, "-c", "import os, gdanim; print(os.environ.get('OPENBLAS_NUM_THREADS'))"],
                              capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert imported == "None"
