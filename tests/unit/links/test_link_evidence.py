"""What a run proves: failures without an HTTP answer weighed against the run's other answers."""

from __future__ import annotations

from hooks.links.checker import CheckResult
from hooks.links.evidence import answered_hosts, fresh_records, settle, settle_all
from hooks.links.policy import Status
from hooks.links.status_file import LinkRecord

TODAY = "2026-03-02"
GOOD = LinkRecord("ok", "2026-02-23", since="2025-06-01", code=200)


def unanswered(url: str, error: str = "host not found (Name or service not known)", **kw) -> CheckResult:
    return CheckResult(url, Status.ERROR, error=error, unanswered=True, **kw)


def answered(url: str, code: int = 200) -> CheckResult:
    return CheckResult(url, Status.OK if code == 200 else Status.DEAD, code=code, hops=((url, code),))


def test_hosts_that_answered_include_every_redirect_hop() -> None:
    moved = CheckResult("https://a.test/x", Status.REDIRECTED, code=200, moved_to="https://b.test/x",
                        hops=(("https://a.test/x", 301), ("https://B.test/x", 200)))
    assert answered_hosts([moved, unanswered("https://c.test/")]) == {"a.test", "b.test"}


def test_a_failure_on_a_host_that_answered_nothing_is_unchecked() -> None:
    result = settle(unanswered("https://gone.test/p"), {"github.com"}, GOOD, TODAY)
    assert result.status is Status.UNCHECKED and result.record(TODAY) is None
    assert "gone.test answered nothing in this run" in (result.error or "")


def test_a_failure_on_a_host_that_answered_otherwise_is_an_error_first() -> None:
    result = settle(unanswered("https://a.test/p", "ConnectError: reset"), {"a.test"}, GOOD, TODAY)
    assert result.status is Status.ERROR


def test_the_same_failure_on_a_later_run_is_dead() -> None:
    before = LinkRecord("error", "2026-02-23", since="2026-02-23", error="ReadError: reset")
    result = settle(unanswered("https://a.test/p", "ReadError: reset"), {"a.test"}, before, TODAY)
    assert result.status is Status.DEAD and "also on 2026-02-23" in (result.error or "")
    # not confirmed by a record of the same day, a timeout, or a failure that had an HTTP answer
    assert settle(unanswered("https://a.test/p"), {"a.test"},
                  LinkRecord("error", TODAY, error="ReadError: reset"), TODAY).status is Status.ERROR
    assert settle(unanswered("https://a.test/p", "timeout (ReadTimeout)"), {"a.test"},
                  LinkRecord("error", "2026-02-23", error="timeout (ReadTimeout)"), TODAY).status is Status.ERROR
    assert settle(unanswered("https://a.test/p"), {"a.test"},
                  LinkRecord("error", "2026-02-23", code=500, error="HTTP 500"), TODAY).status is Status.ERROR


def test_a_redirect_into_an_unreachable_host_is_judged_by_that_host() -> None:
    result = unanswered("https://a.test/p", final_url="https://b.test/p", hops=(("https://a.test/p", 301),))
    assert settle(result, answered_hosts([result]), GOOD, TODAY).status is Status.UNCHECKED


def test_a_partial_network_changes_no_record_of_an_unreachable_host() -> None:
    """One reachable host among many that no resolver here knows: only its own URLs are recorded."""
    previous = {f"https://site{n}.test/p": GOOD for n in range(50)}
    results = {url: unanswered(url) for url in previous}
    results["https://reachable.test/"] = answered("https://reachable.test/")
    records = fresh_records(settle_all(results, previous, TODAY), TODAY)
    assert list(records) == ["https://reachable.test/"]


def test_answers_are_recorded_as_they_are() -> None:
    results = {"https://a.test/gone": answered("https://a.test/gone", 404)}
    assert settle_all(results, {}, TODAY) == results
