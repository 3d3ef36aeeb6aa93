"""The language facts of the site: its two scripts, where each lives, and its converters.

zh-Hans is written by hand and served at the site root; zh-Hant is converted from it at build
time and served under ``zh-Hant/``. mkdocs-static-i18n builds zh-Hans first and builds every
further language from inside that build (a *nested* build). Converters are built once per
process: loading OpenCC's dictionaries costs a few tenths of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import opencc

from hooks import file_texts, paths
from hooks.convert.chinese import GlossaryError, ScriptConverter, character_rows, load_glossary
from hooks.convert.taiwan import taiwan_postprocess, taiwan_quotes

SIMPLIFIED = "zh-Hans"
TRADITIONAL = "zh-Hant"
DEFAULT = SIMPLIFIED
LANGUAGES = (SIMPLIFIED, TRADITIONAL)
HANDWRITTEN_SUFFIX = f".{TRADITIONAL}.md"  # a page written by hand in zh-Hant, used as written


def prefix(language: str) -> str:
    """The path prefix of a language's pages: '' for the default, ``zh-Hant/`` otherwise."""
    return "" if language == DEFAULT else f"{language}/"


def localized_url(url: str, language: str) -> str:
    """A page URL as seen in one language's build."""
    return prefix(language) + url


def current(config: Any) -> str:
    """The language being built (mkdocs-static-i18n builds one language after the other)."""
    return getattr(config.plugins.get("i18n"), "current_language", None) or DEFAULT


def built(config: Any) -> list[str]:
    """Every language this build produces."""
    return list(getattr(config.plugins.get("i18n"), "build_languages", None) or [DEFAULT])


def nested_build(config: Any) -> bool:
    """True inside the further language builds that mkdocs-static-i18n runs from the first."""
    return file_texts.nested_build(config)


def to_traditional() -> ScriptConverter:
    """What the stages convert zh-Hant text with: ``traditional_converter``."""
    return traditional_converter()


def to_traditional_titles() -> ScriptConverter:
    """What the stages convert cited titles with: ``traditional_titles_converter``."""
    return traditional_titles_converter()


@cache
def traditional_converter() -> ScriptConverter:
    """The project's zh-Hant converter: OpenCC s2twp, the glossary, then the Taiwan phrase rules
    and quotation marks (one per process). A glossary that does not load stops the build with
    its ``file:line: reason — fix`` (the content checks have reported it too), not a traceback."""
    from mkdocs.exceptions import PluginError

    try:
        return ScriptConverter.from_glossary(paths.GLOSSARY, taiwan_postprocess())
    except GlossaryError as exc:
        raise PluginError(str(exc)) from None


@cache
def traditional_titles_converter() -> ScriptConverter:
    """The zh-Hant converter of cited titles (article titles, names a source lists): OpenCC
    ``s2tw``, Taiwan characters without Taiwan vocabulary, plus the glossary rows that fix
    characters only (``convert.chinese.character_rows``), and 「」『』 for “” ‘’ (a mark of
    the script, like its characters). An author's words stay theirs: 国产ChatGPT →
    國產ChatGPT, 显存 → 顯存 (s2twp's phrase table would say 視訊記憶體)."""
    from mkdocs.exceptions import PluginError

    try:
        rows = character_rows(load_glossary(paths.GLOSSARY), to_simplified())
    except GlossaryError as exc:
        raise PluginError(str(exc)) from None
    return ScriptConverter(rows, taiwan_quotes, base="s2tw.json")


@cache
def opencc_converter(name: str) -> opencc.OpenCC:
    """A stock OpenCC converter (``t2s``, ``s2t`` …), one per process."""
    return opencc.OpenCC(name)


def to_simplified() -> Callable[[str], str]:
    """Traditional (any variant) to simplified."""
    return opencc_converter("t2s").convert
