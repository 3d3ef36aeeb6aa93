"""MkDocs glue: cross-linked topic indexes built from the pages' own entries.

Per build: parse every page once (``catalog``), give each entry its topics (``topics``), add
the generated pages (topic index, one page per topic, sources index, all entries) and, on each
section page, an anchor per entry, topic links, "也见于" links and a "本页主题" line
(``topic_pages``). The zh-Hant build converts all of it like any other page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from catalog import Catalog, read_catalog, source_pages
from catalog_export import catalog_json, entry_records
from entries import Entry, EntryError, load_source_sites, strip_topic_overrides
from topic_pages import (
    DEFAULT_LAYOUT,
    SiteIndex,
    build_index,
    entry_decoration,
    page_topics_block,
    render_all_entries,
    render_sources_index,
    render_topic_page,
    render_topics_index,
    topics_without_entries,
)
from topics import (
    Matcher,
    TopicError,
    Vocabulary,
    VocabularyError,
    assign_topics,
    load_vocabulary,
)
from zh_convert import converter_for

VOCABULARY = Path(__file__).parent / "data" / "topics.yml"
DEFAULT_LANGUAGE = "zh-Hans"
CATALOG_FILE = "catalog.json"
ANCHOR_HTML = '<span class="kb-entry" id="{anchor}"></span>'


@dataclass
class BuildState:
    """What one build computed in ``on_files`` for the later events."""

    catalog: Catalog | None = None
    topics: dict[str, frozenset[str]] | None = None
    index: SiteIndex | None = None
    generated: dict[str, File] | None = None
    page_urls: dict[str, str] | None = None


state = BuildState()


@dataclass(frozen=True)
class AlternateUrl:
    """The minimal stand-in mkdocs-static-i18n needs for a page's language alternates."""

    url: str


@lru_cache(maxsize=2)
def vocabulary_and_matcher(text: str) -> tuple[Vocabulary, Matcher]:
    """Load the vocabulary and build the matcher once per vocabulary content."""
    vocabulary = load_vocabulary(VOCABULARY)
    DEFAULT_LAYOUT.check(vocabulary)
    return vocabulary, Matcher(vocabulary)


def current_vocabulary() -> tuple[Vocabulary, Matcher]:
    return vocabulary_and_matcher(VOCABULARY.read_text(encoding="utf-8"))


def language_of(config: MkDocsConfig) -> str:
    return getattr(config.plugins.get("i18n"), "current_language", None) or DEFAULT_LANGUAGE


def build_languages(config: MkDocsConfig) -> list[str]:
    i18n = config.plugins.get("i18n")
    return list(getattr(i18n, "build_languages", None) or [DEFAULT_LANGUAGE])


def generated_paths(vocabulary: Vocabulary) -> list[str]:
    """Docs-relative paths of every generated page."""
    layout = DEFAULT_LAYOUT
    return [layout.topics_index, layout.sources_index, layout.all_entries] + [
        layout.topic_page(topic.slug) for topic in vocabulary.topics
    ]


def localized_url(url: str, language: str) -> str:
    """A page URL as seen in one language's build."""
    return url if language == DEFAULT_LANGUAGE else f"{language}/{url}"


