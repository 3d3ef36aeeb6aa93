"""Which source a site entry is credited to: the `收录自：[…](…sources.md#name)` line of its
section. A credit line speaks for the heading it stands under and that heading's subsections; a
subsection without a line of its own takes its parent's credit. A first- or second-level heading
starts with no credit (a page's credit line under its title covers only the text before the
first section)."""

from __future__ import annotations

import re

from hooks.parse.catalog import CREDIT_RE
from hooks.parse.markdown import code_lines

CREDIT_PREFIX = "收录自："
HEADING_RE = re.compile(r"^(#{1,6})[ \t]")
UNINHERITED_LEVEL = 2  # a heading of this level or higher takes no credit from above


def credited_lines(markdown: str) -> dict[int, tuple[str, ...]]:
    """Line number (1-based) → the source names credited for that line."""
    credits: dict[int, tuple[str, ...]] = {}
    in_code = code_lines(markdown)
    scopes: list[tuple[int, tuple[str, ...]]] = [(0, ())]  # (heading level, its credit), outermost first
    for number, line in enumerate(markdown.splitlines(), start=1):
        heading = None if number - 1 in in_code else HEADING_RE.match(line)
        if heading:
            level = len(heading.group(1))
            while scopes[-1][0] >= level:
                scopes.pop()
            inherited = () if level <= UNINHERITED_LEVEL else scopes[-1][1]
            scopes.append((level, inherited))
        elif number - 1 not in in_code and is_credit_line(line):
            scopes[-1] = (scopes[-1][0], tuple(CREDIT_RE.findall(line)))
        credits[number] = scopes[-1][1]
    return credits


def is_credit_line(line: str) -> bool:
    """A section's ``收录自：[…](…sources.md#name)`` line."""
    return line.lstrip().startswith(CREDIT_PREFIX) and bool(CREDIT_RE.search(line))
