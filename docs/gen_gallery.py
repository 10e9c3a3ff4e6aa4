"""MkDocs hook (mkdocs.yml, `hooks:`): the pages written from the code rather than by hand.

- the panel pages (docs/reference/views/*.md): each page's example scene (its ```python block that
  starts `# NAME_example.py`) is rendered, a PNG still, into the site as reference/views/NAME_example.png,
  which the page shows: the picture is always what the example draws, and an example that stops
  rendering fails the build.

- gallery.md: a card per catalogue scene (scenes/*.py): its still, its animation and its source.
  The still and the GIF are the catalogue's own outputs, output/NAME.png and output/NAME.gif
  (`make all`, which `make docs` runs first), copied into the site under media/; a checkout with
  no output/ yet takes the stills `make readme` keeps in docs/gallery/ and shows no animations.
- cli.md: the text `<!-- cli-help -->` becomes every command's `gdanim COMMAND --help`, so the page
  says what this gdanim's commands take; outputs.md: `<!-- formats-table -->` becomes the table of
  output formats, from their registry (as `make readme` writes it into the README).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
OUTPUT = ROOT / "output"
STILLS = ROOT / "docs" / "gallery"


def scenes() -> list[tuple[str, object]]:
    """Every catalogue scene, by name, loaded through gdanim's loader (as `gdanim list` does)."""
    from gdanim.app.loader import load, scene_files
    return [(path.stem, load(path)) for path in scene_files(SCENES)]


def media_of(name: str) -> dict[str, Path]:
    """The still and the animation of scene NAME that exist, by suffix."""
    found = {}
    still = OUTPUT / f"{name}.png"
    found["png"] = still if still.exists() else STILLS / f"{name}.png"
    if (OUTPUT / f"{name}.gif").exists():
        found["gif"] = OUTPUT / f"{name}.gif"
    return {k: v for k, v in found.items() if v.exists()}


def gallery_markdown(entries) -> str:
    lines = ["# Gallery", "",
             f"Every scene of the catalogue (`scenes/`, {len(entries)} of them): its still, its "
             "animation and the scene file that makes both. `make all` renders them into `output/`; "
             "`gdanim examples DIR` copies the scene files out of an installed gdanim.", "",
             "The catalogue reproduces every figure of five gradient-descent lectures, each scene naming "
             "the lecture and cell it comes from (`gdanim list`). Where a lecture seeds its randomness "
             "(CS 189, the blog post's data, the workshop) its own printed numbers come out, checked step "
             "for step against the lectures' code in `tests/`. Two lectures never seed theirs (\"Gradient "
             "descent in depth\" and the ML1 notebook): their scenes draw seed 0's data and keep the start "
             "wherever the notebook prints one; the blog's unseeded start `np.random.rand(2)` is drawn from "
             "seed 0, one of the starts that give the printed 1.20, 62.81.", ""]
    lines += ['<div class="grid cards" markdown>', ""]
    for name, scene, media in entries:
        anchor = name.replace("_", "-")
        thumb = f"[![{name}]({media_path(name, 'png')}){{ loading=lazy }}](#{anchor})" if "png" in media else ""
        lines += [f"-   {thumb}", "", f"    **[{name}](#{anchor})** — {scene.description}", ""]
    lines += ["</div>", ""]
    for name, scene, media in entries:
        lines += [f"## {name} {{ #{name.replace('_', '-')} }}", "", f"**{scene.title}.** {scene.description}", ""]
        if scene.source:
            lines += [f"*From:* {scene.source}", ""]
        if "png" in media:
            lines += [f"![{name}: the still]({media_path(name, 'png')}){{ loading=lazy }}", ""]
        if "gif" in media:
            lines += [f'??? example "The animation ({name}.gif)"', "",
                      f"    ![{name}: the animation]({media_path(name, 'gif')}){{ loading=lazy }}", ""]
        elif scene.runs:
            lines += [f"*No animation rendered yet: `make all` renders `output/{name}.gif`.*", ""]
        else:
            lines += ["*A still: no runs, so no animation.*", ""]
        source = (SCENES / f"{name}.py").read_text(encoding="utf-8")
        lines += [f'??? abstract "The scene file, scenes/{name}.py"', "", "    ```python"]
        lines += [("    " + line).rstrip() for line in source.splitlines()]
        lines += ["    ```", ""]
    return "\n".join(lines) + "\n"


def media_path(name: str, suffix: str) -> str:
    return f"media/{name}.{suffix}"


VIEW_PAGES = ROOT / "docs" / "reference" / "views"
EXAMPLE = re.compile(r"^```python\n(# (\w+_example)\.py\n.*?)^```", flags=re.M | re.S)
rendered: list[Path] = []


def render_examples() -> dict[str, Path]:
    """Render every panel page's example scene (one `gdanim render`, the scenes side by side)."""
    folder = Path(tempfile.mkdtemp(prefix="gdanim-docs-"))
    rendered.append(folder)
    names = []
    for page in sorted(VIEW_PAGES.glob("*.md")):
        for code, name in EXAMPLE.findall(page.read_text(encoding="utf-8")):
            (folder / f"{name}.py").write_text(code, encoding="utf-8")
            names.append(name)
    if not names:
        return {}
    r = subprocess.run([sys.executable, "-m", "gdanim", "render", *(f"{n}.py" for n in names),
                        "--format", "png", "--dpi", "60", "--out", "out"],
                       cwd=folder, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"a panel page's example does not render:\n{r.stdout}{r.stderr}")
    return {n: folder / "out" / f"{n}.png" for n in names}


def on_post_build(config):
    while rendered:
        shutil.rmtree(rendered.pop(), ignore_errors=True)


def on_files(files, config):
    from mkdocs.structure.files import File
    for name, png in render_examples().items():
        files.append(File.generated(config, f"reference/views/{name}.png", abs_src_path=str(png)))
    entries = []
    for name, scene in scenes():
        media = media_of(name)
        entries.append((name, scene, media))
        for suffix, path in media.items():
            files.append(File.generated(config, media_path(name, suffix), abs_src_path=str(path)))
    files.append(File.generated(config, "gallery.md", content=gallery_markdown(entries)))
    return files


def cli_help() -> str:
    """`gdanim --help` and every command's, as a console block each."""
    from click.testing import CliRunner
    from gdanim.app.cli import main
    runner = CliRunner()
    parts = []
    for command in [None, *sorted(main.commands)]:
        args = ["--help"] if command is None else [command, "--help"]
        result = runner.invoke(main, args, prog_name="gdanim", terminal_width=100)
        title = "gdanim --help" if command is None else f"gdanim {command} --help"
        parts += [f"### `{title}`", "", "```text", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


def on_page_markdown(markdown, page, config, files):
    if "<!-- cli-help -->" in markdown:
        os.environ.setdefault("COLUMNS", "100")
        markdown = markdown.replace("<!-- cli-help -->", cli_help())
    if "<!-- formats-table -->" in markdown:
        from gdanim.app.readme_table import formats_table
        markdown = markdown.replace("<!-- formats-table -->", formats_table())
    return markdown
