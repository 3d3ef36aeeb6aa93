"""Read the entries (the resources a page lists) out of one content page's Markdown.

An entry is a list item (`- [标题](URL) — 注释`, or link-less `- 标题 — 注释`) or a link in a
table row. Pure functions only: the MkDocs glue reads the pages, calls `parse_entries`, and
renders each page after `strip_topic_overrides`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from hooks import paths
from hooks.parse import data_files, yaml_text
from hooks.parse.markdown import HEADING_RE, code_lines, code_span_at, unique_heading_id

SOURCE_SITES_FILE = paths.SOURCE_SITES

NOTE_SEPARATOR = " \u2014 "  # space, EM DASH, space
TABLE_NOTE_JOINER = " · "
NOT_APPLICABLE = "N/A"
ARTICLE_KIND = "article"
PAGE_KIND = "page"  # hand-written non-section pages (home, about): they list no entries

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
LEFTOVER_TRIM = " \t:：,，、;；|·-–—"

ADMONITION_RE = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)(?:[ \t]|$)")
HEADING_ATTRS_RE = re.compile(r"(?<![ \t])[ \t]+\{:?[ \t]*+(?P<attrs>[^}\n]*)\}[ \t]*$")
HEADING_ID_RE = re.compile(r"(?:^|[ \t])#(?P<id>[^\s}]+)")
CLOSING_HASHES_RE = re.compile(r"(?:^|(?<![ \t])[ \t]+)#+$")
LIST_ITEM_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<content>(?:.*[^ \t])?))?[ \t]*$"
)
THEMATIC_BREAK_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
TABLE_SEPARATOR_RE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$")
BLOCKQUOTE_RE = re.compile(r"^[ \t]*>")
TOPICS_MARKER_RE = re.compile(
    r"(?<![ \t])[ \t]*\{[ \t]*topics[ \t]*=[ \t]*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')[ \t]*\}[ \t]*$"
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BARE_URL_RE = re.compile(r"https?://", re.IGNORECASE)
HOST_WITHOUT_SCHEME_RE = re.compile(r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)", re.IGNORECASE)
BOLD_LABEL_RE = re.compile(
    r"^(?P<mark>\*\*|__)(?P<label>.+?)(?P<inner>[:：])?(?P=mark)[ \t]*(?P<outer>[:：])?$"
)


class EntryError(ValueError):
    """A malformed entry or page header; the message reads `file:line: reason — how to fix`."""

    def __init__(self, page: str, line: int, reason: str, fix: str) -> None:
        super().__init__(f"{page}:{line}: {reason} — {fix}")
        self.page = page
        self.line = line


class _InlineError(Exception):
    """A malformed inline construct, before the file and line are known."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fix = fix


@dataclass(frozen=True)
class TopicOverrides:
    """Topic slugs added to / removed from the automatic matches, and where that was said."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    line: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


NO_OVERRIDES = TopicOverrides()


@dataclass(frozen=True)
class Entry:
    """One resource listed on a page."""

    title: str
    url: str | None
    note: str
    page: str
    line: int
    heading: str
    heading_anchor: str
    source_site: str
    topic_overrides: TopicOverrides
    page_topic_overrides: TopicOverrides
    anchor: str

    @property
    def key(self) -> str:
        """Site-wide identity of the entry: `page#anchor` (anchors are unique per page only)."""
        return f"{self.page}#{self.anchor}"


@dataclass(frozen=True)
class SourceSites:
    """The host → source-site table of `source_sites.yml`."""

    exact: Mapping[str, str]
    suffixes: Mapping[str, str]
    order: tuple[str, ...]
    other: str
    no_link: str

    def site_of(self, url: str | None) -> str:
        """The source site of a URL (`no_link` for a link-less entry, `other` if unknown)."""
        if not url:
            return self.no_link
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if host in self.exact:
            return self.exact[host]
        labels = host.split(".")
        for i in range(1, len(labels)):
            suffix = "." + ".".join(labels[i:])
            if suffix in self.suffixes:
                return self.suffixes[suffix]
        return self.other


def load_source_sites(path: Path = SOURCE_SITES_FILE) -> SourceSites:
    """Read the host → site table (see hooks/data/source_sites.yml for the format)."""
    data = data_files.load(Path(path), "source_sites").value  # checked: a DataFileError names the line
    exact: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    for site in data["sites"]:
        for host in site["hosts"]:
            host = str(host).lower()
            if host.startswith("*."):
                suffixes[host[1:]] = site["name"]
            else:
                exact[host] = site["name"]
    names = tuple(site["name"] for site in data["sites"])
    return SourceSites(exact, suffixes, names + (data["other"], data["no_link"]),
                       data["other"], data["no_link"])


@cache
def default_source_sites() -> SourceSites:
    """The project's host → site table, read once."""
    return load_source_sites(SOURCE_SITES_FILE)


