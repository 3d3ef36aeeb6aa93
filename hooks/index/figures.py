"""Live figures and blocks of the home page and 关于, made at build time.

A page writes ``{{ kb.NAME }}`` where a figure or block belongs; ``index.stage`` replaces it:

* ``kb.resources`` — resources with a link, one per distinct URL (as the topic index counts them);
* ``kb.names`` — link-less entries (names listed without a link);
* ``kb.pages`` — content pages, the pages written in docs/ (as the single-page edition counts them);
* ``kb.topics``, ``kb.sources`` — topics of the vocabulary, credited source collections;
* ``kb.reading_path`` — the newcomer's reading path (``hooks/data/reading_path.yml``);
* ``kb.offline_download`` — the offline edition's download with its size and build date, from
  ``hooks/data/offline_download.yml`` (the publishing workflow writes it); empty without it.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import yaml

from hooks import paths, templating
from hooks.parse.catalog import Catalog
from hooks.parse.data_files import load

PLACEHOLDER_RE = re.compile(r"\{\{\s*kb\.(?P<name>[a-z_]+)\s*\}\}")
ARCHIVE_NAME = "llm-kb-offline.zip"  # published at the site root next to index.html


def figures(resources: int, names: int, content_pages: int, topic_count: int, catalog: Catalog) -> dict[str, int]:
    """The numbers a page can show; the same counts as the topic index and the single page."""
    return {
        "resources": resources,
        "names": names,
        "pages": content_pages,
        "sources": len(catalog.credited_sources),
        "topics": topic_count,
    }


def read_download(source: Path = paths.OFFLINE_DOWNLOAD) -> dict | None:
    """The archive's size (bytes) and build date, or None when the file is absent or incomplete."""
    if not source.is_file():
        return None
    data = load(source, "offline_download").value or {}  # checked: a DataFileError names the line
    size, built = data.get("size"), data.get("built")
    if size is None or built is None:
        return None
    return {"size": size, "built": str(built)}


def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def download_block(download: dict | None, page_url: str) -> str:
    """The download paragraph for the page at ``page_url`` (site-relative), or "" without data."""
    if not download:
        return ""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    href = posixpath.relpath(ARCHIVE_NAME, here.rstrip("/") or ".")
    return templating.render("index/offline_download.md.j2", href=href, size=human_size(download["size"]),
                             built=download["built"])


def describe_archive(archive: Path, target: Path, built: date | None = None) -> dict:
    """Write the data file the pages read: the archive's size and today's date."""
    data = {"size": archive.stat().st_size, "built": (built or date.today()).isoformat()}
    target.write_text("# Written by the publishing workflow before the build; not kept in git.\n"
                      + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return data


def fill_placeholders(markdown: str, values: dict[str, int | str], page: str) -> str:
    """Replace ``{{ kb.name }}`` markers; an unknown name is an error naming the page."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in values:
            line = markdown.count("\n", 0, match.start()) + 1
            raise ValueError(
                f"{page}:{line}: unknown figure 'kb.{name}' — use one of "
                + ", ".join(f"kb.{key}" for key in sorted(values))
            )
        value = values[name]
        return f"{value:,}" if isinstance(value, int) else value

    return PLACEHOLDER_RE.sub(replace, markdown)
