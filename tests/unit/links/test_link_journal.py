"""Saving a check as it goes, and the data file's lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.links.checker import CheckResult
from hooks.links.journal import CheckJournal, DataFileBusy, data_lock
from hooks.links.policy import Status
from hooks.links.status_file import LinkRecord, load_status, write_status

TODAY = "2026-03-02"
OLD = LinkRecord("ok", "2026-02-23", since="2025-06-01", code=200)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def ok(url: str) -> CheckResult:
    return CheckResult(url, Status.OK, code=200, hops=((url, 200),))


def test_results_are_saved_as_they_come_at_most_every_few_seconds(tmp_path: Path) -> None:
    data, clock = tmp_path / "link_status.yml", Clock()
    write_status({"https://a.test/old": OLD}, data)
    journal = CheckJournal(data, load_status(data), TODAY, every=2.0, clock=clock)
    journal.add(ok("https://a.test/1"))  # the first result is saved at once
    assert set(load_status(data)) == {"https://a.test/old", "https://a.test/1"}
    clock.now = 1.0
    journal.add(ok("https://a.test/2"))
    assert "https://a.test/2" not in load_status(data)
    clock.now = 3.0
    journal.add(ok("https://a.test/3"))
    assert set(load_status(data)) == {"https://a.test/old", "https://a.test/1", "https://a.test/2", "https://a.test/3"}
    assert load_status(data)["https://a.test/old"] == OLD  # a partial run drops nothing
    journal.save(keep=[f"https://a.test/{n}" for n in (1, 2, 3)])  # a full run: unlinked URLs go
    assert set(load_status(data)) == {"https://a.test/1", "https://a.test/2", "https://a.test/3"}


def test_unanswered_failures_are_settled_against_the_answers_so_far(tmp_path: Path) -> None:
    data = tmp_path / "link_status.yml"
    write_status({"https://b.test/p": OLD}, data)
    journal = CheckJournal(data, load_status(data), TODAY, every=0)
    journal.add(CheckResult("https://b.test/p", Status.ERROR, error="ConnectError: refused", unanswered=True))
    assert load_status(data)["https://b.test/p"] == OLD
    journal.add(ok("https://b.test/q"))  # now b.test has answered: the failure says something
    assert load_status(data)["https://b.test/p"].status == "error"


def test_the_lock_refuses_a_second_holder(tmp_path: Path) -> None:
    data = tmp_path / "link_status.yml"
    with (data_lock(data),
          pytest.raises(DataFileBusy, match="another link check is running on this file"),
          data_lock(data)):
        pass
    with data_lock(data):  # released at the end of the first
        pass
