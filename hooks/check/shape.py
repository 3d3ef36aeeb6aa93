"""Pages whose shape would make rendering slow are refused before anything renders them.

Python-Markdown and its extensions take time that grows faster than the page for some shapes:
each ``<`` that starts a tag, comment or <pre>/<code> block left open makes an HTML parser read
on to the next ``>`` or closing tag; each unclosed ``[`` or link ``](`` makes the link pattern
read to the end of its paragraph; deep ``[`` nesting, many footnote references, abbreviations
or headings cost in proportion to the square of their number; deep ``>`` quotes, nested
``<div>`` blocks and chained definition lists exhaust the recursion limit. Fenced code blocks,
highlighted inline code, backslash escapes and deeply indented lists cost far more than their
size, and every page costs in proportion to its size and its lines.

``check_shape`` reads the raw Markdown once, line by line, with patterns that cannot backtrack
(no nested quantifiers), and reports every limit a page passes with ``file:line: reason — fix``.
The content check skips the other checks of a refused page, and the build leaves the page out
before any stage reads or renders it (hooks/check/stage.py). The limits are far above what the
real pages use (``python -m hooks.check --shapes`` prints the pages' largest figures beside
them); ``tests/tools/benchmark.py --only checks`` times the check of a page of each shape at
1 MB and at just under the size limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from hooks.parse import yaml_text
from hooks.parse.markdown import FRONT_MATTER_RE, code_line_ranges

from .findings import Finding


@dataclass(frozen=True)
class Limit:
    """One measure of a page's shape, its largest allowed value and the fix to show."""

    reason: str  # with {value} and {limit}
    limit: int
    fix: str


LIMITS = {
    "page_bytes": Limit("the page is {value} bytes, more than {limit}", 100_000,
                        "split it into several pages"),
    "lines": Limit("the page has {value} lines, more than {limit}", 3_000, "split it into several pages"),
    "line_chars": Limit("a line of {value} characters, more than {limit}", 5_000,
                        "break the line (one sentence or list item per line)"),
    "open_tags": Limit("{value} '<' that start a tag, comment or <pre>/<code> block not closed on their line, "
                       "more than {limit}", 20,
                       "close each tag on its line; write &lt; (or put the text in `code`) where '<' is not "
                       "the start of a tag"),
    "open_brackets": Limit("{value} '[' never closed in their paragraph, more than {limit}", 20,
                           r"write \[ where '[' does not start a link"),
    "open_destinations": Limit("{value} link destinations '](' not closed on their line (no ')', or an "
                               "unpaired quote before it), more than {limit}", 20,
                               "close each link's (…) and its \"title\" on the line it starts"),
    "bracket_depth": Limit("'[' nested {value} deep, more than {limit}", 8,
                           r"write \[ and \] where brackets do not make a link"),
    "indent": Limit("a line indented {value} columns, more than {limit}", 24,
                    "nest lists less deeply (code belongs in a ``` block)"),
    "quote_depth": Limit("a quote nested {value} deep ('>'), more than {limit}", 8,
                         "nest quotes less deeply"),
    "html_depth": Limit("HTML blocks nested {value} deep, more than {limit}", 8,
                        "nest <div> and other HTML blocks less deeply"),
    "definition_run": Limit("{value} definition lines (': ') without a blank line between, more than {limit}",
                            50, "leave a blank line after each definition"),
    "footnotes": Limit("{value} footnote references and definitions ('[^'), more than {limit}", 200,
                       "use fewer footnotes, or split the page"),
    "abbreviations": Limit("{value} abbreviation definitions ('*[…]:'), more than {limit}", 50,
                           "define fewer abbreviations"),
    "headings": Limit("{value} headings, more than {limit}", 500, "split the page"),
    "code_blocks": Limit("{value} fenced code blocks, more than {limit}", 200,
                         "merge code blocks, or split the page"),
    "highlighted_code": Limit("{value} highlighted inline code spans ('`#!' or '`:::'), more than {limit}",
                              200, "write plain `code` for most of them"),
    "escapes": Limit("{value} backslash escapes, more than {limit}", 2_000,
                     "put such text in `code`, or split the page"),
}

FENCE_RE = re.compile(r"[ \t>]*(?:`{3,}|~{3,})")  # the opening line of a fenced block (not indented code)
ESCAPED_RE = re.compile(r"\\.")
CODE_SPAN_RE = re.compile(r"`+")
TAG_START_RE = re.compile(r"<[A-Za-z/!?]")
RAW_TAGS = ("pre", "code", "script", "style")
RAW_TAG_RE = re.compile(r"<(pre|code|script|style)(?![\w-])")
BRACKET_RE = re.compile(r"[\[\]]")
DESTINATION_RE = re.compile(r"\]\(|[()\"']")
QUOTE_RE = re.compile(r" {0,3}(?:> ?)+")
BLOCK_TAG_RE = re.compile(
    r"<(/?)(div|details|section|article|aside|figure|blockquote|table|ul|ol|dl|form|fieldset|"
    r"header|footer|nav|main)(?![\w-])[^<>]*>", re.IGNORECASE)
