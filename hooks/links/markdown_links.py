"""Find external link destinations in Markdown text, outside code.

Recognised: inline links and images ``[text](URL "title")`` (balanced parentheses in the URL
allowed), autolinks ``<URL>`` and reference definitions ``[label]: URL``. Fenced code blocks
(``` and ~~~) and inline code spans are masked first, so URLs shown as code are never reported
or rewritten. Offsets refer to the original text, so a caller can replace a span in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

EXTERNAL = re.compile(r"https?://", re.IGNORECASE)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>", re.IGNORECASE)
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(https?://[^\s>]+)>?", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class LinkSpan:
    """One external URL in a text: the URL, its [start, end) offsets and 1-based line."""

    url: str
    start: int
    end: int
    line: int


def mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code spans blanked (same length, same newlines)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append(_blank(line))
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            out.append(_blank(line))
        else:
            out.append(_CODE_SPAN.sub(lambda m: _blank(m.group(0)), line))
    return "".join(out)


def _blank(s: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in s)


def _inline_destination(text: str, start: int) -> tuple[int, int] | None:
    """Span of the URL of an inline link whose destination starts at ``start`` (after ``](``)."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            i += 2
            continue
        if ch in " \t\r\n":
            break
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return (start, i) if i > start else None


def iter_links(text: str) -> Iterator[LinkSpan]:
    """Every external URL in link syntax, in text order."""
    masked = mask_code(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    while (pos := masked.find("](", pos)) != -1:
        dest = pos + 2
        if EXTERNAL.match(masked, dest) and (span := _inline_destination(masked, dest)):
            spans.append(span)
        pos = dest
    spans += [m.span(1) for m in _AUTOLINK.finditer(masked)]
    spans += [m.span(1) for m in _REF_DEF.finditer(masked)]
    for start, end in sorted(set(spans)):
        yield LinkSpan(text[start:end], start, end, text.count("\n", 0, start) + 1)


def replace_urls(text: str, new_url: dict[str, str]) -> tuple[str, int]:
    """Replace each link URL found in ``new_url`` by its value; returns the text and the count."""
    parts: list[str] = []
    last = 0
    count = 0
    for link in iter_links(text):
        target = new_url.get(link.url)
        if target is None or target == link.url:
            continue
        parts += [text[last:link.start], target]
        last = link.end
        count += 1
    parts.append(text[last:])
    return "".join(parts), count
