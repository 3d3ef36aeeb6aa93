"""Saving a check as it goes: one run at a time per data file, and nothing checked is lost.

``data_lock(path)`` holds ``<data file>.lock`` (``filelock``) for the whole run: a second run on
the same file stops at once with ``DataFileBusy`` instead of overwriting the first one's results.
``CheckJournal`` collects the results and merges them into the data file as they come (at most
every ``every`` seconds, atomically), so an interrupted run keeps everything it had checked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from hooks.links.checker import CheckResult
from hooks.links.evidence import fresh_records, settle_all
from hooks.links.status_file import LinkRecord, merge_status, write_status


class DataFileBusy(RuntimeError):
    """Another run holds the data file's lock."""


def lock_path(data: Path) -> Path:
    """The lock file beside the data file."""
    return data.with_name(data.name + ".lock")


@contextmanager
def data_lock(data: Path) -> Iterator[None]:
    """Hold the data file's lock for the block; DataFileBusy if another run holds it."""
    data.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(data)), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise DataFileBusy(f"{data}: another link check is running on this file (lock {lock_path(data)}) "
                           "— wait for it to finish") from exc
    try:
        yield
    finally:
        lock.release()


class CheckJournal:
    """A run's results so far, merged into the data file from time to time and at the end."""

    def __init__(self, path: Path, previous: dict[str, LinkRecord], today: str, every: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.previous = previous
        self.today = today
        self.every = every
        self.clock = clock
        self.results: dict[str, CheckResult] = {}
        self.settled: dict[str, CheckResult] = {}
        self._last_save: float | None = None

    def add(self, result: CheckResult) -> None:
        """Take one result; save if the last save is ``every`` seconds old (or none was made)."""
        self.results[result.url] = result
        if self._last_save is None or self.clock() - self._last_save >= self.every:
            self.save()

    def save(self, keep: Iterable[str] | None = None) -> dict[str, CheckResult]:
        """Merge the results so far into the data file; with ``keep``, drop records of other URLs.
        Returns the settled results (see ``evidence``)."""
        self.settled = settle_all(self.results, self.previous, self.today)
        merged = merge_status(self.previous, fresh_records(self.settled, self.today), keep=keep)
        if merged != self.previous or not self.path.exists():  # an unchanged file stays untouched
            write_status(merged, self.path)
        self._last_save = self.clock()
        return self.settled
