"""A resource line of the generated pages rendered once per script, its HTML shared by every
generated page that lists the resource.

A resource appears on 全部条目, on 按网站浏览 and on each of its topic pages as the same Markdown
line (``pages._render`` keeps one line per resource and folder). Rendering those pages line by
line again was most of their build time. So ``stash`` puts a token in place of each known line of
a generated page's Markdown; the line's HTML, rendered once per script with the site's Markdown
extensions (and, in the zh-Hant build, converted first as the page would have been), takes the
token's place in the page's HTML in ``fill``. The line's links are resolved there, for the page
that shows it, by MkDocs' own resolver: the same URLs, warnings for a missing target, and links
to anchors recorded for MkDocs' anchor validation, as if the page had rendered the line itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from xml.etree import ElementTree

import markdown
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]  # how it escapes an href
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor

TOKEN = "KBLINE{}Z"  # letters and digits: nothing Markdown or the zh-Hant conversion changes
TOKEN_RE = re.compile(r"KBLINE(\d+)Z")
URL_TOKEN = "KBURL{}Z"
URL_TOKEN_RE = re.compile(r"KBURL(\d+)Z")
LIST_OPEN, LIST_CLOSE = "<ul>\n<li>", "</li>\n</ul>"
LINK_ATTRIBUTES = {"a": "href", "img": "src"}  # what MkDocs' resolver rewrites


@dataclass(frozen=True)
class RenderedLine:
    """A line's list-item HTML, its link targets replaced by ``KBURL<i>Z`` tokens for ``urls[i]``."""

    html: str
    urls: tuple[str, ...]


class _UrlsAside(Treeprocessor):
    """Set aside the links MkDocs would resolve (its resolver's place in the tree processors)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            key = LINK_ATTRIBUTES.get(str(element.tag))
            url = element.get(key) if key is not None else None
            if key is not None and url is not None:
                element.set(key, URL_TOKEN.format(len(self.urls)))
                self.urls.append(url)


def render_line(line: str, md: markdown.Markdown, aside: _UrlsAside) -> RenderedLine | None:
    """The HTML inside ``<li>`` of a one-line Markdown list item, or None when the line is not
    one list item alone (it then stays in the page)."""
    if "\n" in line or not line.startswith("- "):
        return None
    aside.urls = []
    html = md.reset().convert(line)
    if not (html.startswith(LIST_OPEN) and html.endswith(LIST_CLOSE)):
        return None
    inner = html[len(LIST_OPEN):-len(LIST_CLOSE)]
    if "<li>" in inner or " id=" in inner:  # more than one item, or an anchor the page would have to know
        return None
    return RenderedLine(inner, tuple(aside.urls))


@dataclass
class SharedLines:
    """The lines of one run's generated pages, and their HTML per script."""

    lines: frozenset[str] = frozenset()
    numbers: dict[str, int] = field(default_factory=dict)  # line → its token's number
    rendered: dict[tuple[str, int], RenderedLine | None] = field(default_factory=dict)  # (script, number) → HTML
    renderers: dict[str, tuple[markdown.Markdown, _UrlsAside]] = field(default_factory=dict)

    def start(self, lines: Iterable[str]) -> None:
        """A new run's lines (the previous run's HTML is forgotten)."""
        self.lines = frozenset(lines)
        self.numbers = {line: number for number, line in enumerate(sorted(self.lines))}
        self.rendered, self.renderers = {}, {}

    def stash(self, text: str, script: str, config: MkDocsConfig, convert: Callable[[str], str] | None) -> str:
        """``text`` with a token in place of each known line that renders as one list item."""
        out = []
        for line in text.split("\n"):
            number = self.numbers.get(line) if line in self.lines else None
            if number is not None and self._render(number, line, script, config, convert) is not None:
                out.append("- " + TOKEN.format(number))
            else:
                out.append(line)
        return "\n".join(out)

    def _render(self, number: int, line: str, script: str, config: MkDocsConfig,
                convert: Callable[[str], str] | None) -> RenderedLine | None:
        key = (script, number)
        if key not in self.rendered:
            if script not in self.renderers:
                aside = _UrlsAside()
                md = markdown.Markdown(extensions=config.markdown_extensions,
                                       extension_configs=config.mdx_configs or {})
                md.treeprocessors.register(aside, "relpath", 0)  # where MkDocs registers its resolver
                self.renderers[script] = (md, aside)
            self.rendered[key] = render_line(convert(line) if convert else line, *self.renderers[script])
        return self.rendered[key]

    def fill(self, html: str, script: str, page_file: File, files: Files, config: MkDocsConfig
             ) -> tuple[str, dict[File, dict[str, str]]]:
        """The page's HTML with each token replaced by its line, links resolved for the page; and
        the page's links to anchors found in those lines (MkDocs' ``links_to_anchors``)."""
        resolver = _RelativePathTreeprocessor(page_file, files, config)

        def line_html(match: re.Match[str]) -> str:
            rendered = self.rendered.get((script, int(match.group(1))))
            if rendered is None:
                raise KeyError(f"{page_file.src_uri}: no line for {match.group(0)}")
            return URL_TOKEN_RE.sub(
                lambda m: _escape_attrib_html(resolver.path_to_url(rendered.urls[int(m.group(1))])), rendered.html)

        return TOKEN_RE.sub(line_html, html), resolver.links_to_anchors
