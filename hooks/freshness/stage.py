"""MkDocs glue: page dates, the 最近更新 page, the Atom feed and its autodiscovery link.

The history of ``docs/`` is read once per process and HEAD commit (``history.read_history``).
Without a trustworthy history (shallow clone, no repository) the build says so once, at INFO
level (a strict build, as CI runs it, must not fail for it), and shows no dates rather than
wrong ones: pages get no date line. Generated pages have no history of their own and show no date.

最近更新 and the feeds do not use that history: they list entries by the day their source list
first held them and each import of a source list (``hooks/sources/news.py``, from
``hooks/data/source_imports.yml``), so they are the same in every clone.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks import languages
from hooks.convert.titles import entry_title_converter
from hooks.editions.offline import offline_enabled
from hooks.freshness.history import History, Moment, read_history
from hooks.freshness.recent import (
    FEED_FILE,
    LIMIT,
    RECENT_PAGE,
    FeedSite,
    atom_feed,
    chinese_date,
    entry_dates,
    feed_path,
    render_recent_page,
)
from hooks.mkdocs_files import generated_file, source_pages
from hooks.parse.catalog import Catalog, read_catalog
from hooks.parse.entries import Entry
from hooks.sources.config import load_sources
from hooks.sources.news import news_items
from hooks.sources.provenance import site_provenance

log = logging.getLogger("mkdocs.hooks.freshness")
DATE_LABEL = "最后更新于"
FEED_TITLE = "LLM 知识库 · 最近更新"
FEED_SUBTITLE = "来源清单新列入的资源条目（按列入日期），以及本站每次收录来源清单的新版本"
META_DATE = "git_revision_date_localized"  # where Material's source-file partial reads the date


def history_of(config: MkDocsConfig, history: History | None = None) -> History:
    """The history of the docs folder (``history`` when it is already read); says once per
    process why it is missing, if it is."""
    if history is None:
        history = read_history(Path(config.docs_dir))
    if history.missing and history.missing not in _told:
        _told.add(history.missing)
        log.info("No page or entry dates: %s. Pages show no date, catalog.json no added day.",
                 history.missing)
    for message in history.ignored:
        if message not in _told:
            _told.add(message)
            log.warning(message)
    return history


_told: set[str] = set()


def entries_in_nav_order(catalog: Catalog, nav: Navigation) -> list[Entry]:
    order = {page.file.src_uri: number for number, page in enumerate(nav.pages)}
    return sorted(catalog.entries, key=lambda e: (order.get(e.page, len(order)), e.page, e.line))


def added_days(config: MkDocsConfig, entries) -> dict[str, str]:
    """Entry key → the day it was added (``YYYY-MM-DD``), for ``catalog.json``."""
    return {key: moment.day for key, moment in entry_dates(entries, history_of(config)).items()}


@dataclass
class FreshnessStage:
    """The generated files of one language build, filled once the nav is known."""

    recent: File | None = None
    feed: File | None = None
    history: History = field(default_factory=History)
    reading: tuple[str, Future[History]] | None = None  # (docs folder, its history being read)

    def read_history(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start reading the docs folder's history in a thread: git runs while the build goes
        on, and ``add_files`` takes the result."""
        docs_dir = config.docs_dir
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
        self.reading = (docs_dir, pool.submit(read_history, Path(docs_dir)))
        pool.shutdown(wait=False)  # its one thread ends with the task
        return config

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the 最近更新 page and the feed file (filled in ``write_pages``)."""
        reading, self.reading = self.reading, None
        read = reading[1].result() if reading and reading[0] == config.docs_dir else None
        self.history = history_of(config, read)
        self.recent = generated_file(RECENT_PAGE, config)
        files.append(self.recent)
        language = languages.current(config)
        feed = File.generated(config, FEED_FILE, content="")
        if language != languages.DEFAULT:
            feed.dest_uri = feed.url = feed_path(language, languages.DEFAULT)
            feed.abs_dest_path = str(Path(config.site_dir) / feed.dest_uri)
        self.feed = feed
        files.append(feed)
        return files

    def write_pages(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Write the 最近更新 page and the feed; tell every page's head where the feed is."""
        recent, feed = self.recent, self.feed
        assert recent is not None and feed is not None, "add_files (on_files) runs before write_pages (on_nav)"
        language = languages.current(config)
        catalog = read_catalog(Path(config.docs_dir), source_pages(files))
        entries = entries_in_nav_order(catalog, nav)
        lists, records = load_sources()  # dates from the source lists' histories
        provenance = site_provenance(entries, Path(config.docs_dir), lists, records)
        items = news_items(entries, provenance, lists, records, catalog.titles, LIMIT)
        recent.content_string = render_recent_page(items, catalog.titles, "")
        convert = languages.to_traditional().convert if language != languages.DEFAULT else str
        convert_title = entry_title_converter() if language != languages.DEFAULT else str
        page_urls = {page.file.src_uri: page.url for page in nav.pages}
        site = FeedSite(
            site_url=(config.site_url or "http://localhost/").rstrip("/") + "/",
            feed_path=feed.url, language=language, title=FEED_TITLE, subtitle=FEED_SUBTITLE,
            recent_url=page_urls.get(RECENT_PAGE, ""), page_urls=page_urls,
        )
        feed.content_string = atom_feed(items, site, convert, build_moment(), convert_title)
        if offline_enabled(config):  # a file:// edition has no feed to follow, and Material would
            config.extra.pop("feed", None)  # fetch sitemap.xml beside the link, which file:// refuses
        else:
            config.extra["feed"] = {"href": feed.url, "title": convert(FEED_TITLE)}
        return nav

    def page_date(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        """The page's last change, where Material shows it (under the content); none for a
        generated page or a page the history does not know."""
        if page.file.generated_by or not page.file.abs_src_path:
            return context
        moment = self.history.page_changed(page.file.abs_src_path)
        if moment is not None:
            page.meta[META_DATE] = date_html(moment, languages.current(config))
        return context


def date_html(moment: Moment, language: str) -> Markup:
    """``<time datetime="2026-11-26">最后更新于 2026年11月26日</time>`` in the page's script."""
    label = DATE_LABEL if language == languages.DEFAULT else languages.to_traditional().convert(DATE_LABEL)
    return Markup('<time class="kb-updated" datetime="{}">{} {}</time>').format(
        moment.day, label, chinese_date(moment.day))


def build_moment(environ: Mapping[str, str] = os.environ) -> str:
    """When the site was built, for a feed without entries (it must still say when it was
    updated): ``SOURCE_DATE_EPOCH`` when set, so that a reproducible build stays the same;
    otherwise now."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit()
              else dt.datetime.now(dt.UTC))
    return moment.replace(microsecond=0).isoformat()
