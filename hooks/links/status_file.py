"""The link-health data file, ``hooks/data/link_status.yml``: read, merge, write, look up.

One mapping per URL, sorted by URL::

    https://example.com/old:
      status: redirected      # ok | redirected | dead | blocked | error
      code: 200               # HTTP code of the final answer (absent if none came)
      final_url: https://example.com/new   # where the redirects ended, if elsewhere
      moved_to: https://example.com/new    # permanent new address (status redirected only)
      checked: '2026-01-05'   # date of the last check
      since: '2025-12-01'     # first check that found this status
      error: timeout (ReadTimeout)         # what went wrong, if anything

This module needs only PyYAML: the build reads the file with ``load_status`` and asks
``link_state`` / ``archive_url`` for each link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from hooks.parse import yaml_text

ROOT = Path(__file__).resolve().parents[2]
STATUS_FILE = ROOT / "hooks" / "data" / "link_status.yml"
STATUSES = ("ok", "redirected", "dead", "blocked", "error")
ARCHIVE_PREFIX = "https://web.archive.org/web/"
HEADER = """\
# Link health of the external URLs of docs/, written by `make linkcheck` (hooks/links/cli.py).
# status: ok | redirected (moved permanently: moved_to) | dead (404, 410, or a failure without an
#         answer found again by a later run while the host answered other requests)
#         | blocked (the site refuses checkers: 401, 403, 429) | error (temporary or unknown).
# A URL whose host answered nothing in a run (no network, DNS, proxy) keeps its previous record.
"""
_FIELDS = ("status", "code", "final_url", "moved_to", "checked", "since", "error")


@dataclass(frozen=True)
class LinkRecord:
    """What the last check found about one URL."""

    status: str
    checked: str
    since: str = ""
    code: int | None = None
    final_url: str | None = None
    moved_to: str | None = None
    error: str | None = None

    @property
    def is_dead(self) -> bool:
        """The link is gone: mark it 失效 and offer the archived copy."""
        return self.status == "dead"

    @property
    def is_moved(self) -> bool:
        """The link moved permanently to ``moved_to``."""
        return self.status == "redirected" and bool(self.moved_to)

    def to_yaml(self) -> dict[str, object]:
        """The mapping written to the data file (empty fields left out)."""
        data = {name: getattr(self, name) for name in _FIELDS}
        return {key: value for key, value in data.items() if value not in (None, "")}


class StatusFileError(ValueError):
    """The data file exists but cannot be read as link records."""


def archive_url(url: str) -> str:
    """The Internet Archive's address for ``url`` (its latest copy)."""
    return ARCHIVE_PREFIX + url


def link_state(status_data: Mapping[str, LinkRecord], url: str) -> LinkRecord | None:
    """The record of ``url``, or None if it was never checked."""
    return status_data.get(url)


def _date(value: object, where: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise StatusFileError(f"{where}: not an ISO date: {value!r}")


def record_from_yaml(url: str, data: object, path: Path) -> LinkRecord:
    """One record from its YAML mapping; raises StatusFileError naming file and URL."""
    where = f"{path}: {url}"
    if not isinstance(data, dict):
        raise StatusFileError(f"{where}: expected a mapping of fields, got {type(data).__name__}")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise StatusFileError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    if data.get("status") not in STATUSES:
        raise StatusFileError(f"{where}: status must be one of {', '.join(STATUSES)}")
    code = data.get("code")
    if code is not None and not isinstance(code, int):
        raise StatusFileError(f"{where}: code must be an integer")
    checked = _date(data.get("checked"), where)
    since = _date(data["since"], where) if data.get("since") else checked
    text = {key: (str(data[key]) if data.get(key) is not None else None)
            for key in ("final_url", "moved_to", "error")}
    return LinkRecord(status=data["status"], checked=checked, since=since, code=code, **text)


def load_status(path: Path = STATUS_FILE) -> dict[str, LinkRecord]:
    """All records of the data file; a missing or empty file means nothing is known yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        data = yaml_text.safe_load(text)
    except yaml.YAMLError as exc:
        raise StatusFileError(f"{path}: invalid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StatusFileError(f"{path}: expected a mapping of URL to record")
    return {str(url): record_from_yaml(str(url), value, path) for url, value in data.items()}


def dump_status(records: Mapping[str, LinkRecord]) -> str:
    """The data file's text: the header, then one mapping per URL sorted by URL."""
    body = {url: records[url].to_yaml() for url in sorted(records)}
    dumped = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000) if body else ""
    return HEADER + dumped


def write_status(records: Mapping[str, LinkRecord], path: Path = STATUS_FILE) -> None:
    """Write the data file (atomically: a temporary file renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(dump_status(records), encoding="utf-8")
    tmp.replace(path)


def merge_status(old: Mapping[str, LinkRecord], fresh: Mapping[str, LinkRecord],
                 keep: Iterable[str] | None = None) -> dict[str, LinkRecord]:
    """Previous records updated by this run's.

    ``fresh`` holds only the URLs this run could really check: any other URL keeps its previous
    record. A status seen before keeps its ``since`` date. With ``keep`` (the URLs still linked
    from the site), records of other URLs are dropped.
    """
    merged = dict(old)
    if keep is not None:
        wanted = set(keep)
        merged = {url: record for url, record in merged.items() if url in wanted}
    for url, record in fresh.items():
        before = old.get(url)
        since = before.since if before and before.status == record.status and before.since else record.checked
        merged[url] = replace(record, since=since)
    return merged
