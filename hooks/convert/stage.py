"""MkDocs glue: produce the zh-Hant site from the simplified sources at build time.

The conversion itself lives in ``convert.chinese`` (pure functions); this stage only decides
*when* to convert: every page, nav title and site-wide string of the zh-Hant build whose
source is not a hand-written ``*.zh-Hant.md`` page. Cited titles (``titles``) take the
script-only converter. While the zh-Hans edition is built, and a zh-Hant build follows, each
page's Markdown goes to the convert helper (``hooks.helper`` running ``work.ConvertWork``);
the zh-Hant build then takes the converted text of every page whose Markdown is the same, and
converts any other page itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from hooks import languages, paths
from hooks.convert.titles import cited_title_pattern, cited_titles, site_labels
from hooks.convert.work import convert_page
from hooks.helper import Helper
from hooks.index.entry_types import default_entry_types
from hooks.index.topics import load_vocabulary
from hooks.mkdocs_files import source_pages
from hooks.parse.catalog import read_catalog
from hooks.parse.markdown import split_front_matter

log = logging.getLogger("mkdocs.hooks.convert")

CONVERTED_META_KEYS = ("title", "description")
SITE_STRINGS = ("site_name", "site_description", "copyright")
I18N_EXTRA = {"alternate"}  # the language switcher, written by mkdocs-static-i18n itself


def building_traditional(config: MkDocsConfig) -> bool:
    """True while mkdocs-static-i18n builds the zh-Hant edition."""
    return getattr(config.plugins.get("i18n"), "current_language", None) == languages.TRADITIONAL


def traditional_follows(config: MkDocsConfig) -> bool:
    """True while the zh-Hans edition is built and the zh-Hant one will be built after it."""
    i18n = config.plugins.get("i18n")
    if i18n is None or building_traditional(config):
        return False
    return any(language.locale == languages.TRADITIONAL and language.build for language in i18n.config.languages)


def needs_conversion(page: Page, config: MkDocsConfig) -> bool:
    """A page is converted in the zh-Hant build unless its source is already zh-Hant."""
    return building_traditional(config) and getattr(page.file, "locale", None) != languages.TRADITIONAL


class ConvertStage:
    """Converts what the zh-Hant build shows; keeps the simplified site strings aside."""

    def __init__(self) -> None:
        self.simplified_strings: dict[str, object] = {}
        self.renamed: dict[object, str] = {}  # File → its own src_uri, while awesome-pages arranges the nav
        self.titles: re.Pattern[str] | None = None  # the cited titles of this build's catalog
        self.cited: frozenset[str] = frozenset()  # the same titles, as the helper is given them
        self.helper: Helper | None = None  # converts the zh-Hans build's pages and strings ahead
        self.titles_given = False  # the helper has this run's cited titles
        self.ahead: dict[str, str] = {}  # Markdown → its conversion, from the helper

    def hand_written_under_simplified_names(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Before awesome-pages applies the ``.pages`` files: in the zh-Hant build, a hand-written
        ``peft.zh-Hant.md`` answers to the name ``peft.md`` that ``.pages`` lists, as the
        converted page would (awesome-pages matches entries by file name)."""
        self.renamed.clear()
        if building_traditional(config):
            for page in nav.pages:
                src = page.file.src_uri
                if src.endswith(languages.HANDWRITTEN_SUFFIX):
                    file = page.file
                    file.name, file.dest_uri, file.url, file.abs_src_path  # computed from the real name, kept
                    self.renamed[page.file] = src
                    page.file.src_uri = src[:-len(languages.HANDWRITTEN_SUFFIX)] + ".md"
        return nav

    def hand_written_names_back(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Give the hand-written pages their own names back once the nav is arranged."""
        for file, src in self.renamed.items():
            file.src_uri = src
        self.renamed.clear()
        return nav

    def site_strings(self, config: MkDocsConfig) -> MkDocsConfig:
        """Give each build its site-wide strings: simplified as written, or converted for zh-Hant.

        The same config object serves every build (and every rebuild of ``mkdocs serve``), so the
        simplified originals are kept aside once and each build starts from them.
        """
        if not self.simplified_strings:
            self.simplified_strings.update(deepcopy(site_strings(config)))
        convert = languages.to_traditional().convert if building_traditional(config) else (lambda text: text)
        apply_site_strings(config, convert_strings(self.simplified_strings, convert))
        return config

    def section_titles(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Convert section titles (they come from ``.pages`` files, not from pages)."""
        if building_traditional(config):
            convert = languages.to_traditional().convert
            for item in _walk(nav.items):
                if isinstance(item, Section) and item.title:
                    item.title = convert(item.title)
        return nav

    def find_cited_titles(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Learn the cited titles (every entry title of the catalog) in the zh-Hant build, and in
        the zh-Hans build that the zh-Hant one follows (its pages are converted ahead)."""
        self.titles, self.cited = None, frozenset()
        if not building_traditional(config):  # a new run
            if self.helper is not None and self.helper.waiting:  # a run that stopped early: not this run's
                self.helper.answer()
            self.titles_given = False
            self.ahead.clear()
            for converter in (languages.to_traditional(), languages.to_traditional_titles()):
                converter.forget()
        if building_traditional(config) or traditional_follows(config):
            try:
                catalog = read_catalog(Path(config.docs_dir), source_pages(files))
            except (ValueError, OSError):  # a malformed entry: the index stage reports it
                return nav
            self.cited = cited_titles((entry.title for entry in catalog.entries), site_labels())
            self.titles = cited_title_pattern(self.cited)
        return nav

    def strings_ahead(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """In the zh-Hans build that the zh-Hant one follows: have the helper convert what the
        build's own process will convert (``build_strings``), and let the converters ask the
        helper for any other text (``fetch``), so that this process never loads OpenCC."""
        if not traditional_follows(config):
            return nav
        texts = build_strings(config, files, nav, self.simplified_strings)
        self._start(config)
        self._give_titles()
        self.helper.ask("strings", texts, tag=("strings", texts))
        for converter in (languages.to_traditional(), languages.to_traditional_titles()):
            converter.fetch = self.fetch
        return nav

    def fetch(self, texts: list[str]) -> None:
        """Conversions the helper has made, and those of ``texts`` (asked now if still unknown)."""
        if self.helper is None or self.helper.fallback_reason:
            return  # the converters convert for themselves
        self.collect()
        known = languages.to_traditional().known
        missing = [text for text in texts if text not in known]
        if missing:
            self.helper.ask("strings", missing, tag=("strings", missing))
            self.collect()

    def collect(self) -> None:
        """Take every reply not taken yet: converted pages and strings."""
        if self.helper is None or not self.helper.waiting:
            return
        for (kind, what), reply in self.helper.answer_tagged():
            if kind == "page":
                self.ahead[what] = reply
            elif kind == "strings":
                prose, titles = reply
                languages.to_traditional().learn(zip(what, prose))
                languages.to_traditional_titles().learn(zip(what, titles))
        if self.helper.fallback_reason:
            log.info(f"zh-Hant pages converted in the build's own process: {self.helper.fallback_reason}")

    def page(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Convert the page source after every other stage has added its Markdown."""
        if not needs_conversion(page, config):
            if traditional_follows(config):
                self.convert_ahead(markdown, config)
            return markdown
        self.collect()  # the first zh-Hant page: what the helper converted
        convert = languages.to_traditional().convert
        for key in CONVERTED_META_KEYS:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = convert(page.meta[key])
        converted = self.ahead.get(markdown)
        return converted if converted is not None else convert_page(markdown, self.titles)

    def convert_ahead(self, markdown: str, config: MkDocsConfig) -> None:
        """Send a zh-Hans page's Markdown to the helper (the zh-Hant page will likely be the same)."""
        self._start(config)
        self._give_titles()
        self.helper.ask("convert", markdown, tag=("page", markdown))

    def _start(self, config: MkDocsConfig) -> None:
        if self.helper is None:
            self.helper = Helper("convert", Path(config.config_file_path).resolve().parent)

    def _give_titles(self) -> None:
        """The run's first request: its cited titles."""
        if not self.titles_given:
            self.helper.ask("use_titles", self.cited, tag=("titles", None))
            self.titles_given = True

    def stop(self) -> None:
        """End the helper (``mkdocs serve`` stops, or reloads the build code)."""
        if self.helper is not None:
            self.helper.stop()


def site_strings(config: MkDocsConfig) -> dict[str, object]:
    """The site-wide strings a reader sees outside the pages."""
    return {
        **{key: config.get(key) for key in SITE_STRINGS},
        "extra": {k: v for k, v in (config.get("extra") or {}).items() if k not in I18N_EXTRA},
        "palette": config.theme.get("palette"),
        "permalink_title": (config.get("mdx_configs") or {}).get("toc", {}).get("permalink_title"),
    }


def apply_site_strings(config: MkDocsConfig, strings: dict) -> None:
    """Write site-wide strings back into the config."""
    for key in SITE_STRINGS:
        config[key] = strings[key]
    extra = config.get("extra")
    for key, value in strings["extra"].items():
        extra[key] = value
    if strings["palette"] is not None:
        config.theme["palette"] = strings["palette"]
    if strings.get("permalink_title") is not None:  # the heading anchors' tooltip (toc extension)
        config["mdx_configs"]["toc"]["permalink_title"] = strings["permalink_title"]


def build_strings(config: MkDocsConfig, files: Files, nav: Navigation, site: Mapping[str, object]) -> list[str]:
    """The texts the zh-Hant build converts in the build's own process, as far as they are known
    once the zh-Hans nav is: entry titles and notes, topic, category and entry-type names, page
    titles and descriptions, section titles, site strings. (Any other text is fetched when
    asked for.)"""
    texts: dict[str, None] = {}

    def add(text: object) -> object:
        if isinstance(text, str) and text:
            texts[text] = None
        return text

    try:
        catalog = read_catalog(Path(config.docs_dir), source_pages(files))
    except (ValueError, OSError):  # a malformed entry: the index stage reports it
        catalog = None
    for entry in catalog.entries if catalog else ():
        add(entry.title)
        add(entry.note)
    try:
        vocabulary = load_vocabulary(paths.TOPICS)
    except (ValueError, OSError):  # reported by the index stage
        vocabulary = None
    for topic in vocabulary.topics if vocabulary else ():
        add(topic.name)
        add(topic.description)
    for category in vocabulary.categories if vocabulary else ():
        add(category.name)
    for kind in default_entry_types().kinds:
        add(kind.name)
    for file in files.documentation_pages():
        if getattr(file, "locale", None) == languages.TRADITIONAL:
            continue
        try:
            text = file.content_string
        except (OSError, UnicodeDecodeError):
            continue
        meta = split_front_matter(text)[1]
        for key in CONVERTED_META_KEYS:
            add(meta.get(key))
    for item in _walk(nav.items):
        if isinstance(item, Section):
            add(item.title)
    convert_strings(site, add)
    return list(texts)


def convert_strings(value, convert):
    """Convert every string inside nested dicts and lists (keys are left alone)."""
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, Mapping):
        return {key: convert_strings(item, convert) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [convert_strings(item, convert) for item in value]
    return value


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
