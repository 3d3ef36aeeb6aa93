"""A resource line of the generated pages rendered once per script, its HTML shared by every
generated page that lists the resource.

A resource appears on 全部条目, on 按网站浏览 and on each of its topic pages as the same Markdown
line (``pages._render`` keeps one line per resource and folder). Rendering those pages line by
line again was most of their build time. So ``stash`` puts a token in place of each known line of
a generated page's Markdown; the line's HTML, rendered once per script with the site's Markdown
extensions (and, in the zh-Hant build, converted first as the page would have been), takes the
token's place in the page's HTML in ``fill``; a list made only of such lines, which Markdown would
render alone, is one token (a paragraph) whose place the whole list takes. The line's links are
resolved there, for the page that shows it, by MkDocs' own resolver: the same URLs, warnings for
a missing target, and links to anchors recorded for MkDocs' anchor validation, as if the page had
rendered the line itself.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast
from xml.etree import ElementTree

import markdown
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]  # how it escapes an href
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor


class Tokens:
    """The placeholders of one run: letters and digits, which neither Markdown nor the zh-Hant
    conversion changes, with a random part that no page's own text can hold."""

    def __init__(self, nonce: str | None = None) -> None:
        self.nonce = nonce if nonce is not None else secrets.token_hex(8)
        self.line_mark = f"KBLINE{self.nonce}N"
        self.line_re = re.compile(rf"{self.line_mark}(\d+)Z")
        self.list_mark = f"KBLIST{self.nonce}N"
        self.list_re = re.compile(rf"<p>{self.list_mark}(\d+)Z</p>")
        self.url_re = re.compile(rf"KBURL{self.nonce}N(\d+)Z")

    def line(self, number: int) -> str:
        return f"{self.line_mark}{number}Z"

    def list(self, number: int) -> str:
        """A whole list of lines, standing as a paragraph of its own."""
        return f"{self.list_mark}{number}Z"

    def url(self, number: int) -> str:
        return f"KBURL{self.nonce}N{number}Z"


LIST_OPEN, LIST_CLOSE, ITEM_BREAK = "<ul>\n<li>", "</li>\n</ul>", "</li>\n<li>"
# A line that, next to a list across a blank line, would join it or become part of its last item.
JOINS_A_LIST_RE = re.compile(r"[-*+][ \t]|\d+[.)][ \t]|[ \t]")
LINK_ATTRIBUTES = {"a": "href", "img": "src"}  # what MkDocs' resolver rewrites


@dataclass(frozen=True)
class Allowlist:
    """What the pages' allowlist (``hooks/check/sanitize.py``) makes of a line's HTML and of a
    link: a line is read by it once per script, in a list item, and a page's sanitising (which then
    runs before ``fill``) need not read it again on every page that lists it."""

    published: Callable[[str], str | None]  # HTML as the allowlist publishes it; None: it removes some
    published_link: Callable[[str], str | None]  # an href's text as published; None: it is removed


@dataclass(frozen=True)
class RenderedLine:
    """A line's list-item HTML, its link targets replaced by tokens (``Tokens.url(i)`` for ``urls[i]``)."""

    html: str
    urls: tuple[str, ...]


class _UrlsAside(Treeprocessor):
    """Set aside the links MkDocs would resolve (its resolver's place in the tree processors)."""

    def __init__(self, tokens: Tokens) -> None:
        super().__init__()
        self.tokens = tokens
        self.urls: list[str] = []

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            key = LINK_ATTRIBUTES.get(str(element.tag))
            url = element.get(key) if key is not None else None
            if key is not None and url is not None:
                element.set(key, self.tokens.url(len(self.urls)))
                self.urls.append(url)


class _FoundFiles:
    """A build's files as MkDocs' resolver asks for them, each path looked up once: the lines
    of a script's pages link the same few pages thousands of times."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.found: dict[str, File | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        if path not in self.found:
            self.found[path] = self.files.get_file_from_path(path)
        return self.found[path]


def as_list(items: Iterable[str]) -> str:
    """Items' HTML as the tight list Python-Markdown writes."""
    return LIST_OPEN + ITEM_BREAK.join(items) + LIST_CLOSE


def list_items(html: str | None, count: int) -> list[str] | None:
    """The items of a tight list's HTML (as ``as_list`` writes it), or None unless it is one list
    of ``count`` items, none holding a list item of its own."""
    if html is None or not (html.startswith(LIST_OPEN) and html.endswith(LIST_CLOSE)):
        return None
    items = html[len(LIST_OPEN):-len(LIST_CLOSE)].split(ITEM_BREAK)
    if len(items) != count or any("<li" in item or "</li>" in item for item in items):
        return None
    return items


