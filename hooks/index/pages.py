"""Markdown of the generated index pages, and the small additions made to section pages.

Pure functions: they take the entries, their topics (entry key → slugs, from
`topics.assign_topics`), the vocabulary and the page titles, and return Markdown in
simplified Chinese (the zh-Hant build converts it like any other page). Every link is a
relative link to a `.md` file, so MkDocs validates it. Work is linear in entries + topics.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypedDict

import jinja2

from hooks import paths
from hooks.index.entry_types import EntryTypes, default_entry_types
from hooks.index.reading_order import Group, ReadingOrder, default_reading_order
from hooks.index.topics import Vocabulary
from hooks.parse.entries import Entry, SourceSites

TOPIC_CHIP_CLASS = "kb-topic"
ALSO_ON_CLASS = "kb-also"
RELATED_LIMIT = 12
RELATED_SHOWN = 4  # related topics shown as chips at the end of a topic page; the rest are folded
FILTER_MIN_ITEMS = 15  # a topic page listing fewer resources shows them without a filter form
# Material's search leaves such an element out (and then drops the attribute).
SEARCH_EXCLUDE = 'data-search-exclude="true"'
TYPE_LABEL_HTML = '<span class="kb-type kb-type--{slug}" ' + SEARCH_EXCLUDE + '>{name}</span>'
LIST_JOINER = "\u00a0· "  # the dot stays with what it follows: no line starts with it
INLINE_ESCAPES = frozenset("\\`*_[]{}~|")  # `\|` is an escape once the tables extension is on


class TopicChip(TypedDict):
    """One topic of a page's "本页主题" block, as its template reads it."""

    name: str
    href: str
    count: int


@dataclass(frozen=True)
class Layout:
    """Where the generated pages live (docs-relative paths)."""

    topics_dir: str = "topics"
    topics_index: str = "topics/index.md"
    sources_index: str = "topics/by-source.md"
    all_entries: str = "topics/all-entries.md"

    def topic_page(self, slug: str) -> str:
        return f"{self.topics_dir}/{slug}.md"

    def check(self, vocabulary: Vocabulary) -> None:
        """A topic page must not take the path of one of the fixed index pages."""
        fixed = {self.topics_index, self.sources_index, self.all_entries}
        for topic in vocabulary.topics:
            if self.topic_page(topic.slug) in fixed:
                raise ValueError(f"{vocabulary.path}:{topic.line}: topic slug '{topic.slug}' collides with "
                                 f"the generated page {self.topic_page(topic.slug)} — rename the topic")


DEFAULT_LAYOUT = Layout()


@dataclass(frozen=True)
class PageRef:
    """A link target on another page: the page, its title and the entry's anchor there."""

    path: str
    title: str
    anchor: str = ""


