"""The checker against the local fault server only: statuses, retries, pacing, limits, loopback."""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import socket
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest

from hooks.links.checker import (
    CheckerConfig,
    LinkChecker,
    NoNetworkError,
    OutsideLoopbackError,
    is_loopback_url,
    probe_urls,
    stays_on_loopback,
)
from hooks.links.policy import Status

from .conftest import FaultServer
from .fault_server import RETRY_AFTER, SLOW_SECONDS, TRICKLE_LINES

FAST = CheckerConfig(timeout=0.6, retries=1, backoff=0.05, backoff_cap=0.1, pace=0.0, per_host=4, loopback_only=True)


class HostRecorder:
    """httpx request hook: the host and method of every request the client sends."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def __call__(self, request: httpx.Request) -> None:
        self.sent.append((request.method, request.url.host))


def run(urls: list[str], recorder: HostRecorder | None = None, **config: Any):
    hooks: dict[str, list[Callable[..., Any]]] | None = {"request": [recorder]} if recorder else None
    checker = LinkChecker(replace(FAST, **config), event_hooks=hooks)
    return checker.check_sync(urls)


EXPECTED = {
    "/ok": Status.OK,
    "/chain/start": Status.REDIRECTED,
    "/loop/a": Status.ERROR,
    "/gone404": Status.DEAD,
    "/gone410": Status.DEAD,
    "/rate": Status.OK,
    "/broken500": Status.ERROR,
    "/flaky503": Status.OK,
    "/slow": Status.ERROR,
    "/reset": Status.ERROR,
    "/nohead": Status.OK,
    "/forbidden": Status.BLOCKED,
    "/always429": Status.BLOCKED,
    "/outside": Status.ERROR,
}


@pytest.fixture(scope="module")
def checked(module_fault_server: FaultServer):
    """One run over every fault, shared by the tests that inspect it."""
    server, recorder = module_fault_server, HostRecorder()
    results = run([server.url(path) for path in EXPECTED], recorder)
    return server, recorder, {path: results[server.url(path)] for path in EXPECTED}


def test_every_fault_gets_its_status(checked) -> None:
    _, _, results = checked
    assert {path: result.status for path, result in results.items()} == EXPECTED


def test_details_of_the_recorded_results(checked) -> None:
    server, _, results = checked
    chain = results["/chain/start"]
    assert chain.code == 200
    assert chain.final_url == server.url("/chain/end")
    assert chain.moved_to == server.url("/chain/mid")  # the 302 after it is temporary
    assert [code for _, code in chain.hops] == [301, 302, 200]
    assert results["/loop/a"].error == "redirect loop"
    assert results["/gone404"].code == 404 and results["/gone410"].code == 410
    assert results["/broken500"].code == 500
    assert results["/slow"].error.startswith("timeout")
    assert results["/slow"].code is None and results["/reset"].code is None
    assert results["/ok"].final_url is None and results["/ok"].moved_to is None
    assert "leaves the loopback address" in results["/outside"].error


def test_retries_and_head_fallback(checked) -> None:
    server, _, _ = checked
    methods = lambda path: [hit.method for hit in server.hits_for(path)]  # noqa: E731
    assert methods("/broken500") == ["HEAD", "GET", "GET"]  # HEAD once, GET + 1 retry
    assert methods("/flaky503") == ["HEAD", "GET", "GET"]  # the retry got the 200
    assert methods("/nohead") == ["HEAD", "GET"]
    assert methods("/gone404") == ["HEAD", "GET"]  # a 404 on HEAD is confirmed with GET
    assert methods("/ok") == ["HEAD"]
    assert methods("/always429") == ["HEAD", "GET", "GET"]


def test_retry_after_is_waited_for(checked) -> None:
    server, _, _ = checked
    first, second = server.hits_for("/rate")
    assert (first.method, second.method) == ("HEAD", "GET")
    assert second.start - first.start >= RETRY_AFTER


def test_slow_response_is_cut_at_the_timeout(checked) -> None:
    server, _, _ = checked
    assert server.hits_for("/slow")  # it was asked, and the run did not wait for the answer
    # HEAD, GET and one retry at most 0.3 s each: far less than one slow answer per request
    assert len(server.hits_for("/slow")) <= 3


def test_no_request_leaves_the_loopback_address(checked) -> None:
    server, recorder, _ = checked
    assert recorder.sent, "the hook saw the requests"
    assert {host for _, host in recorder.sent} == {"127.0.0.1"}
    assert {hit.client for hit in server.hits} == {"127.0.0.1"}
    assert len(recorder.sent) >= len(server.hits)


@pytest.mark.parametrize("url", ["https://example.com/", "http://localhost:1/", "http://10.0.0.1/",
                                 "ftp://127.0.0.1/"])
def test_loopback_only_checker_refuses_anything_else(url: str) -> None:
    recorder = HostRecorder()
    with pytest.raises(OutsideLoopbackError, match="loopback-only checker refuses"):
        run([url], recorder)
    assert recorder.sent == []


def test_loopback_addresses() -> None:
    assert is_loopback_url("http://127.0.0.1:8000/a")
    assert is_loopback_url("http://[::1]:8000/a")
    assert not is_loopback_url("http://localhost/a")
    assert not is_loopback_url("http://127.0.0.1.example.com/a")


def test_requests_to_one_host_are_paced(fault_server: FaultServer) -> None:
    pace, count = 0.25, 5
    urls = [fault_server.url(f"/ok?i={i}") for i in range(count)]
    results = run(urls, pace=pace, per_host=3)
    assert {result.status for result in results.values()} == {Status.OK}
    starts = sorted(hit.start for hit in fault_server.hits)  # arrivals, measured by the server
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == count
    assert starts[-1] - starts[0] >= pace * (count - 1) * 0.95, gaps
    # each gap is the client's pace give or take the loopback latency of two requests
    assert min(gaps) >= pace * 0.8, gaps


def test_concurrency_per_host_is_bounded(fault_server: FaultServer) -> None:
    urls = [fault_server.url(f"/delay?ms=250&i={i}") for i in range(8)]
    results = run(urls, per_host=2, concurrency=8, timeout=2.0)
    assert {result.status for result in results.values()} == {Status.OK}
    assert fault_server.max_in_flight == 2  # bounded, and really concurrent


def test_concurrency_overall_is_bounded(fault_server: FaultServer) -> None:
    urls = [fault_server.url(f"/delay?ms=100&i={i}") for i in range(4)]
    run(urls, per_host=4, concurrency=1, timeout=2.0)
    assert fault_server.max_in_flight == 1


def test_redirects_are_followed_up_to_the_limit(fault_server: FaultServer) -> None:
    results = run([fault_server.url("/hop/3"), fault_server.url("/hop/4")], max_redirects=3)
    three, four = results[fault_server.url("/hop/3")], results[fault_server.url("/hop/4")]
    assert (three.status, three.moved_to) == (Status.REDIRECTED, fault_server.url("/hop/0"))
    assert (four.status, four.error) == (Status.ERROR, "too many redirects")


def test_invalid_urls_become_errors_not_crashes(fault_server: FaultServer) -> None:
    bad = "http://127.0.0.1:99999/x"
    results = run([bad, fault_server.url("/ok")])
    assert results[bad].status is Status.ERROR and not results[bad].unanswered  # the URL's fault
    assert results[fault_server.url("/ok")].status is Status.OK


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def no_network_urls(port: int) -> list[str]:
    """Two URLs on each of three hosts that never answer: two names under .invalid (never
    resolved) and a refused port on 127.0.0.2 (loopback, nothing listens there)."""
    return [f"http://{host}/{page}" for host in ("gone.invalid", "also-gone.invalid", f"127.0.0.2:{port}")
            for page in ("a", "b")]


def test_no_network_stops_after_the_probe(fault_server: FaultServer) -> None:
    seen: list = []
    checker = LinkChecker(FAST, on_result=seen.append)
    urls = no_network_urls(_closed_port()) + [fault_server.url("/ok")]
    with pytest.raises(NoNetworkError, match="no HTTP answer from any of 127.0.0.2, also-gone.invalid, gone.invalid"):
        checker.check_sync(urls)
    assert len(seen) == 3 and all(result.unanswered for result in seen)  # one URL per probed host
    assert fault_server.hits == []  # the rest was never tried


def test_no_network_with_force_checks_everything(fault_server: FaultServer) -> None:
    urls = no_network_urls(_closed_port()) + [fault_server.url("/ok")]
    results = run(urls, force=True)
    assert results[fault_server.url("/ok")].status is Status.OK
    failed = [result for url, result in results.items() if url != fault_server.url("/ok")]
    assert len(failed) == 6 and all(result.unanswered and result.code is None for result in failed)
    assert {result.error.split(" (")[0] for result in failed if ".invalid" in result.url} <= {
        "host not found", "name resolution failed"}


def test_a_host_not_found_is_asked_once_per_run() -> None:
    recorder = HostRecorder()
    urls = [f"http://gone.invalid/{n}" for n in range(5)]
    results = run(urls, recorder, force=True, per_host=1)
    assert all(result.unanswered and result.error.startswith("host not found") for result in results.values())
    assert recorder.sent == [("HEAD", "gone.invalid")]  # no GET: no server was reached


def test_the_probe_asks_the_most_linked_hosts_first() -> None:
    urls = ["https://a.test/1", "https://b.test/1", "https://b.test/2", "https://c.test/1",
            "https://c.test/2", "https://c.test/3", "https://d.test/1"]
    assert probe_urls(urls, 2) == ["https://c.test/1", "https://b.test/1"]
    assert probe_urls(urls[:1], 3) == ["https://a.test/1"]


def test_a_request_ends_at_its_deadline(fault_server: FaultServer) -> None:
    """Each header line comes well within the read timeout; the deadline still ends the request."""
    [result] = run([fault_server.url("/trickle")], timeout=2.0, deadline=1.0, force=True).values()
    assert result.status is Status.ERROR and result.unanswered
    assert result.error == "timeout (deadline 1 s)"
    assert [hit.method for hit in fault_server.hits] == ["HEAD"]  # not asked again with GET
    for _ in range(100):  # the server notices the hang-up at its next write
        if fault_server.trickled:
            break
        time.sleep(0.05)
    [sent] = fault_server.trickled
    assert sent < TRICKLE_LINES  # the client hung up before the answer was complete


def test_unresolvable_names_stay_on_loopback() -> None:
    assert stays_on_loopback("http://gone.invalid/a") and stays_on_loopback("https://127.0.0.2:9/")
    assert not stays_on_loopback("http://invalid.example.com/") and not stays_on_loopback("ftp://x.invalid/")


def test_a_lone_refused_redirect_is_not_taken_for_a_network_problem(fault_server: FaultServer) -> None:
    [result] = run([fault_server.url("/outside")]).values()
    assert result.status is Status.ERROR
    assert result.record("2026-01-01") is not None


def test_test_server_timings_stay_short() -> None:
    assert FAST.timeout * 3 < SLOW_SECONDS


def test_check_sync_works_inside_a_running_event_loop(fault_server: FaultServer) -> None:
    """A caller whose thread runs an event loop (a test session's browser driver) can check too."""
    async def host_program() -> dict:
        return LinkChecker(FAST).check_sync([fault_server.url("/ok")])

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own: this
        results = pool.submit(asyncio.run, host_program()).result()  # one may run a loop already
    assert results[fault_server.url("/ok")].status is Status.OK
