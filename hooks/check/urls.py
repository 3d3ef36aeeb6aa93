"""Every link and image of a page uses http(s) or a relative path: no other URL scheme."""

from __future__ import annotations

import html
import re

from .findings import Finding
from hooks.parse.markdown import ATTR_LIST_RE, ATTR_RE, URL_ATTRIBUTES, Source

ALLOWED_SCHEMES = frozenset({"http", "https"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(url: str) -> str | None:
    """The scheme as a browser reads it (entities decoded, whitespace and controls dropped)."""
    cleaned = IGNORED_IN_SCHEME.sub("", html.unescape(url)).lower()
    m = SCHEME_RE.match(cleaned)
    return m.group(1) if m else None


def short(url: str, limit: int = 60) -> str:
    return url if len(url) <= limit else url[:limit - 1] + "…"


def scheme_problem(url: str) -> tuple[str, str] | None:
    """(reason, fix) if the URL's scheme is not allowed."""
    scheme = scheme_of(url)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    danger = "; it can run script in the reader's browser" if scheme in SCRIPT_SCHEMES else ""
    return (f"URL scheme '{scheme}:' is not allowed ({short(url)}){danger}",
            "link only to http:// or https:// addresses, or to a page of this site by its relative "
            "path (e.g. ../training/peft.md)")


def check_url_schemes(source: Source) -> list[Finding]:
    """Inline links, images, reference definitions, HTML attributes and attribute lists."""
    problems = []
    targets = [(link.dest, link.offset) for link in source.links]
    for m in ATTR_LIST_RE.finditer(source.masked):
        for a in ATTR_RE.finditer(m["attrs"]):
            value = a["value"]
            if a["name"].lower() in URL_ATTRIBUTES and value:
                targets.append((value.strip("\"'"), m.start()))
    for url, offset in targets:
        found = scheme_problem(url)
        if found:
            problems.append(Finding(source.path, source.line(offset), *found, "url-scheme"))
    return problems
