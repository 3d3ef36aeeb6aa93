"""The site's data export: ``catalog.json``, every entry as a plain record (pure functions)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from hooks.index.pages import SiteIndex
from hooks.index.topics import Vocabulary

HANT_PREFIX = "zh-Hant/"
FORMAT_VERSION = 1


def entry_records(
    index: SiteIndex,
    vocabulary: Vocabulary,
    page_urls: Mapping[str, str],
    to_traditional: Callable[[str], str],
    added: Mapping[str, str] | None = None,
) -> list[dict]:
    """One record per entry, in nav order; page URLs are relative to the site root. ``added``
    (entry key → ``YYYY-MM-DD``) gives the day each entry came into the knowledge base: null when
    unknown (not committed yet, or built from a clone without full history)."""
    added = added or {}
    rank = vocabulary.rank
    records = []
    for entry in index.entries:
        slugs = sorted(index.topics.get(entry.key, ()), key=rank.__getitem__)
        page_url = page_urls.get(entry.page, "")
        records.append(
            {
                "title": {"zh-Hans": entry.title, "zh-Hant": to_traditional(entry.title)},
                "url": entry.url,
                "note": {"zh-Hans": entry.note, "zh-Hant": to_traditional(entry.note)},
                "topics": slugs,
                "source_site": entry.source_site,
                "page": {"zh-Hans": page_url, "zh-Hant": HANT_PREFIX + page_url},
                "anchor": entry.anchor,
                "source": f"docs/{entry.page}:{entry.line}",
                "added": added.get(entry.key),
            }
        )
    return records


def catalog_json(records: list[dict], vocabulary: Vocabulary, to_traditional: Callable[[str], str]) -> str:
    """The whole export: format version, topics (both scripts) and entries."""
    topics = [
        {
            "slug": topic.slug,
            "name": {"zh-Hans": topic.name, "zh-Hant": to_traditional(topic.name)},
            "category": topic.category,
            "description": {"zh-Hans": topic.description, "zh-Hant": to_traditional(topic.description)},
        }
        for topic in vocabulary.topics
    ]
    document = {"version": FORMAT_VERSION, "entry_count": len(records), "topics": topics, "entries": records}
    return json.dumps(document, ensure_ascii=False, indent=1)
