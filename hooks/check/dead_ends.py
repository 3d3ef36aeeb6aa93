"""Dead ends a reader can meet on a section page: a heading with nothing under it, and an
entry's note that points at another entry by its place on the page.

An empty section is a heading with no entry before the next heading of the same or a higher
level: the reader opens it from the table of contents and finds only a sentence saying the
source listed nothing. A note is shown on its own as well (topic pages, 全部条目, search,
``catalog.json``), where 上一条 or 见下文 points at a different entry or at none; the phrases
are data (``hooks/data/pointing_phrases.yml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hooks import paths
from hooks.parse.data_files import load
from hooks.parse.entries import Entry
from hooks.parse.markdown import HEADING_RE, TRAILING_ATTRS_RE, Source

from .findings import Finding

EMPTY_FIX = ("merge the section into its neighbour, or remove the heading with its text; "
             "a name the source lists stays as an entry (- 名称 — 说明)")
POINTING_FIX = "name what is meant (the entry's title, the page) or drop the words"


@dataclass(frozen=True)
class PointingPhrase:
    text: str
    points_at: str
    not_in: tuple[str, ...] = ()  # longer words holding the phrase that point at nothing (上下文)

    def found_in(self, note: str) -> bool:
        for word in self.not_in:
            note = note.replace(word, "")
        return self.text in note


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


def load_pointing_phrases(path: Path = paths.POINTING_PHRASES) -> tuple[PointingPhrase, ...]:
    """The phrases of the data file, checked against its schema (a DataFileError otherwise)."""
    return tuple(PointingPhrase(item["text"], item["points_at"], tuple(item.get("not_in", ())))
                 for item in load(path, "pointing_phrases").value["phrases"])


def headings(source: Source) -> list[Heading]:
    """The ATX headings of the page body, outside code."""
    found = []
    first = source.line(source.body_offset)
    for number, line in enumerate(source.masked.split("\n"), start=1):
        if number < first or not line.startswith("#"):
            continue
        match = HEADING_RE.match(line)
        if match:
            text = TRAILING_ATTRS_RE.sub("", match["text"]).strip()
            found.append(Heading(number, len(match["hashes"]), text))
    return found


def empty_sections(found: Sequence[Heading], entry_lines: Sequence[int], last_line: int) -> list[Heading]:
    """Headings with no entry line between them and the next heading of the same or a higher level."""
    empty = []
    for i, heading in enumerate(found):
        end = next((later.line for later in found[i + 1:] if later.level <= heading.level), last_line + 1)
        if not any(heading.line < line < end for line in entry_lines):
            empty.append(heading)
    return empty


def check_empty_sections(source: Source, entries: Sequence[Entry]) -> list[Finding]:
    """One finding per heading of a section page that holds no entry (a page with no entry at
    all lists nothing: its headings are not sections of a list)."""
    if not entries:
        return []
    last_line = source.text.count("\n") + 1
    return [Finding(source.path, heading.line,
                    f"the section '{heading.text}' holds no entry", EMPTY_FIX, "empty-section")
            for heading in empty_sections(headings(source), [entry.line for entry in entries], last_line)]


def check_pointing_notes(source: Source, entries: Sequence[Entry],
                         phrases: Sequence[PointingPhrase]) -> list[Finding]:
    """One finding per entry whose note points at another entry by its place on the page."""
    problems = []
    for entry in entries:
        hit = next((phrase for phrase in phrases if phrase.found_in(entry.note)), None)
        if hit:
            problems.append(Finding(
                source.path, entry.line,
                f"the note of '{entry.title}' says '{hit.text}' ({hit.points_at}): topic pages, 全部条目 "
                f"and search show the note without it, so there it points at nothing",
                POINTING_FIX, "pointing-note"))
    return problems
