"""The site's catalog: every entry of every content page, parsed once per set of sources.

Pure apart from reading the given files. Both language builds (and every ``mkdocs serve``
rebuild with unchanged sources) get the same cached result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pymdownx.slugs import slugify

from entries import Entry, parse_entries

CREDIT_RE = re.compile(r"sources\.md#([a-z0-9-]+)")
"""Credit lines name a source collection by its anchor on the sources page."""

_toc_slugify = slugify(case="lower")


def heading_slugify(text: str) -> str:
    """A heading's id exactly as the toc extension (configured in mkdocs.yml) makes it."""
    return _toc_slugify(text, "-")


@dataclass(frozen=True)
class Catalog:
    """Entries in page order, and the content pages they come from."""

    pages: tuple[str, ...]
    entries: tuple[Entry, ...]
    credited_sources: frozenset[str]

    @property
    def link_count(self) -> int:
        """Distinct URLs across the site."""
        return len({entry.url for entry in self.entries if entry.url})


def read_catalog(docs_dir: Path, pages: list[str]) -> Catalog:
    """Parse the given docs-relative Markdown pages (cached on their contents)."""
    sources = tuple((page, (docs_dir / page).read_text(encoding="utf-8")) for page in pages)
    return _parse(sources)


@lru_cache(maxsize=4)
def _parse(sources: tuple[tuple[str, str], ...]) -> Catalog:
    entries: list[Entry] = []
    credited: set[str] = set()
    for page, markdown in sources:
        entries.extend(parse_entries(markdown, page, slugify=heading_slugify))
        credited.update(CREDIT_RE.findall(markdown))
    return Catalog(tuple(page for page, _ in sources), tuple(entries), frozenset(credited))
