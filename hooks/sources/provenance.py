"""When and where each site entry was listed: the day a followed source list first held its URL
(``source_imports.yml``), or the snapshot an undated source's entries come from; for an arXiv
paper also the year and month its identifier gives (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hooks.file_texts import FILES
from hooks.parse.entries import Entry
from hooks.sources.config import ImportRecord, SourceLists
from hooks.sources.credits import credited_lines
from hooks.sources.history import urls_in
from hooks.sources.urls import listed_key

ARXIV_RE = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Provenance:
    """One entry's dates and origin."""

    source: str | None  # the credited source list (its name), if any
    listed: str | None  # YYYY-MM-DD: the day that source list first held the URL or name (its history)
    snapshot: str | None  # for an undated source: which text the entry comes from
    paper_month: str | None  # YYYY-MM of an arXiv paper, from its identifier

    @property
    def listed_month(self) -> str | None:
        return self.listed[:7] if self.listed else None


def paper_month(url: str | None) -> str | None:
    """``https://arxiv.org/abs/2311.07911`` → ``2023-11`` (new-style identifiers, since 2007)."""
    match = ARXIV_RE.match(url or "")
    if not match or not 1 <= int(match["mm"]) <= 12:
        return None
    return f"20{match['yy']}-{match['mm']}"


def entry_provenance(entry: Entry, credited: Iterable[str], lists: SourceLists,
                     records: Mapping[str, ImportRecord]) -> Provenance:
    """The entry's provenance: the earliest day one of its credited, followed sources listed it
    (by its URL; for a name without a link, by the name, else by an address its note gives);
    else the snapshot of its first credited source without history."""
    credited = tuple(credited)
    keys = [listed_key(entry.url, entry.title)]
    if not entry.url:  # a name whose note gives the address the site does not link
        keys += sorted(urls_in(entry.note))
    days = []
    for key in keys:
        days = sorted((records[name].listed[key], name) for name in credited
                      if name in records and key in records[name].listed)
        if days:
            break
    if days:
        day, name = days[0]
        return Provenance(name, day, None, paper_month(entry.url))
    by_name = {source.name: source for source in lists.sources}
    undated = [by_name[name] for name in credited if name in by_name and by_name[name].snapshot]
    followed = [name for name in credited if name in records]
    if undated:
        return Provenance(undated[0].name, None, undated[0].snapshot, paper_month(entry.url))
    return Provenance(followed[0] if followed else (credited[0] if credited else None), None, None,
                      paper_month(entry.url))


def site_provenance(entries: Iterable[Entry], docs_dir: Path, lists: SourceLists,
                    records: Mapping[str, ImportRecord]) -> dict[str, Provenance]:
    """Entry key → provenance, for every entry of the given pages."""
    credit_maps: dict[str, dict[int, tuple[str, ...]]] = {}
    whole_pages = {page: (source.name,) for source in lists.sources for page in source.pages}
    found: dict[str, Provenance] = {}
    for entry in entries:
        if entry.page not in credit_maps:
            credit_maps[entry.page] = credited_lines(FILES.read_text(Path(docs_dir) / entry.page))
        credited = credit_maps[entry.page].get(entry.line, ()) or whole_pages.get(entry.page, ())
        found[entry.key] = entry_provenance(entry, credited, lists, records)
    return found