# ---------------------------------------------------------------- inline Markdown


@dataclass(frozen=True)
class _Link:
    """An inline link or image found in a piece of Markdown."""

    label: str  # raw Markdown of the link text
    url: str
    start: int
    end: int
    image: bool


def _code_span_end(text: str, i: int) -> tuple[int, int] | None:
    """For a backtick run at i: (start of the code, index after the code span), or None if
    no run closes it (the shared scanner's pairing, hooks/parse/markdown.py)."""
    found = code_span_at(text, i)
    return (found[0], found[2]) if found else None


def _matching_bracket(text: str, i: int) -> int | None:
    """Index of the `]` closing the `[` at i (nested brackets balanced, escapes skipped)."""
    depth = 0
    j = i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "`":
            span = _code_span_end(text, j)
            if span:
                j = span[1]
                continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _matching_paren(text: str, i: int) -> int | None:
    """Index of the `)` closing the link destination that opens at i."""
    depth = 0
    j = i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _destination(raw: str) -> str:
    """The URL of a link destination `URL "title"` or `<URL>`."""
    raw = raw.strip()
    if raw.startswith("<"):
        end = raw.find(">")
        return raw[1:end] if end > 0 else raw[1:]
    return raw.split(None, 1)[0] if raw else ""


def _inline(text: str, strict: bool) -> Iterator[tuple[str, Any]]:
    """Tokens of inline Markdown: ("text", str), ("code", str) and ("link", _Link).

    strict: raise `_InlineError` for an unclosed `[` or link, empty link text or URL.
    Otherwise malformed brackets are kept as literal text.
    """
    buf: list[str] = []
    i, n = 0, len(text)

    def flush() -> Iterator[tuple[str, Any]]:
        if buf:
            yield "text", "".join(buf)
            buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ASCII_PUNCTUATION:
            buf.append(text[i:i + 2])
            i += 2
            continue
        if ch == "`":
            span = code_span_at(text, i)
            if span:
                code_start, code_end, after = span
                yield from flush()
                yield "code", text[code_start:code_end].strip()
                i = after
                continue
            buf.append(ch)
            i += 1
            continue
        image = ch == "!" and text.startswith("[", i + 1)
        if ch == "[" or image:
            opening = i + 1 if image else i
            close = _matching_bracket(text, opening)
            if close is None:
                if strict:
                    raise _InlineError(
                        "unclosed '[' (link text without its closing ']')",
                        "close the link as [标题](URL), or write a literal bracket as \\[",
                    )
                buf.append(ch)
                i += 1
                continue
            if close + 1 < n and text[close + 1] == "(":
                end = _matching_paren(text, close + 1)
                if end is None:
                    if strict:
                        raise _InlineError(
                            "unclosed link: '(' after the link text is never closed",
                            "end the URL with ')' as in [标题](URL)",
                        )
                    buf.append(ch)
                    i += 1
                    continue
                link = _Link(text[opening + 1:close], _destination(text[close + 2:end]),
                             i, end + 1, image)
                if strict and not image:
                    _check_link_shape(link)
                yield from flush()
                yield "link", link
                i = end + 1
                continue
            buf.append(ch)  # plain bracketed text (footnote ref, task box): look inside it
            i += 1
            continue
        buf.append(ch)
        i += 1
    yield from flush()


