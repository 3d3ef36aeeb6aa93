"""The zh-Hant conversion of whole pages, as work ``hooks.helper`` can do beside the build.

No MkDocs import. ``convert_page`` is what the zh-Hant build's ``convert.page`` step does to a
page's Markdown: ``chinese.convert_markdown`` with the project converter, and the script-only
converter for cited titles. The zh-Hans build has each page's Markdown, as the zh-Hant build
will convert it, one script's build earlier; ``ConvertWork`` converts it then, in the helper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from hooks import languages
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern


def convert_page(markdown: str, titles: re.Pattern[str] | None) -> str:
    """A page's Markdown as the zh-Hant build shows it; ``titles`` finds its cited titles."""
    return convert_markdown(markdown, languages.to_traditional().convert, titles,
                            languages.to_traditional_titles().convert)


class ConvertWork:
    """Converts pages ahead of the zh-Hant build."""

    REQUESTS = frozenset({"convert_pages"})  # what ``hooks.helper`` may call

    def convert_pages(self, titles: Iterable[str], pages: Sequence[str]) -> list[str]:
        """Each page converted, with ``titles`` as the cited titles."""
        pattern = cited_title_pattern(frozenset(titles))
        return [convert_page(markdown, pattern) for markdown in pages]
