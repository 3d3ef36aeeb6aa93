"""Dead ends a reader can meet on a section page: a heading with nothing under it, an entry's
note that points at another entry by its place on the page or talks about the source lists
instead of the resource, and a sentence saying a section has nothing above its own entries.

An empty section is a heading with no entry before the next heading of the same or a higher
level: the reader opens it from the table of contents and finds only a sentence saying the
source listed nothing. A note is shown on its own as well (topic pages, 全部条目, search,
``catalog.json``), where 上一条 or 见下文 points at a different entry or at none, and where
原合集只给出了地址 or 原合集预告的文章 (left from merging the lists) tells the reader nothing
about the resource, or something the site itself contradicts. The words are data
(``hooks/data/pointing_phrases.yml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from hooks import paths
from hooks.parse.data_files import load
from hooks.parse.entries import Entry
from hooks.parse.markdown import HEADING_RE, TRAILING_ATTRS_RE, Source

from .findings import Finding

EMPTY_FIX = ("merge the section into its neighbour, or remove the heading with its text; "
             "a name the source lists stays as an entry (- 名称 — 说明)")
POINTING_FIX = "name what is meant (the entry's title, the page) or drop the words"
DEBRIS_FIX = ("say in the site's own words what the resource is, as its source says it, or drop the note "
              "(a name with no link needs no note)")
NOTHING_FIX = "say what the section lists, or drop the sentence"
LIST_LINE_RE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")  # a list item or table row: entries, not prose


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
class DebrisPhrase:
    """Words of a note that talk about the source lists or their merge, not about the resource."""

    text: str
    about: str
    fix: str = DEBRIS_FIX

    def found_in(self, note: str) -> bool:
        return self.text in note


@dataclass(frozen=True)
class NoteWords:
    """The words the checks look for: pointing phrases, merge debris, claims of nothing."""

    pointing: tuple[PointingPhrase, ...]
    debris: tuple[DebrisPhrase, ...] = ()
    nothing: tuple[str, ...] = ()  # a section's text saying it has nothing (暂无可收录的文章)


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


def load_note_words(path: Path = paths.POINTING_PHRASES) -> NoteWords:
    """The words of the data file, checked against its schema (a DataFileError otherwise)."""
    data = load(path, "pointing_phrases").value
    return NoteWords(
        tuple(PointingPhrase(item["text"], item["points_at"], tuple(item.get("not_in", ())))
              for item in data["phrases"]),
        tuple(DebrisPhrase(item["text"], item["about"], item.get("fix", DEBRIS_FIX))
              for item in data.get("debris", ())),
        tuple(data.get("nothing", ())))


def load_pointing_phrases(path: Path = paths.POINTING_PHRASES) -> tuple[PointingPhrase, ...]:
    """The pointing phrases of the data file."""
    return load_note_words(path).pointing


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


class _Phrase(Protocol):
    def found_in(self, note: str) -> bool: ...


_P = TypeVar("_P", bound=_Phrase)


def _first_hit(note: str, phrases: Sequence[_P]) -> _P | None:
    """The first of ``phrases`` that the note holds, or None."""
    return next((phrase for phrase in phrases if phrase.found_in(note)), None)


def check_pointing_notes(source: Source, entries: Sequence[Entry],
                         phrases: Sequence[PointingPhrase]) -> list[Finding]:
    """One finding per entry whose note points at another entry by its place on the page."""
    return [Finding(source.path, entry.line,
                    f"the note of '{entry.title}' says '{hit.text}' ({hit.points_at}): topic pages, 全部条目 "
                    f"and search show the note without it, so there it points at nothing",
                    POINTING_FIX, "pointing-note")
            for entry in entries if (hit := _first_hit(entry.note, phrases))]


def check_debris_notes(source: Source, entries: Sequence[Entry], debris: Sequence[DebrisPhrase]) -> list[Finding]:
    """One finding per entry whose note talks about the source lists or their merge."""
    return [Finding(source.path, entry.line,
                    f"the note of '{entry.title}' says '{hit.text}' ({hit.about}), not what the resource is",
                    hit.fix, "debris-note")
            for entry in entries if (hit := _first_hit(entry.note, debris))]


def check_nothing_claims(source: Source, entries: Sequence[Entry], claims: Sequence[str]) -> list[Finding]:
    """One finding per line of a section's text that says the section has nothing (暂无可收录的文章)
    while entries follow it before the next heading."""
    if not claims:
        return []
    lines = source.masked.split("\n")
    found = headings(source)
    entry_lines = [entry.line for entry in entries]
    problems = []
    for i, heading in enumerate(found):
        end = found[i + 1].line if i + 1 < len(found) else len(lines) + 1
        listed = sum(1 for line in entry_lines if heading.line < line < end)
        if not listed:
            continue
        for number in range(heading.line + 1, end):
            text = lines[number - 1]
            if number in entry_lines or LIST_LINE_RE.match(text):
                continue
            claim = next((claim for claim in claims if claim in text), None)
            if claim:
                problems.append(Finding(
                    source.path, number,
                    f"the text under '{heading.text}' says '{claim}' above {listed} entries of that section",
                    NOTHING_FIX, "nothing-claim"))
    return problems
