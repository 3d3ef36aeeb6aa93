"""Markdown of the generated index pages, and the small additions made to section pages.

Pure functions: they take the entries, their topics (entry key → slugs, from
`topics.assign_topics`), the vocabulary and the page titles, and return Markdown in
simplified Chinese (the zh-Hant build converts it like any other page). Every link is a
relative link to a `.md` file, so MkDocs validates it. Work is linear in entries + topics.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hooks.parse.entries import Entry
from hooks.index.topics import Vocabulary

TOPIC_CHIP_CLASS = "kb-topic"
ALSO_ON_CLASS = "kb-also"
RELATED_LIMIT = 12
LIST_JOINER = " · "
INLINE_ESCAPES = frozenset("\\`*_[]{}~|")  # `\|` is an escape once the tables extension is on


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

    @property
    def entries(self) -> Iterable[Entry]:
        for page in self.pages:
            yield from self.by_page[page]

    @property
    def count(self) -> int:
        return sum(len(entries) for entries in self.by_page.values())

    def other_pages(self, entry: Entry, titles: Mapping[str, str]) -> tuple[PageRef, ...]:
        """The other pages that list the same URL (first entry per page, nav order)."""
        if not entry.url:
            return ()
        refs: dict[str, PageRef] = {}
        for other in self.by_url.get(entry.url, ()):
            if other.page != entry.page and other.page not in refs:
                refs[other.page] = PageRef(other.page, page_title(other.page, titles), other.anchor)
        return tuple(refs.values())


def build_index(
    entries: Iterable[Entry],
    topics: Mapping[str, frozenset[str]],
    nav_order: Sequence[str],
    vocabulary: Vocabulary,
) -> SiteIndex:
    """Group entries by page (in nav order; pages missing from it follow, sorted), by topic,
    by source site and by URL, and rank each topic's related topics by co-occurrence."""
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
    )


def _rank(slug: str, rank: Mapping[str, int], entry: Entry) -> int:
    if slug not in rank:
        raise ValueError(f"{entry.page}:{entry.line}: topic '{slug}' is not in the vocabulary")
    return rank[slug]


