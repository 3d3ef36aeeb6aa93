"""What importing a source list changes: new entries and where they go, entries the list no
longer holds, and the new record (pure functions over parsed entries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hooks.parse.entries import Entry
from hooks.sources.config import ImportRecord, Placement, SourceList
from hooks.sources.urls import normalize_url


@dataclass(frozen=True)
class NewEntry:
    """A source entry the site does not have yet, with its place on the site."""

    entry: Entry
    placement: Placement | None  # None: the source heading is not mapped
    supporting: bool  # a 配套代码 link, written beside its article


@dataclass(frozen=True)
class ImportPlan:
    """Everything one import would change or report."""

    source: SourceList
    new: tuple[NewEntry, ...]
    dropped: tuple[Entry, ...]  # site entries credited to the source that it no longer lists
    record: ImportRecord
    previous: ImportRecord | None

    @property
    def unplaced_headings(self) -> list[str]:
        return sorted({n.entry.heading for n in self.new if n.placement is None})

    @property
    def placed(self) -> list[NewEntry]:
        return [n for n in self.new if n.placement is not None]

    @property
    def changes_record(self) -> bool:
        return self.previous != self.record

    @property
    def nothing_to_do(self) -> bool:
        return not self.placed and not self.changes_record


def entry_identity(entry: Entry) -> str:
    """Normalised URL, or the name of a link-less entry."""
    return normalize_url(entry.url) if entry.url else "name:" + entry.title.strip()


def unique_entries(entries: Iterable[Entry]) -> list[Entry]:
    """A list's entries with each URL (or link-less name) once, first occurrence kept."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        identity = entry_identity(entry)
        if identity not in seen:
            seen.add(identity)
            kept.append(entry)
    return kept


def plan_import(
    source: SourceList,
    listed_entries: Iterable[Entry],
    site_entries: Iterable[Entry],
    credits: Mapping[str, tuple[str, ...]],
    record: ImportRecord,
    previous: ImportRecord | None,
    supporting_titles: frozenset[str],
) -> ImportPlan:
    """The plan for one source. ``credits``: site entry key → the sources its section credits."""
    site_entries = list(site_entries)
    on_site = {entry_identity(entry) for entry in site_entries}
    listed = unique_entries(listed_entries)
    new = tuple(
        NewEntry(entry, source.sections.get(entry.heading), entry.title in supporting_titles)
        for entry in listed if entry_identity(entry) not in on_site
    )
    still_listed = {entry_identity(entry) for entry in listed}
    dropped = tuple(
        entry for entry in site_entries
        if source.name in credits.get(entry.key, ()) and entry.url and entry.title not in supporting_titles
        and entry_identity(entry) not in still_listed
    )
    return ImportPlan(source, new, dropped, record, previous)
