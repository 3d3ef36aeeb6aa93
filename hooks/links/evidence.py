"""What one run's results prove about each link, given the other results and the last record.

A request that got no HTTP answer (host not found, connection refused or reset, timeout) tells
about the network between this machine and the host, not about the page, unless the same host
answered some other request of the run: only then is it recorded (``error``), and it becomes
``dead`` when the previous record, from an earlier day, already held such a failure (timeouts
excepted: a slow page is still a page). Otherwise it is ``unchecked``: never written, the
previous record stays as it was. So a partial network (a company DNS, a proxy, an allowlist)
changes no record of a host it cannot reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from hooks.links.checker import CheckResult, host_key
from hooks.links.policy import Status, is_timeout
from hooks.links.status_file import LinkRecord


def answered_hosts(results: Iterable[CheckResult]) -> set[str]:
    """Every host that gave at least one HTTP answer (any code, redirects too) in the run."""
    return {host_key(url) for result in results for url, _ in result.hops}


def is_repeated_failure(previous: LinkRecord | None, today: str) -> bool:
    """The previous record, from an earlier day, was already a failure without an HTTP answer."""
    return (previous is not None and previous.checked < today and previous.code is None
            and previous.status in (Status.ERROR.value, Status.DEAD.value)
            and bool(previous.error) and not is_timeout(previous.error))


def settle(result: CheckResult, answered: set[str], previous: LinkRecord | None, today: str) -> CheckResult:
    """The result as it may be recorded: unanswered failures weighed against the run's answers."""
    if not result.unanswered or result.status is Status.UNCHECKED:
        return result
    host = host_key(result.failed_url)
    if host not in answered:
        return replace(result, status=Status.UNCHECKED,
                       error=f"{result.error}; {host or 'the host'} answered nothing in this run")
    if previous is not None and not is_timeout(result.error) and is_repeated_failure(previous, today):
        return replace(result, status=Status.DEAD, error=f"{result.error} (also on {previous.checked})")
    return replace(result, status=Status.ERROR)


def settle_all(results: Mapping[str, CheckResult], previous: Mapping[str, LinkRecord],
               today: str) -> dict[str, CheckResult]:
    """``settle`` for every result of a run (or of the part of it done so far)."""
    answered = answered_hosts(results.values())
    return {url: settle(result, answered, previous.get(url), today) for url, result in results.items()}


def fresh_records(settled: Mapping[str, CheckResult], today: str) -> dict[str, LinkRecord]:
    """The records to merge into the data file: the settled results that say something."""
    return {url: record for url, result in settled.items() if (record := result.record(today))}
