"""Dead and moved links grouped by page, for maintainers (the command's text and the build's page)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from hooks.links.status_file import LinkRecord, archive_url


class LinkSource(Protocol):
    """Where a URL is linked: ``sources.UrlSource``, or a catalog entry (same attributes)."""

    @property
    def url(self) -> str: ...
    @property
    def page(self) -> str: ...
    @property
    def line(self) -> int: ...


@dataclass(frozen=True)
class PageProblem:
    """One dead or moved link on a page."""

    source: LinkSource
    record: LinkRecord


def problems_by_page(sources: Iterable[LinkSource], status_data: Mapping[str, LinkRecord]
                     ) -> dict[str, list[PageProblem]]:
    """Dead and moved links of each page (pages and links in order; pages without any left out)."""
    pages: dict[str, list[PageProblem]] = {}
    for source in sorted(sources, key=lambda s: (s.page, s.line, s.url)):
        record = status_data.get(source.url)
        if record is not None and (record.is_dead or record.is_moved):
            pages.setdefault(source.page, []).append(PageProblem(source, record))
    return pages


def report_lines(problems: Mapping[str, list[PageProblem]]) -> list[str]:
    """Plain-text report: ``page:line: dead|moved URL → archive or new address (date)``."""
    lines: list[str] = []
    for page, items in problems.items():
        for item in items:
            record, source = item.record, item.source
            if record.is_dead:
                detail = f"dead ({record.error or record.code}) {source.url} → archive {archive_url(source.url)}"
            else:
                detail = f"moved {source.url} → {record.moved_to}"
            lines.append(f"docs/{page}:{source.line}: {detail} (since {record.since}, checked {record.checked})")
    return lines
