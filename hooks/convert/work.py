"""The zh-Hant conversion of whole pages, as work ``hooks.helper`` can do beside the build.

No MkDocs import. ``convert_page`` is what the zh-Hant build's ``convert.page`` step does to a
page's Markdown: ``chinese.convert_markdown`` with the project converter, and the script-only
converter for cited titles. The zh-Hans build has each page's Markdown, as the zh-Hant build
will convert it, one script's build earlier; ``ConvertWork`` converts it then, in the helper.
It converts the build's other strings too (``convert_strings``: entry titles and notes, topic
names, page titles…), so that the build's own process never loads OpenCC's dictionaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from hooks import languages
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern


def convert_page(markdown: str, titles: re.Pattern[str] | None) -> str:
    """A page's Markdown as the zh-Hant build shows it; ``titles`` finds its cited titles."""
    return convert_markdown(markdown, languages.traditional_converter().convert, titles,
                            languages.traditional_titles_converter().convert)


def convert_strings(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each text as zh-Hant prose, and as a cited title."""
    prose, title = languages.traditional_converter().convert, languages.traditional_titles_converter().convert
    return [prose(text) for text in texts], [title(text) for text in texts]


class ConvertWork:
    """Converts pages ahead of the zh-Hant build, with the cited titles given once per run, and
    the strings the build converts besides (titles, notes, names)."""

    REQUESTS = frozenset({"use_titles", "convert", "strings"})  # what ``hooks.helper`` may call

    def __init__(self) -> None:
        self.titles: re.Pattern[str] | None = None

    def use_titles(self, titles: Iterable[str]) -> None:
        """The cited titles of this run's catalog."""
        self.titles = cited_title_pattern(frozenset(titles))

    def convert(self, markdown: str) -> str:
        """One page converted (``convert_page``) with the titles given last."""
        return convert_page(markdown, self.titles)

    def strings(self, texts: Sequence[str]) -> tuple[list[str], list[str]]:
        """Strings converted ahead (``convert_strings``)."""
        return convert_strings(texts)
