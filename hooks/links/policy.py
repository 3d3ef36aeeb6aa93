"""How answers become a link status. Conservative: only a clearly gone link is ``dead``.

- ``ok``: the final answer is 2xx (temporary redirects on the way are fine);
- ``redirected``: 2xx reached through permanent redirects (301/308) first: the link moved;
- ``dead``: 404 or 410 (after a GET); or a failure without any HTTP answer, on a host that
  answered other requests of the run, that the previous run found too (``evidence``);
- ``blocked``: the site refuses the checker (401, 403, 429 after retries, 451, 999);
- ``error``: anything temporary or unknown: 5xx after retries, timeouts, resets, TLS problems,
  redirect loops, other codes. Not dead: the page may well be there for a reader.

A failure without an HTTP answer (host not found, connection refused or reset, timeout) says
nothing about the site unless its host answered something else in the same run: ``evidence``
turns it into ``unchecked`` otherwise, which is never written (the previous record stays).

``move_concern`` says why a permanent move must not be applied without a person reading it.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache

import httpx
from publicsuffixlist import PublicSuffixList


class Status(StrEnum):
    """Recorded status of one URL."""

    OK = "ok"
    REDIRECTED = "redirected"
    DEAD = "dead"
    BLOCKED = "blocked"
    ERROR = "error"
    UNCHECKED = "unchecked"


PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GONE = frozenset({404, 410})
BLOCKED_CODES = frozenset({401, 403, 429, 451, 999})
RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504})


def status_for_code(code: int) -> Status:
    """Status of a final (non-redirect) HTTP answer."""
    if 200 <= code < 300:
        return Status.OK
    if code in GONE:
        return Status.DEAD
    if code in BLOCKED_CODES:
        return Status.BLOCKED
    return Status.ERROR


def should_retry_code(code: int) -> bool:
    """A temporary answer worth asking again after a pause."""
    return code in RETRY_CODES


def head_is_conclusive(code: int) -> bool:
    """A HEAD answer that can stand; anything else is asked again with GET (servers get HEAD wrong)."""
    return 200 <= code < 400


def moved_to(url: str, hops: list[tuple[str, int]]) -> str | None:
    """Where the leading run of permanent redirects leads, or None if the first hop is not one.

    ``hops`` lists (URL asked, code answered) up to the final answer; the URL after the last
    leading 301/308 is the link's new address (later temporary hops are not followed there).
    """
    target: str | None = None
    for index, (_, code) in enumerate(hops):
        if code not in PERMANENT_REDIRECTS or index + 1 >= len(hops):
            break
        target = hops[index + 1][0]
    return target if target != url else None


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta-seconds or HTTP date), or None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Pause before retry number ``attempt`` (0-based): base·2^attempt, at most ``cap``."""
    return min(cap, base * (2 ** attempt))


def _gaierror(exc: BaseException) -> socket.gaierror | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, socket.gaierror):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


NO_SUCH_HOST = frozenset(
    code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
    if code is not None
)


TIMEOUT = "timeout"


def status_for_exception(exc: BaseException) -> tuple[Status, str]:
    """Status and short text for a request that got no HTTP answer (after its retries).

    ``error`` at most: without an answer nothing proves the link gone (see ``evidence``)."""
    text = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    gai = _gaierror(exc)
    if gai is not None:
        if gai.errno in NO_SUCH_HOST:
            return Status.ERROR, f"host not found ({gai.strerror or gai})"
        return Status.UNCHECKED, f"name resolution failed ({gai.strerror or gai})"
    if isinstance(exc, httpx.ProxyError):
        return Status.UNCHECKED, text
    if isinstance(exc, httpx.TimeoutException):
        return Status.ERROR, f"{TIMEOUT} ({type(exc).__name__})"
    if isinstance(exc, TimeoutError):  # the request's overall deadline (asyncio.timeout)
        return Status.ERROR, f"{TIMEOUT} (deadline {exc.args[0]})" if exc.args else f"{TIMEOUT} (deadline)"
    return Status.ERROR, text


def is_timeout(error: str | None) -> bool:
    """True for the text of a timed-out request: slowness, never a sign that a page is gone."""
    return bool(error and error.startswith(TIMEOUT))


def is_resolver_failure(exc: BaseException) -> bool:
    """The name did not resolve (for good or for now): asking the same name with GET won't help."""
    return _gaierror(exc) is not None


def is_host_not_found(exc: BaseException) -> bool:
    """The resolver says the name does not exist: every URL on that host fails the same way."""
    gai = _gaierror(exc)
    return gai is not None and gai.errno in NO_SUCH_HOST


def should_retry_exception(exc: BaseException) -> bool:
    """Transport failures worth another try (timeouts, resets, refused/failed connections)."""
    gai = _gaierror(exc)
    if gai is not None and gai.errno in NO_SUCH_HOST:
        return False
    return isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError,
                            ConnectionError))


def is_plausible_move(url: str, target: str) -> bool:
    """False for a "move" to the bare home page of a site from a deeper path: a dead page in disguise."""
    old, new = httpx.URL(url), httpx.URL(target)
    return not (new.path in ("", "/") and not new.query and old.path not in ("", "/"))


@cache
def _suffix_list() -> PublicSuffixList:
    """The Public Suffix List shipped with ``publicsuffixlist`` (offline; loaded once)."""
    return PublicSuffixList()


def registrable_domain(host: str) -> str:
    """The domain a registrant controls (``docs.github.com`` → ``github.com``; an IP stays itself)."""
    host = host.lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    return _suffix_list().privatesuffix(host) or host


def move_concern(url: str, target: str) -> str | None:
    """Why the permanent move ``url`` → ``target`` needs a person's review, or None if it is safe:
    it leaves the registrable domain, drops https for http, carries credentials, or leads a deep
    page to a bare home page (a dead page in disguise)."""
    try:
        old, new = httpx.URL(url), httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        return "the new address cannot be parsed"
    if new.userinfo:
        return "the new address carries credentials (user:password@)"
    if new.scheme not in ("http", "https"):
        return f"the new address is not http(s) ({new.scheme or 'no scheme'})"
    if old.scheme == "https" and new.scheme == "http":
        return "the move drops https for plain http"
    if registrable_domain(old.host) != registrable_domain(new.host):
        return f"the move leaves {registrable_domain(old.host)} for {registrable_domain(new.host)}"
    if not is_plausible_move(url, target):
        return "a deep page redirected to a bare home page: more likely gone than moved"
    return None