@dataclass(frozen=True)
class SiteIndex:
    """Entries regrouped once, so that every page can be rendered from lookups."""

    pages: tuple[str, ...]
    by_page: Mapping[str, tuple[Entry, ...]]
    topics: Mapping[str, frozenset[str]]
    by_topic: Mapping[str, tuple[Entry, ...]]
    by_site: Mapping[str, tuple[Entry, ...]]
    by_url: Mapping[str, tuple[Entry, ...]]
    related: Mapping[str, tuple[tuple[str, int], ...]]
    untagged: tuple[Entry, ...]
    supporting: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    article_of: Mapping[str, Entry] = field(default_factory=dict)
    dates: Mapping[str, str] = field(default_factory=dict)  # entry key → its date label (hooks/sources/labels.py)
    listed: Mapping[str, str] = field(default_factory=dict)  # entry key → the day its source list first held it

    @property
    def entries(self) -> Iterable[Entry]:
        for page in self.pages:
            yield from self.by_page[page]

    @property
    def count(self) -> int:
        return sum(len(entries) for entries in self.by_page.values())

    def items(self, entries: Iterable[Entry]) -> tuple[Item, ...]:
        """The resources behind some entries, as a reader counts them: one item per distinct
        URL (or per link-less entry), in the order first met; a supporting link stands for the
        article on its row."""
        items: dict[str, Item] = {}
        for entry in entries:
            entry = self.article_of.get(entry.key, entry)
            key = entry.url or entry.key
            if key in items:
                continue
            same = self.by_url.get(entry.url, ()) if entry.url else ()
            group = (entry, *(e for e in same if e is not entry and e.key not in self.article_of))
            supporting: dict[str, Entry] = {}
            for member in group:
                for link in self.supporting.get(member.key, ()):
                    supporting.setdefault(link.url or link.key, link)
            items[key] = Item(group, tuple(supporting.values()))
        return tuple(items.values())

    @property
    def resources(self) -> tuple[Item, ...]:
        """Every resource of the site once (nav order)."""
        return self.items(self.entries)

    def other_pages(self, entry: Entry, titles: Mapping[str, str]) -> tuple[PageRef, ...]:
        """The other pages that list the same URL (first entry per page, nav order)."""
        if not entry.url:
            return ()
        refs: dict[str, PageRef] = {}
        for other in self.by_url.get(entry.url, ()):
            if other.page != entry.page and other.page not in refs:
                refs[other.page] = PageRef(other.page, page_title(other.page, titles), other.anchor)
        return tuple(refs.values())


@dataclass(frozen=True)
class Item:
    """One resource: every entry that lists its URL (the first is shown), and the supporting
    links (配套代码) of those entries' rows."""

    entries: tuple[Entry, ...]
    supporting: tuple[Entry, ...] = ()

    @property
    def main(self) -> Entry:
        return self.entries[0]

    @property
    def url(self) -> str | None:
        return self.main.url

    def places(self, titles: Mapping[str, str]) -> tuple[PageRef, ...]:
        """Where the resource is listed: the first entry on each page, in nav order."""
        refs: dict[str, PageRef] = {}
        for entry in self.entries:
            refs.setdefault(entry.page, PageRef(entry.page, page_title(entry.page, titles), entry.anchor))
        return tuple(refs.values())


def build_index(
    entries: Iterable[Entry],
    topics: Mapping[str, frozenset[str]],
    nav_order: Sequence[str],
    vocabulary: Vocabulary,
    supporting_titles: frozenset[str] | None = None,
) -> SiteIndex:
    """Group entries by page (in nav order; pages missing from it follow, sorted), by topic,
    by source site and by URL, and rank each topic's related topics by co-occurrence. An entry
    titled like a supporting link (``supporting_titles``) that follows another entry on the same
    source line belongs to that entry."""
    if supporting_titles is None:
        supporting_titles = default_entry_types().supporting_titles
    by_page: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_page[entry.page].append(entry)
    position = {page: i for i, page in enumerate(nav_order)}
    pages = sorted(by_page, key=lambda p: (position.get(p, len(position)), p))
    for page in pages:
        by_page[page].sort(key=lambda e: e.line)  # stable: table cells keep their order

    rank = vocabulary.rank
    by_topic: dict[str, list[Entry]] = {topic.slug: [] for topic in vocabulary.topics}
    by_site: dict[str, list[Entry]] = defaultdict(list)
    by_url: dict[str, list[Entry]] = defaultdict(list)
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    untagged: list[Entry] = []
    for page in pages:
        for entry in by_page[page]:
            slugs = sorted(topics.get(entry.key, frozenset()), key=lambda s: _rank(s, rank, entry))
            for slug in slugs:
                by_topic[slug].append(entry)
                for other in slugs:
                    if other != slug:
                        pairs[slug][other] += 1
            if not slugs:
                untagged.append(entry)
            by_site[entry.source_site].append(entry)
            if entry.url:
                by_url[entry.url].append(entry)
    supporting: dict[str, list[Entry]] = defaultdict(list)
    article_of: dict[str, Entry] = {}
    for page in pages:
        row_first: dict[int, Entry] = {}
        for entry in by_page[page]:
            first = row_first.setdefault(entry.line, entry)
            if first is not entry and entry.title in supporting_titles and first.key not in article_of:
                supporting[first.key].append(entry)
                article_of[entry.key] = first
    related = {
        slug: tuple(sorted(counts.items(), key=lambda item: (-item[1], rank[item[0]])))
        for slug, counts in pairs.items()
    }
    return SiteIndex(
        pages=tuple(pages),
        by_page={page: tuple(by_page[page]) for page in pages},
        topics=dict(topics),
        by_topic={slug: tuple(found) for slug, found in by_topic.items()},
        by_site={site: tuple(found) for site, found in by_site.items()},
        by_url={url: tuple(found) for url, found in by_url.items()},
        related=related,
        untagged=tuple(untagged),
        supporting={key: tuple(found) for key, found in supporting.items()},
        article_of=article_of,
    )