def published_item(html: str, allowlist: Allowlist) -> str | None:
    """One item's HTML as the allowlist publishes it in a list, or None when it removes anything."""
    items = list_items(allowlist.published(as_list([html])), 1)
    return items[0] if items is not None else None


def render_line(line: str, md: markdown.Markdown, aside: _UrlsAside) -> RenderedLine | None:
    """The HTML inside ``<li>`` of a one-line Markdown list item, or None when the line is not
    one list item alone (it then stays in the page)."""
    if "\n" in line or not line.startswith("- "):
        return None
    aside.urls = []
    items = list_items(md.reset().convert(line), 1)
    if items is None or " id=" in items[0]:  # not one item, or an anchor the page must know
        return None
    return RenderedLine(items[0], tuple(aside.urls))


def render_lines(lines: Sequence[str], md: markdown.Markdown, aside: _UrlsAside) -> list[RenderedLine | None]:
    """``render_line`` of each line, rendered as one list: the per-document work of Markdown is
    done once. Lines that do not come out as one item each are rendered one by one instead."""
    whole = render_line_list(lines, md, aside)
    return whole if whole is not None else [render_line(line, md, aside) for line in lines]


def render_line_list(lines: Sequence[str], md: markdown.Markdown,
                     aside: _UrlsAside) -> list[RenderedLine | None] | None:
    """The lines as one Markdown list, split into its items; None unless every line is one plain item."""
    if not lines or any("\n" in line or not line.startswith("- ") for line in lines):
        return None
    aside.urls = []
    items = list_items(md.reset().convert("\n".join(lines)), len(lines))
    if items is None or any(" id=" in item for item in items):
        return None
    urls = tuple(aside.urls)  # shared by the items: each names its own by number
    return [RenderedLine(item, urls) for item in items]


def out_of_place(page: str, what: str) -> str:
    """Why a generated page stops the build when a token's place is not where Markdown leaves it."""
    return (f"{page}: the place of {what} ends up inside a tag or another block of the page — look for a line "
            f"break or a '<' in the names and texts this page is made of (hooks/data/, front matter) and write "
            f"them as plain text on one line")


def in_text(html: str, position: int) -> bool:
    """Whether a position of HTML as the allowlist writes it is in text, not inside a tag (an
    attribute's value): it writes every '<' and '>' of text and of values as a reference."""
    last_open = html.rfind("<", 0, position)
    return last_open < 0 or last_open < html.rfind(">", 0, position)


