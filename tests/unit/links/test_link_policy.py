"""Classification of answers and failures, retry timing, plausible moves."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import httpx
import pytest

from hooks.links.policy import (
    Status,
    backoff_delay,
    head_is_conclusive,
    is_plausible_move,
    is_timeout,
    move_concern,
    moved_to,
    registrable_domain,
    retry_after_seconds,
    should_retry_code,
    should_retry_exception,
    status_for_code,
    status_for_exception,
)


@pytest.mark.parametrize(("code", "status"), [
    (200, Status.OK), (204, Status.OK), (404, Status.DEAD), (410, Status.DEAD),
    (401, Status.BLOCKED), (403, Status.BLOCKED), (429, Status.BLOCKED), (451, Status.BLOCKED),
    (999, Status.BLOCKED), (400, Status.ERROR), (405, Status.ERROR), (500, Status.ERROR),
    (503, Status.ERROR), (418, Status.ERROR),
])
def test_status_for_code(code: int, status: Status) -> None:
    assert status_for_code(code) is status


def test_only_temporary_codes_are_retried() -> None:
    assert [c for c in (200, 301, 404, 408, 410, 429, 500, 502, 503, 504) if should_retry_code(c)] \
        == [408, 429, 500, 502, 503, 504]


def test_head_stands_only_for_success_or_redirect() -> None:
    assert head_is_conclusive(200) and head_is_conclusive(301)
    assert not any(head_is_conclusive(code) for code in (403, 404, 405, 500))


def test_moved_to_follows_only_leading_permanent_redirects() -> None:
    a, b, c = "https://a.test/1", "https://a.test/2", "https://a.test/3"
    assert moved_to(a, [(a, 301), (b, 302), (c, 200)]) == b
    assert moved_to(a, [(a, 301), (b, 308), (c, 200)]) == c
    assert moved_to(a, [(a, 302), (b, 301), (c, 200)]) is None
    assert moved_to(a, [(a, 200)]) is None


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Mon, 05 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 05 Jan 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None


def test_backoff_doubles_up_to_the_cap() -> None:
    assert [backoff_delay(n, 1.0, 5.0) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def _wrapped(cause: BaseException) -> httpx.ConnectError:
    try:
        raise httpx.ConnectError("connect failed") from cause
    except httpx.ConnectError as exc:
        return exc


def test_a_host_not_found_is_never_dead_by_itself() -> None:
    """A resolver that knows only some hosts (a company DNS, an allowlist) says "not found" too."""
    gone = _wrapped(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    status, text = status_for_exception(gone)
    assert status is Status.ERROR and "host not found" in text
    assert not should_retry_exception(gone)


def test_a_missed_deadline_is_a_timeout_and_not_retried() -> None:
    status, text = status_for_exception(TimeoutError("2 s"))
    assert (status, text) == (Status.ERROR, "timeout (deadline 2 s)")
    assert is_timeout(text) and not is_timeout("ConnectError: refused")
    assert not should_retry_exception(TimeoutError("2 s"))


def test_a_resolver_that_cannot_answer_is_the_checkers_problem() -> None:
    status, _ = status_for_exception(_wrapped(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")))
    assert status is Status.UNCHECKED
    assert status_for_exception(httpx.ProxyError("proxy down"))[0] is Status.UNCHECKED


def test_timeouts_and_resets_are_errors_and_retried() -> None:
    for exc in (httpx.ReadTimeout("slow"), httpx.ConnectTimeout("slow"), httpx.ReadError("reset"),
                httpx.RemoteProtocolError("closed"), httpx.ConnectError("refused")):
        assert status_for_exception(exc)[0] is Status.ERROR
        assert should_retry_exception(exc)
    assert status_for_exception(httpx.ReadTimeout("slow"))[1] == "timeout (ReadTimeout)"
    assert not should_retry_exception(ValueError("bug"))


@pytest.mark.parametrize(("url", "target", "plausible"), [
    ("http://a.test/doc", "https://a.test/doc", True),
    ("https://a.test/doc", "https://b.test/doc/", True),
    ("https://a.test/deep/page", "https://a.test/", False),
    ("https://a.test/deep/page", "https://a.test", False),
    ("https://a.test/", "https://www.a.test/", True),
    ("https://a.test/p", "https://a.test/?lang=zh", True),
])
def test_a_move_to_a_home_page_is_doubtful(url: str, target: str, plausible: bool) -> None:
    assert is_plausible_move(url, target) is plausible


@pytest.mark.parametrize(("host", "domain"), [
    ("docs.github.com", "github.com"), ("GITHUB.COM.", "github.com"), ("a.b.example.co.uk", "example.co.uk"),
    ("user.github.io", "user.github.io"), ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost"),
])
def test_registrable_domain_follows_the_public_suffix_list(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(("url", "target", "concern"), [
    ("https://github.com/a/b", "https://github.com/c/b", None),
    ("http://github.com/a/b", "https://www.github.com/a/b", None),
    ("https://a.example.co.uk/p", "https://b.example.co.uk/p", None),
    ("https://github.com/a/b", "https://evil.test/a/b", "leaves github.com for evil.test"),
    ("https://alice.github.io/p", "https://bob.github.io/p", "leaves alice.github.io for bob.github.io"),
    ("https://a.example.co.uk/p", "https://b.other.co.uk/p", "leaves example.co.uk"),
    ("https://github.com/a/b", "http://github.com/a/b", "drops https"),
    ("https://github.com/a/b", "https://user:secret@github.com/a/b", "credentials"),
    ("https://github.com/a/b", "https://token@github.com/a/b", "credentials"),
    ("https://github.com/a/b", "ftp://github.com/a/b", "not http(s)"),
    ("https://github.com/a/deep/page", "https://github.com/", "home page"),
])
def test_only_safe_moves_are_free_of_concern(url: str, target: str, concern: str | None) -> None:
    found = move_concern(url, target)
    assert found == concern if concern is None else concern in (found or "")