def _check_link_shape(link: _Link) -> None:
    """Empty link text and empty URLs are errors."""
    if not link.label.strip():
        raise _InlineError(
            f"empty link text in [](…{link.url[-40:]})",
            "put the article title between the brackets: [标题](URL)",
        )
    if not link.url:
        raise _InlineError(
            f"empty URL in [{link.label}]()",
            f"a resource without a link is a link-less entry: write `- {link.label} — 注释`",
        )


def _unescape(text: str) -> str:
    """Drop Markdown backslash escapes and HTML entities."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ASCII_PUNCTUATION:
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return html.unescape("".join(out))


def plain_text(markdown: str) -> str:
    """Inline Markdown as plain text: links become their text, markup and escapes go."""
    parts: list[str] = []
    for kind, value in _inline(markdown, strict=False):
        if kind == "link":
            parts.append(plain_text(value.label))
        elif kind == "code":
            parts.append(value)
        else:
            parts.append(_unescape(value.replace("**", "").replace("__", "")))
    return "".join(parts).strip()


def _is_external(url: str) -> bool:
    """http(s) URLs are resources; relative links point into the site. Anything else is an error."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc:
            raise _InlineError(f"URL without a host: {url}", "write the full address, https://host/path")
        return True
    if scheme:
        raise _InlineError(
            f"URL scheme '{scheme}:' is not allowed ({url})",
            "entries link to http:// or https:// addresses only",
        )
    if HOST_WITHOUT_SCHEME_RE.match(url):
        raise _InlineError(f"URL without http(s):// ({url})", f"write https://{url}")
    return False


def _check_bare_urls(tokens: list[tuple[str, Any]]) -> None:
    """A URL outside link syntax would be lost to the indexes."""
    for kind, value in tokens:
        if kind == "text" and BARE_URL_RE.search(value):
            raise _InlineError("bare URL outside link syntax",
                               "write it as a link: [标题](URL)")


# ---------------------------------------------------------------- page structure


@dataclass(frozen=True)
class _Heading:
    line: int
    level: int
    text: str
    explicit_id: str | None


@dataclass(frozen=True)
class _Item:
    line: int
    content: str
    topics: str | None


@dataclass(frozen=True)
class _Row:
    line: int
    cells: tuple[str, ...]
    topics: str | None


def _indent(text: str) -> int:
    """Width of the leading whitespace (tabs count as 4)."""
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _split_front_matter(lines: list[str]) -> tuple[list[str], int]:
    """(the YAML lines, index of the first body line); no front matter gives ([], 0)."""
    if not lines or lines[0].rstrip() != "---":
        return [], 0
    for j in range(1, len(lines)):
        if lines[j].rstrip() in ("---", "...") and j > 1:
            return lines[1:j], j + 1
    return [], 0


def _split_marker(content: str) -> tuple[str, str | None]:
    """Remove a trailing `{ topics="…" }` marker: (content, marker text or None)."""
    m = TOPICS_MARKER_RE.search(content)
    if not m:
        return content, None
    return content[:m.start()], m["dq"] if m["dq"] is not None else m["sq"]


def _split_cells(row: str) -> tuple[str, ...]:
    """Cells of a table row, split at unescaped pipes outside code spans."""
    text = row.strip()
    cells: list[str] = []
    start = i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            span = _code_span_end(text, i)
            if span:
                i = span[1]
                continue
        if ch == "|":
            cells.append(text[start:i])
            start = i + 1
        i += 1
    cells.append(text[start:])
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return tuple(cell.strip() for cell in cells)


