"""A link to a page of the site names that page by its title: one name per thing.

``[训练实战](../training/practice.md)`` must say the title the page shows (front matter
``title``, else its first heading), so that the reader finds, on arrival, the page the link
promised. Link text may wrap the title in 《》 or “”, and may use emphasis. A link to a place on
a page (``#anchor``) names that place, not the page, and is not judged. Deliberate other wording
goes in ``hooks/data/link_text_exceptions.yml`` with its reason.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hooks.parse.data_files import load
from hooks.parse.markdown import Source

from .findings import Finding

MARKUP_RE = re.compile(r"[*_`]")
QUOTES = "《》“”\"'「」"


def load_exceptions(path: Path) -> dict[tuple[str, str], str]:
    """(page, link text) → reason; an absent file is no exception."""
    if not path.is_file():
        return {}
    data = load(path, "link_text_exceptions").value or {}
    return {(item["page"], item["text"]): item["reason"] for item in data.get("exceptions") or []}


def link_text(raw: str) -> str:
    return MARKUP_RE.sub("", raw).strip().strip(QUOTES).strip()


def check_link_titles(source: Source, titles: Mapping[str, str],
                      exceptions: Mapping[tuple[str, str], str] | None = None) -> list[Finding]:
    """Inline links of one page to another page (no #anchor) whose text is not its title."""
    exceptions = exceptions or {}
    problems = []
    for link in source.links:
        if link.kind != "inline" or link.label is None or not link.dest:
            continue
        parts = urlsplit(link.dest)
        if parts.scheme or parts.netloc or parts.fragment or not parts.path.endswith(".md"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source.page), unquote(parts.path)))
        title = titles.get(target)
        if title is None:
            continue
        text = link_text(source.text[link.label[0]:link.label[1]])
        if text == title.strip() or (source.page, text) in exceptions:
            continue
        problems.append(Finding(
            source.path, source.line(link.offset),
            f"link text '{text}' names {target}, whose title is '{title}'",
            f"write [{title}]({link.dest}), rename the page, or list the wording with its reason in "
            "hooks/data/link_text_exceptions.yml", "link-title"))
    return problems
