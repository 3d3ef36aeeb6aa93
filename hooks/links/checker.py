"""Check external URLs over HTTP, politely: ``LinkChecker(config).check(urls)``.

One ``httpx.AsyncClient``; at most ``concurrency`` requests at once overall and ``per_host``
per host, requests to one host sent at least ``pace`` seconds apart (longer when the host
sends Retry-After); each URL is asked with HEAD, and with GET when HEAD's answer is not a
success or a redirect (the body is never read); redirects are followed by hand, each hop
through the same limits, up to ``max_redirects``, loops detected; temporary failures
(408/429/5xx, timeouts, resets) are retried with exponential backoff. Every request (connect,
headers, body) ends by its ``deadline``. A network problem never raises: it becomes the URL's
status (see ``policy``), and a failure without any HTTP answer is flagged ``unanswered`` for
``evidence`` to weigh against the rest of the run.

The run starts with a probe: one URL on each of the ``probe_hosts`` most linked hosts. If none of
them gives any HTTP answer, the machine has no usable network: ``NoNetworkError``, before the
other URLs are tried (unless ``force``). With ``loopback_only`` the checker refuses any address
but the loopback one (and names under ``.invalid``, which never resolve), before sending anything.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from hooks.links.policy import (
    REDIRECTS,
    Status,
    backoff_delay,
    head_is_conclusive,
    is_host_not_found,
    is_resolver_failure,
    moved_to,
    retry_after_seconds,
    should_retry_code,
    should_retry_exception,
    status_for_code,
    status_for_exception,
)
from hooks.links.status_file import LinkRecord

USER_AGENT = "Mozilla/5.0 (compatible; llm-kb-linkcheck/1.0; +https://github.com/llm-kb/llm-kb)"


@dataclass(frozen=True)
class CheckerConfig:
    """Limits and timings of one run (seconds)."""

    concurrency: int = 8
    per_host: int = 2
    pace: float = 1.0
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 2.0
    backoff_cap: float = 30.0
    max_retry_after: float = 120.0
    max_redirects: int = 10
    deadline: float = 30.0
    probe_hosts: int = 3
    force: bool = False
    user_agent: str = USER_AGENT
    loopback_only: bool = False

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
        if min(self.pace, self.timeout, self.backoff, self.backoff_cap, self.max_retry_after) < 0:
            raise ValueError("times must not be negative")
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("retries and max_redirects must not be negative")
        if self.deadline <= 0:
            raise ValueError("deadline must be more than 0 seconds")
        if self.probe_hosts < 1:
            raise ValueError("probe_hosts must be at least 1")


@dataclass(frozen=True)
class CheckResult:
    """What checking one URL found."""

    url: str
    status: Status
    code: int | None = None
    final_url: str | None = None
    moved_to: str | None = None
    error: str | None = None
    hops: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    unanswered: bool = False

    @property
    def failed_url(self) -> str:
        """The address asked last: where an unanswered request went."""
        return self.final_url or self.url

    def record(self, today: str) -> LinkRecord | None:
        """The data-file record, or None when the URL could not be checked this run."""
        if self.status is Status.UNCHECKED:
            return None
        return LinkRecord(status=self.status.value, checked=today, since=today, code=self.code,
                          final_url=self.final_url, moved_to=self.moved_to, error=self.error)


class OutsideLoopbackError(ValueError):
    """A loopback-only checker was asked for an address that is not 127.0.0.0/8 or ::1."""


class NoNetworkError(RuntimeError):
    """No probed host gave any HTTP answer: this machine cannot reach the network."""

    def __init__(self, results: list[CheckResult]) -> None:
        self.results = results
        hosts = ", ".join(sorted({host_key(result.failed_url) for result in results}))
        reasons = sorted({result.error or "no answer" for result in results})
        super().__init__(f"no HTTP answer from any of {hosts} ({'; '.join(reasons[:3])})")


def is_loopback_url(url: str) -> bool:
    """True for an http(s) URL whose host is a literal loopback IP address (names don't count)."""
    try:
        parsed = httpx.URL(url)
        return parsed.scheme in ("http", "https") and ipaddress.ip_address(parsed.host).is_loopback
    except (ValueError, httpx.InvalidURL):
        return False


def is_unresolvable_url(url: str) -> bool:
    """True for an http(s) URL on a name under ``.invalid`` (RFC 6761: it never resolves)."""
    try:
        parsed = httpx.URL(url)
        return parsed.scheme in ("http", "https") and parsed.host.lower().rstrip(".").endswith(".invalid")
    except (ValueError, httpx.InvalidURL):
        return False


def stays_on_loopback(url: str) -> bool:
    """A URL a loopback-only checker may try: nothing it sends can leave the machine."""
    return is_loopback_url(url) or is_unresolvable_url(url)


def host_key(url: str) -> str:
    """The host that limits and pacing apply to ("" for a URL that cannot be parsed)."""
    try:
        return httpx.URL(url).host.lower()
    except (ValueError, httpx.InvalidURL):
        return ""


def is_transport_failure(exc: BaseException) -> bool:
    """A request that failed on the way (resolver, connection, timeout), not on a bad URL."""
    return isinstance(exc, (httpx.TransportError, OSError, TimeoutError))


def probe_urls(urls: list[str], hosts: int) -> list[str]:
    """One URL (the first) on each of the ``hosts`` hosts with the most URLs: the likeliest to answer."""
    first: dict[str, str] = {}
    for url in urls:
        first.setdefault(host_key(url), url)
    counts = Counter(host_key(url) for url in urls)
    ranked = sorted(first, key=lambda host: (-counts[host], host))
    return [first[host] for host in ranked[:hosts]]


class HostGate:
    """Per-host limit and pacing: at most ``limit`` requests in flight, starts ``pace`` apart."""

    def __init__(self, limit: int, pace: float) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._lock = asyncio.Lock()
        self._next_start = 0.0
        self.pace = pace

    def defer(self, seconds: float) -> None:
        """Start nothing on this host for ``seconds`` from now (Retry-After)."""
        now = asyncio.get_running_loop().time()
        self._next_start = max(self._next_start, now + seconds)

    @asynccontextmanager
    async def slot(self, shared: asyncio.Semaphore) -> AsyncIterator[Callable[[], None]]:
        """Hold a host slot and a ``shared`` (overall) slot, no earlier than the pace allows.

        Yields ``sent``, to call when the request is on the wire: the pace counts from then, and
        the next request to the host may go through (it is called at the end if not before).
        """
        loop = asyncio.get_running_loop()
        async with self._slots:
            await self._lock.acquire()
            locked = True

            def sent() -> None:
                nonlocal locked
                if locked:
                    locked = False
                    self._next_start = max(self._next_start, loop.time() + self.pace)
                    self._lock.release()

            try:
                while True:
                    wait = self._next_start - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    await shared.acquire()
                    if self._next_start <= loop.time():
                        break
                    shared.release()
            except BaseException:
                self._lock.release()
                raise
            try:
                yield sent
            finally:
                sent()
                shared.release()


class _LoopbackGuard(httpx.AsyncBaseTransport):
    """Transport wrapper that refuses, before connecting, any request off the loopback address."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not stays_on_loopback(str(request.url)):
            raise OutsideLoopbackError(f"refused: {request.url} is not a loopback address")
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


@dataclass
class _Answer:
    code: int
    location: str | None


class LinkChecker:
    """Checks many URLs concurrently within the limits of a ``CheckerConfig``."""

    def __init__(self, config: CheckerConfig | None = None, *,
                 on_result: Callable[[CheckResult], None] | None = None,
                 event_hooks: dict[str, list[Callable]] | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config or CheckerConfig()
        self._on_result = on_result
        self._event_hooks = event_hooks or {}
        self._transport = transport
        self._gates: dict[str, HostGate] = {}
        self._shared: asyncio.Semaphore | None = None
        self._not_found: dict[str, str] = {}  # host → the resolver's answer, asked once per run

    def _client(self) -> httpx.AsyncClient:
        transport = self._transport or httpx.AsyncHTTPTransport(retries=0)
        if self.config.loopback_only:
            transport = _LoopbackGuard(transport)
        return httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(self.config.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.config.user_agent,
                     "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                     "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
            event_hooks=self._event_hooks,
            trust_env=not self.config.loopback_only,
        )

    async def check(self, urls: Iterable[str]) -> dict[str, CheckResult]:
        """Check each distinct URL once; results by URL.

        Raises OutsideLoopbackError, and NoNetworkError when the probe got no HTTP answer at all."""
        unique = sorted(set(urls))
        if self.config.loopback_only:
            outside = [url for url in unique if not stays_on_loopback(url)]
            if outside:
                raise OutsideLoopbackError(
                    f"loopback-only checker refuses {len(outside)} URL(s) not on 127.0.0.1 or ::1, "
                    f"e.g. {outside[0]}")
        self._shared = asyncio.Semaphore(self.config.concurrency)
        self._gates = {}
        self._not_found = {}
        probe = probe_urls(unique, self.config.probe_hosts)
        async with self._client() as client:
            first = await asyncio.gather(*(self._check_reported(client, url) for url in probe))
            if first and not self.config.force and all(result.unanswered and not result.hops for result in first):
                raise NoNetworkError(first)
            probed = set(probe)
            rest = [url for url in unique if url not in probed]
            results = first + await asyncio.gather(*(self._check_reported(client, url) for url in rest))
        return {result.url: result for result in results}

    def check_sync(self, urls: Iterable[str]) -> dict[str, CheckResult]:
        """``check`` for synchronous callers: in a thread of its own when this thread already
        runs an event loop (asyncio.run cannot nest)."""
        urls = list(urls)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.check(urls))
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, self.check(urls)).result()

    async def _check_reported(self, client: httpx.AsyncClient, url: str) -> CheckResult:
        try:
            result = await self.check_url(client, url)
        except OutsideLoopbackError as exc:
            result = CheckResult(url, Status.ERROR, error=str(exc))
        except Exception as exc:  # noqa: BLE001 — a checker bug must not lose the other results
            result = CheckResult(url, Status.ERROR, error=f"checker failed: {type(exc).__name__}: {exc}")
        if self._on_result is not None:
            self._on_result(result)
        return result

    async def check_url(self, client: httpx.AsyncClient, url: str) -> CheckResult:
        """Follow ``url`` to its final answer and classify it."""
        hops: list[tuple[str, int]] = []
        seen: set[str] = set()
        current = url
        while True:
            if self.config.loopback_only and not stays_on_loopback(current):
                return CheckResult(url, Status.ERROR, final_url=current, hops=tuple(hops),
                                   error=f"refused: redirect to {current} leaves the loopback address")
            key = str(httpx.URL(current).copy_with(fragment=None))
            if key in seen:
                return CheckResult(url, Status.ERROR, code=hops[-1][1], final_url=current,
                                   hops=tuple(hops), error="redirect loop")
            seen.add(key)
            if (known := self._not_found.get(host_key(current))) is not None:
                return CheckResult(url, Status.ERROR, final_url=current if current != url else None,
                                   hops=tuple(hops), error=known, unanswered=True)
            try:
                answer = await self._ask(client, current)
            except OutsideLoopbackError:
                raise
            except Exception as exc:  # noqa: BLE001 — every transport failure is a status
                status, text = status_for_exception(exc)
                if is_host_not_found(exc):
                    self._not_found.setdefault(host_key(current), text)
                return CheckResult(url, status, final_url=current if current != url else None,
                                   hops=tuple(hops), error=text, unanswered=is_transport_failure(exc))
            hops.append((current, answer.code))
            if answer.code in REDIRECTS and answer.location:
                if len(hops) > self.config.max_redirects:
                    return CheckResult(url, Status.ERROR, code=answer.code, final_url=current,
                                       hops=tuple(hops), error="too many redirects")
                current = urljoin(current, answer.location)
                continue
            status = status_for_code(answer.code)
            target = moved_to(url, hops) if status is Status.OK else None
            return CheckResult(
                url, Status.REDIRECTED if target else status, code=answer.code,
                final_url=current if current != url else None, moved_to=target, hops=tuple(hops),
                error=None if status is Status.OK else f"HTTP {answer.code}")

    async def _ask(self, client: httpx.AsyncClient, url: str) -> _Answer:
        """HEAD once; GET (with retries) when HEAD's answer or failure is not conclusive."""
        try:
            answer = await self._request(client, "HEAD", url, retries=0)
            if head_is_conclusive(answer.code):
                return answer
        except (OutsideLoopbackError, TimeoutError):  # a server that overran the deadline once
            raise                                     # is not asked for more
        except Exception as exc:  # noqa: BLE001 — some servers mishandle HEAD; GET decides
            if is_resolver_failure(exc):  # ... but no server was reached
                raise
        return await self._request(client, "GET", url, retries=self.config.retries)

    def _gate(self, url: str) -> HostGate:
        host = host_key(url)
        if host not in self._gates:
            self._gates[host] = HostGate(self.config.per_host, self.config.pace)
        return self._gates[host]

    async def _request(self, client: httpx.AsyncClient, method: str, url: str, retries: int) -> _Answer:
        """One method on one URL, retried on temporary failures; raises the last transport error."""
        assert self._shared is not None
        gate = self._gate(url)
        attempt = 0
        while True:
            try:
                async with gate.slot(self._shared) as sent:
                    async def trace(event: str, info: dict) -> None:
                        if event.endswith("send_request_headers.started"):
                            sent()

                    try:
                        async with asyncio.timeout(self.config.deadline):
                            async with client.stream(method, url, extensions={"trace": trace}) as response:
                                answer = _Answer(response.status_code, response.headers.get("location"))
                                retry_after = retry_after_seconds(response.headers.get("retry-after"))
                    except TimeoutError as exc:
                        raise TimeoutError(f"{self.config.deadline:g} s") from exc
            except Exception as exc:
                if attempt < retries and should_retry_exception(exc):
                    await asyncio.sleep(backoff_delay(attempt, self.config.backoff, self.config.backoff_cap))
                    attempt += 1
                    continue
                raise
            if retry_after is not None and should_retry_code(answer.code):
                if retry_after > self.config.max_retry_after:
                    return answer
                gate.defer(retry_after)
            if attempt < retries and should_retry_code(answer.code):
                if retry_after is None:
                    await asyncio.sleep(backoff_delay(attempt, self.config.backoff, self.config.backoff_cap))
                attempt += 1
                continue
            return answer
