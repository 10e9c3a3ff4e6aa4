"""A griffe extension (mkdocs.yml, mkdocstrings' `extensions:`): gdanim's docstrings are prose
with doctests, and Markdown would read a doctest's `>>>` as a quote and its `[1.0, 2.0]` output
as a link. Each doctest (its `>>>` and `...` lines and the output up to a blank line) is put in
a ```pycon fence instead; the source's docstrings stay as they are, doctests for pytest."""
from __future__ import annotations

import griffe


def fenced(text: str) -> str:
    out, in_test = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(">>>") and not in_test:
            out += ["", "```pycon"]
            in_test = True
        elif in_test and not stripped:
            out += ["```", ""]
            in_test = False
        out.append(line.strip() if in_test else line)
    if in_test:
        out.append("```")
    return "\n".join(out)


class Doctests(griffe.Extension):
    def on_instance(self, *, obj, **kwargs) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fenced(obj.docstring.value)
