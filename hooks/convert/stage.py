"""MkDocs glue: produce the zh-Hant site from the simplified sources at build time.

The conversion itself lives in ``convert.chinese`` (pure functions); this stage only decides
*when* to convert: every page, nav title and site-wide string of the zh-Hant build whose
source is not a hand-written ``*.zh-Hant.md`` page. Cited titles (``titles``) take the
script-only converter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from hooks import languages
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern, cited_titles, site_labels
from hooks.mkdocs_files import source_pages
from hooks.parse.catalog import read_catalog

log = logging.getLogger("mkdocs.hooks.convert")

CONVERTED_META_KEYS = ("title", "description")
SITE_STRINGS = ("site_name", "site_description", "copyright")
I18N_EXTRA = {"alternate"}  # the language switcher, written by mkdocs-static-i18n itself


def building_traditional(config: MkDocsConfig) -> bool:
    """True while mkdocs-static-i18n builds the zh-Hant edition."""
    return getattr(config.plugins.get("i18n"), "current_language", None) == languages.TRADITIONAL


def needs_conversion(page: Page, config: MkDocsConfig) -> bool:
    """A page is converted in the zh-Hant build unless its source is already zh-Hant."""
    return building_traditional(config) and getattr(page.file, "locale", None) != languages.TRADITIONAL


class ConvertStage:
    """Converts what the zh-Hant build shows; keeps the simplified site strings aside."""

    def __init__(self) -> None:
        self.simplified_strings: dict[str, object] = {}
        self.renamed: dict[File, str] = {}  # File → its own src_uri, while awesome-pages arranges the nav
        self.titles: re.Pattern[str] | None = None  # the cited titles of this build's catalog

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
                    # read once so they are computed from the real name and kept (MkDocs caches them)
                    _ = file.name, file.dest_uri, file.url, file.abs_src_path
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
        """Learn the cited titles (every entry title of the catalog) in the zh-Hant build."""
        self.titles = None
        if building_traditional(config):
            try:
                catalog = read_catalog(Path(config.docs_dir), source_pages(files))
            except (ValueError, OSError):  # a malformed entry: the index stage reports it
                return nav
            self.titles = cited_title_pattern(cited_titles((entry.title for entry in catalog.entries), site_labels()))
        return nav

    def page(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Convert the page source after every other stage has added its Markdown."""
        if not needs_conversion(page, config):
            return markdown
        convert = languages.to_traditional().convert
        for key in CONVERTED_META_KEYS:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = convert(page.meta[key])
        return convert_page(markdown, self.titles)


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
    extra = config.extra
    for key, value in strings["extra"].items():
        extra[key] = value
    if strings["palette"] is not None:
        config.theme["palette"] = strings["palette"]
    if strings.get("permalink_title") is not None:  # the heading anchors' tooltip (toc extension)
        config["mdx_configs"]["toc"]["permalink_title"] = strings["permalink_title"]


def convert_page(markdown: str, titles: re.Pattern[str] | None) -> str:
    """A page's Markdown as the zh-Hant build shows it: ``chinese.convert_markdown`` with the
    project converter, and the script-only converter for the cited titles ``titles`` finds."""
    return convert_markdown(markdown, languages.to_traditional().convert, titles,
                            languages.to_traditional_titles().convert)


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
