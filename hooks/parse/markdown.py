"""Reading a Markdown source: front matter, code masked out, links, HTML tags, ids.

The one scanner of code and links: which lines are fenced or indented code (`code_blocks`,
`code_lines`), which spans are code spans (`inline_marks`), and which links Python-Markdown
makes outside them (`Source.links`), as Python-Markdown with the site's extensions reads the
page: fences by pymdownx.superfences' own opening pattern and rules, code spans by
Python-Markdown's own backtick pairing. The entries (``entries``), the zh-Hant conversion
(``hooks/convert/chinese.py``), the content checks, the shape guard and the link tools
(``hooks/links``: ``make linkcheck``, ``make linkfix``) all read code and links here;
tests/unit/parse/test_markdown_agreement.py renders every page and tricky cases with
Python-Markdown and compares. Pure functions on text. Positions are character offsets into the
page's full text; `Source.line` turns one into a 1-based line number of the file.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate

import yaml
from markdown.inlinepatterns import AUTOLINK_RE as MARKDOWN_AUTOLINK
from markdown.inlinepatterns import BACKTICK_RE as BACKTICK_PATTERN
from markdown.inlinepatterns import BacktickInlineProcessor
from pymdownx.superfences import RE_HL_LINES, RE_LINENUMS
from pymdownx.superfences import RE_NESTED_FENCE_START as SUPERFENCES_START_RE
from pymdownx.superfences import RE_OPTIONS as SUPERFENCES_OPTIONS_RE

from hooks.parse import yaml_text

# The front matter exactly as MkDocs finds it (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
FRONT_MATTER_OPENING_RE = re.compile(r"^-{3}[ \t]*\n")
TAB_LENGTH = 4  # Python-Markdown's tab_length
FENCE_PREFIX_CHARS = " \t>"  # what may stand before a fence (superfences' PREFIX_CHARS)
FENCE_OPTIONS = {"hl_lines": RE_HL_LINES, "linenums": RE_LINENUMS, "title": None, "title_mode": None}
# Lines whose content continues indented below them: list items, admonitions and details,
# footnote and definition bodies.
CONTAINER_STARTS = frozenset("-*+0123456789!?[:")
CONTAINER_RE = re.compile(r"(?:[-*+][ ]|\d+\.[ ]|!!!|\?\?\?|\[\^[^\]]+\]:|:[ ])")
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<attrs>[^{}\n]*)\}")
ATTR_ID_RE = re.compile(r"(?:^|[ \t])#(?P<id>[^\s}#.]+)")
TRAILING_ATTRS_RE = re.compile(r"(?<![ \t])[ \t]+\{:?[ \t]*+[^{}\n]*\}[ \t]*$")
# As Python-Markdown reads an ATX heading: hashes at the very start of the line (" # x" and
# "    # x" are not headings there), the text after them with or without a space ("#x" is one).
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]*(?P<text>(?:.*[^ \t])?)[ \t]*$")
IDCOUNT_RE = re.compile(r"^(.*)_([0-9]+)$")
CLOSING_HASHES_RE = re.compile(r"(?:^|(?<![ \t])[ \t]+)#+$")
AUTOLINK_RE = re.compile(MARKDOWN_AUTOLINK)  # <https://…>, as Python-Markdown finds it
EXTERNAL_RE = re.compile(r"https?://", re.IGNORECASE)
REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]^][^\]]*)\]:[ \t]*(?P<dest><[^>\n]*>|\S+)", re.MULTILINE)
FOOTNOTE_DEF_RE = re.compile(r"^[ \t]{0,3}\[\^(?P<label>[^\]]+)\]:", re.MULTILINE)
FOOTNOTE_REF_RE = re.compile(r"\[\^(?P<label>[^\]]+)\](?!:)")
TAG_RE = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)"
    r"(?P<attrs>(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*/?>",
)
ATTR_RE = re.compile(r"(?P<name>[^\s\"'<>/=]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                            "background", "cite", "longdesc", "srcset", "ping"})


@dataclass(frozen=True)
class Link:
    """A link or image target in the source."""

    dest: str
    offset: int
    kind: str  # "inline", "image", "reference", "html", "autolink"
    label: tuple[int, int] | None = None  # span of the link text, for inline links
    span: tuple[int, int] | None = None  # the destination as written: text[start:end] (not "html")


@dataclass(frozen=True)
class Tag:
    """A raw HTML tag in the source (outside code)."""

    name: str
    closing: bool
    attrs: tuple[tuple[str, str | None], ...]
    offset: int
    text: str


def split_front_matter(text: str) -> tuple[str, dict]:
    """(body, metadata) of a page, read the way MkDocs reads a YAML front matter block."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return text, {}
    try:
        meta = yaml_text.safe_load(m.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(meta, dict):
        return text, {}
    return text[m.end():].lstrip("\n"), meta

@dataclass(frozen=True)
class Source:
    """One Markdown file: its text, where the body starts, and the text with code blanked."""

    path: str  # for messages, relative to the project root: docs/training/peft.md
    page: str  # docs-relative: training/peft.md
    text: str
    _line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        object.__setattr__(self, "_line_starts", tuple(starts))

    def line(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self._line_starts, offset)

    @cached_property
    def front_matter(self) -> tuple[str, int] | None:
        """(YAML text, offset of the YAML text) if the page has a front matter block."""
        m = FRONT_MATTER_RE.match(self.text)
        return (m.group(1), m.start(1)) if m else None

    @cached_property
    def body_offset(self) -> int:
        m = FRONT_MATTER_RE.match(self.text)
        return m.end() if m else 0

    @cached_property
    def masked(self) -> str:
        """The text with front matter, fenced and indented code, code spans, HTML comments and backslash
        escapes replaced by spaces (newlines kept), so that offsets and lines stay valid."""
        return mask(self.text, self.body_offset)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Every link and image target outside code, in text order: what Python-Markdown makes
        a link of (reference definitions stand for the links that use them)."""
        found = list(find_links(self.text, self.masked))
        destinations = {link.span for link in found}  # `[a](<url>)` and `[a]: <url>`: no autolinks
        found += [link for link in find_autolinks(self.masked) if link.span not in destinations]
        return tuple(sorted(found, key=lambda link: link.offset))

    @cached_property
    def tags(self) -> tuple[Tag, ...]:
        return tuple(find_tags(self.masked))

    @cached_property
    def external_links(self) -> tuple[Link, ...]:
        """The http(s) destinations of inline links, images, reference definitions and
        autolinks, in text order (what the link tools check and rewrite)."""
        found: dict[tuple[int, int], Link] = {}
        for link in self.links:  # `[a](<url>)` is no autolink
            if link.span and EXTERNAL_RE.match(link.dest) and self.text[slice(*link.span)] == link.dest:
                found.setdefault(link.span, link)
        return tuple(found[span] for span in sorted(found))


# ---------------------------------------------------------------- masking


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask(text: str, body_offset: int = 0) -> str:
    """See `Source.masked`."""
    chars = list(text)
    _blank(chars, 0, body_offset)
    blocks = code_blocks(text, body_offset)
    for start, end in blocks:
        _blank(chars, start, end)
    for _, start, end in inline_marks(text, body_offset, blocks):
        _blank(chars, start, end)
    return "".join(chars)


@dataclass(frozen=True)
class _Lines:
    """The lines of a text from an offset on, split where Python-Markdown splits them (\\n,
    \\r\\n or \\r), with their tabs expanded as Python-Markdown expands them."""

    starts: tuple[int, ...]
    texts: tuple[str, ...]  # without the line ending
    length: int  # of the whole text

    def end(self, i: int) -> int:
        """Offset after line i and its ending."""
        return self.starts[i + 1] if i + 1 < len(self.starts) else self.length


def _lines(text: str, start: int) -> _Lines:
    body = text[start:]
    if "\r" in body:
        texts = LINE_BREAK_RE.split(body)
        starts = [start, *(m.end() for m in LINE_BREAK_RE.finditer(text, start))]
    else:
        texts = body.split("\n")
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=start))
    if len(texts) > 1 and not texts[-1]:  # the text ends with a line break
        texts.pop()
        starts.pop()
    texts = [t.expandtabs(TAB_LENGTH) if "\t" in t else t for t in texts]
    return _Lines(tuple(starts), tuple(texts), len(text))


def _fence_opening(line: str) -> tuple[str, str] | None:
    """(prefix, fence) if the line opens a fenced block as pymdownx.superfences reads it: after
    spaces and quote marks only (a list marker before it makes it text), with a language and
    options it accepts."""
    prefix = len(line) - len(line.lstrip(FENCE_PREFIX_CHARS))
    m = SUPERFENCES_START_RE.match(line, prefix)
    if m is None or m["unrecognized"]:
        return None
    for option in SUPERFENCES_OPTIONS_RE.finditer(m["options"] or ""):
        check = FENCE_OPTIONS.get(option["key"], False)
        if check is False or (check is not None and not check.match(option["value"] or option["key"])):
            return None
    return line[:prefix], m["fence"]


def _fence_end(lines: tuple[str, ...], i: int, prefix: str, fence: str) -> int:
    """Index of the line closing the fence opened at line i; when superfences abandons the fence
    (a line less indented than the opening one) minus the index of that line, and when no line
    closes it minus the number of lines. An abandoned or unclosed fence is text."""
    width, quotes = len(prefix), prefix.count(">")
    closing = re.compile(re.escape(fence) + r"[ \t]*$")
    blank_seen = False
    for j in range(i + 1, len(lines)):
        line = lines[j]
        cut = len(line[:width]) - len(line[:width].lstrip(FENCE_PREFIX_CHARS))
        ws, content = line[:cut], line[cut:]
        level = ws.count(">")
        if quotes:  # superfences' rules for a fence inside a quote
            if level > quotes or (content and (len(ws) < width or (blank_seen and level < quotes))):
                return -j
            if content and closing.match(content):
                return j
            blank_seen = not content
        elif level:
            return -j
        elif not line.strip():
            continue
        elif len(ws) != width:
            return -j
        elif closing.match(content):
            return j
    return -len(lines)


@lru_cache(maxsize=256)  # a page is scanned by the checks, the entries, the conversion …
def _code_block_lines(lines: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(first, last) line index of each fenced and indented code block, in order."""
    blocks: list[tuple[int, int]] = []
    fenced: set[int] = set()
    i = 0
    while i < len(lines):  # as superfences: a line that abandons a fence opens none; after an
        line = lines[i]  # unclosed fence, no fence opens
        opening = _fence_opening(line) if ("```" in line or "~~~" in line) else None
        if opening is None:
            i += 1
            continue
        close = _fence_end(lines, i, *opening)
        if close > 0:
            blocks.append((i, close))
            fenced.update(range(i, close + 1))
        i = abs(close) + 1
    return tuple(sorted(blocks + _indented_code(lines, fenced)))


def code_blocks(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character spans (whole lines) of the fenced and indented code blocks of the body that
    starts at `start`, as Python-Markdown with pymdownx.superfences finds them."""
    lines = _lines(text, start)
    return [(lines.starts[first], lines.end(last)) for first, last in _code_block_lines(lines.texts)]


def code_line_ranges(text: str, first_line: int = 0) -> list[tuple[int, int]]:
    """(first, last) line numbers (0-based, lines split at \\n, \\r\\n or \\r) of each fenced and
    indented code block of the body that starts at line `first_line`."""
    body = _lines(text, 0).texts[first_line:]
    return [(first_line + first, first_line + last) for first, last in _code_block_lines(body)]


def code_lines(text: str, first_line: int = 0) -> frozenset[int]:
    """The line numbers of `code_line_ranges`, one by one."""
    return frozenset(n for first, last in code_line_ranges(text, first_line) for n in range(first, last + 1))


def _indented_code(lines: tuple[str, ...], fenced: set[int]) -> list[tuple[int, int]]:
    """Blocks indented four columns past their container (the page, a list item, an admonition,
    a footnote) after a blank line: Python-Markdown's indented code. Right after a list item such
    a block continues the item instead."""
    blocks: list[tuple[int, int]] = []
    containers: list[int] = []  # content indent of each open list item, admonition, footnote …
    in_code = previous_code = False
    after_blank = True
    for i, line in enumerate(lines):
        if i in fenced:
            after_blank = in_code = previous_code = False
            continue
        content = line.lstrip(" ")
        if not content or content.isspace():
            after_blank = True
            continue
        indent = len(line) - len(content)
        if after_blank:
            while containers and indent < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        in_code = indent >= base + TAB_LENGTH and (after_blank or in_code)
        if in_code:
            blocks[-1:] = [(blocks[-1][0], i)] if previous_code else [*blocks[-1:], (i, i)]
        elif content[0] in CONTAINER_STARTS and CONTAINER_RE.match(content):
            containers.append(indent + TAB_LENGTH)
        previous_code, after_blank = in_code, False
    return blocks


LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
BLANK_LINE_RE = re.compile(r"\n[ \t]*(?=\n)")
# What a backslash escapes: Python-Markdown's ESCAPED_CHARS with the site's extensions (tables
# adds |, pymdownx.mark =, pymdownx.tilde ~, pymdownx.keys the space). Not <: \<https://…> is an autolink.
ESCAPABLE = "\\`*_{}[]()>#+-.!|=~ "
INLINE_TOKEN_RE = re.compile(r"\\[" + re.escape(ESCAPABLE) + r"]|<!--")
# Lines that start a new piece of inline text even without a blank line before them: list
# items, headings, table rows.
INLINE_BLOCK_START_RE = re.compile(r"^(?:[ ]*(?:[-*+]|\d+\.)[ ]|#{1,6}|[ ]*\|)", re.MULTILINE)
BACKTICKS = BacktickInlineProcessor(BACKTICK_PATTERN)  # its find_code_spans pairs backtick runs
BACKTICK_RE = BACKTICKS.compiled_re


def inline_marks(text: str, start: int, blocks: list[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """("escape" | "comment" | "code", start, end) of the backslash escapes, HTML comments and
    code spans outside the code `blocks` (see `code_blocks`), in text order."""
    spans = _code_spans(text, start, blocks)
    covered = sorted([*blocks, *spans])
    covered_starts = [s for s, _ in covered]
    marks = [("code", s, e) for s, e in spans]
    i = start
    for m in INLINE_TOKEN_RE.finditer(text, start):
        if m.start() < i:
            continue  # inside a comment
        inside = bisect_right(covered_starts, m.start()) - 1
        if inside >= 0 and m.start() < covered[inside][1]:
            continue  # inside code
        if m.group(0) == "<!--":
            end = text.find("-->", m.end())
            i = len(text) if end < 0 else end + 3
            marks.append(("comment", m.start(), i))
        else:
            marks.append(("escape", m.start(), m.end()))
            i = m.end()
    return iter(sorted(marks, key=lambda mark: mark[1]))


def code_span_at(text: str, i: int) -> tuple[int, int, int] | None:
    """For the backtick run at i of a piece of inline text: (start of the code, its end, end of
    the span), paired as Python-Markdown pairs backtick runs; None if no run closes it."""
    # the stub says "tuple[int, int] | None"; Markdown returns (start, None) for an unclosed run
    code_start, code_end = BACKTICKS.find_code_spans(i, text)  # type: ignore[misc]
    if code_end is None:
        return None
    return code_start, code_end, code_end + (code_start - i)


def _code_spans(text: str, start: int, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code spans as Python-Markdown's backtick pattern finds them in each piece of inline text
    (a paragraph, list item, heading or table row), with its own pairing of backtick runs."""
    bounds = {m.start() for m in BLANK_LINE_RE.finditer(text, start)}
    bounds.update(m.start() for m in INLINE_BLOCK_START_RE.finditer(text, start))
    for block_start, block_end in blocks:
        bounds.update((block_start, block_end))
    piece_ends = sorted(b for b in bounds if b > start) + [len(text)]
    block_starts = {b for b, _ in blocks}
    spans: list[tuple[int, int]] = []
    piece_start = start
    for piece_end in piece_ends:
        if piece_start not in block_starts and "`" in text[piece_start:piece_end]:
            piece = text[piece_start:piece_end]
            position = 0
            while m := BACKTICK_RE.search(piece, position):
                if m.group(1):  # pairs of backslashes before the backticks
                    position = m.end()
                    continue
                found = code_span_at(piece, m.start())
                if found is None:
                    position = len(piece) - len(piece[m.start():].lstrip("`"))
                    continue
                spans.append((piece_start + m.start(), piece_start + found[2]))
                position = found[2]
        piece_start = piece_end
    return spans


# ---------------------------------------------------------------- links and tags


def _destination(text: str, i: int) -> tuple[str, int, int] | None:
    """The link destination starting at i (just after `(`), where it starts, and the index of
    the closing `)`."""
    n = len(text)
    while i < n and text[i] in " \t\n":
        i += 1
    if i < n and text[i] == "<":
        end = text.find(">", i)
        if end < 0 or "\n" in text[i:end]:
            return None
        dest, j, i = text[i + 1:end], end + 1, i + 1
    else:
        depth, j = 0, i
        while j < n:
            ch = text[j]
            if ch == "\\" and j + 1 < n:
                j += 2
                continue
            if ch in " \t\n":
                break
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        dest = text[i:j]
    close = text.find(")", j)
    if close < 0:
        return None
    return dest, i, close


def _opening_bracket(masked: str, close: int) -> int | None:
    """Index of the `[` that opens the link text ending with the `]` at `close`."""
    depth = 0
    for k in range(close, max(-1, close - 2000), -1):
        ch = masked[k]
        if ch == "]":
            depth += 1
        elif ch == "[":
            depth -= 1
            if depth == 0:
                return k
        elif ch == "\n" and masked[k - 1:k] == "\n":
            return None
    return None


def find_links(text: str, masked: str) -> Iterator[Link]:
    """Inline links and images, reference definitions and URL attributes of raw HTML."""
    for m in re.finditer(r"\]\(", masked):
        found = _destination(text, m.end())
        if found is None:
            continue
        dest, start, _ = found
        opening = _opening_bracket(masked, m.start())
        if opening is None:  # `\[text](…)`: no link
            continue
        image = opening > 0 and masked[opening - 1] == "!"
        yield Link(dest.strip(), m.end(), "image" if image else "inline", (opening + 1, m.start()),
                   (start, start + len(dest)))
    for m in REFERENCE_RE.finditer(masked):
        dest, (start, end) = m["dest"], m.span("dest")
        if dest.startswith("<"):
            dest, start, end = dest[1:-1], start + 1, end - 1
        yield Link(dest, m.start("dest"), "reference", span=(start, end))
    for tag in find_tags(masked):
        for name, value in tag.attrs:
            if name in URL_ATTRIBUTES and value is not None:
                yield Link(value, tag.offset, "html")


def find_autolinks(masked: str) -> Iterator[Link]:
    """Autolinks ``<scheme://…>`` in text whose code is already masked."""
    for m in AUTOLINK_RE.finditer(masked):
        yield Link(m[1], m.start(), "autolink", span=m.span(1))


def find_tags(masked: str) -> Iterator[Tag]:
    """Raw HTML tags (opening and closing) in text whose code is already masked."""
    for m in TAG_RE.finditer(masked):
        attrs = tuple(
            (a["name"].lower(), _attr_value(a["value"])) for a in ATTR_RE.finditer(m["attrs"] or "")
        )
        yield Tag(m["name"].lower(), bool(m["close"]), attrs, m.start(), m.group(0))


def _attr_value(raw: str | None) -> str | None:
    if raw is None:
        return None
    if raw[:1] in "\"'" and raw[-1:] == raw[:1]:
        raw = raw[1:-1]
    return html.unescape(raw)


# ---------------------------------------------------------------- anchors


def unique_heading_id(candidate: str, used: set[str]) -> str:
    """Python-Markdown toc's rule: repeated ids get `_1`, `_2`, …"""
    if candidate in used or not candidate:
        m = IDCOUNT_RE.match(candidate)
        base, count = (m[1], int(m[2])) if m else (candidate, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        candidate = f"{base}_{count}"
    used.add(candidate)
    return candidate


def anchors(source: Source, slugify: Callable[[str], str], plain_text: Callable[[str], str]) -> frozenset[str]:
    """Every id the rendered page will have that a link can point at: headings (as the toc
    extension names them), attribute-list and HTML ids, footnotes."""
    masked = source.masked
    explicit: set[str] = set()
    for m in ATTR_LIST_RE.finditer(masked):
        explicit.update(i["id"] for i in ATTR_ID_RE.finditer(m["attrs"]))
    for tag in source.tags:
        for name, value in tag.attrs:
            if name in ("id", "name") and value:
                explicit.add(value)
    for m in FOOTNOTE_DEF_RE.finditer(masked):
        explicit.add(f"fn:{m['label']}")
    for m in FOOTNOTE_REF_RE.finditer(masked):
        explicit.add(f"fnref:{m['label']}")
    used = set(explicit)
    ids = set(explicit)
    offset = 0
    for line in masked.splitlines(keepends=True):
        heading = HEADING_RE.match(line.rstrip("\r\n"))
        offset += len(line)
        if not heading:
            continue
        raw_heading = HEADING_RE.match(source.text[offset - len(line):offset].rstrip("\r\n"))
        assert raw_heading is not None  # masking keeps the line's length and its leading #s
        text = raw_heading["text"] or ""
        attrs = TRAILING_ATTRS_RE.search(text)
        if attrs:
            text = text[:attrs.start()]
            if ATTR_ID_RE.search(attrs.group(0).strip(" {}:")):
                continue  # the heading has its own id, counted above
        text = CLOSING_HASHES_RE.sub("", text).strip()
        ids.add(unique_heading_id(slugify(plain_text(text)), used))
    return frozenset(ids)
