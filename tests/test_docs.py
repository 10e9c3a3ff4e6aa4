"""The documentation site (mkdocs.yml, docs/): it builds with --strict, every local link of the
built pages leads to a file (and an anchor) that exists, every `python` block of the docs runs as
written, and the reference tables name every option of the classes they document. (`make test`
installs the `docs` extra first; `pip install -e '.[docs]'` elsewhere.)"""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600,
                       env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert r.returncode == 0, ("mkdocs build --strict failed (is the docs extra installed? "
                               "pip install -e '.[docs]')\n" + r.stdout + r.stderr)
    return out


def test_the_site_builds_with_every_page(site):
    for page in ("index", "tutorial", "gallery", "cli", "design", "speed", "outputs",
                 "reference/views/contours", "reference/optimizers", "reference/problems"):
        assert (site / f"{page}.html").is_file(), page
    gallery = (site / "gallery.html").read_text(encoding="utf-8")
    from gdanim.app.loader import scene_files
    for scene in scene_files(ROOT / "scenes"):
        assert f'id="{scene.stem.replace("_", "-")}"' in gallery, scene.stem
        assert (site / "media" / f"{scene.stem}.png").is_file(), scene.stem
    cli = (site / "cli.html").read_text(encoding="utf-8")
    assert "gdanim render --help" in cli and "--format" in cli
    from gdanim import formats
    outputs = (site / "outputs.html").read_text(encoding="utf-8")
    for name in formats.names():
        assert f"<code>{name}</code>" in outputs, name          # the table the hook writes from the registry


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parsed(page: Path) -> Links:
    p = Links()
    p.feed(page.read_text(encoding="utf-8"))
    return p


