"""Cited titles in the zh-Hant edition: converted by script only, wherever they appear.

An article title (an entry's link text) or a name a source lists (a link-less entry) is cited
as its author wrote it: zh-Hant gives it Taiwan characters (OpenCC ``s2tw``,
``languages.to_traditional_titles``), not Taiwan vocabulary, while the site's own prose keeps
s2twp + glossary + phrase rules. The same title takes the same path on its section page, on
the generated pages, in ``catalog.json``, in the search index and in the feed. A label of the
site's own that stands where a title would (配套代码, ``entry_types.yml`` ``supporting_titles``)
is prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from hooks import languages
from hooks.convert.chinese import title_pattern
from hooks.index.entry_types import default_entry_types

__all__ = ["cited_titles", "cited_title_pattern", "entry_title_converter"]


def cited_titles(titles: Iterable[str], labels: Iterable[str]) -> frozenset[str]:
    """The entry titles that are cited titles: all but the site's own ``labels``."""
    own = frozenset(labels)
    return frozenset(title for title in titles if title and title not in own)


@lru_cache(maxsize=4)  # the same catalog across the two language builds and serve rebuilds
def cited_title_pattern(titles: frozenset[str]) -> re.Pattern[str] | None:
    """The pattern ``convert_markdown`` finds these titles with (one per set of titles)."""
    return title_pattern(titles)


def entry_title_converter() -> Callable[[str], str]:
    """zh-Hant of an entry's title: script-only for a cited title, prose for a site label."""
    labels = default_entry_types().supporting_titles
    titles = languages.to_traditional_titles().convert
    prose = languages.to_traditional().convert

    def convert(title: str) -> str:
        return prose(title) if title in labels else titles(title)

    return convert
