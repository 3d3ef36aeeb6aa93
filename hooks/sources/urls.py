"""One spelling per address (and per link-less name), so that a source's entries and the
site's can be compared."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit, urlunsplit

NAME_PREFIX = "name:"

TRACKING_PREFIXES = ("utm_",)
TRACKING_KEYS = frozenset({"spm", "from", "share_token", "sharer_sharetime", "sharer_shareid"})


def normalize_url(url: str) -> str:
    """The comparable form of a URL: https, lower-case host without ``www.``, no fragment, no
    trailing slash, no tracking parameters (``utm_*``, ``spm`` …); the other parameters as written."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    kept = [pair for pair in parts.query.split("&") if pair and not _tracking(pair.split("=", 1)[0])]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, "&".join(kept), ""))


def _tracking(key: str) -> bool:
    return key in TRACKING_KEYS or key.startswith(TRACKING_PREFIXES)


def name_key(title: str) -> str:
    """The comparable form of a link-less entry's name: ``name:`` and the title without case,
    width or spacing differences (``name:模型剪枝(pruning)``)."""
    return NAME_PREFIX + "".join(unicodedata.normalize("NFKC", title).casefold().split())


def listed_key(url: str | None, title: str) -> str:
    """How a source's record knows an entry: its normalised URL, or its name when it has no link."""
    return normalize_url(url) if url else name_key(title)
