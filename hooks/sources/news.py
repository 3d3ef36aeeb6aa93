"""The news the source lists make: entries by the day their list first held them, and each
import as an item of its own, for 最近更新 and the Atom feeds (pure functions)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from hooks import paths
from hooks.freshness.history import Moment
from hooks.freshness.recent import Dated, newest
from hooks.parse import yaml_text
from hooks.parse.entries import NO_OVERRIDES, Entry
from hooks.sources.config import ImportRecord, SourceLists
from hooks.sources.provenance import Provenance

NEWS_TEXTS = paths.TEMPLATES / "sources" / "news.yml"
SOURCES_PAGE = "about/sources.md"


@lru_cache(maxsize=1)
def _texts() -> dict[str, jinja2.Template]:
    data = yaml_text.safe_load(NEWS_TEXTS.read_text(encoding="utf-8"))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return {key: env.from_string(str(value)) for key, value in data.items()}


def text(key: str, **values: object) -> str:
    """One of the news texts of ``news.yml``, filled in."""
    return _texts()[key].render(**values)


def day_moment(day: str) -> Moment:
    """Midnight UTC of a ``YYYY-MM-DD`` day (a list's history gives days, not times)."""
    moment = dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=dt.UTC)
    return Moment(moment.isoformat(), calendar.timegm(moment.utctimetuple()))


def listed_moments(provenance: Mapping[str, Provenance]) -> dict[str, Moment]:
    """Entry key → the day its source list first held it; entries without one are left out."""
    return {key: day_moment(found.listed) for key, found in provenance.items() if found.listed}


@dataclass(frozen=True)
class ImportNews:
    """One import of a source list as news: its item (an entry of the sources page) and summary."""

    entry: Entry
    moment: Moment
    summary: str


def import_news(lists: SourceLists, records: Mapping[str, ImportRecord]) -> list[ImportNews]:
    """An item per imported source version that brought entries, dated by that version."""
    news = []
    for source in lists.sources:
        record = records.get(source.name)
        if record is None or not record.date or not record.added:
            continue
        title = text("import_title", title=source.title, month=record.date[:7], count=record.added)
        url = f"{source.upstream.rstrip('/')}/tree/{record.commit}" if source.upstream and record.commit else None
        summary = text("import_summary", title=source.title, day=record.date, commit=(record.commit or "")[:12],
                       entries=record.entries, count=record.added)
        entry = Entry(title=title, url=url, note=summary, page=SOURCES_PAGE, line=0, heading=source.title,
                      heading_anchor=source.name, source_site="", topic_overrides=NO_OVERRIDES,
                      page_topic_overrides=NO_OVERRIDES, anchor=source.name)
        news.append(ImportNews(entry, day_moment(record.date), summary))
    return news


def entry_summary(entry: Entry, found: Provenance | None, lists: SourceLists, page_title: str) -> str:
    """What a feed entry says beyond its title: the source and day it was listed, where the site
    lists it, and its note."""
    titles = {source.name: source.title for source in lists.sources}
    if found is None or not found.listed:
        return entry.note
    return text("entry_summary", source=titles.get(found.source or "", found.source), day=found.listed,
                page=page_title, heading=entry.heading, note=entry.note)


def summaries(entries: Iterable[Entry], provenance: Mapping[str, Provenance], lists: SourceLists,
              titles: Mapping[str, str]) -> dict[str, str]:
    """Entry key → its feed summary (asked only of the entries a feed shows: each is a template filled in)."""
    return {entry.key: entry_summary(entry, provenance.get(entry.key), lists, titles.get(entry.page, entry.page))
            for entry in entries}


IMPORT_LABEL_HTML = '<span class="kb-type kb-type--import" data-search-exclude="true">{label}</span>'


def news_items(entries: list[Entry], provenance: Mapping[str, Provenance], lists: SourceLists,
               records: Mapping[str, ImportRecord], titles: Mapping[str, str], limit: int) -> list[Dated]:
    """最近更新 and the feeds: the ``limit`` newest listed entries and imports, newest first
    (ties in nav order, imports after the entries of their day), each with its summary. A name
    without a link is dated on its page but is no news: there is nothing to open."""
    entries = [entry for entry in entries if entry.url]
    imports = import_news(lists, records)
    dates = {**listed_moments(provenance), **{news.entry.key: news.moment for news in imports}}
    label = IMPORT_LABEL_HTML.format(label=text("import_label"))
    extra = {news.entry.key: (news.summary, label) for news in imports}
    items = newest(entries + [news.entry for news in imports], dates, limit)
    said = summaries([item.entry for item in items if item.entry.key not in extra], provenance, lists, titles)
    return [Dated(item.entry, item.added, *extra.get(item.entry.key, (said.get(item.entry.key, ""), "")))
            for item in items]