def generated_file(src_uri: str, config: MkDocsConfig) -> File:
    """A generated page placed, and linked to its alternates, the way i18n places real pages."""
    language = language_of(config)
    file = File.generated(config, src_uri, content="")
    base_url = file.url
    if language != DEFAULT_LANGUAGE:
        file.dest_uri = f"{language}/{file.dest_uri}"
        file.url = localized_url(base_url, language)
        file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
    file.locale = DEFAULT_LANGUAGE  # written in simplified: the zh-Hant build converts it
    file.locale_alternate_of = language
    file.alternates = {
        lang: AlternateUrl(localized_url(base_url, lang)) for lang in build_languages(config)
    }
    if src_uri not in (DEFAULT_LAYOUT.topics_index, DEFAULT_LAYOUT.sources_index, DEFAULT_LAYOUT.all_entries):
        file.inclusion = InclusionLevel.NOT_IN_NAV
    return file


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Parse all pages, assign topics, and add the generated pages to the build."""
    vocabulary, matcher = _checked(current_vocabulary)
    catalog = _checked(lambda: read_catalog(Path(config.docs_dir), source_pages(files)))
    topics = _checked(lambda: assign_topics(catalog.entries, matcher, vocabulary.slugs))
    state.catalog, state.topics, state.index = catalog, topics, None
    state.generated = {path: generated_file(path, config) for path in generated_paths(vocabulary)}
    for file in state.generated.values():
        files.append(file)
    return files


@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """With the nav order known, group the entries and write the generated pages."""
    vocabulary, _ = current_vocabulary()
    nav_order = [page.file.src_uri for page in nav.pages]
    index = build_index(state.catalog.entries, state.topics, nav_order, vocabulary)
    empty = topics_without_entries(index, vocabulary)
    if empty:
        lines = {topic.slug: topic.line for topic in vocabulary.topics}
        raise PluginError(
            "\n".join(
                f"{VOCABULARY.relative_to(Path(config.config_file_path).parent)}:{lines[slug]}: "
                f"topic '{slug}' has no entry — add its aliases to an entry's title or note, "
                "tag an entry with { topics=\"" + slug + "\" }, or remove the topic"
                for slug in empty
            )
        )
    state.index = index
    state.page_urls = {page.file.src_uri: page.url for page in nav.pages}
    for path, markdown in render_generated(index, vocabulary, state.catalog).items():
        state.generated[path].content_string = markdown
    return nav


def render_generated(index: SiteIndex, vocabulary: Vocabulary, catalog: Catalog) -> dict[str, str]:
    """Markdown of every generated page, keyed by its docs-relative path."""
    layout, titles = DEFAULT_LAYOUT, catalog.titles
    pages = {
        layout.topics_index: render_topics_index(index, vocabulary, titles),
        layout.sources_index: render_sources_index(index, titles, load_source_sites().order),
        layout.all_entries: render_all_entries(index, titles),
    }
    for topic in vocabulary.topics:
        pages[layout.topic_page(topic.slug)] = render_topic_page(topic.slug, index, vocabulary, titles)
    return pages


@event_priority(0)  # before the zh-Hant conversion (-200) so the additions get converted too
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give every entry of a section page its anchor, topic links and "也见于" links."""
    index = state.index
    src = page.file.src_uri
    if index is None or src not in index.by_page or page.file.generated_by:
        return markdown
    vocabulary, _ = current_vocabulary()
    markdown = strip_topic_overrides(markdown)
    return decorate_page(markdown, front_matter_lines(page), index.by_page[src], index, vocabulary,
                         state.catalog.titles)


def front_matter_lines(page: Page) -> int:
    """How many source lines precede the Markdown MkDocs hands to ``on_page_markdown``."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    return len(source.splitlines()) - len(page.markdown.splitlines())


def decorate_page(markdown: str, offset: int, entries: tuple[Entry, ...], index: SiteIndex,
                  vocabulary: Vocabulary, titles) -> str:
    """Insert each entry's anchor and links on its line, and "本页主题" under the H1."""
    lines = markdown.split("\n")
    for entry in entries:
        number = entry.line - offset - 1
        decoration = entry_decoration(entry, index.topics.get(entry.key, ()), vocabulary,
                                      index.other_pages(entry, titles))
        lines[number] = add_to_entry_line(lines[number], entry, decoration)
    block = page_topics_block(entries[0].page, entries, index.topics, vocabulary) if entries else ""
    if block:
        h1 = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
        lines[h1 + 1:h1 + 1] = ["", block.rstrip("\n")]
    return "\n".join(lines)


def add_to_entry_line(line: str, entry: Entry, decoration: str) -> str:
    """Place the anchor with the entry: after its link in a table row, else at the item's end."""
    anchor = ANCHOR_HTML.format(anchor=entry.anchor)
    if line.lstrip().startswith("|") and entry.url:
        target = f"]({entry.url})"
        at = line.find(target)
        if at >= 0:
            end = at + len(target)
            return line[:end] + anchor + decoration + line[end:]
    return line.rstrip() + " " + anchor + decoration


def on_post_build(config: MkDocsConfig) -> None:
    """Write ``catalog.json`` at the site root (once, from the default language's build)."""
    if language_of(config) != DEFAULT_LANGUAGE or state.index is None:
        return
    vocabulary, _ = current_vocabulary()
    convert = converter_for().convert
    records = entry_records(state.index, vocabulary, state.page_urls, convert)
    target = Path(config.site_dir) / CATALOG_FILE
    target.write_text(catalog_json(records, vocabulary, convert), encoding="utf-8")


def _checked(compute):
    """Run a pure step; turn its file:line errors into a clean build failure."""
    try:
        return compute()
    except (EntryError, TopicError, VocabularyError) as error:
        raise PluginError(str(error)) from error