def test_every_local_link_of_the_built_site_resolves(site):
    pages = {page.resolve(): parsed(page) for page in site.rglob("*.html")}
    broken = []
    for page, p in pages.items():
        if page.name == "404.html":
            continue                           # served by a web server at any depth: its links are absolute
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue                       # the site links out only to the web, not checked here
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {link}")
            elif parts.fragment and target.suffix == ".html" and target in pages:
                if unquote(parts.fragment) not in pages[target].ids:
                    broken.append(f"{page.relative_to(site.resolve())}: {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_the_readmes_links_to_the_docs_resolve():
    """The README is read on a forge, not in the site: its relative links name files of the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    missing = [link for link in links if not urlsplit(link).scheme and not (ROOT / link).exists()]
    assert not missing, missing
    assert "docs/tutorial.md" in links and "docs/cli.md" in links


def python_blocks(page: Path) -> list[str]:
    """The ```python blocks of a Markdown page, dedented (a block may sit in a list or admonition)."""
    return [textwrap.dedent(b) for b in re.findall(r"^[ \t]*```python\n(.*?)^[ \t]*```", page.read_text(encoding="utf-8"),
                                                     flags=re.M | re.S)]


def documented_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


# Each page runs in a process of its own, in a folder of its own: the blocks of a page share it, as
# the modules beside a scene do. A block that starts `# _NAME.py` is such a module (written first);
# a block that declares a Scene is a scene file, loaded by gdanim's loader and its runs computed;
# any other block is run as a script. One interpreter imports gdanim once and forks a child per page
# (a fresh interpreter per page spent most of the test's time importing): nothing of one page is
# left in the next one's process. A child says what it ran into said.txt, its notes or traceback
# into stderr.txt.
DRIVER = textwrap.dedent("""
    import json, os, runpy, sys, traceback
    from pathlib import Path
    from gdanim import run_scene
    from gdanim.app.loader import load
    for folder, order in json.loads(sys.argv[1]):
        folder = Path(folder)
        pid = os.fork()
        if pid:
            os.waitpid(pid, 0)
            continue
        code = 1
        try:
            with open(folder / "said.txt", "w") as said, open(folder / "stderr.txt", "w") as err:
                sys.stdout, sys.stderr = said, err
                os.chdir(folder)
                sys.path.insert(0, str(folder))
                try:
                    for path in order:
                        path = folder / path
                        if "Scene(" in path.read_text():
                            scene = load(path)
                            trajectories = run_scene(scene)
                            assert trajectories or not scene.runs, path
                        else:
                            runpy.run_path(str(path), run_name="__main__")
                        print("ran", path.name, flush=True)
                    code = 0
                except BaseException:
                    traceback.print_exc()
                said.flush(), err.flush()
        finally:
            os._exit(code)
""")


def test_every_python_block_of_the_docs_runs(tmp_path):
    pages = []
    for page in documented_pages():
        blocks = python_blocks(page)
        if not blocks:
            continue
        folder = tmp_path / page.relative_to(ROOT).with_suffix("").as_posix().replace("/", "__")
        folder.mkdir()
        order = []
        for k, code in enumerate(blocks):
            first = code.splitlines()[0] if code.strip() else ""
            named = re.match(r"# (_?\w+)\.py", first)
            name = f"{named.group(1)}.py" if named else f"block_{k}.py"
            assert not (folder / name).exists(), f"{page}: two blocks named {name}"
            (folder / name).write_text(code, encoding="utf-8")
            order.append(name)
        order.sort(key=lambda n: not n.startswith("_"))         # modules first, then the scenes and scripts
        pages.append((page, folder, order))
    r = subprocess.run([sys.executable, "-c", DRIVER, json.dumps([(str(f), o) for _, f, o in pages])],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and not r.stdout and not r.stderr, r.stdout + r.stderr
    ran = 0
    for page, folder, order in pages:
        said, err = (folder / "said.txt").read_text(), (folder / "stderr.txt").read_text()
        assert said == "".join(f"ran {name}\n" for name in order), f"{page.relative_to(ROOT)}:\n{said}{err}"
        ran += len(order)
    assert ran >= 10, ran


def option_rows(page: Path) -> set[str]:
    """The option names in the first column of a page's tables."""
    names = set()
    for cell in re.findall(r"^\| ([^|]+) \|", page.read_text(encoding="utf-8"), flags=re.M):
        names.update(re.findall(r"`(\w+)`", cell))
    return names


def test_each_panel_page_lists_every_option_of_its_view():
    from gdanim.declare import views
    common = {f.name for f in dataclasses.fields(views.View)}
    assert common <= option_rows(DOCS / "reference" / "views" / "index.md")
    for name, cls in views.VIEWS.items():
        page = DOCS / "reference" / "views" / f"{name.lower()}.md"
        assert page.is_file(), f"no page for views.{name}"
        own = {f.name for f in dataclasses.fields(cls)} - common
        if cls is views.GradientField:
            own = {"arrows"}                      # the rest is Contours', on its page
        elif cls is not views.Contours and issubclass(cls, views.Contours):     # Basins: its own, and Contours'
            own = own - {f.name for f in dataclasses.fields(views.Contours)} | {"filled"}
        missing = own - option_rows(page)
        assert not missing, f"{page.name} does not list {sorted(missing)}"
        assert f"::: {cls.__module__}.{name}" in page.read_text(encoding="utf-8")


def test_the_reference_tables_list_every_field():
    from gdanim.declare import problems, scene
    for cls, page in ((scene.Scene, "scene.md"), (scene.Run, "scene.md"), (scene.Timing, "scene.md"),
                      (problems.Function, "problems.md")):
        internal = {"swept"}                      # Run.swept: set by a Sweep, not by a scene
        missing = {f.name for f in dataclasses.fields(cls)} - internal - option_rows(DOCS / "reference" / page)
        assert not missing, f"{page} does not list {cls.__name__}'s {sorted(missing)}"


def test_every_optimizer_and_exit_code_is_documented():
    from gdanim.core import errors
    from gdanim.declare.optimizers import OPTIMIZERS
    text = (DOCS / "reference" / "optimizers.md").read_text(encoding="utf-8")
    for name in OPTIMIZERS:
        assert f"::: gdanim.declare.optimizers.{name}\n" in text, name
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in dir(errors):
        if name.startswith("EXIT_"):
            assert f"| {getattr(errors, name)} | `{name}` |" in cli, name
