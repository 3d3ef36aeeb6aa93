"""MkDocs glue: Chinese search that keeps to the script being read and understands both.

* ``on_config`` writes the jieba user dictionary (``search_vocabulary``) to a cache file and
  points Material's ``search`` plugin at it (``jieba_dict_user``), before the plugin loads it.
* ``on_post_page`` adds one document per entry of a content page (``page/#e-…``, the entry's
  anchor), so that searching an article's title opens the page on that entry.
* ``on_post_build`` keeps the sections each language build indexed; after the last build it
  writes one index per script (``search_index``): ``search/search_index.json`` with the
  zh-Hans pages and ``zh-Hant/search/search_index.json`` with the zh-Hant pages, replacing
  the index of both that mkdocs-static-i18n leaves at the root (``overrides/main.html`` makes
  zh-Hant pages load theirs), and applies ``search_worker``'s fixes to the search worker.

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
import opencc
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from catalog import read_catalog, source_pages
from search_index import (
    Segmenter,
    Variants,
    build_indexes,
    entry_documents,
    index_path,
    index_sizes,
    search_config,
)
from search_worker import WORKER_GLOB, fix_query_handling, is_fixed
from search_vocabulary import (
    dictionary_words,
    glossary_terms,
    parse_topic_terms,
    render_user_dictionary,
)
from zh_convert import ScriptConverter, load_glossary

DATA = Path(__file__).parent / "data"
TOPICS = DATA / "topics.yml"
GLOSSARY = DATA / "zh_hant_terms.tsv"
DEFAULT_LANGUAGE = "zh-Hans"
TRADITIONAL = "zh-Hant"
CACHE_DIR = Path(tempfile.gettempdir()) / "llm-kb-search"

log = logging.getLogger(f"mkdocs.hooks.{Path(__file__).stem}")
_indexes: dict[str, Any] = {}  # language → the search plugin's index object of its build
_sections: dict[str, list[dict[str, Any]]] = {}  # language → its indexed sections
_entries: dict[str, list[dict[str, str]]] = {}  # language → one document per entry
_pages: list[str] = []  # the source pages of the catalog
_entries_by_page: dict[str, list] = {}  # page → its catalog entries, read once per build


# ---------------------------------------------------------------- shared tools


@lru_cache(maxsize=None)
def converter() -> ScriptConverter:
    """The project converter (s2twp + glossary): the form the zh-Hant pages show."""
    return ScriptConverter.from_glossary(GLOSSARY)


@lru_cache(maxsize=None)
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def user_dictionary_text() -> str:
    """The jieba user dictionary of the current vocabulary and glossary."""
    topics = TOPICS.read_text(encoding="utf-8") if TOPICS.is_file() else ""
    return _user_dictionary(topics, GLOSSARY.read_text(encoding="utf-8-sig"))


@lru_cache(maxsize=2)  # each language build (and serve rebuild) asks; the files rarely change
def _user_dictionary(topics: str, glossary: str) -> str:
    terms = parse_topic_terms(topics, str(TOPICS)) + glossary_terms(load_glossary(GLOSSARY))
    forms = [converter().convert, opencc_converter("s2t").convert, opencc_converter("t2s").convert]
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
                     to_simplified=lru_cache(maxsize=None)(opencc_converter("t2s").convert))


@lru_cache(maxsize=None)
def variants() -> Variants:
    """One variant table per process: a rebuild only converts the terms it has not seen."""
    return Variants(
        to_simplified=opencc_converter("t2s").convert,
        to_traditional=[converter().convert, opencc_converter("s2t").convert],
        pieces=lambda word: jieba.tokenize(word, mode="search"),
    )


# ---------------------------------------------------------------- MkDocs events


@event_priority(100)  # before the search plugin's on_config, which loads the dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = search_plugin(config)
    if plugin is None:
        return config
    # on_post_build cuts every section anew from its visible text (Segmenter.segment drops any
    # U+200B first), so the search plugin's own jieba pass over every page is skipped.
    if callable(getattr(plugin, "_segment_chinese", None)):
        plugin._segment_chinese = _as_is
    try:
        text = user_dictionary_text()
    except ValueError as exc:  # topics.yml mid-edit: search still works, with fewer words
        log.warning(f"search dictionary without the topic vocabulary: {exc}")
        text = render_user_dictionary(dictionary_words(glossary_terms(load_glossary(GLOSSARY)), []))
    plugin.config.jieba_dict_user = str(write_user_dictionary(text))
    return config


def _as_is(text: str) -> str:
    return text


def _language(config: MkDocsConfig) -> str:
    """The language being built (mkdocs-static-i18n builds one language after the other)."""
    return getattr(config.plugins.get("i18n"), "current_language", None) or DEFAULT_LANGUAGE


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    if not _building_more(config):  # a top-level build or a serve rebuild starts afresh
        _indexes.clear()
        _sections.clear()
        _entries.clear()


def on_nav(nav, config: MkDocsConfig, files):
    _pages[:] = source_pages(files)
    _entries_by_page.clear()
    return nav


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Remember which index object the search plugin fills in this language's build, and
    index the entries of the page."""
    plugin = search_plugin(config)
    if plugin is None or getattr(plugin, "search_index", None) is None:
        return output
    language = _language(config)
    _indexes[language] = plugin.search_index
    if page.file.generated_by or (page.meta.get("search") or {}).get("exclude"):
        return output
    source = page.file.src_uri
    if not _entries_by_page:  # once per build: reading the catalog per page is quadratic
        try:
            catalog = read_catalog(Path(config.docs_dir), _pages)
        except (ValueError, OSError):  # a malformed entry: the catalog's own hooks report it
            return output
        _entries_by_page[""] = []  # marks the catalog as read (a site may have no entries)
        for entry in catalog.entries:
            _entries_by_page.setdefault(entry.page, []).append(entry)
    entries = _entries_by_page.get(source, [])
    convert = converter().convert if _needs_conversion(page, language) else str
    _entries.setdefault(language, []).extend(entry_documents(entries, page.url, output, convert))
    return output