def _rank(slug: str, rank: Mapping[str, int], entry: Entry) -> int:
    if slug not in rank:
        raise ValueError(f"{entry.page}:{entry.line}: topic '{slug}' is not in the vocabulary")
    return rank[slug]


def topics_without_entries(index: SiteIndex, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Slugs of topics that no entry belongs to (the build treats these as errors)."""
    return tuple(t.slug for t in vocabulary.topics if not index.by_topic.get(t.slug))


def topics_without_links(index: SiteIndex, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Slugs of topics with entries but no linked resource: a page of names only is a dead end."""
    return tuple(t.slug for t in vocabulary.topics
                 if index.by_topic.get(t.slug) and not topic_counts(index, t.slug)["linked"])


def topic_without_links_messages(slugs: Iterable[str], vocabulary: Vocabulary, where: str) -> list[str]:
    """``file:line: reason — fix`` for each topic whose entries are all link-less names."""
    lines = {topic.slug: topic.line for topic in vocabulary.topics}
    return [f"{where}:{lines[slug]}: topic '{slug}' has no linked resource, only names without a link — "
            "merge it into a broader topic (move its aliases there, add its name to that topic's covers) "
            "or remove it" for slug in slugs]


def first_read_messages(index: SiteIndex, vocabulary: Vocabulary, where: str) -> list[str]:
    """``file:line: reason — fix`` for each topic with linked resources whose ``first_read`` is
    missing or is not the URL of one of them."""
    messages = []
    for topic in vocabulary.topics:
        urls = {item.url for item in index.items(index.by_topic.get(topic.slug, ())) if item.url}
        if not urls:
            continue  # reported as a topic without linked resources
        if not topic.first_read:
            messages.append(f"{where}:{topic.line}: topic '{topic.slug}' has no first_read — add first_read: "
                            "with the URL of a principle or survey resource the topic page lists")
        elif topic.first_read not in urls:
            messages.append(f"{where}:{topic.first_read_line}: first_read of '{topic.slug}' is not a linked "
                            "resource of this topic — use the URL of one the topic page lists")
    return messages


def unused_topics(assigned: Mapping[str, frozenset[str]], vocabulary: Vocabulary) -> tuple[str, ...]:
    """The same, from ``assign_topics``' result (the content checks, which build no index)."""
    used = frozenset().union(*assigned.values())
    return tuple(t.slug for t in vocabulary.topics if t.slug not in used)


def topic_without_entries_messages(slugs: Iterable[str], vocabulary: Vocabulary, where: str) -> list[str]:
    """``file:line: reason — fix`` for each topic without entries (the build's error, the check's finding)."""
    lines = {topic.slug: topic.line for topic in vocabulary.topics}
    return [f"{where}:{lines[slug]}: topic '{slug}' has no entry: none of its aliases occurs in an entry's "
            "title or note — add an alias that occurs, tag an entry with { topics=\"" + slug + "\" }, "
            "or remove the topic" for slug in slugs]


MIN_TOPIC_RESOURCES = 3
"""A topic page with fewer resources tells the reader no more than the section page does."""


def thin_topics(index: SiteIndex, vocabulary: Vocabulary,
                minimum: int = MIN_TOPIC_RESOURCES) -> tuple[tuple[str, int], ...]:
    """(slug, resources) of each topic with some entries but fewer than ``minimum`` resources
    (a topic without any entry is reported by ``topics_without_entries``)."""
    counts = ((t.slug, len(index.items(index.by_topic.get(t.slug, ())))) for t in vocabulary.topics)
    return tuple((slug, n) for slug, n in counts if 0 < n < minimum)


def thin_topic_messages(thin: Iterable[tuple[str, int]], vocabulary: Vocabulary, where: str,
                        minimum: int = MIN_TOPIC_RESOURCES) -> list[str]:
    """``file:line: reason — fix`` for each thin topic (a content-check finding)."""
    lines = {topic.slug: topic.line for topic in vocabulary.topics}
    return [f"{where}:{lines[slug]}: topic {slug} has {n} resources (minimum {minimum}) — merge it into a "
            "broader topic: move its aliases there and add its name to that topic's covers" for slug, n in thin]


# ---------------------------------------------------------------- Markdown helpers


def escape(text: str) -> str:
    """Plain text made safe for inline Markdown: link text, list items and table cells."""
    out = "".join("\\" + ch if ch in INLINE_ESCAPES else ch for ch in text)
    return out.replace("<", "&lt;")


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one docs page to another (and an anchor on it)."""
    path = _relative_path(to_page, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path


@lru_cache(maxsize=4096)  # topic pages link the same few hundred pages thousands of times
def _relative_path(to_page: str, from_folder: str) -> str:
    return posixpath.relpath(to_page, from_folder)


def page_title(page: str, titles: Mapping[str, str]) -> str:
    return titles.get(page) or page


SEARCH_BOOST = 0.1
"""Material's ``search.boost`` of every generated page. The search index keeps each generated
page as one result of its own (``hooks.search.stage``: a topic page is titled 主题：…); its
score is multiplied by this, so the content page holding the entries comes first."""


def _yaml_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')






# ---------------------------------------------------------------- generated pages
# The pages' words live in Jinja templates (hooks/templates/index/); the functions below only
# gather what a template shows.


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: values are escaped with the `md` filter
    )
    env.filters["md"] = escape
    env.filters["yaml"] = _yaml_quote
    return env


Lines = dict[tuple[Item, str, bool], str]  # (item, folder, show_places) → its line, for the pages of one run


def _render(template: str, here: str, index: SiteIndex, titles: Mapping[str, str], layout: Layout,
            lines: Lines | None = None, **context) -> str:
    """A generated page's Markdown. ``lines`` keeps each rendered resource line for the other
    pages of the same run: a resource listed on several topic pages is rendered once per folder
    (its links are relative to the page's folder)."""
    kinds = default_entry_types()
    lines = {} if lines is None else lines
    folder = posixpath.dirname(here)
    macros = None

    def line(item: Item, show_places: bool = True) -> str:
        nonlocal macros
        key = (item, folder, show_places)
        if key not in lines:
            if macros is None:
                macros = _environment().get_template("index/_macros.md.j2").make_module({**helpers, **context})
            # a macro of the template: an attribute Jinja sets on the module at run time
            lines[key] = str(macros.item_line(item, show_places))  # type: ignore[attr-defined]
        return lines[key]

    helpers = {
        "rel": lambda to_page, anchor="": relative(here, to_page, anchor),
        "title_of": lambda page: page_title(page, titles),
        "places": lambda item: item.places(titles),
        "kind_of": lambda item: kinds.of(item.url),
        "date_of": lambda item: index.dates.get(item.main.key, ""),
        "listed": lambda items: sum(resource_counts(items).values()),  # a group heading's count
        "default_kind": kinds.default.slug,
        "topics_of": lambda item: sorted({slug for e in item.entries for slug in index.topics.get(e.key, ())}),
        "layout": layout,
        "search_boost": SEARCH_BOOST,
        "search_exclude": SEARCH_EXCLUDE,
        "line": line,
    }
    text = _environment().get_template(template).render(**helpers, **context)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def resource_counts(items: Iterable[Item]) -> dict[str, int]:
    """Resources with a link (one per URL) and link-less names: every count a reader sees (home
    page, topic index, topic pages, chips, group headings, 全部条目, ``catalog.json``) is one of
    these two numbers of some resources."""
    items = list(items)
    linked = sum(1 for item in items if item.url)
    return {"linked": linked, "names": len(items) - linked}


def topic_counts(index: SiteIndex, slug: str) -> dict[str, int]:
    """A topic's resources, as its chips, its page and the topic index count them."""
    return resource_counts(index.items(index.by_topic.get(slug, ())))


def linked_per_topic(index: SiteIndex, vocabulary: Vocabulary) -> dict[str, int]:
    return {topic.slug: topic_counts(index, topic.slug)["linked"] for topic in vocabulary.topics}


def _by_page(items: Iterable[Item]) -> list[tuple[str, list[Item]]]:
    """Items under the page of their first entry (the order met is kept)."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.main.page, []).append(item)
    return list(groups.items())


def render_topics_index(index: SiteIndex, vocabulary: Vocabulary, titles: Mapping[str, str],
                        layout: Layout = DEFAULT_LAYOUT, lines: Lines | None = None) -> str:
    """Every topic as a chip with its count, by category, then the untagged entries."""
    categories = []
    linked = linked_per_topic(index, vocabulary)
    for category in vocabulary.categories:
        members = [(topic, linked[topic.slug]) for topic in vocabulary.topics_in(category.slug)]
        if members:
            categories.append((category, members))
    return _render("index/topics_index.md.j2", layout.topics_index, index, titles, layout, lines,
                   vocabulary=vocabulary, categories=categories, untagged=list(index.items(index.untagged)),
                   **resource_counts(index.resources))


@dataclass(frozen=True)
class ReadingGroups:
    """A topic page's resources in reading order: the pick (先读这一篇), the groups of
    ``reading_order.yml`` that have resources, and the link-less names last."""

    first: Item | None
    groups: tuple[tuple[Group, tuple[Item, ...]], ...]
    names: tuple[Item, ...]


def reading_groups(items: Sequence[Item], first_read: str, order: ReadingOrder, kinds: EntryTypes,
                   listed: Mapping[str, str]) -> ReadingGroups:
    """Group a topic's resources by the first matching rule (page order kept within a group, or
    newest listed first where the group says so); the resource at ``first_read`` comes out first."""
    first = next((item for item in items if first_read and item.url == first_read), None)
    members: dict[str, list[Item]] = {group.slug: [] for group in order.groups}
    for item in items:
        if item.url and item is not first:
            members[order.group_of(kinds.of(item.url).slug, item.main.title)].append(item)
    groups = []
    for group in order.groups:
        found = members[group.slug]
        if group.newest_first:  # stable: undated ones keep their order, after the dated
            found = sorted(found, key=lambda item: listed.get(item.main.key, ""), reverse=True)
        if found:
            groups.append((group, tuple(found)))
    return ReadingGroups(first, tuple(groups), tuple(item for item in items if not item.url))


def render_topic_page(slug: str, index: SiteIndex, vocabulary: Vocabulary, titles: Mapping[str, str],
                      layout: Layout = DEFAULT_LAYOUT, lines: Lines | None = None,
                      linked: Mapping[str, int] | None = None) -> str:
    """One topic: description, its resources in reading order (the pick first), a filter form
    when the list is long, related topics by co-occurrence last (each with its own count)."""
    items = index.items(index.by_topic.get(slug, ()))
    topic = vocabulary.by_slug[slug]
    order = default_reading_order()
    related = index.related.get(slug, ())[:RELATED_LIMIT]
    linked = linked if linked is not None else linked_per_topic(index, vocabulary)
    chips = [(other, linked[other]) for other, _ in related]
    return _render("index/topic.md.j2", layout.topic_page(slug), index, titles, layout, lines,
                   topic=topic, vocabulary=vocabulary, related=chips[:RELATED_SHOWN],
                   related_more=chips[RELATED_SHOWN:], order=order.groups,
                   reading=reading_groups(items, topic.first_read, order, default_entry_types(), index.listed),
                   filter=len(items) >= FILTER_MIN_ITEMS, **resource_counts(items))


def render_sources_index(index: SiteIndex, titles: Mapping[str, str], source_sites: SourceSites,
                         layout: Layout = DEFAULT_LAYOUT, lines: Lines | None = None) -> str:
    """Resources by the website their link points to (in the order of ``source_sites.yml``),
    then by page; link-less entries under that file's ``no_link`` name."""
    site_order = source_sites.order
    order = list(site_order) + sorted(s for s in index.by_site if s not in site_order)
    sites = []
    for site in order:
        items = [item for item in index.items(index.by_site.get(site, ())) if item.main.source_site == site]
        if items:
            sites.append((site, sum(resource_counts(items).values()), _by_page(items)))
    return _render("index/by_source.md.j2", layout.sources_index, index, titles, layout, lines,
                   sites=sites, no_link=source_sites.no_link, **resource_counts(index.resources))


def render_all_entries(index: SiteIndex, titles: Mapping[str, str], layout: Layout = DEFAULT_LAYOUT,
                       lines: Lines | None = None) -> str:
    """Every resource of every page, page by page in nav order."""
    groups = [(page, list(index.items(index.by_page[page]))) for page in index.pages]
    return _render("index/all_entries.md.j2", layout.all_entries, index, titles, layout, lines,
                   groups=groups, **resource_counts(index.resources))


# ---------------------------------------------------------------- section-page additions


def _topic_chip(slug: str, vocabulary: Vocabulary, from_page: str, layout: Layout) -> str:
    name = escape(vocabulary.by_slug[slug].name)
    return f"[{name}]({relative(from_page, layout.topic_page(slug))}){{ .{TOPIC_CHIP_CLASS} }}"


MAX_ENTRY_CHIPS = 3
PAGE_WIDE_SHARE = 0.5  # a topic more than half of a page's (or a section's) entries carry is said once, at the top
PAGE_WIDE_MIN_ENTRIES = 4
FIRST_LINE_CHARS = 40  # 本页主题 shown before "更多": about one line of a desktop page


def page_wide_topics(page: str, entries: Iterable[Entry], topics: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Topics that most entries of the page carry: a chip on each would tell the reader nothing."""
    return _carried_by_most([e for e in entries if e.page == page], topics)


def section_wide_topics(entries: Iterable[Entry], topics: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Per section (heading anchor), the topics most of its entries carry: like the page-wide ones,
    said by 本页主题 rather than on every entry of a series."""
    sections: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        sections[entry.heading_anchor].append(entry)
    return {anchor: _carried_by_most(members, topics) for anchor, members in sections.items()}


def _carried_by_most(entries: Sequence[Entry], topics: Mapping[str, frozenset[str]]) -> frozenset[str]:
    if len(entries) < PAGE_WIDE_MIN_ENTRIES:
        return frozenset()
    counts = Counter(slug for e in entries for slug in topics.get(e.key, ()))
    return frozenset(slug for slug, n in counts.items() if n > PAGE_WIDE_SHARE * len(entries))


def entry_decoration(entry: Entry, topics: Iterable[str], vocabulary: Vocabulary,
                     other_pages: Sequence[PageRef], layout: Layout = DEFAULT_LAYOUT,
                     page_wide: frozenset[str] = frozenset(), supporting: bool = False, chips: bool = True) -> str:
    """Suffix for the entry's line: at most a few topic chips (not the page-wide ones; none
    when ``chips`` is false, as in a table cell), then "也见于" links to the other pages holding
    the same URL, in one element that the search index leaves out. A supporting link (配套代码)
    gets nothing. Empty when there is nothing to add; otherwise starts with a space."""
    if supporting:
        return ""
    rank = vocabulary.rank
    limit = MAX_ENTRY_CHIPS if chips else 0
    shown = sorted((s for s in set(topics) if s not in page_wide), key=rank.__getitem__)[:limit]
    links = [_topic_chip(s, vocabulary, entry.page, layout) for s in shown]
    pages: dict[str, PageRef] = {}
    for ref in other_pages:  # a page once, at its first entry (several entries of a line may name it)
        pages.setdefault(ref.path, ref)
    also = [{"title": ref.title, "href": relative(entry.page, ref.path, ref.anchor)} for ref in pages.values()]
    if not links and not also:
        return ""
    return " " + _environment().get_template("index/entry_decoration.md.j2").render(
        chips=links, also=also, joiner=LIST_JOINER, also_class=ALSO_ON_CLASS, search_exclude=SEARCH_EXCLUDE,
    ).rstrip("\n")


def type_label(entry: Entry, supporting: bool = False) -> str:
    """The entry's type (论文, 代码 … 仅列名称) as a small label whose text is its accessible
    name; none for a supporting link (配套代码), which goes with its article, nor for the
    default type (文章): most entries are articles, and a label on each would say nothing."""
    kinds = default_entry_types()
    kind = kinds.of(entry.url)
    if supporting or kind == kinds.default:
        return ""
    return TYPE_LABEL_HTML.format(slug=kind.slug, name=escape(kind.name))


def page_topic_counts(index: SiteIndex, page: str) -> dict[str, int]:
    """Per topic of a page's entries, how many of the page's linked resources carry it (a
    resource carries the topics of every entry listing its URL, as 全部条目 files it)."""
    own = {slug for entry in index.by_page.get(page, ()) for slug in index.topics.get(entry.key, ())}
    counts: dict[str, list[Item]] = {slug: [] for slug in own}
    for item in index.items(index.by_page.get(page, ())):
        for slug in {slug for e in item.entries for slug in index.topics.get(e.key, ())} & own:
            counts[slug].append(item)
    return {slug: resource_counts(items)["linked"] for slug, items in counts.items()}


def page_topics_block(page: str, entries: Iterable[Entry], topics: Mapping[str, frozenset[str]],
                      vocabulary: Vocabulary, layout: Layout = DEFAULT_LAYOUT,
                      resources: Mapping[str, int] | None = None) -> str:
    """The "本页主题" block: the page's topics, most first, with counts (``resources``, from
    ``page_topic_counts``; else the page's entries per topic); those beyond about one line are
    folded into a "更多" disclosure."""
    entries = [e for e in entries if e.page == page]
    counts: Counter[str] = Counter()
    if resources is not None:
        counts.update(resources)
    else:
        for entry in entries:
            counts.update(topics.get(entry.key, ()))
    if not counts:
        return ""
    rank = vocabulary.rank
    ordered = sorted(counts.items(), key=lambda item: (-item[1], rank[item[0]]))
    topics_shown = [TopicChip(name=vocabulary.by_slug[slug].name, href=relative(page, layout.topic_page(slug)),
                              count=count) for slug, count in ordered]
    first: list[TopicChip] = []
    width = 0
    for topic in topics_shown:
        width += len(topic["name"]) + 4
        if first and width > FIRST_LINE_CHARS:
            break
        first.append(topic)
    return _environment().get_template("index/page_topics.md.j2").render(
        first=first, rest=topics_shown[len(first):], joiner=LIST_JOINER, search_exclude=SEARCH_EXCLUDE)