def _blocks(lines: list[str], start: int) -> Iterator[_Heading | _Item | _Row]:
    """Headings, list items and table rows of the body, outside code and admonitions."""
    code = code_lines("\n".join(lines), start)
    skip_below: int | None = None  # admonition body: lines indented at least this much
    i = start
    while i < len(lines):
        line = lines[i]
        number = i + 1
        i += 1
        if i - 1 in code:
            continue
        if skip_below is not None:
            if not line.strip() or _indent(line) >= skip_below:
                continue
            skip_below = None
        admonition = ADMONITION_RE.match(line)
        if admonition:
            skip_below = _indent(admonition["indent"]) + 4
            continue
        if BLOCKQUOTE_RE.match(line):
            continue
        heading = HEADING_RE.match(line)
        if heading:
            text = heading["text"] or ""
            explicit = None
            attrs = HEADING_ATTRS_RE.search(text)
            if attrs:
                text = text[:attrs.start()]
                found = HEADING_ID_RE.search(attrs["attrs"])
                explicit = found["id"] if found else None
            text = CLOSING_HASHES_RE.sub("", text).strip()
            yield _Heading(number, len(heading["hashes"]), text, explicit)
            continue
        if "|" in line and i < len(lines) and "|" in lines[i] and TABLE_SEPARATOR_RE.match(lines[i]):
            i += 1  # header and separator rows are not entries
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                content, marker = _split_marker(lines[i])
                yield _Row(i + 1, _split_cells(content), marker)
                i += 1
            continue
        item = LIST_ITEM_RE.match(line)
        if item and not THEMATIC_BREAK_RE.match(line) and item["content"]:
            content, marker = _split_marker(item["content"])
            yield _Item(number, content.strip(), marker)


def _heading_anchors(headings: list[_Heading], slugify: Callable[[str], str]) -> dict[int, str]:
    """Line → id of every heading, as the toc extension assigns them."""
    used = {h.explicit_id for h in headings if h.explicit_id}
    anchors: dict[int, str] = {}
    for h in headings:
        anchors[h.line] = h.explicit_id or unique_heading_id(slugify(plain_text(h.text)), used)
    return anchors


def _parse_overrides(spec: str, page: str, line: int) -> TopicOverrides:
    """`"lora qlora -rlhf"` → added (lora, qlora), removed (rlhf)."""
    added: list[str] = []
    removed: list[str] = []
    for token in re.split(r"[\s,，]+", spec.strip()):
        if not token:
            continue
        target = removed if token.startswith("-") else added
        slug = token.lstrip("+-")
        if not SLUG_RE.match(slug):
            raise EntryError(page, line, f"'{token}' is not a topic slug",
                             "use the lower-case slugs of hooks/data/topics.yml, e.g. topics=\"lora -rlhf\"")
        target.append(slug)
    both = sorted(set(added) & set(removed))
    if both:
        raise EntryError(page, line, f"topic '{both[0]}' is both added and removed",
                         "keep either the slug or -slug")
    return TopicOverrides(tuple(added), tuple(removed), line)


def _page_overrides(meta: Mapping[str, Any], yaml_lines: list[str], page: str) -> TopicOverrides:
    """The front matter's `topics:` (a string or a list of strings)."""
    value = meta.get("topics")
    if value is None:
        return NO_OVERRIDES
    line = next((k + 2 for k, text in enumerate(yaml_lines) if re.match(r"topics\s*:", text)), 1)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = " ".join(value)
    if not isinstance(value, str):
        raise EntryError(page, line, "front matter 'topics' must be a string",
                         'write topics: "lora -rlhf"')
    return _parse_overrides(value, page, line)


def _read_meta(yaml_lines: list[str], page: str) -> dict[str, Any]:
    """The front matter as a mapping."""
    if not yaml_lines:
        return {}
    try:
        meta = yaml_text.safe_load("\n".join(yaml_lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise EntryError(page, line, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})",
                         "fix the YAML between the two --- lines") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise EntryError(page, 2, "front matter is not a mapping", "write key: value lines")
    return meta