def _needs_conversion(page, language: str) -> bool:
    """Entries are read from the simplified source; the zh-Hant build shows them converted."""
    return language == TRADITIONAL and getattr(page.file, "locale", None) != TRADITIONAL


@event_priority(-150)  # after mkdocs-static-i18n built the other languages and merged indexes
def on_post_build(config: MkDocsConfig) -> None:
    """Snapshot each language's sections (i18n later merges both into the last index object),
    and once every language is built, write one index per language."""
    for language, index in _indexes.items():
        if language not in _sections:
            _sections[language] = [dict(e) for e in index.entries] + _entries.get(language, [])
    if _building_more(config) or not _sections:
        return
    plugin = search_plugin(config)
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or DEFAULT_LANGUAGE
    prefixes = {lang: "" if lang == default else f"{lang}/" for lang in _sections}
    base = {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    indexes = build_indexes(_sections, prefixes, search_config(base), segmenter(), variants())
    for language, index in indexes.items():
        path = index_path(config.site_dir, prefixes[language])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        size, gzipped = index_sizes(path)
        log.info(f"search index {language}: {len(index['docs'])} sections, "
                 f"{size:,} bytes ({gzipped:,} gzip)")
    fix_worker(Path(config.site_dir))


def fix_worker(site_dir: Path) -> None:
    """Apply ``search_worker``'s fixes to the search worker the site ships."""
    for worker in site_dir.glob(WORKER_GLOB):
        source = worker.read_text(encoding="utf-8")
        if not is_fixed(source):
            worker.write_text(fix_query_handling(source), encoding="utf-8")


def _building_more(config: MkDocsConfig) -> bool:
    """True inside the language builds that mkdocs-static-i18n runs from the first one."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))