DEFINITION_RE = re.compile(r" {0,3}: {1,}\S")
ABBREVIATION_RE = re.compile(r" {0,3}\*\[[^\]]*\] ?:")
HEADING_RE = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")


@dataclass
class Figures:
    """The largest value (or the total) of each measure in a page, and the line where it first
    passed its limit."""

    values: dict[str, int]
    lines: dict[str, int]

    def raise_to(self, key: str, value: int, line: int) -> None:
        if value > self.values.get(key, 0):
            self.values[key] = value
            if value > LIMITS[key].limit:
                self.lines.setdefault(key, line)

    def add(self, key: str, count: int, line: int) -> None:
        """Count `count` more of a measure whose total is limited."""
        self.raise_to(key, self.values.get(key, 0) + count, line)


TEXT, CODE, OPENING = 0, 1, 2  # a line of text; of front matter or code; a code fence's opening line


def _lines(lines: list[str]) -> Iterator[tuple[int, str, int]]:
    """(line number, line, TEXT, CODE or OPENING) for every line of the page: fenced code as the
    shared scanner finds it (hooks/parse/markdown.py); indented code is measured as text."""
    front_end = 0  # front matter (not measured): only when it is closed, as MkDocs reads it
    if lines and lines[0].rstrip() == "---":
        front_end = next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    kinds = [TEXT] * len(lines)
    kinds[:front_end] = [CODE] * front_end
    for first, last in code_line_ranges("\n".join(lines), front_end):
        if FENCE_RE.match(lines[first]):
            kinds[first:last + 1] = [OPENING] + [CODE] * (last - first)
    for number, (line, kind) in enumerate(zip(lines, kinds, strict=True), start=1):
        yield number, line, kind


def _measured_lines(text: str, figures: Figures) -> list[str]:
    """The page's lines, after measuring their size: a page over the size limit is measured
    further on its first lines up to the limit only (the time stays bounded; it is refused anyway)."""
    lines = text.split("\n")
    lengths = list(map(len, lines))
    longest = max(range(len(lengths)), key=lengths.__getitem__)
    figures.raise_to("page_bytes", len(text.encode("utf-8")), 1)
    figures.raise_to("line_chars", lengths[longest], longest + 1)
    figures.raise_to("lines", len(lines), LIMITS["lines"].limit + 1)
    if figures.values["page_bytes"] <= LIMITS["page_bytes"].limit:
        return lines
    return text[:LIMITS["page_bytes"].limit].split("\n")


def _without_code_spans(line: str) -> str:
    """The line with escaped characters and `code spans` blanked (a lone backtick run stays text)."""
    if "\\" in line:
        line = ESCAPED_RE.sub("  ", line)
    if "`" not in line:
        return line
    parts, position, open_run = [], 0, None
    for run in CODE_SPAN_RE.finditer(line):
        if open_run is None:
            open_run = run
        elif len(run.group()) == len(open_run.group()):
            parts.append(line[position:open_run.start()])
            position, open_run = run.end(), None
    parts.append(line[position:])
    return "".join(parts)


def _open_tags(line: str) -> int:
    """``<`` of the line that start a tag with no ``>`` after them, comments with no ``-->`` after
    them, and <pre>, <code>, <script> or <style> with no closing tag after them: the HTML parsers
    read on to the end of the page for each."""
    last_close = line.rfind(">")
    found = sum(1 for m in TAG_START_RE.finditer(line) if m.start() > last_close)
    comment_end = line.rfind("-->") + 3 if "-->" in line else 0
    found += line.count("<!--", comment_end, max(comment_end, last_close))
    lower = line.lower()
    closing = {name: lower.rfind("</" + name) for name in RAW_TAGS}
    return found + sum(1 for m in RAW_TAG_RE.finditer(lower) if m.start() > closing[m.group(1)]
                       and m.start() < last_close)


def _open_destinations(line: str) -> int:
    """Link destinations ``](`` of the line that its first ``)`` after them (past any nested
    ``(…)``) does not close, or only with an odd number of ``"`` or ``'`` before it: Python-Markdown
    reads on to the end of the paragraph for each. One pass: waiting ``](`` share the next ``)``."""
    waiting: list[tuple[int, int]] = []  # quotes seen when each waiting '](' started
    quotes = {'"': 0, "'": 0}
    nested = unclosed = 0
    for mark in DESTINATION_RE.finditer(line):
        token = mark.group()
        if token == "](":
            waiting.append((quotes['"'], quotes["'"]))
        elif token in quotes:
            quotes[token] += 1
        elif not waiting:
            continue
        elif token == "(":
            nested += 1
        elif nested:
            nested -= 1
        else:
            unclosed += sum(1 for double, single in waiting
                            if (quotes['"'] - double) % 2 or (quotes["'"] - single) % 2)
            waiting = []
    return unclosed + len(waiting)