# ---------------------------------------------------------------- entries


@dataclass(frozen=True)
class _Draft:
    """An entry before its anchor is known."""

    title: str
    url: str | None
    note: str
    line: int
    heading: _Heading | None
    overrides: TopicOverrides


def _tokens(text: str, page: str, line: int) -> list[tuple[str, Any]]:
    """Strict inline tokens with errors located at page:line."""
    try:
        tokens = list(_inline(text, strict=True))
        _check_bare_urls(tokens)
        return tokens
    except _InlineError as exc:
        raise EntryError(page, line, exc.reason, exc.fix) from None


def _external(link: _Link, page: str, line: int) -> bool:
    try:
        return _is_external(link.url)
    except _InlineError as exc:
        raise EntryError(page, line, exc.reason, exc.fix) from None


def _links(tokens: list[tuple[str, Any]]) -> list[_Link]:
    return [value for kind, value in tokens if kind == "link" and not value.image]


def _separator_at(text: str, tokens: list[tuple[str, Any]]) -> int:
    """Position of the first ` — ` outside links and code (-1 if none)."""
    covered = [(v.start, v.end) for k, v in tokens if k == "link"]
    at = text.find(NOTE_SEPARATOR)
    while at >= 0:
        if not any(s <= at < e for s, e in covered) and not _in_code(text, at):
            return at
        at = text.find(NOTE_SEPARATOR, at + 1)
    return -1


def _in_code(text: str, at: int) -> bool:
    """True if position `at` lies inside a code span."""
    i = 0
    while i < at:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "`":
            span = _code_span_end(text, i)
            if span:
                if i < at < span[1]:
                    return True
                i = span[1]
                continue
        i += 1
    return False


def _is_bold_label(content: str) -> bool:
    """`**标签**：` and `**标签：**` introduce a group; they are not entries."""
    m = BOLD_LABEL_RE.match(content)
    return bool(m and (m["inner"] or m["outer"]))


def _without_links(text: str, links: list[_Link]) -> str:
    """The text with the given link spans cut out."""
    parts: list[str] = []
    last = 0
    for link in sorted(links, key=lambda link: link.start):
        parts.append(text[last:link.start])
        last = link.end
    parts.append(text[last:])
    return "".join(parts)


def _join_notes(*notes: str) -> str:
    return TABLE_NOTE_JOINER.join(n for n in notes if n)


def _item_drafts(item: _Item, page: str, article: bool, heading: _Heading | None) -> list[_Draft]:
    """Entries of one list item."""
    content = item.content
    tokens = _tokens(content, page, item.line)
    overrides = _parse_overrides(item.topics, page, item.line) if item.topics is not None else NO_OVERRIDES
    if _is_bold_label(content):
        return []
    at = _separator_at(content, tokens)
    head, note_md = (content[:at], content[at + len(NOTE_SEPARATOR):]) if at >= 0 else (content, "")
    links = _links(tokens)
    head_links = [link for link in links if at < 0 or link.start < at]
    external = [link for link in (links if article else head_links) if _external(link, page, item.line)]
    for link in links:
        _external(link, page, item.line)  # scheme errors anywhere in the item
    note = plain_text(note_md)
    if external:
        if article:
            notes = [note if (at < 0 or link.start < at) else "" for link in external]
        else:
            leftover = plain_text(_without_links(head, head_links)).strip(LEFTOVER_TRIM)
            notes = [_join_notes(leftover, note)] * len(external)
        return [_Draft(plain_text(link.label), link.url, n, item.line, heading, overrides)
                for link, n in zip(external, notes, strict=True)]
    if article or head_links:  # article prose, or an item that only points into the site
        return []
    title = plain_text(head)
    if not title:
        return []
    return [_Draft(title, None, note, item.line, heading, overrides)]


