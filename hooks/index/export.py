"""The site's data export: ``catalog.json``, every entry as a plain record (pure functions)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from hooks.index.entry_types import EntryTypes, default_entry_types
from hooks.index.pages import SiteIndex
from hooks.index.topics import Vocabulary

HANT_PREFIX = "zh-Hant/"
# 2: entry "type" (论文, 代码 …, see "types") and "supports"; 3: "listed", "snapshot", "paper_month";
# 4: "resources" and "names", the site's counts (entry_count counts records: a URL on several pages, supporting links)
FORMAT_VERSION = 4


def entry_records(
    index: SiteIndex,
    vocabulary: Vocabulary,
    page_urls: Mapping[str, str],
    to_traditional: Callable[[str], str],
    kinds: EntryTypes | None = None,
    added: Mapping[str, str] | None = None,
    title_to_traditional: Callable[[str], str] | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> list[dict]:
    """One record per entry, in nav order; page URLs are relative to the site root. A supporting
    link (配套代码) names the anchor of the article it belongs to in ``supports``; ``added``
    (entry key → ``YYYY-MM-DD``) gives the day each entry came into the knowledge base: null when
    unknown (not committed yet, or built from a clone without full history). A title is cited by
    script only in zh-Hant (``title_to_traditional``, ``convert.titles``; ``to_traditional`` if
    not given). ``provenance`` (entry key → ``hooks.sources.provenance.Provenance``) gives
    ``listed``: the day the source list credited first held the entry, with ``listed_by`` (its
    name); for a source without history, ``snapshot`` says which text the entry comes from; an
    arXiv paper's ``paper_month`` comes from its identifier."""
    title_to_traditional = title_to_traditional or to_traditional
    provenance = provenance or {}
    kinds = kinds or default_entry_types()
    added = added or {}
    rank = vocabulary.rank
    records = []
    for entry in index.entries:
        slugs = sorted(index.topics.get(entry.key, ()), key=rank.__getitem__)
        page_url = page_urls.get(entry.page, "")
        records.append(
            {
                "title": {"zh-Hans": entry.title, "zh-Hant": title_to_traditional(entry.title)},
                "url": entry.url,
                "note": {"zh-Hans": entry.note, "zh-Hant": to_traditional(entry.note)},
                "type": kinds.of(entry.url).slug,
                "supports": index.article_of[entry.key].anchor if entry.key in index.article_of else None,
                "topics": slugs,
                "source_site": entry.source_site,
                "page": {"zh-Hans": page_url, "zh-Hant": HANT_PREFIX + page_url},
                "anchor": entry.anchor,
                "source": f"docs/{entry.page}:{entry.line}",
                "added": added.get(entry.key),
                **_provenance_fields(provenance.get(entry.key), to_traditional),
            }
        )
    return records


def _provenance_fields(found: Any, to_traditional: Callable[[str], str]) -> dict:
    if found is None:
        return {"listed": None, "listed_by": None, "snapshot": None, "paper_month": None}
    snapshot = {"zh-Hans": found.snapshot, "zh-Hant": to_traditional(found.snapshot)} if found.snapshot else None
    return {"listed": found.listed, "listed_by": found.source if found.listed else None,
            "snapshot": snapshot, "paper_month": found.paper_month}


def catalog_json(records: list[dict], vocabulary: Vocabulary, to_traditional: Callable[[str], str],
                 kinds: EntryTypes | None = None, counts: Mapping[str, int] | None = None) -> str:
    """The whole export: format version, the site's counts (``pages.resource_counts``: resources
    with a link, one per URL, and link-less names, as every page shows them), entry types and
    topics (both scripts), entries."""
    kinds = kinds or default_entry_types()
    types = [{"slug": kind.slug, "name": {"zh-Hans": kind.name, "zh-Hant": to_traditional(kind.name)}}
             for kind in kinds.kinds]
    topics = [
        {
            "slug": topic.slug,
            "name": {"zh-Hans": topic.name, "zh-Hant": to_traditional(topic.name)},
            "category": topic.category,
            "description": {"zh-Hans": topic.description, "zh-Hant": to_traditional(topic.description)},
        }
        for topic in vocabulary.topics
    ]
    counts = counts or {"linked": 0, "names": 0}
    document = {"version": FORMAT_VERSION, "resources": counts["linked"], "names": counts["names"],
                "entry_count": len(records), "types": types, "topics": topics, "entries": records}
    return json.dumps(document, ensure_ascii=False, indent=1)
