"""Every link and image of a page uses http(s) or a relative path: no other URL scheme; and
an address names a public host by name, with no user name or password in it."""

from __future__ import annotations

import html
import ipaddress
import re
from urllib.parse import urlsplit

from hooks.parse.markdown import ATTR_LIST_RE, ATTR_RE, URL_ATTRIBUTES, Source

from .findings import Finding

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


NUMERIC_HOST_RE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*$", re.I)  # 2130706433, 0x7f.1
HOST_FIX = ("link to the resource's public address by its host name (https://example.org/…), "
            "with no user name or password")


def host_problem(url: str) -> tuple[str, str] | None:
    """(reason, fix) if an http(s) URL holds credentials or names its host by an IP address,
    a loopback or a link-local name."""
    if scheme_of(url) not in ALLOWED_SCHEMES:
        return None
    try:
        parts = urlsplit(IGNORED_IN_SCHEME.sub("", html.unescape(url)))
        host = (parts.hostname or "").rstrip(".")
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError:
        return (f"the address cannot be read ({short(url)})", HOST_FIX)
    if has_credentials:
        return (f"the address holds a user name or password ({short(url)})", HOST_FIX)
    if host == "localhost" or host.endswith(".localhost"):
        return (f"the address names this computer (loopback) ({short(url)})", HOST_FIX)
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        if NUMERIC_HOST_RE.match(host):
            return (f"the address names its host by a number ({short(url)})", HOST_FIX)
        return None
    kind = ("loopback" if address.is_loopback else "link-local" if address.is_link_local
            else "private" if address.is_private else "raw IP")
    return (f"the address names its host by a {kind} IP address ({short(url)})", HOST_FIX)


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
        found = host_problem(url)
        if found:
            problems.append(Finding(source.path, source.line(offset), *found, "url-host"))
    return problems
