"""The scanner of hooks/parse/markdown.py agrees with Python-Markdown and the site's extensions.

Every docs page and a set of tricky pieces of Markdown are rendered with Python-Markdown,
configured with the ``markdown_extensions`` of mkdocs.yml; every link target of the rendered
HTML outside code (``<a href>``, ``<img src>`` and the other URL attributes) must be reported by
the scanner, on a line that holds it, and the scanner must report nothing else.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils import meta
from mkdocs.utils.yaml import yaml_load

from hooks.parse.markdown import ESCAPABLE, URL_ATTRIBUTES, Source

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
GENERATED_LINKS = {"headerlink", "footnote-ref", "footnote-backref"}  # made by toc and footnotes


@lru_cache(maxsize=1)
def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and options mkdocs.yml gives the site."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            names.append(name)
            options[name] = value or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=options)


def _rendered_targets(text: str) -> Counter[str]:
    """Link targets of the page as Python-Markdown renders it (front matter read as MkDocs
    reads it), outside <code> and <pre>."""
    body, _ = meta.get_data(text)
    renderer = _site_markdown()
    renderer.reset()
    soup = BeautifulSoup(renderer.convert(body), "html.parser")
    found: Counter[str] = Counter()
    for element in soup.find_all(True):
        if element.find_parent(["code", "pre"]) or element.name in ("code", "pre"):
            continue
        if GENERATED_LINKS & set(element.get("class") or ()):
            continue
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str):  # URL attributes hold one value
                found[value] += 1
    return found


def _reported(source: Source) -> list[tuple[str, int, str]]:
    return [(link.dest, source.line(link.offset), link.kind) for link in source.links]


def _unused_definition(source: Source, dest: str) -> bool:
    """A reference definition whose label no link uses renders nothing."""
    for link in source.links:
        if link.kind == "reference" and link.dest == dest:
            label = source.masked[:link.offset].rsplit("[", 1)[-1].split("]", 1)[0]
            uses = re.findall(r"\[" + re.escape(label) + r"\](?!:)", source.masked, re.IGNORECASE)
            if uses:
                return False
    return True


def _assert_agrees(source: Source) -> None:
    rendered = _rendered_targets(source.text)
    reported = _reported(source)
    reported_targets = Counter(dest for dest, _, kind in reported if kind != "reference")
    definitions = {dest for dest, _, kind in reported if kind == "reference"}
    missing = [t for t in rendered if t not in reported_targets and t not in definitions]
    assert not missing, f"{source.path}: rendered links the scanner does not report: {missing}"
    extra = [t for t in reported_targets if t not in rendered]
    extra += [t for t in definitions if t not in rendered and not _unused_definition(source, t)]
    assert not extra, f"{source.path}: reported but not rendered as links (code?): {extra}"
    for target, count in rendered.items():  # each occurrence: as often as rendered, none in code
        if target in definitions:  # also rendered once for each use of its definition
            assert reported_targets[target] <= count, (source.path, target)
        else:
            assert reported_targets[target] == count, f"{source.path}: {target} rendered {count} times, " \
                                                       f"reported {reported_targets[target]}"
    lines = source.text.split("\n")
    for dest, line, _ in reported:
        assert dest in lines[line - 1] or dest in html.unescape(lines[line - 1]), (source.path, line, dest)


PAGES = sorted(DOCS.rglob("*.md")) + [ROOT / "CONTRIBUTING.md"]  # CONTRIBUTING is a page too


def test_there_are_pages_to_compare() -> None:
    assert len(PAGES) > 20


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_docs_page_agrees_with_python_markdown(path: Path) -> None:
    name = path.relative_to(ROOT).as_posix()
    _assert_agrees(Source(name, name, path.read_text(encoding="utf-8-sig")))


# Tricky Markdown: the text, then every link the scanner must report as (target, line).
FIXTURES = {
    "list item starting with a fence marker is text": (
        "- ```text\n"
        "  [in the item](https://item.test/)\n"
        "\n"
        "[after](https://after.test/)\n",
        [("https://item.test/", 2), ("https://after.test/", 4)],
    ),
    "tilde fence": (
        "~~~\n[code](https://code.test/)\n~~~\n[after](https://after.test/)\n",
        [("https://after.test/", 4)],
    ),
    "fence inside a list item": (
        "- item\n\n"
        "    ```python\n"
        "    [code](https://code.test/)\n"
        "    ```\n\n"
        "    [text](https://text.test/)\n",
        [("https://text.test/", 7)],
    ),
    "fence abandoned by a less indented line": (
        "    ```\n"
        "[outside](https://out.test/)\n"
        "    ```\n",
        [("https://out.test/", 2)],
    ),
    "fence with options it does not know is text": (
        "```python foo\n"
        "\n"
        "[text](https://text.test/)\n",
        [("https://text.test/", 3)],
    ),
    "fence with a title": (
        '```python title="x.py" linenums="1"\n'
        "[code](https://code.test/)\n"
        "```\n",
        [],
    ),
    "unclosed fence is text": (
        "```\n[text](https://text.test/)\n",
        [("https://text.test/", 2)],
    ),
    "no fence opens after an unclosed one": (
        "```\n[a](https://a.test/)\n~~~\n[b](https://b.test/)\n~~~\n",
        [("https://a.test/", 2), ("https://b.test/", 4)],
    ),
    "longer closing fence does not close": (
        "```\n[code](https://code.test/)\n````\n[code too](https://code2.test/)\n```\n",
        [],
    ),
    "fence in an admonition": (
        "!!! note\n\n"
        "    ```\n"
        "    [code](https://code.test/)\n"
        "    ```\n"
        "    [text](https://text.test/)\n",
        [("https://text.test/", 6)],
    ),
    "fence in a quote": (
        "> ```\n> [code](https://code.test/)\n> ```\n> [text](https://text.test/)\n",
        [("https://text.test/", 4)],
    ),
    "indented code": (
        "Text.\n\n"
        "    [code](https://code.test/)\n"
        "    <https://code2.test/>\n\n"
        "[text](https://text.test/)\n",
        [("https://text.test/", 6)],
    ),
    "indented block after a list item continues it": (
        "- item\n\n"
        "    [text](https://text.test/)\n\n"
        "        [code](https://code.test/)\n",
        [("https://text.test/", 3)],
    ),
    "indented line in a paragraph is text": (
        "Text\n    [text](https://text.test/)\n",
        [("https://text.test/", 2)],
    ),
    "inline code with a link inside": (
        "a `[code](https://code.test/)` b [text](https://text.test/) ``x ` [c](https://c.test/)``\n",
        [("https://text.test/", 1)],
    ),
    "backtick runs pair as Python-Markdown pairs them": (
        "``a` [x](https://x.test/) `\n",
        [("https://x.test/", 1)],
    ),
    "code span does not cross list items": (
        "- a `b [x](https://x.test/)\n- c`\n",
        [("https://x.test/", 1)],
    ),
    "code span does not cross a blank line": (
        "a `b\n\n[text](https://text.test/) c`\n",
        [("https://text.test/", 3)],
    ),
    "escaped backtick starts no code": (
        "a \\` [text](https://text.test/) `\n",
        [("https://text.test/", 1)],
    ),
    "escapes": (
        "\\<https://auto.test/> \\[not a link](https://not.test/) \\`[text](https://text.test/)\\`\n",
        [("https://auto.test/", 1), ("https://text.test/", 1)],
    ),
    "links in a table": (
        "| 名称 | 链接 |\n| --- | --- |\n| a | [a](https://a.test/) |\n"
        "| `[b](https://b.test/)` | <https://c.test/> |\n",
        [("https://a.test/", 3), ("https://c.test/", 4)],
    ),
    "code span does not cross table rows": (
        "| a | b |\n|---|---|\n| `x | [a](https://a.test/) |\n| y` | z |\n",
        [("https://a.test/", 3)],
    ),
    "reference links": (
        "[a][one] and [two]\n\n[one]: https://one.test/\n[two]: <https://two.test/> \"title\"\n"
        "[unused]: https://unused.test/\n",
        [("https://one.test/", 3), ("https://two.test/", 4), ("https://unused.test/", 5)],
    ),
    "autolinks": (
        "<https://auto.test/a> and `<https://code.test/>`\n",
        [("https://auto.test/a", 1)],
    ),
    "images": (
        '![图](https://img.test/p.png "t") [![b](https://badge.test/b.svg)](https://repo.test/)\n',
        [("https://img.test/p.png", 1), ("https://badge.test/b.svg", 1), ("https://repo.test/", 1)],
    ),
    "html block with markdown inside": (
        '<div markdown="1">\n\n[text](https://text.test/)\n\n</div>\n\n'
        '<a href="https://html.test/">html</a>\n',
        [("https://text.test/", 3), ("https://html.test/", 7)],
    ),
    "front matter": (
        "---\ntitle: x\nlink: https://meta.test/\n---\n\n[text](https://text.test/)\n",
        [("https://text.test/", 6)],
    ),
    "comment": (
        "<!-- [c](https://comment.test/) -->\n[text](https://text.test/)\n",
        [("https://text.test/", 2)],
    ),
    "the same link in code and in text": (
        "`[a](https://a.test/)` [a](https://a.test/)\n",
        [("https://a.test/", 1)],
    ),
    "ordered list item starting with a fence marker": (
        "1. ```text\n   [a](https://a.test/)\n",
        [("https://a.test/", 2)],
    ),
    "fence in a nested list": (
        "- a\n    - b\n\n        ```\n        [c](https://c.test/)\n        ```\n\n        [t](https://t.test/)\n",
        [("https://t.test/", 8)],
    ),
    "definition, footnote, admonition, details, heading": (
        "## [h](https://h.test/)\n\n术语\n:   [d](https://d.test/)\n\n正文[^1]\n\n"
        '!!! note "说明"\n    [a](https://a.test/)\n\n??? tip\n    [b](https://b.test/)\n\n'
        "[^1]: [f](https://f.test/)\n",
        [("https://h.test/", 1), ("https://d.test/", 4), ("https://a.test/", 9), ("https://b.test/", 12),
         ("https://f.test/", 14)],
    ),
    "titles and inline html": (
        '[a](https://a.test/ "标题") 与 <a href="https://h.test/">h</a> <img src="https://i.test/i.png">\n',
        [("https://a.test/", 1), ("https://h.test/", 1), ("https://i.test/i.png", 1)],
    ),
    "relative links": (
        "[page](../other.md#part) [here](#top)\n",
        [("../other.md#part", 1), ("#top", 1)],
    ),
}


def test_the_scanner_escapes_what_the_site_markdown_escapes() -> None:
    assert sorted(ESCAPABLE) == sorted(_site_markdown().ESCAPED_CHARS)


@pytest.mark.parametrize("name", FIXTURES)
def test_tricky_markdown_agrees_with_python_markdown(name: str) -> None:
    text, expected = FIXTURES[name]
    source = Source("fixture.md", "fixture.md", text)
    _assert_agrees(source)
    assert [(dest, line) for dest, line, _ in _reported(source)] == expected
