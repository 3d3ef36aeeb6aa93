"""MkDocs glue: Chinese search that keeps to the script being read and understands both.

* ``load_dictionary`` writes the jieba user dictionary (``vocabulary``) to a cache file and
  points Material's ``search`` plugin at it (``jieba_dict_user``), before the plugin loads it.
* ``add_entries`` adds one document per entry of a content page (``page/#e-…``, the entry's
  anchor), so that searching an article's title opens the page on that entry.
* ``write_indexes`` keeps the sections each language build indexed; after the last build it
  writes one index per script (``index``): ``search/search_index.json`` with the
  zh-Hans pages and ``zh-Hant/search/search_index.json`` with the zh-Hant pages, replacing
  the index of both that mkdocs-static-i18n leaves at the root (``overrides/main.html`` makes
  zh-Hant pages load theirs), and applies ``worker``'s fixes to the search worker.

Figures (index bytes and gzip bytes per script, keystroke-to-results time in Chromium):
``.venv/bin/python tests/tools/search_figures.py``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig

from hooks import languages, paths
from hooks.convert.chinese import load_glossary
from hooks.convert.titles import entry_title_converter
from hooks.index.pages import DEFAULT_LAYOUT
from hooks.parse.catalog import read_catalog
from hooks.search.index import (
    Segmenter,
    Variants,
    build_indexes,
    entry_documents,
    index_path,
    index_sizes,
    page_of,
    search_config,
)
from hooks.search.vocabulary import (
    dictionary_words,
    glossary_terms,
    parse_topic_terms,
    render_user_dictionary,
)
from hooks.search import main_dictionary
from hooks.search.worker import WORKER_GLOB, fix_query_handling, is_fixed
from hooks.mkdocs_files import source_pages

CACHE_DIR = Path(tempfile.gettempdir()) / "llm-kb-search"

log = logging.getLogger("mkdocs.hooks.search")


# ---------------------------------------------------------------- shared tools


def user_dictionary_text() -> str:
    """The jieba user dictionary of the current vocabulary and glossary."""
    topics = paths.TOPICS.read_text(encoding="utf-8") if paths.TOPICS.is_file() else ""
    return _user_dictionary(topics, paths.GLOSSARY.read_text(encoding="utf-8-sig"))


@lru_cache(maxsize=2)  # each language build (and serve rebuild) asks; the files rarely change
def _user_dictionary(topics: str, glossary: str) -> str:
    terms = parse_topic_terms(topics, str(paths.TOPICS)) + glossary_terms(load_glossary(paths.GLOSSARY))
    forms = [languages.to_traditional().convert, languages.opencc_converter("s2t").convert,
             languages.to_simplified()]
    return render_user_dictionary(dictionary_words(terms, forms))


def write_user_dictionary(text: str, cache_dir: Path = CACHE_DIR) -> Path:
    """Write the dictionary to a file named by its content (concurrent builds never clash)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"jieba-user-{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    if not path.is_file():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return path


def search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")


def segmenter() -> Segmenter:
    """A segmenter for one build. The same Han runs recur across pages, topic pages and both
    scripts, so each run is converted and cut once (jieba's words may change between builds)."""
    return Segmenter(cut=lru_cache(maxsize=None)(lambda text: tuple(jieba.cut(text))),
                     to_simplified=lru_cache(maxsize=None)(languages.to_simplified()))


@lru_cache(maxsize=None)
def variants() -> Variants:
    """One variant table per process: a rebuild only converts the terms it has not seen."""
    return Variants(
        to_simplified=languages.to_simplified(),
        to_traditional=[languages.to_traditional().convert, languages.opencc_converter("s2t").convert],
        pieces=lambda word: jieba.tokenize(word, mode="search"),
    )


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
        self.dictionary: Path | None = None  # the jieba user dictionary loaded in this process
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rendered again
        self.rendered: dict[str, set[str]] = {}  # language → URLs of the pages rendered this build
        self.previous: dict[str, list[dict[str, str]]] = {}  # language → last build's entry documents

    def begin(self, command: str, dirty: bool) -> None:
        self.dirty = command == "serve" and dirty

    def load_dictionary(self, config: MkDocsConfig) -> MkDocsConfig:
        """Give jieba the project's user dictionary, once per process and dictionary content.

        Material's search plugin would load it again in every language build (``jieba_dict_user``);
        loading it here once is the same dictionary for the same segmenter.
        """
        if search_plugin(config) is None:
            return config
        try:
            text = user_dictionary_text()
        except ValueError as exc:  # topics.yml mid-edit: search still works, with fewer words
            log.warning(f"search dictionary without the topic vocabulary: {exc}")
            try:
                glossary = glossary_terms(load_glossary(paths.GLOSSARY))
            except ValueError:  # the glossary does not load: the content checks report it with its line
                glossary = []
            text = render_user_dictionary(dictionary_words(glossary, []))
        path = write_user_dictionary(text)
        if path != self.dictionary:
            main_dictionary.load(jieba.dt, CACHE_DIR)
            jieba.load_userdict(str(path))
            self.dictionary = path
        return config

    def skip_material_segmentation(self, config: MkDocsConfig) -> MkDocsConfig:
        """write_indexes cuts every section anew from its visible text (Segmenter.segment drops any
        U+200B first), so the search plugin's own jieba pass over every page is skipped."""
        index = getattr(search_plugin(config), "search_index", None)
        if callable(getattr(index, "_segment_chinese", None)):
            index._segment_chinese = _as_is
        return config

    def start(self, config: MkDocsConfig) -> None:
        if not languages.nested_build(config):  # a top-level build or a serve rebuild starts afresh
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
        self.entries.setdefault(language, []).extend(
            entry_documents(entries, page.url, output, convert, convert_title))
        return output

    def write_indexes(self, config: MkDocsConfig) -> None:
        """Snapshot each language's sections (i18n later merges both into the last index object),
        and once every language is built, write one index per language."""
        for language, index in self.indexes.items():
            if language not in self.sections:
                entries = self.entries.get(language, [])
                if self.dirty and language in self.previous:  # Material keeps every page's sections;
                    rendered = self.rendered.get(language, set())  # the entries of pages not rendered
                    entries = [e for e in self.previous[language]  # again come from the last build
                               if page_of(e["location"]) not in rendered] + entries
                self.previous[language] = entries
                self.sections[language] = [dict(e) for e in index.entries] + entries
        if languages.nested_build(config) or not self.sections:
            return
        plugin = search_plugin(config)
        prefixes = {lang: languages.prefix(lang) for lang in self.sections}
        base = {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        indexes = build_indexes(self.sections, prefixes, search_config(base), segmenter(), variants(),
                                self.generated, self.descriptions)
        for language, index in indexes.items():
            path = index_path(config.site_dir, prefixes[language])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            size, gzipped = index_sizes(path)
            log.info(f"search index {language}: {len(index['docs'])} sections, "
                     f"{size:,} bytes ({gzipped:,} gzip)")
        fix_worker(Path(config.site_dir))


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


def fix_worker(site_dir: Path) -> None:
    """Apply ``search.worker``'s fixes to the search worker the site ships."""
    for worker in site_dir.glob(WORKER_GLOB):
        source = worker.read_text(encoding="utf-8")
        if not is_fixed(source):
            worker.write_text(fix_query_handling(source), encoding="utf-8")
