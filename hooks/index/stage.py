"""MkDocs glue: cross-linked topic indexes built from the pages' own entries.

Per build: parse every page once (``parse.catalog``), give each entry its topics (``topics``),
add the generated pages (topic index, one page per topic, sources index, all entries) and, on
each section page, an anchor per entry, topic links, "也见于" links and a "本页主题" line
(``pages``); fill the home page's live figures (``figures``); write ``catalog.json``
(``export``). The zh-Hant build converts all of it like any other page.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from hooks import languages, paths
from hooks.check.sanitize import published, published_link
from hooks.convert.stage import convert_page, needs_conversion
from hooks.convert.titles import cited_title_pattern, cited_titles, entry_title_converter, site_labels
from hooks.file_texts import FILES
from hooks.freshness.stage import added_days
from hooks.index.export import catalog_json, entry_records
from hooks.index.figures import PLACEHOLDER_RE, download_block, figures, fill_placeholders, read_download
from hooks.index.pages import (
    DEFAULT_LAYOUT,
    Lines,
    SiteIndex,
    build_index,
    entry_decoration,
    first_read_messages,
    linked_per_topic,
    page_topic_counts,
    page_topics_block,
    page_wide_topics,
    render_all_entries,
    render_sources_index,
    render_topic_page,
    render_topics_index,
    resource_counts,
    section_wide_topics,
    topic_without_entries_messages,
    topic_without_links_messages,
    topics_without_entries,
    topics_without_links,
    type_label,
)
from hooks.index.reading_path import ReadingPathError, load_steps
from hooks.index.reading_path import render as render_reading_path
from hooks.index.shared_lines import Allowlist, SharedLines
from hooks.index.topics import (
    Matcher,
    TopicError,
    Vocabulary,
    VocabularyError,
    assign_topics,
    load_vocabulary,
)
from hooks.mkdocs_files import generated_file, source_pages
from hooks.parse.catalog import Catalog, read_catalog
from hooks.parse.data_files import DataFileError
from hooks.parse.entries import Entry, EntryError, load_source_sites, strip_topic_overrides
from hooks.sources.labels import site_dates
from hooks.sources.page import project_versions_table

CATALOG_FILE = "catalog.json"
log = logging.getLogger(f"mkdocs.plugins.{__name__}")
ANCHOR_HTML = '<span class="kb-entry" id="{anchor}"></span>'
LISTED_PAGES = (DEFAULT_LAYOUT.topics_index, DEFAULT_LAYOUT.sources_index, DEFAULT_LAYOUT.all_entries)

PAGES_ALLOWLIST = Allowlist(published, published_link)  # the pages' allowlist (hooks/check/sanitize.py)


@lru_cache(maxsize=2)
def vocabulary_and_matcher(text: str) -> tuple[Vocabulary, Matcher]:
    """Load the vocabulary and build the matcher once per vocabulary content."""
    vocabulary = load_vocabulary(paths.TOPICS)
    DEFAULT_LAYOUT.check(vocabulary)
    return vocabulary, Matcher(vocabulary)


def current_vocabulary() -> tuple[Vocabulary, Matcher]:
    return vocabulary_and_matcher(FILES.read_text(paths.TOPICS))


def generated_paths(vocabulary: Vocabulary) -> list[str]:
    """Docs-relative paths of every generated page."""
    return [*LISTED_PAGES, *(DEFAULT_LAYOUT.topic_page(topic.slug) for topic in vocabulary.topics)]


@dataclass
class TopicStage:
    """What one language build computed in ``add_pages`` for the later events."""

    catalog: Catalog | None = None
    topics: dict[str, frozenset[str]] | None = None
    index: SiteIndex | None = None
    generated: dict[str, File] = field(default_factory=dict)
    page_urls: dict[str, str] | None = None
    # the first script's inputs and results: the other script's build of the same run, with the
    # same catalog, vocabulary and nav order, reuses them instead of computing them again
    assigned: tuple[Catalog, Vocabulary, dict[str, frozenset[str]]] | None = None
    rendered: tuple[dict[str, frozenset[str]], tuple[str, ...], SiteIndex, dict[str, str]] | None = None
    decorated: dict[tuple[str, str], str] = field(default_factory=dict)  # (page, Markdown) → decorated
    decorated_with: SiteIndex | None = None  # the index ``decorated`` was made with
    provenance: dict = field(default_factory=dict)  # entry key → hooks.sources.provenance.Provenance
    # resource lines rendered once per script, checked once by the pages' allowlist
    shared_lines: SharedLines = field(default_factory=lambda: SharedLines(allowlist=PAGES_ALLOWLIST))

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Parse all pages, assign topics, and add the generated pages to the build."""
        if not languages.nested_build(config):  # a new run: data files or templates may have changed
            self.assigned = self.rendered = None
        vocabulary, matcher = _checked(current_vocabulary)
        catalog = _checked(lambda: read_catalog(Path(config.docs_dir), source_pages(files)))
        if self.assigned and self.assigned[0] is catalog and self.assigned[1] is vocabulary:
            topics = self.assigned[2]
        else:
            topics = _checked(lambda: assign_topics(catalog.entries, matcher, vocabulary.slugs))
            self.assigned = (catalog, vocabulary, topics)
        self.catalog, self.topics, self.index = catalog, topics, None
        self.generated = {path: generated_file(path, config, in_nav=path in LISTED_PAGES)
                          for path in generated_paths(vocabulary)}
        for file in self.generated.values():
            files.append(file)
        return files

    def write_pages(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """With the nav order known, group the entries and write the generated pages."""
        catalog, topics = self.catalog, self.topics
        assert catalog is not None and topics is not None, "add_pages (on_files) runs before write_pages (on_nav)"
        vocabulary, _ = current_vocabulary()
        nav_order = tuple(page.file.src_uri for page in nav.pages)
        if self.rendered and self.rendered[0] is topics and self.rendered[1] == nav_order:
            index, pages = self.rendered[2:]
        else:
            index = build_index(catalog.entries, topics, nav_order, vocabulary)
            self.provenance, dates = _checked(lambda: site_dates(index.entries, Path(config.docs_dir)))
            index = replace(index, dates=dates, listed={key: found.listed for key, found in self.provenance.items()
                                                        if found.listed})
            where = paths.TOPICS.relative_to(paths.ROOT).as_posix()
            if not languages.nested_build(config):  # once, on the source pages (a hand-written page is neither)
                for message in first_read_messages(index, vocabulary, where):
                    log.warning(message)  # the page can still be made (without its pick); strict fails at the end
            problems = topic_problems(index, vocabulary, where)
            if problems:
                raise PluginError("\n".join(problems))
            lines: Lines = {}
            pages = render_generated(index, vocabulary, catalog, lines)
            self.shared_lines.start(lines.values())
            self.rendered = (topics, nav_order, index, pages)
        self.index = index
        self.page_urls = {page.file.src_uri: page.url for page in nav.pages}
        for path, markdown in pages.items():
            self.generated[path].content_string = markdown
        add_topics_to_nav(nav, vocabulary, self.generated)
        return nav

    def fill_figures(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fill the live figures into any page that asks for them (the home page does)."""
        if not PLACEHOLDER_RE.search(markdown):
            return markdown
        catalog = self.catalog or read_catalog(Path(config.docs_dir), source_pages(files))
        counts = resource_counts(self.index.resources) if self.index else {"linked": 0, "names": 0}
        content_pages = sum(1 for f in files.documentation_pages() if not f.generated_by)
        values: dict[str, int | str] = dict(figures(counts["linked"], counts["names"], content_pages,
                                                    len(current_vocabulary()[0].topics), catalog))
        if "source_versions" in markdown:
            values["source_versions"] = project_versions_table()
        if "reading_path" in markdown:
            values["reading_path"] = _checked(lambda: render_reading_path(load_steps(catalog), page.file.src_uri))
        values["offline_download"] = download_block(read_download(), page.url)
        return fill_placeholders(markdown, values, page.file.src_uri)

    def stash_lines(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """On a generated page, a token in place of each resource line (``shared_lines``)."""
        if page.file not in self.generated.values():
            return markdown
        return self.shared_lines.stash(markdown, languages.current(config), config,
                                       self._convert_lines if needs_conversion(page, config) else None)

    def _convert_lines(self, text: str) -> str:
        """Resource lines as a zh-Hant page converts them (its cited titles kept as written)."""
        assert self.catalog is not None, "add_pages (on_files) runs before the pages"
        titles = cited_title_pattern(cited_titles((entry.title for entry in self.catalog.entries), site_labels()))
        return convert_page(text, titles)

    def fill_lines(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Each token of ``stash_lines`` replaced by its line's HTML, links resolved for the page:
        after the allowlist has read the page around the tokens, the lines being ones it keeps as
        they are and the links written as it writes them (``shared_lines.Allowlist``)."""
        if page.file not in self.generated.values():
            return html
        html, anchors = self.shared_lines.fill(html, languages.current(config), page.file, files, config)
        if page.links_to_anchors is not None:  # MkDocs validates them after every page is rendered
            for target, links in anchors.items():
                for anchor, link in links.items():
                    page.links_to_anchors.setdefault(target, {}).setdefault(anchor, link)
        return html

    def decorate(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give every entry of a section page its anchor, topic links and "也见于" links."""
        index, catalog = self.index, self.catalog
        src = page.file.src_uri
        if index is None or catalog is None or src not in index.by_page or page.file.generated_by:
            return markdown
        if self.decorated_with is not index:  # a new run: the other script's build reuses this one's
            self.decorated, self.decorated_with = {}, index
        key = (src, markdown)
        if key not in self.decorated:
            vocabulary, _ = current_vocabulary()
            self.decorated[key] = decorate_page(strip_topic_overrides(markdown), front_matter_lines(page),
                                                index.by_page[src], index, vocabulary, catalog.titles)
        return self.decorated[key]

    def write_catalog(self, config: MkDocsConfig) -> None:
        """Write ``catalog.json`` at the site root (once, from the default language's build)."""
        if languages.current(config) != languages.DEFAULT or self.index is None or self.page_urls is None:
            return
        vocabulary, _ = current_vocabulary()
        convert = languages.to_traditional().convert
        added = added_days(config, list(self.index.entries))
        records = entry_records(self.index, vocabulary, self.page_urls, convert, added=added,
                                title_to_traditional=entry_title_converter(), provenance=self.provenance)
        target = Path(config.site_dir) / CATALOG_FILE
        target.write_text(catalog_json(records, vocabulary, convert, counts=resource_counts(self.index.resources)),
                          encoding="utf-8")


def topic_problems(index: SiteIndex, vocabulary: Vocabulary, where: str) -> list[str]:
    """``file:line: reason — fix`` for topics that cannot have a page: no entry, or no linked
    resource. (A 先读这一篇 pick that is not one of the topic's linked resources is a warning: the
    page is made without it, and the other problems of the build are still found.)"""
    return (topic_without_entries_messages(topics_without_entries(index, vocabulary), vocabulary, where)
            + topic_without_links_messages(topics_without_links(index, vocabulary), vocabulary, where))


def render_generated(index: SiteIndex, vocabulary: Vocabulary, catalog: Catalog,
                     lines: Lines | None = None) -> dict[str, str]:
    """Markdown of every generated page, keyed by its docs-relative path; ``lines`` receives
    each resource line the pages hold."""
    layout, titles = DEFAULT_LAYOUT, catalog.titles
    lines = {} if lines is None else lines
    pages = {
        layout.topics_index: render_topics_index(index, vocabulary, titles, lines=lines),
        layout.sources_index: render_sources_index(index, titles, load_source_sites(), lines=lines),
        layout.all_entries: render_all_entries(index, titles, lines=lines),
    }
    linked = linked_per_topic(index, vocabulary)
    for topic in vocabulary.topics:
        pages[layout.topic_page(topic.slug)] = render_topic_page(topic.slug, index, vocabulary, titles, lines=lines,
                                                                 linked=linked)
    return pages


def add_topics_to_nav(nav: Navigation, vocabulary: Vocabulary, generated: dict[str, File]) -> None:
    """List the topic pages, by category, in the section of the topic index (its tab's sidebar)."""
    index_page = generated[DEFAULT_LAYOUT.topics_index].page
    section = index_page.parent if index_page is not None else None
    if section is None:
        return
    for category in vocabulary.categories:
        found = (generated[DEFAULT_LAYOUT.topic_page(topic.slug)].page for topic in vocabulary.topics_in(category.slug))
        pages: list[StructureItem] = [page for page in found if page is not None]
        if not pages:
            continue
        group = Section(category.name, pages)
        group.parent = section
        for page in pages:
            page.parent = group
        section.children.append(group)
    nav.pages = _get_by_type(nav.items, Page)  # as MkDocs lists them, now with the topic pages
    _add_previous_and_next_links(nav.pages)


def front_matter_lines(page: Page) -> int:
    """How many source lines precede the Markdown MkDocs hands to ``on_page_markdown``."""
    source_path, markdown = page.file.abs_src_path, page.markdown
    assert source_path is not None and markdown is not None, "a page read from docs/, once MkDocs has read it"
    source = FILES.read_text(source_path, "utf-8-sig")
    return len(source.splitlines()) - len(markdown.splitlines())


def decorate_page(markdown: str, offset: int, entries: tuple[Entry, ...], index: SiteIndex,
                  vocabulary: Vocabulary, titles) -> str:
    """Insert each entry's anchor, type label and links on its line, and "本页主题" after the
    introduction. A line holding several entries gets one decoration: in a table row, each link
    its own "也见于" and no topic chips; in a list item, each link its label and one decoration at
    the end, with the topics of them all once."""
    lines = markdown.split("\n")
    page_wide = page_wide_topics(entries[0].page, entries, index.topics) if entries else frozenset()
    section_wide = section_wide_topics(entries, index.topics)
    by_line: dict[int, list[Entry]] = {}
    for entry in entries:
        by_line.setdefault(entry.line, []).append(entry)
    for line_number, members in by_line.items():
        number = line_number - offset - 1
        table = lines[number].lstrip().startswith("|")
        shared = len(members) > 1 and not table
        lead = next((e for e in members if e.key not in index.article_of), members[0])
        for entry in members:
            supporting = entry.key in index.article_of
            decoration = "" if shared else entry_decoration(
                entry, index.topics.get(entry.key, ()), vocabulary, index.other_pages(entry, titles),
                page_wide=page_wide | section_wide[entry.heading_anchor], supporting=supporting, chips=not table)
            label = " ".join(part for part in (type_label(entry, supporting),
                                               "" if supporting else index.dates.get(entry.key, "")) if part)
            lines[number] = add_to_entry_line(lines[number], entry, decoration, label, inline=shared)
        if shared:
            topics = [slug for e in members if e.key not in index.article_of for slug in index.topics.get(e.key, ())]
            others = [ref for e in members for ref in index.other_pages(e, titles)]
            lines[number] = lines[number].rstrip() + entry_decoration(
                lead, topics, vocabulary, others, page_wide=page_wide | section_wide[lead.heading_anchor])
    block = page_topics_block(entries[0].page, entries, index.topics, vocabulary,
                              resources=page_topic_counts(index, entries[0].page)) if entries else ""
    if block:
        at = introduction_end(lines)
        lines[at:at] = ["", block.rstrip("\n"), ""]
    return "\n".join(lines)


def introduction_end(lines: list[str]) -> int:
    """Where the line after the H1's first paragraph is (right after the H1 when what follows
    it is not a plain paragraph): the 本页主题 block goes there, below the introduction."""
    h1 = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    start = h1 + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    block_starts = ("#", "-", "*", "|", "!!!", "???", "<", ">", "```", "1.")
    if start >= len(lines) or lines[start].lstrip().startswith(block_starts):
        return h1 + 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def add_to_entry_line(line: str, entry: Entry, decoration: str, label: str = "", inline: bool = False) -> str:
    """Place the anchor with the entry: after its link in a table row (or, ``inline``, in a list
    item holding several links), else at the item's end; and the type label before the entry:
    before its link in those cases, else after the list marker."""
    anchor = ANCHOR_HTML.format(anchor=entry.anchor)
    if (inline or line.lstrip().startswith("|")) and entry.url:
        target = f"]({entry.url})"
        at = line.find(target)
        if at >= 0:
            end = at + len(target)
            start = link_start(line, at)
            labelled = line[:start] + label + " " + line[start:end] if label and start >= 0 else line[:end]
            return labelled + anchor + decoration + line[end:]
    marker = LIST_MARKER_RE.match(line)
    if label and marker:
        line = line[:marker.end()] + label + " " + line[marker.end():]
    return line.rstrip() + " " + anchor + decoration


LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def link_start(line: str, close: int) -> int:
    """Index of the unescaped ``[`` that opens the link text ending at ``close`` (its ``]``), or -1."""
    depth = 0
    for i in range(close, -1, -1):
        backslashes = len(line[:i]) - len(line[:i].rstrip("\\"))
        if backslashes % 2:
            continue  # an escaped bracket is text
        if line[i] == "]":
            depth += 1
        elif line[i] == "[":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _checked(compute):
    """Run a pure step; turn its file:line errors into a clean build failure."""
    try:
        return compute()
    except (EntryError, TopicError, VocabularyError, ReadingPathError, DataFileError) as error:
        raise PluginError(str(error)) from error
