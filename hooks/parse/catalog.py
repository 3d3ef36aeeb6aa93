"""The site's catalog: every entry of every content page, parsed once per set of sources.

Pure apart from reading the given files (no MkDocs import: ``python -m hooks.check`` uses it).
Both language builds (and every ``mkdocs serve`` rebuild with unchanged sources) get the same
cached result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pymdownx.slugs import slugify

from hooks.file_texts import FILES
from hooks.parse.entries import Entry, parse_entries
from hooks.parse.markdown import split_front_matter

CREDIT_RE = re.compile(r"sources\.md#([a-z0-9-]+)")
"""Credit lines name a source collection by its anchor on the sources page."""

H1_RE = re.compile(r"^# +(.+?) *#*$", re.MULTILINE)

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
    titles: Mapping[str, str]

    @property
    def link_count(self) -> int:
        """Distinct URLs across the site."""
        return len({entry.url for entry in self.entries if entry.url})


def read_catalog(docs_dir: Path, pages: list[str]) -> Catalog:
    """Parse the given docs-relative Markdown pages (cached on their contents)."""
    sources = tuple((page, FILES.read_text(docs_dir / page)) for page in pages)
    return _parse(sources)


@lru_cache(maxsize=4)
def _parse(sources: tuple[tuple[str, str], ...]) -> Catalog:
    entries: list[Entry] = []
    credited: set[str] = set()
    titles: dict[str, str] = {}
    for page, markdown in sources:
        entries.extend(parse_entries(markdown, page, slugify=heading_slugify))
        credited.update(CREDIT_RE.findall(markdown))
        titles[page] = page_title(markdown, page)
    return Catalog(tuple(page for page, _ in sources), tuple(entries), frozenset(credited), titles)


def page_title(markdown: str, page: str) -> str:
    """A page's title as MkDocs shows it: front matter ``title``, else the first H1."""
    body, meta = split_front_matter(markdown)
    if isinstance(meta.get("title"), str):
        return meta["title"]
    heading = H1_RE.search(body)
    return heading.group(1).strip() if heading else page

