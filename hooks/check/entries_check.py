"""Entries of a page: well-formed (hooks/parse/entries.py), no URL twice, topic overrides known."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from hooks.parse.entries import Entry, EntryError, parse_entries
from hooks.parse.markdown import Source

from .findings import Finding, from_message

MAX_ENTRY_ERRORS = 50


def check_entries(source: Source, slugify: Callable[[str], str]) -> tuple[list[Entry] | None, list[Finding]]:
    """(the entries of the well-formed lines, or None if the page cannot be read; the problems).

    hooks/parse/entries.py stops at the first malformed entry; to report every one, the offending
    line is blanked and the page parsed again.
    """
    lines = source.text.split("\n")
    problems: list[Finding] = []
    for _ in range(MAX_ENTRY_ERRORS):
        try:
            return parse_entries("\n".join(lines), source.page, slugify=slugify), problems
        except EntryError as exc:
            problems.append(from_message(str(exc), "entry", source.path, exc.line))
            if not 0 < exc.line <= len(lines) or not lines[exc.line - 1].strip():
                return None, problems
            lines[exc.line - 1] = ""
    return None, problems


def check_duplicate_urls(source: Source, entries: Sequence[Entry]) -> list[Finding]:
    """The same URL may be listed on several pages, but only once on each."""
    first: dict[str, int] = {}
    problems = []
    for entry in entries:
        if not entry.url:
            continue
        if entry.url in first and first[entry.url] != entry.line:
            problems.append(Finding(
                source.path, entry.line,
                f"the same URL is listed twice on this page (first at line {first[entry.url]}): {entry.url}",
                "keep one entry and merge the two notes (listing it on another page is fine)",
                "duplicate-url",
            ))
        first.setdefault(entry.url, entry.line)
    return problems


class _NoAliases:
    """A matcher that finds nothing: only the overrides are checked."""

    def match(self, text: str) -> frozenset[str]:
        return frozenset()


def check_topic_overrides(source: Source, entries: Sequence[Entry], known: Collection[str],
                          assign_topics: Callable[..., Any], topic_error: type[Exception]) -> list[Finding]:
    """Every slug of a `{ topics="…" }` marker or a front matter `topics:` is in topics.yml.

    `assign_topics` / `topic_error` are hooks/index/topics.py's, so messages and rules stay theirs.
    """
    problems: dict[tuple[int, str], Finding] = {}
    for entry in entries:
        try:
            assign_topics([entry], _NoAliases(), known)
        except topic_error as exc:
            finding = from_message(str(exc), "unknown-topic", source.path, entry.line)
            problems.setdefault((finding.line, finding.reason), finding)
    return list(problems.values())