def topics_without_entries(index: SiteIndex, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Slugs of topics that no entry belongs to (the build treats these as errors)."""
    return tuple(t.slug for t in vocabulary.topics if not index.by_topic.get(t.slug))


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


# ---------------------------------------------------------------- Markdown helpers


def escape(text: str) -> str:
    """Plain text made safe for inline Markdown: link text, list items and table cells."""
    out = "".join("\\" + ch if ch in INLINE_ESCAPES else ch for ch in text)
    return out.replace("<", "&lt;")


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one docs page to another (and an anchor on it)."""
    path = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path


def page_title(page: str, titles: Mapping[str, str]) -> str:
    return titles.get(page) or page


SEARCH_BOOST = 0.1
"""Material's ``search.boost`` of every generated page. The search index keeps each generated
page as one result of its own (``hooks.search.stage``: a topic page is titled 主题：…); its
score is multiplied by this, so the content page holding the entries comes first."""


def _front_matter(title: str, description: str) -> str:
    return (f'---\ntitle: "{_yaml_quote(title)}"\ndescription: "{_yaml_quote(description)}"\nkind: page\n'
            f'search:\n  boost: {SEARCH_BOOST}\n---\n\n')


def _page_head(title: str, description: str, heading: str | None = None) -> list[str]:
    """Front matter and H1 of a generated page, as lines (the intro follows)."""
    return [_front_matter(title, description).rstrip("\n"), "", f"# {heading or title}", ""]


def _yaml_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _entry_line(entry: Entry, from_page: str, note: str | None = None) -> str:
    """`- [标题](../section/page.md#e-…) — 注释`"""
    note = entry.note if note is None else note
    line = f"- [{escape(entry.title)}]({relative(from_page, entry.page, entry.anchor)})"
    return f"{line} — {escape(note)}" if note else line


def _page_heading(level: str, page: str, from_page: str, titles: Mapping[str, str], suffix: str = "") -> str:
    return f"{level} [{escape(page_title(page, titles))}]({relative(from_page, page)}){suffix}"


def _grouped_by_page(entries: Iterable[Entry], from_page: str, titles: Mapping[str, str],
                     level: str = "##") -> list[str]:
    """Entries (already in nav order) under one heading per page."""
    lines: list[str] = []
    current: str | None = None
    for entry in entries:
        if entry.page != current:
            if current is not None:
                lines.append("")
            lines += [_page_heading(level, entry.page, from_page, titles), ""]
            current = entry.page
        lines.append(_entry_line(entry, from_page))
    return lines


def _join(lines: Iterable[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- generated pages


def render_topics_index(index: SiteIndex, vocabulary: Vocabulary, titles: Mapping[str, str],
                        layout: Layout = DEFAULT_LAYOUT) -> str:
    """Every topic by category (description, entry count, link), then the untagged entries."""
    here = layout.topics_index
    total = index.count
    lines = _page_head("主题索引", f"按主题浏览全站 {total} 条资源条目：{len(vocabulary.topics)} 个主题，"
                                  f"分为 {len(vocabulary.categories)} 类。") + [
        f"全站共有 **{total}** 条资源条目，按 **{len(vocabulary.topics)}** 个主题归类；一条条目可以同时属于几个主题。"
        "点击主题名即可看到该主题下的全部条目，以及与它常一起出现的相关主题。",
        "",
        f"也可以[按来源浏览]({relative(here, layout.sources_index)})，"
        f"或查看[全部条目]({relative(here, layout.all_entries)})。",
    ]
    for category in vocabulary.categories:
        members = vocabulary.topics_in(category.slug)
        if not members:
            continue
        lines += ["", f"## {escape(category.name)}", "", "| 主题 | 说明 | 条目 |", "| --- | --- | --- |"]
        for topic in members:
            link = relative(here, layout.topic_page(topic.slug))
            count = len(index.by_topic.get(topic.slug, ()))
            lines.append(f"| [{escape(topic.name)}]({link}) | {escape(topic.description)} | {count} |")
    lines += ["", "## 未分类", ""]
    if index.untagged:
        lines += [f"以下 {len(index.untagged)} 条条目没有归入任何主题。", ""]
        lines += [_entry_line(e, here, page_title(e.page, titles)) for e in index.untagged]
    else:
        lines.append("目前所有条目都已归入至少一个主题。")
    return _join(lines)


def render_topic_page(slug: str, index: SiteIndex, vocabulary: Vocabulary, titles: Mapping[str, str],
                      layout: Layout = DEFAULT_LAYOUT) -> str:
    """One topic: description, related topics by co-occurrence, entries grouped by page."""
    topic = vocabulary.by_slug[slug]
    here = layout.topic_page(slug)
    found = index.by_topic.get(slug, ())
    pages = len({e.page for e in found})
    lines = _page_head(topic.name, f"{topic.name}：本站收录的 {len(found)} 条相关资源，按所在页面分组。",
                       escape(topic.name)) + [
        escape(topic.description),
        "",
        f"本主题共有 **{len(found)}** 条条目，分布在 {pages} 个页面。"
        f"[返回主题索引]({relative(here, layout.topics_index)})",
    ]
    related = index.related.get(slug, ())[:RELATED_LIMIT]
    if related:
        chips = LIST_JOINER.join(
            f"[{escape(vocabulary.by_slug[other].name)}]({relative(here, layout.topic_page(other))})（{count}）"
            for other, count in related
        )
        lines += ["", f"**相关主题**：{chips}"]
    if found:
        lines += [""] + _grouped_by_page(found, here, titles)
    return _join(lines)


def render_sources_index(index: SiteIndex, titles: Mapping[str, str], site_order: Sequence[str],
                         layout: Layout = DEFAULT_LAYOUT) -> str:
    """Entries by the site their link points to (in `site_order`), then by page."""
    here = layout.sources_index
    order = list(site_order) + sorted(s for s in index.by_site if s not in site_order)
    lines = _page_head("按来源浏览", f"按原文所在的网站浏览全站 {index.count} 条资源条目。") + [
        f"全站 **{index.count}** 条资源条目按原文所在的网站归类，没有链接的条目归在“无链接”一组。"
        f"另见[主题索引]({relative(here, layout.topics_index)})。",
    ]
    for site in order:
        found = index.by_site.get(site, ())
        if found:
            lines += ["", f"## {escape(site)}（{len(found)}）", ""] + _grouped_by_page(found, here, titles, "###")
    return _join(lines)


def render_all_entries(index: SiteIndex, titles: Mapping[str, str], layout: Layout = DEFAULT_LAYOUT) -> str:
    """Every entry of the site, grouped by page in nav order."""
    here = layout.all_entries
    lines = _page_head("全部条目", f"全站 {index.count} 条资源条目的总清单，按页面排列。") + [
        f"全站 **{index.count}** 条资源条目，按所在页面的导航顺序排列。"
        f"另见[主题索引]({relative(here, layout.topics_index)})与[按来源浏览]({relative(here, layout.sources_index)})。",
    ]
    for page in index.pages:
        found = index.by_page[page]
        lines += ["", _page_heading("##", page, here, titles, f"（{len(found)}）"), ""]
        lines += [_entry_line(e, here) for e in found]
    return _join(lines)


# ---------------------------------------------------------------- section-page additions


def _topic_chip(slug: str, vocabulary: Vocabulary, from_page: str, layout: Layout) -> str:
    name = escape(vocabulary.by_slug[slug].name)
    return f"[{name}]({relative(from_page, layout.topic_page(slug))}){{ .{TOPIC_CHIP_CLASS} }}"


def entry_decoration(entry: Entry, topics: Iterable[str], vocabulary: Vocabulary,
                     other_pages: Sequence[PageRef], layout: Layout = DEFAULT_LAYOUT) -> str:
    """Suffix for the entry's line: topic chips, then "也见于" links to the other pages
    holding the same URL. Empty when there is nothing to add; otherwise starts with a space."""
    rank = vocabulary.rank
    parts: list[str] = []
    chips = [_topic_chip(s, vocabulary, entry.page, layout) for s in sorted(topics, key=rank.__getitem__)]
    if chips:
        parts.append(" ".join(chips))
    if other_pages:
        links = "、".join(
            f"[{escape(ref.title)}]({relative(entry.page, ref.path, ref.anchor)}){{ .{ALSO_ON_CLASS} }}"
            for ref in other_pages
        )
        parts.append(f"也见于：{links}")
    return " " + LIST_JOINER.join(parts) if parts else ""


def page_topics_block(page: str, entries: Iterable[Entry], topics: Mapping[str, frozenset[str]],
                      vocabulary: Vocabulary, layout: Layout = DEFAULT_LAYOUT) -> str:
    """The "本页主题" paragraph: the page's topics, most entries first, with counts."""
    counts: Counter[str] = Counter()
    for entry in entries:
        if entry.page == page:
            counts.update(topics.get(entry.key, ()))
    if not counts:
        return ""
    rank = vocabulary.rank
    ordered = sorted(counts.items(), key=lambda item: (-item[1], rank[item[0]]))
    chips = LIST_JOINER.join(
        f"[{escape(vocabulary.by_slug[slug].name)}]({relative(page, layout.topic_page(slug))})（{count}）"
        for slug, count in ordered
    )
    return f"**本页主题**：{chips}\n"
