"""The table of source lists on 来源与致谢 (``{{ kb.source_versions }}``)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from hooks import templating
from hooks.index.pages import escape
from hooks.sources.config import ImportRecord, SourceLists, load_sources

TEMPLATE = "sources/versions.md.j2"


def versions_table(lists: SourceLists, records: Mapping[str, ImportRecord]) -> str:
    """Markdown: per source its upstream, licence, the version imported and its date, its entry
    count, and whether its history is followed."""
    rows = []
    for source in lists.sources:
        record = records.get(source.name)
        rows.append({
            "name": source.name, "title": escape(source.title), "upstream": source.upstream,
            "repo": escape(urlsplit(source.upstream).path.strip("/")) if source.upstream else "",
            "licence": escape(source.licence or ""), "snapshot": escape(source.snapshot or ""),
            "imported": record is not None, "commit": record.commit if record else None,
            "date": record.date if record else None, "entries": record.entries if record else 0,
        })
    return templating.render(TEMPLATE, sources=rows).strip("\n")


def project_versions_table() -> str:
    return versions_table(*load_sources())