def measure(text: str) -> Figures:
    """Every measure of one page's Markdown (front matter included), in one pass over its lines."""
    figures = Figures({}, {})
    html_depth = definitions = 0
    paragraph_brackets: list[int] = []  # line of each '[' still open in the paragraph
    for number, line, in_code in _lines(_measured_lines(text, figures)):
        if in_code == OPENING:
            figures.add("code_blocks", 1, number)
        if not line.strip():
            figures.add("open_brackets", len(paragraph_brackets), paragraph_brackets[0] if paragraph_brackets else 0)
            paragraph_brackets, definitions = [], 0
            continue
        if in_code:
            continue
        if "\\" in line:
            figures.add("escapes", len(ESCAPED_RE.findall(line)), number)
        if "`#!" in line or "`:::" in line:
            figures.add("highlighted_code", line.count("`#!") + line.count("`:::"), number)
        plain = _without_code_spans(line)
        if line[:1] in (" ", "\t"):
            prefix = line[:len(line) - len(line.lstrip(" \t"))]
            figures.raise_to("indent", len(prefix.expandtabs(4)), number)
        first = plain.lstrip(" ")[:1]
        quote = QUOTE_RE.match(plain.lstrip(" ")) if first == ">" else None  # also a quote inside a list item
        if quote:
            figures.raise_to("quote_depth", quote.group().count(">"), number)
            plain = plain.lstrip(" ")[quote.end():]
            first = plain.lstrip(" ")[:1]
        if first in ("#", "=", "-") and HEADING_RE.match(plain):
            figures.add("headings", 1, number)
        if first == ":" and DEFINITION_RE.match(plain):
            definitions += 1
            figures.raise_to("definition_run", definitions, number)
        if first == "*" and ABBREVIATION_RE.match(plain):
            figures.add("abbreviations", 1, number)
        if "[^" in plain:
            figures.add("footnotes", plain.count("[^"), number)
        if "<" in plain:
            figures.add("open_tags", _open_tags(plain), number)
            for tag in BLOCK_TAG_RE.finditer(plain):
                if tag.group(1):
                    html_depth = max(0, html_depth - 1)
                elif not tag.group().endswith("/>"):
                    html_depth += 1
                    figures.raise_to("html_depth", html_depth, number)
        if "[" in plain or "]" in plain:
            for mark in BRACKET_RE.finditer(plain):
                if mark.group() == "[":
                    paragraph_brackets.append(number)
                    figures.raise_to("bracket_depth", len(paragraph_brackets), number)
                elif paragraph_brackets:
                    paragraph_brackets.pop()
            if "](" in plain:
                figures.add("open_destinations", _open_destinations(plain), number)
    figures.add("open_brackets", len(paragraph_brackets), paragraph_brackets[0] if paragraph_brackets else 0)
    return figures


def check_shape(path: str, text: str) -> list[Finding]:
    """A finding for every limit the page passes, at the line where it passed it; and a front
    matter whose YAML would cost far more than its size to read (``parse.yaml_text``: MkDocs
    reads front matter with PyYAML before any check could stop it)."""
    return list(_shape_findings(path, text)) + _front_matter_findings(path, text)


def _front_matter_findings(path: str, text: str) -> list[Finding]:
    found = FRONT_MATTER_RE.match(text)
    if not found:
        return []
    try:
        yaml_text.check_bounded(found.group(1))
    except yaml_text.YamlRefused as refused:
        return [Finding(path, 2 + refused.line, f"front matter: {refused.reason} (reading it would "
                        "take far more time or memory than its size)", refused.fix, "shape")]
    except yaml.YAMLError:
        pass  # not valid YAML: the front matter check reports it
    return []


@lru_cache(maxsize=256)  # each build of a script checks the same pages
def _shape_findings(path: str, text: str) -> tuple[Finding, ...]:
    figures = measure(text)
    return tuple(Finding(path, max(1, figures.lines.get(key, 1)),
                         limit.reason.format(value=figures.values[key], limit=limit.limit)
                         + " (rendering such a page takes too long)", limit.fix, "shape")
                 for key, limit in LIMITS.items() if figures.values.get(key, 0) > limit.limit)


def print_figures(pages: list[Path], root: Path) -> int:
    """Each measure's largest value over the pages, the page holding it, and its limit
    (``python -m hooks.check --shapes``)."""
    largest: dict[str, tuple[int, str]] = {}
    for page in pages:
        for key, value in measure(page.read_text(encoding="utf-8-sig")).values.items():
            if value > largest.get(key, (0, ""))[0]:
                largest[key] = (value, page.relative_to(root).as_posix())
    for key, limit in LIMITS.items():
        value, holder = largest.get(key, (0, "-"))
        margin = f"{limit.limit / value:.0f}×" if value else "∞"
        print(f"{key:18} {value:>7} of {limit.limit:>7} (margin {margin:>4})  {holder}")
    return 0
