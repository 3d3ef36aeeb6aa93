"""MkDocs glue: Chinese search that keeps to the script being read and understands both.

* ``add_entries`` adds one document per entry of a content page (``page/#e-…``, the entry's
  anchor), so that searching an article's title opens the page on that entry.
* ``index_first_section_of_generated_pages`` has the search plugin read a generated page (a
  topic page, 全部条目 …) only as far as the one document the index keeps of it.
* ``write_indexes`` keeps the sections each language build indexed; after the last build it
  writes one index per script (``index``, with jieba and the project's user dictionary,
  ``vocabulary``, in ``work.SearchWork``): ``search/search_index.json`` with the
  zh-Hans pages and ``zh-Hant/search/search_index.json`` with the zh-Hant pages, replacing
  the index of both that mkdocs-static-i18n leaves at the root (``overrides/main.html`` makes
  zh-Hant pages load theirs), each also in the parts the browser loads (``parts``), and puts
  the project's search worker (``worker``) in place of Material's.

Figures (index bytes and gzip bytes per script, keystroke-to-results time in Chromium):
``.venv/bin/python tests/tools/search_figures.py``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from hooks import languages
from hooks.convert.titles import entry_title_converter
from hooks.index.pages import DEFAULT_LAYOUT
from hooks.mkdocs_files import source_pages
from hooks.parse.catalog import read_catalog
from hooks.search.index import entry_documents, is_entry, page_of, search_config
from hooks.search.work import SearchWork, characters_of

log = logging.getLogger("mkdocs.hooks.search")


def search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _as_is(text: str) -> str:
    return text


class SearchStage:
    """Collects each language build's sections and entries; writes one index per script."""

    def __init__(self) -> None:
        self.indexes: dict[str, Any] = {}  # language → the search plugin's index object of its build
        self.sections: dict[str, list[dict[str, Any]]] = {}  # language → its indexed sections
        self.entries: dict[str, list[dict[str, str]]] = {}  # language → one document per entry
        self.generated: dict[str, dict[str, str]] = {}  # language → generated page URL → title prefix
        self.descriptions: dict[str, dict[str, str]] = {}  # language → page URL → front-matter description
        self.pages: list[str] = []  # the source pages of the catalog
        self.entries_by_page: dict[str, list] = {}  # page → its catalog entries, read once per build
        self.work: SearchWork | None = None  # jieba and its dictionary, made at the first index written
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rendered again
        self.rendered: dict[str, set[str]] = {}  # language → URLs of the pages rendered this build
        self.previous: dict[str, list[dict[str, str]]] = {}  # language → last build's sections and entries
        self.target: tuple[str, dict[str, Any]] | None = None  # the top build's site folder and search options

    def begin(self, command: str, dirty: bool) -> None:
        self.dirty = command == "serve" and dirty

    def skip_material_segmentation(self, config: MkDocsConfig) -> MkDocsConfig:
        """write_indexes cuts every section anew from its visible text (Segmenter.segment drops any
        U+200B first), with the project's dictionary, so the search plugin's own jieba pass over
        every page is skipped (and so is its loading of a user dictionary, ``jieba_dict_user``)."""
        index = getattr(search_plugin(config), "search_index", None)
        if index is not None and callable(getattr(index, "_segment_chinese", None)):
            index._segment_chinese = _as_is
        return config

    def index_first_section_of_generated_pages(self, config: MkDocsConfig) -> MkDocsConfig:
        """The index keeps one document of a generated page, its first section (``collapse_pages``):
        the search plugin reads such a page's HTML only up to its second heading with an id,
        where its third section would begin (``first_sections``), not through every entry the page lists."""
        index = getattr(search_plugin(config), "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if callable(add) and not getattr(add, "first_sections", False):
            index.add_entry_from_context = first_sections(add)  # type: ignore[union-attr]
        return config

    def start(self, config: MkDocsConfig) -> None:
        if not languages.nested_build(config):  # a top-level build or a serve rebuild starts afresh
            plugin = search_plugin(config)
            self.target = None if plugin is None else (
                str(config.site_dir), {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")})
            self.indexes.clear()
            self.sections.clear()
            self.entries.clear()
            self.rendered.clear()
            if not self.dirty:  # a dirty rebuild renders only changed pages: keep the others' labels
                self.generated.clear()
                self.descriptions.clear()

    def read_pages(self, nav, config: MkDocsConfig, files):
        self.pages[:] = source_pages(files)
        self.entries_by_page.clear()
        return nav

    def add_entries(self, output: str, page, config: MkDocsConfig) -> str:
        """Remember which index object the search plugin fills in this language's build, and
        index the entries of the page."""
        plugin = search_plugin(config)
        if plugin is None or getattr(plugin, "search_index", None) is None:
            return output
        language = languages.current(config)
        self.indexes[language] = plugin.search_index
        self.rendered.setdefault(language, set()).add(page.url)
        if (page.meta.get("search") or {}).get("exclude"):
            return output
        if page.file.generated_by:
            self.generated.setdefault(language, {})[page.url] = generated_label(page.url, language)
            return output
        description = page.meta.get("description")
        if isinstance(description, str) and description.strip():
            self.descriptions.setdefault(language, {})[page.url] = description.strip()
        source = page.file.src_uri
        if not self.entries_by_page:  # once per build: reading the catalog per page is quadratic
            try:
                catalog = read_catalog(Path(config.docs_dir), self.pages)
            except (ValueError, OSError):  # a malformed entry: the index stage reports it
                return output
            self.entries_by_page[""] = []  # marks the catalog as read (a site may have no entries)
            for entry in catalog.entries:
                self.entries_by_page.setdefault(entry.page, []).append(entry)
        entries = self.entries_by_page.get(source, [])
        converting = _needs_conversion(page, language)
        convert = languages.to_traditional().convert if converting else str
        convert_title = entry_title_converter() if converting else str
        documents = entry_documents(entries, page.url, output, convert, convert_title)
        self.entries.setdefault(language, []).extend(documents)
        return output

    def write_indexes(self, config: MkDocsConfig) -> None:
        """Snapshot each language's sections (i18n later merges both into the last index object).
        At the end of the first language's build, which ends after every further one, write
        one index per language."""
        for language, index in self.indexes.items():
            if language not in self.sections:
                documents = [dict(e) for e in index.entries if in_script(e["location"], language)]
                documents += self.entries.get(language, [])
                if self.dirty and language in self.previous:
                    documents = dirty_documents(self.previous[language], documents,
                                                self.rendered.get(language, set()))
                self.previous[language] = documents
                self.sections[language] = documents
        if languages.nested_build(config) or self.target is None or not self.sections:
            return
        if not set(languages.built(config)) <= set(self.sections):
            return
        site_dir, base = self.target
        prefixes = {lang: languages.prefix(lang) for lang in self.sections}
        if self.work is None:
            self.work = SearchWork()
        for warning in self.work.load(characters_of(self.sections, self.generated, self.descriptions)):
            log.warning(warning)
        written = self.work.write(self.sections, prefixes, search_config(base), self.generated,
                                  self.descriptions, site_dir)
        for language, sections, size in written:
            log.info(f"search index {language}: {sections} sections, {size:,} bytes")


SECTION_HEADING_RE = re.compile(r'<h[1-6] id="')  # how Python-Markdown's toc writes a heading with an id


def first_sections(add_entry: Callable[[Any], None]) -> Callable[[Any], None]:
    """The search plugin's ``add_entry_from_context``, given only the HTML before the second
    heading with an id of a generated page. The plugin starts a section at each heading with
    an id, and the first section, whose location is the page's own, is the only one
    ``collapse_pages`` keeps: a preface, if any, and the first heading's section are read whole,
    the rest not at all."""

    def add(page) -> None:
        content = page.content
        if not page.file.generated_by or not content:
            add_entry(page)
            return
        second = next(islice(SECTION_HEADING_RE.finditer(content), 1, None), None)
        if second is None:
            add_entry(page)
            return
        page.content = content[:second.start()]
        try:
            add_entry(page)
        finally:
            page.content = content

    add.first_sections = True  # type: ignore[attr-defined]
    return add


def in_script(location: str, language: str) -> bool:
    """Whether a section is one of this language's pages. Under ``mkdocs serve --dirty``
    Material's search plugin carries the last build's index into the next, and so the first
    script's sections into the second script's index."""
    own = languages.prefix(language)
    others = [languages.prefix(other) for other in languages.LANGUAGES if other != language]
    return location.startswith(own) and not any(p and p != own and location.startswith(p) for p in others)


def dirty_documents(previous: list[dict[str, Any]], current: list[dict[str, Any]],
                    rendered: set[str]) -> list[dict[str, Any]]:
    """A dirty rebuild's documents (``mkdocs serve --dirty`` renders only changed pages): the
    last build's documents of the pages not rendered again, and this build's of those that were,
    each where that page's sections (and its entries) were before, so that the index and its
    parts (``parts``) equal a fresh build's after an edit; a page with none before comes last.
    Material's own merge would not do: it drops every earlier section whose location starts
    with the first rendered page's, which for the home page ("") is all of them."""
    def kind(doc: dict[str, Any]) -> tuple[str, bool]:
        return page_of(doc["location"]), is_entry(doc["location"])

    fresh: dict[tuple[str, bool], list[dict[str, Any]]] = {}
    for doc in current:
        if page_of(doc["location"]) in rendered:
            fresh.setdefault(kind(doc), []).append(doc)
    out: list[dict[str, Any]] = []
    for doc in previous:
        if page_of(doc["location"]) not in rendered:
            out.append(doc)
        elif kind(doc) in fresh:
            out += fresh.pop(kind(doc))
    return out + [doc for docs in fresh.values() for doc in docs]


TOPIC_LABEL = "主题："


def generated_label(url: str, language: str) -> str:
    """The title prefix of a generated page's one search result: 主题： (主題：) for a topic
    page, none for the topic index, 按来源浏览 and 全部条目."""
    local = url.removeprefix(languages.prefix(language))
    fixed = {path.removesuffix(".md").removesuffix("index") + ("/" if not path.endswith("index.md") else "")
             for path in (DEFAULT_LAYOUT.topics_index, DEFAULT_LAYOUT.sources_index, DEFAULT_LAYOUT.all_entries)}
    if local in fixed or not local.startswith(DEFAULT_LAYOUT.topics_dir + "/"):
        return ""
    return languages.to_traditional().convert(TOPIC_LABEL) if language == languages.TRADITIONAL else TOPIC_LABEL


def _needs_conversion(page, language: str) -> bool:
    """Entries are read from the simplified source; the zh-Hant build shows them converted."""
    return language == languages.TRADITIONAL and getattr(page.file, "locale", None) != languages.TRADITIONAL
