"""Live figures on the home page, counted from the pages at build time.

The home page writes ``{{ kb.entries }}``, ``{{ kb.links }}``, ``{{ kb.pages }}``,
``{{ kb.topics }}`` and ``{{ kb.sources }}`` where a figure belongs; ``index.stage`` replaces them
with counts taken from the catalog, the vocabulary and the build's pages.
"""

from __future__ import annotations

import re

from hooks.parse.catalog import Catalog

PLACEHOLDER_RE = re.compile(r"\{\{\s*kb\.(?P<name>[a-z_]+)\s*\}\}")


def figures(catalog: Catalog, page_count: int, topic_count: int) -> dict[str, int]:
    """The numbers the home page can show."""
    return {
        "entries": len(catalog.entries),
        "links": catalog.link_count,
        "pages": page_count,
        "sources": len(catalog.credited_sources),
        "topics": topic_count,
    }


def fill_placeholders(markdown: str, values: dict[str, int], page: str) -> str:
    """Replace ``{{ kb.name }}`` markers; an unknown name is an error naming the page."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in values:
            line = markdown.count("\n", 0, match.start()) + 1
            raise ValueError(
                f"{page}:{line}: unknown figure 'kb.{name}' — use one of "
                + ", ".join(f"kb.{key}" for key in sorted(values))
            )
        return f"{values[name]:,}"

    return PLACEHOLDER_RE.sub(replace, markdown)