def _row_drafts(row: _Row, page: str, heading: _Heading | None) -> list[_Draft]:
    """Entries of one table row: each external link, noted with the row's other cells."""
    overrides = _parse_overrides(row.topics, page, row.line) if row.topics is not None else NO_OVERRIDES
    link_cells: list[list[_Link]] = []
    notes: list[str] = []
    for cell in row.cells:
        links = _links(_tokens(cell, page, row.line))
        if links:
            link_cells.append(links)
            continue
        text = plain_text(cell)
        if text and text != NOT_APPLICABLE:
            notes.append(text)
    note = TABLE_NOTE_JOINER.join(notes)
    return [
        _Draft(plain_text(link.label), link.url, note, row.line, heading, overrides)
        for links in link_cells for link in links if _external(link, page, row.line)
    ]


def _anchor_base(url: str | None, page: str, title: str) -> str:
    seed = url if url else page + title
    return "e-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:8]


def parse_entries(
    markdown: str,
    page: str,
    *,
    slugify: Callable[[str], str],
    sites: SourceSites | None = None,
) -> list[Entry]:
    """All entries of one page, in document order.

    page: docs-relative path ("training/peft.md"), used in entries and error messages.
    slugify: the toc extension's slugify, used for heading anchors.
    Raises EntryError ("file:line: reason — how to fix") for malformed entries.
    """
    if sites is None:  # the project's table: the same page text gives the same entries
        return list(_parse_with_default_sites(markdown, page, slugify))
    return _parse_entries(markdown, page, slugify, sites)


@lru_cache(maxsize=1024)
def _parse_with_default_sites(markdown: str, page: str, slugify: Callable[[str], str]) -> tuple[Entry, ...]:
    """Each page is parsed once per process: by the content check, the catalog of each script's
    build and every ``mkdocs serve`` rebuild in which the page did not change."""
    return tuple(_parse_entries(markdown, page, slugify, default_source_sites()))


def _parse_entries(markdown: str, page: str, slugify: Callable[[str], str], sites: SourceSites) -> list[Entry]:
    lines = markdown.splitlines()
    yaml_lines, body = _split_front_matter(lines)
    meta = _read_meta(yaml_lines, page)
    if meta.get("kind") == PAGE_KIND:
        return []
    article = meta.get("kind") == ARTICLE_KIND
    page_overrides = _page_overrides(meta, yaml_lines, page)

    blocks = list(_blocks(lines, body))
    headings = [b for b in blocks if isinstance(b, _Heading)]
    anchors = _heading_anchors(headings, slugify)

    drafts: list[_Draft] = []
    current: _Heading | None = None
    for block in blocks:
        if isinstance(block, _Heading):
            if block.level <= 4:
                current = block
        elif isinstance(block, _Item):
            drafts.extend(_item_drafts(block, page, article, current))
        else:
            drafts.extend(_row_drafts(block, page, current))

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    fallback_title = str(meta.get("title") or "")
    for d in drafts:
        base = _anchor_base(d.url, page, d.title)
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        heading = plain_text(d.heading.text) if d.heading else fallback_title
        heading_anchor = anchors[d.heading.line] if d.heading else ""
        entries.append(Entry(
            title=d.title, url=d.url, note=d.note, page=page, line=d.line,
            heading=heading, heading_anchor=heading_anchor, source_site=sites.site_of(d.url),
            topic_overrides=d.overrides, page_topic_overrides=page_overrides, anchor=anchor,
        ))
    return entries


def strip_topic_overrides(markdown: str) -> str:
    """Remove the entry-level `{ topics="…" }` markers (outside code blocks), keeping lines."""
    lines = markdown.splitlines(keepends=True)
    _, body = _split_front_matter([line.rstrip("\r\n") for line in lines])
    code = code_lines(markdown, body)
    out: list[str] = lines[:body]
    for number, line in enumerate(lines[body:], start=body):
        text = line.rstrip("\r\n")
        ending = line[len(text):]
        if number not in code:
            text = TOPICS_MARKER_RE.sub("", text)
        out.append(text + ending)
    return "".join(out)
