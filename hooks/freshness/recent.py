"""What is new: entry dates, the newest entries, the 最近更新 page and the Atom feed (pure).

An entry's date is the day its URL (or, without a link, its title) first came into ``docs/``
(``history.History.first_added``). The 最近更新 page and the feed show the ``LIMIT`` newest entries,
newest first, ties in nav order: the same history always gives the same list. A feed entry's id
is made from the entry's URL (or title), its page and the feed's script, so it stays the same
from build to build, and two entries never share one.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from hooks import templating
from hooks.freshness.history import History, Moment
from hooks.index.pages import escape, page_title, relative, type_label
from hooks.parse.entries import Entry

LIMIT = 50
RECENT_PAGE = "topics/recent.md"
FEED_FILE = "feed.xml"


def feed_path(language: str, default: str) -> str:
    """The feed file of a script, at the site root: ``feed.xml``, ``feed-zh-Hant.xml``.

    Both sit at the root because Material fetches ``sitemap.xml`` beside every
    ``<link rel="alternate">`` of a page, and only the root has one."""
    return FEED_FILE if language == default else f"feed-{language}.xml"
ATOM = "http://www.w3.org/2005/Atom"
TAG_DATE = "2026"  # the date part of the feed's tag: URIs; never change it (ids would change)


def entry_needle(entry: Entry) -> str:
    """What identifies an entry in the history: its URL, or its title if it has none."""
    return entry.url or entry.title


def entry_dates(entries: Iterable[Entry], history: History) -> dict[str, Moment]:
    """Entry key → the moment it was added; entries not yet committed are left out."""
    entries = list(entries)
    found = history.first_added(entry_needle(entry) for entry in entries)
    return {entry.key: found[entry_needle(entry)] for entry in entries if entry_needle(entry) in found}


def chinese_date(day: str) -> str:
    """``2026-11-05`` → ``2026年11月5日`` (the same in both scripts)."""
    year, month, date = (int(part) for part in day.split("-"))
    return f"{year}年{month}月{date}日"


@dataclass(frozen=True)
class Dated:
    """An entry with the moment it was added."""

    entry: Entry
    added: Moment
    summary: str = ""  # what the feed says beyond the title (the note if empty)
    label: str = ""  # the label before the title (the entry's type if empty)


def newest(entries: Sequence[Entry], dates: Mapping[str, Moment], limit: int = LIMIT) -> list[Dated]:
    """The ``limit`` newest dated entries, newest first; equal moments keep nav order."""
    position = {entry.key: number for number, entry in enumerate(entries)}
    dated = [Dated(entry, dates[entry.key]) for entry in entries if entry.key in dates]
    dated.sort(key=lambda item: (-item.added.timestamp, position[item.entry.key]))
    return dated[:limit]


def by_day(items: Iterable[Dated]) -> list[tuple[str, list[Dated]]]:
    """Items grouped by day, in the order given."""
    groups: list[tuple[str, list[Dated]]] = []
    for item in items:
        if not groups or groups[-1][0] != item.added.day:
            groups.append((item.added.day, []))
        groups[-1][1].append(item)
    return groups


def render_recent_page(items: Sequence[Dated], titles: Mapping[str, str], missing: str,
                       here: str = RECENT_PAGE) -> str:
    """The 最近更新 page's Markdown (simplified; the zh-Hant build converts it)."""
    days = [
        {
            "heading": chinese_date(day),
            "entries": [
                {
                    # 论文, 代码 … 仅列名称, as on the other generated pages
                    "label": item.label or type_label(item.entry),
                    "title": escape(item.entry.title),
                    "url": item.entry.url,
                    "note": escape(item.entry.note),
                    "place": relative(here, item.entry.page, item.entry.anchor),
                    "page_title": escape(page_title(item.entry.page, titles)),
                }
                for item in group
            ],
        }
        for day, group in by_day(items)
    ]
    return templating.render("recent.md", days=days, count=len(items), limit=LIMIT,
                             feed=relative(here, FEED_FILE), all_entries=relative(here, "topics/all-entries.md"),
                             sources=relative(here, "about/sources.md"),
                             missing=bool(missing))


@dataclass(frozen=True)
class FeedSite:
    """What a feed needs to know about the site in one script."""

    site_url: str  # absolute, ending in /
    feed_path: str  # where the feed file is, relative to the site root
    language: str
    title: str
    subtitle: str
    recent_url: str  # page URL of 最近更新, relative to the site root (with the script's prefix)
    page_urls: Mapping[str, str]  # docs path → page URL, relative to the site root (with the prefix)


def entry_id(entry: Entry, feed: FeedSite) -> str:
    """A stable, unique id: from the site's host, the script, the entry's page and URL (or title)."""
    host = urlsplit(feed.site_url).hostname or "llm-kb"
    digest = hashlib.sha256(f"{entry.page}\n{entry_needle(entry)}".encode()).hexdigest()[:24]
    return f"tag:{host},{TAG_DATE}:{feed.language}/entry/{digest}"


def atom_feed(items: Sequence[Dated], feed: FeedSite, convert: Callable[[str], str],
              fallback_updated: str, convert_title: Callable[[str], str] | None = None) -> str:
    """The Atom 1.0 document of the newest entries (``convert`` turns simplified text into the
    feed's script; ``convert_title``, ``convert`` if not given, an entry's title, which zh-Hant
    cites by script only; an import's item, which has a label, is titled in the site's words and
    takes ``convert``). ``updated`` is the newest entry's moment, so an unchanged history
    gives an unchanged feed; ``fallback_updated`` is used when there is no entry."""
    from hooks.check.characters import XML_INVALID_RE  # (hooks.check imports this module)

    convert_title = convert_title or convert
    etree.register_namespace("", ATOM)

    def add(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
        # a character XML cannot carry is reported at its source line; never written here
        element = etree.SubElement(parent, f"{{{ATOM}}}{tag}",
                                   {name: XML_INVALID_RE.sub("", value) for name, value in attributes.items()})
        if text is not None:
            element.text = XML_INVALID_RE.sub("", text)
        return element

    root = etree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": feed.language})
    add(root, "id", feed.site_url + feed.feed_path)
    add(root, "title", convert(feed.title))
    add(root, "subtitle", convert(feed.subtitle))
    add(root, "link", rel="self", type="application/atom+xml", href=feed.site_url + feed.feed_path)
    add(root, "link", rel="alternate", type="text/html", href=feed.site_url + feed.recent_url)
    add(root, "updated", max((item.added for item in items), key=lambda m: m.timestamp).iso
        if items else fallback_updated)
    author = add(root, "author")
    add(author, "name", convert(feed.title.split(" · ")[0]))
    seen: set[str] = set()
    for item in items:
        entry, moment = item.entry, item.added
        ident = entry_id(entry, feed)
        if ident in seen:
            continue
        seen.add(ident)
        place = feed.site_url + feed.page_urls.get(entry.page, "") + f"#{entry.anchor}"
        node = add(root, "entry")
        add(node, "id", ident)
        # an import's title (news.yml, the item with a label) is the site's own words
        title = (convert if item.label else convert_title)(entry.title)
        add(node, "title", title)
        add(node, "link", rel="alternate", type="text/html", href=entry.url or place)
        if entry.url:
            add(node, "link", rel="related", type="text/html", href=place)
        add(node, "published", moment.iso)
        add(node, "updated", moment.iso)
        summary = item.summary or entry.note
        add(node, "summary", convert(summary) if summary else title)
    etree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"
