"""The zh-Hant conversion of whole pages, as work ``hooks.helper`` can do beside the build.

No MkDocs import. ``convert_page`` is what the zh-Hant build's ``convert.page`` step does to a
page's Markdown: ``chinese.convert_markdown`` with the project converter, and the script-only
converter for cited titles. The zh-Hans build has each page's Markdown, as the zh-Hant build
will convert it, one script's build earlier; ``ConvertWork`` converts it then, in the helper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hooks import languages
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern


def convert_page(markdown: str, titles: re.Pattern[str] | None) -> str:
    """A page's Markdown as the zh-Hant build shows it; ``titles`` finds its cited titles."""
    return convert_markdown(markdown, languages.to_traditional().convert, titles,
                            languages.to_traditional_titles().convert)


class ConvertWork:
    """Converts pages ahead of the zh-Hant build, with the cited titles given once per run."""

    REQUESTS = frozenset({"use_titles", "convert"})  # what ``hooks.helper`` may call

    def __init__(self) -> None:
        self.titles: re.Pattern[str] | None = None

    def use_titles(self, titles: Iterable[str]) -> None:
        """The cited titles of this run's catalog."""
        self.titles = cited_title_pattern(frozenset(titles))

    def convert(self, markdown: str) -> str:
        """One page converted (``convert_page``) with the titles given last."""
        return convert_page(markdown, self.titles)
