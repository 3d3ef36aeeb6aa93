"""Cited titles in the zh-Hant edition: converted by script only, wherever they appear.

An article title (an entry's link text) or a name a source lists (a link-less entry) is cited
as its author wrote it: zh-Hant gives it Taiwan characters (OpenCC ``s2tw``,
``languages.to_traditional_titles``), not Taiwan vocabulary, while the site's own prose keeps
s2twp + glossary + phrase rules. The same title takes the same path on its section page, on
the generated pages, in ``catalog.json``, in the search index and in the feed. A label of the
site's own that stands where a title would is prose: 配套代码 (``entry_types.yml``
``supporting_titles``) and the titles of ``hooks/data/own_titles.txt`` (HELM（GitHub 仓库）).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from hooks import languages, paths
from hooks.convert.chinese import title_pattern
from hooks.index.entry_types import default_entry_types
from hooks.parse.data_files import read_limited

__all__ = ["cited_titles", "cited_title_pattern", "entry_title_converter", "load_own_titles", "site_labels"]


def load_own_titles(path: Path = paths.OWN_TITLES) -> frozenset[str]:
    """The entry titles the site wrote itself, one per line (``#`` starts a comment)."""
    if not path.is_file():
        return frozenset()
    lines = (line.strip() for line in read_limited(path, "own_titles").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def site_labels() -> frozenset[str]:
    """What stands where a title would but is the site's own wording: prose in zh-Hant."""
    return default_entry_types().supporting_titles | load_own_titles()


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
    labels = site_labels()
    titles = languages.to_traditional_titles().convert
    prose = languages.to_traditional().convert

    def convert(title: str) -> str:
        return prose(title) if title in labels else titles(title)

    return convert
