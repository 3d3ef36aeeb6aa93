"""An entry's dates as shown beside its type label on section pages, topic pages and 全部条目."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from hooks import templating
from hooks.index.pages import SEARCH_EXCLUDE, escape
from hooks.parse.entries import Entry
from hooks.sources.config import SourceLists, load_sources
from hooks.sources.provenance import Provenance, site_provenance

TEMPLATE = "sources/entry_dates.html.j2"


def date_label(provenance: Provenance | None, lists: SourceLists) -> str:
    """``<span class="kb-date" …>2024-03</span>`` and the like; empty when nothing is known."""
    if provenance is None or not (provenance.listed or provenance.snapshot or provenance.paper_month):
        return ""
    titles: Mapping[str, str] = {source.name: source.title for source in lists.sources}
    return templating.render(
        TEMPLATE, listed=provenance.listed, source=escape(titles.get(provenance.source or "", "")),
        snapshot=escape(provenance.snapshot or ""), paper_month=provenance.paper_month,
        search_exclude=SEARCH_EXCLUDE).strip()


def site_dates(entries: Iterable[Entry], docs_dir: Path) -> tuple[dict[str, Provenance], dict[str, str]]:
    """Every entry's provenance and its date label (entry key → HTML), from the project's
    ``source_lists.yml`` and ``source_imports.yml``."""
    lists, records = load_sources()
    found = site_provenance(entries, docs_dir, lists, records)
    labels = {key: label for key, provenance in found.items() if (label := date_label(provenance, lists))}
    return found, labels