def a_list_of_its_own(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether list lines between these lines make a list that Markdown renders alone: a blank
    line (or the text's edge) on each side, and beyond it nothing Markdown would join to the list
    (another list's items, or indented text that would continue its last item)."""
    if (before and before[-1].strip()) or (after and after[0].strip()):
        return False
    near = [next((line for line in reversed(before) if line.strip()), ""),
            next((line for line in after if line.strip()), "")]
    return not any(JOINS_A_LIST_RE.match(line) for line in near)


@dataclass
class SharedLines:
    """The lines of one run's generated pages, and their HTML per script."""

    lines: frozenset[str] = frozenset()
    tokens: Tokens = field(default_factory=Tokens)
    numbers: dict[str, int] = field(default_factory=dict)  # line → its token's number
    lists: list[tuple[int, ...]] = field(default_factory=list)  # a whole list's token number → its lines' numbers
    list_numbers: dict[tuple[int, ...], int] = field(default_factory=dict)  # the reverse
    rendered: dict[tuple[str, int], RenderedLine | None] = field(default_factory=dict)  # (script, number) → HTML
    renderers: dict[str, tuple[markdown.Markdown, _UrlsAside]] = field(default_factory=dict)
    lookups: dict[str, tuple[Files, _FoundFiles]] = field(default_factory=dict)  # script → its files, looked up
    allowlist: Allowlist | None = None  # given: only lines it keeps are shared, and links are published as it does

    def start(self, lines: Iterable[str]) -> None:
        """A new run's lines (the previous run's HTML is forgotten)."""
        self.lines = frozenset(lines)
        self.tokens = Tokens()
        self.numbers = {line: number for number, line in enumerate(sorted(self.lines))}
        self.lists, self.list_numbers = [], {}
        self.rendered, self.renderers, self.lookups = {}, {}, {}

    def stash(self, text: str, script: str, config: MkDocsConfig, convert: Callable[[str], str] | None) -> str:
        """``text`` with a token in place of each known line that renders as one list item, and
        one token in place of a list made only of such lines (Markdown then parses one paragraph,
        not one item per line)."""
        self._render_all(script, config, convert)
        lines = text.split("\n")
        numbers = [self.numbers.get(line) if line in self.lines else None for line in lines]
        shared = [n is not None and self.rendered.get((script, n)) is not None for n in numbers]
        out: list[str] = []
        i = 0
        while i < len(lines):
            if not shared[i]:
                out.append(lines[i])
                i += 1
                continue
            end = i
            while end < len(lines) and shared[end]:
                end += 1
            run = [cast(int, n) for n in numbers[i:end]]
            if a_list_of_its_own(lines[:i], lines[end:]):
                out.append(self.tokens.list(self._list_number(tuple(run))))
            else:
                out += ["- " + self.tokens.line(number) for number in run]
            i = end
        return "\n".join(out)

    def _list_number(self, lines: tuple[int, ...]) -> int:
        if lines not in self.list_numbers:
            self.list_numbers[lines] = len(self.lists)
            self.lists.append(lines)
        return self.list_numbers[lines]

    def _render_all(self, script: str, config: MkDocsConfig, convert: Callable[[str], str] | None) -> None:
        """Every line's HTML in this script, once (converted first in the zh-Hant build)."""
        if script in self.renderers:
            return
        aside = _UrlsAside(self.tokens)
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        md.treeprocessors.register(aside, "relpath", 0)  # where MkDocs registers its resolver
        self.renderers[script] = (md, aside)
        numbered = sorted((number, line) for line, number in self.numbers.items()
                          if line.startswith("- ") and "\n" not in line)
        texts = [line for _, line in numbered]
        if convert is not None:
            joined = convert("\n".join(texts)).split("\n")  # one conversion, as of one page
            texts = joined if len(joined) == len(texts) else [convert(text) for text in texts]
        rendered = render_lines(texts, md, aside)
        if self.allowlist is not None:
            rendered = self._kept(rendered, self.allowlist)
        for (number, _), line in zip(numbered, rendered, strict=True):
            self.rendered[(script, number)] = line

    def _kept(self, rendered: list[RenderedLine | None], allowlist: Allowlist) -> list[RenderedLine | None]:
        """Each line as the allowlist publishes it in a list item, or None when it removes anything
        of the line or of its links as written (the line then stays in its pages, which the
        allowlist reads whole and whose removals are reported). The lines are read as one list:
        a whole list the allowlist removes nothing of has no item it removes anything of."""
        lines = [line for line in rendered if line is not None]
        whole = list_items(allowlist.published(as_list(line.html for line in lines)), len(lines))
        items = whole if whole is not None else [published_item(line.html, allowlist) for line in lines]
        published = iter(items)
        out: list[RenderedLine | None] = []
        for line in rendered:
            item = next(published) if line is not None else None
            if line is None or item is None or any(
                    allowlist.published_link(_escape_attrib_html(line.urls[int(n)])) is None
                    for n in self.tokens.url_re.findall(line.html)):
                out.append(None)
            else:
                out.append(RenderedLine(item, line.urls))
        return out

    def fill(self, html: str, script: str, page_file: File, files: Files, config: MkDocsConfig
             ) -> tuple[str, dict[File, dict[str, str]]]:
        """The page's HTML with each token replaced by its line, links resolved for the page; and
        the page's links to anchors found in those lines (MkDocs' ``links_to_anchors``)."""
        if self.lookups.get(script, (None,))[0] is not files:
            self.lookups[script] = (files, _FoundFiles(files))
        resolver = _RelativePathTreeprocessor(page_file, cast(Files, self.lookups[script][1]), config)

        def link(url: str) -> str:
            resolved = resolver.path_to_url(url)
            if self.allowlist is None:
                return _escape_attrib_html(resolved)
            published = self.allowlist.published_link(_escape_attrib_html(resolved))
            if published is None:
                raise PluginError(f"{page_file.src_uri}: the link '{url}' of a listed resource becomes '{resolved}' "
                                  f"on this page, which the allowlist removes — rename the file it links to")
            return published

        def item_html(number: int, token: str) -> str:
            rendered = self.rendered.get((script, number))
            if rendered is None:
                raise KeyError(f"{page_file.src_uri}: no line for {token}")
            return self.tokens.url_re.sub(lambda m: link(rendered.urls[int(m.group(1))]), rendered.html)

        def list_html(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number >= len(self.lists):
                raise KeyError(f"{page_file.src_uri}: no list for {match.group(0)}")
            return as_list(item_html(n, match.group(0)) for n in self.lists[number])

        html = self.tokens.list_re.sub(list_html, html)
        if self.tokens.list_mark in html:  # a list token anywhere else (an attribute's value …)
            raise PluginError(out_of_place(page_file.src_uri, "a list of resources"))

        def line_html(match: re.Match[str]) -> str:
            if not in_text(html, match.start()):
                raise PluginError(out_of_place(page_file.src_uri, "a resource line"))
            return item_html(int(match.group(1)), match.group(0))

        return self.tokens.line_re.sub(line_html, html), resolver.links_to_anchors
