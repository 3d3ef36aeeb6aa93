"""What importing a source list changes: new entries and where they go, entries the list no
longer holds, and the new record (pure functions over parsed entries)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hooks.parse.entries import Entry
from hooks.sources.authors import credited_author
from hooks.sources.config import ImportRecord, Placement, SourceList
from hooks.sources.history import urls_in
from hooks.sources.urls import normalize_url


@dataclass(frozen=True)
class NewEntry:
    """A source entry the site does not have yet, with its place on the site."""

    entry: Entry
    placement: Placement | None  # None: the source heading is not mapped
    supporting: bool  # a 配套代码 link, written beside its article
    replaces: Entry | None = None  # the site entry written over: a link-less name that gained its
    #     link, an article the source moved to a new URL, or the article whose supporting link
    #     (配套代码) moved


@dataclass(frozen=True)
class ImportPlan:
    """Everything one import would change or report."""

    source: SourceList
    new: tuple[NewEntry, ...]
    dropped: tuple[Entry, ...]  # site entries credited to the source that it no longer lists
    same_title: tuple[tuple[Entry, Entry], ...]  # (source entry, site entry at another URL): not added
    record: ImportRecord
    previous: ImportRecord | None
    never_listed: tuple[Entry, ...] = ()  # site entries credited to it alone that its history never held

    @property
    def unplaced_headings(self) -> list[str]:
        return sorted({n.entry.heading for n in self.new if n.placement is None and n.replaces is None})

    @property
    def placed(self) -> list[tuple[NewEntry, Placement]]:
        """New entries written into a section, each with its section."""
        return [(n, n.placement) for n in self.new if n.placement is not None and n.replaces is None]

    @property
    def replacing(self) -> list[tuple[NewEntry, Entry]]:
        """New links written in place of a site entry's line (a name gains its link, moved code),
        each with the site entry it replaces."""
        return [(n, n.replaces) for n in self.new if n.replaces is not None]

    @property
    def changes_record(self) -> bool:
        return self.previous != self.record

    @property
    def nothing_to_do(self) -> bool:
        return not self.placed and not self.replacing and not self.changes_record


def entry_identity(entry: Entry) -> str:
    """Normalised URL, or the name of a link-less entry."""
    return normalize_url(entry.url) if entry.url else "name:" + entry.title.strip()


def title_key(title: str) -> str:
    """A title compared without case, width or spacing differences."""
    return "".join(unicodedata.normalize("NFKC", title).casefold().split())


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
    ours = sorted(site_entries, key=lambda e: source.name not in credits.get(e.key, ()))  # credited first
    site_by_url: dict[str, Entry] = {}
    site_by_title: dict[str, Entry] = {}
    for entry in ours:
        if entry.url:
            site_by_url.setdefault(normalize_url(entry.url), entry)
        if entry.title not in supporting_titles:
            site_by_title.setdefault(title_key(entry.title), entry)
    listed = unique_entries(listed_entries)
    still_listed = {entry_identity(entry) for entry in listed}
    rows: dict[tuple[str, int], list[Entry]] = {}
    for entry in listed:
        rows.setdefault((entry.page, entry.line), []).append(entry)
    def _credited(entry: Entry) -> bool:
        return source.name in credits.get(entry.key, ())

    new: list[NewEntry] = []
    same_title: list[tuple[Entry, Entry]] = []
    for entry in listed:
        if entry_identity(entry) in on_site:
            continue
        placement = source.sections.get(entry.heading)
        if entry.title in supporting_titles:
            articles = [normalize_url(a.url) for a in rows[(entry.page, entry.line)]
                        if a.title not in supporting_titles and a.url]
            known = [site_by_url[url] for url in articles if url in site_by_url]
            beside = known[-1] if articles and len(known) == len(articles) and _credited(known[-1]) else None
            new.append(NewEntry(entry, placement, True, beside))
            continue
        same = site_by_title.get(title_key(credited_author(entry.title, entry.note)[0]))
        if same is None or (entry.url and same.url is None and not _credited(same)):
            new.append(NewEntry(entry, placement, False))  # another source's name is not this link
        elif entry.url and same.url is None and normalize_url(entry.url) in urls_in(same.note):
            continue  # the site's note gives this address and says why it is not linked: its choice stands
        elif entry.url and same.url is None:
            new.append(NewEntry(entry, placement, False, same))
        elif entry.url and source.name in credits.get(same.key, ()) and entry_identity(same) not in still_listed:
            new.append(NewEntry(entry, placement, False, same))  # the source moved the article
        elif entry.url:
            same_title.append((entry, same))
    unlisted = [
        entry for entry in site_entries
        if source.name in credits.get(entry.key, ()) and entry.url and entry.title not in supporting_titles
        and entry_identity(entry) not in still_listed
    ]
    if record.commit is None:  # no history: whatever it does not list now, it dropped
        return ImportPlan(source, tuple(new), tuple(unlisted), tuple(same_title), record, previous)
    held = [entry for entry in unlisted if entry_identity(entry) in record.listed]
    never = [entry for entry in unlisted if entry not in held and credits.get(entry.key, ()) == (source.name,)]
    return ImportPlan(source, tuple(new), tuple(held), tuple(same_title), record, previous, tuple(never))
