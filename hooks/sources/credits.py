"""Which source a site entry is credited to: the `收录自：[…](…sources.md#name)` line of its
section (the last one above it, under the same second-level heading)."""

from __future__ import annotations

import re

from hooks.parse.catalog import CREDIT_RE

CREDIT_LINE_MARK = "收录自"
SECTION_RE = re.compile(r"^#{1,2}[ \t]")


def credited_lines(markdown: str) -> dict[int, tuple[str, ...]]:
    """Line number (1-based) → the source names credited for that line."""
    credits: dict[int, tuple[str, ...]] = {}
    current: tuple[str, ...] = ()
    for number, line in enumerate(markdown.splitlines(), start=1):
        if SECTION_RE.match(line):
            current = ()
        elif CREDIT_LINE_MARK in line and CREDIT_RE.search(line):
            current = tuple(CREDIT_RE.findall(line))
        credits[number] = current
    return credits
