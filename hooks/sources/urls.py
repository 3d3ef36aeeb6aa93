"""One spelling per address, so that a source's links and the site's can be compared."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_",)
TRACKING_KEYS = frozenset({"spm", "from", "share_token", "sharer_sharetime", "sharer_shareid"})


def normalize_url(url: str) -> str:
    """The comparable form of a URL: https, lower-case host without ``www.``, no fragment, no
    trailing slash, no tracking parameters (``utm_*``, ``spm`` …)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in TRACKING_KEYS and not k.startswith(TRACKING_PREFIXES)]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(query), ""))
