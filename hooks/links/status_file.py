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

The build reads the file with ``load_status`` (through the data-file loader, which checks it
against its schema in ``hooks/data/schemas.yml``) and asks
``link_state`` / ``archive_url`` for each link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from hooks.parse.data_files import DataFileError, load

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


class StatusFileError(DataFileError):
    """The data file exists but cannot be read as link records."""


def archive_url(url: str) -> str:
    """The Internet Archive's address for ``url`` (its latest copy)."""
    return ARCHIVE_PREFIX + url


def link_state(status_data: Mapping[str, LinkRecord], url: str) -> LinkRecord | None:
    """The record of ``url``, or None if it was never checked."""
    return status_data.get(url)


def record_from_yaml(url: str, data: dict) -> LinkRecord:
    """One record from its mapping, as the schema (``hooks/data/schemas.yml``) has checked it."""
    checked = data["checked"]
    text = {key: (str(data[key]) if data.get(key) is not None else None)
            for key in ("final_url", "moved_to", "error")}
    return LinkRecord(status=data["status"], checked=checked, since=data.get("since") or checked,
                      code=data.get("code"), **text)


def load_status(path: Path = STATUS_FILE) -> dict[str, LinkRecord]:
    """All records of the data file; a missing or empty file means nothing is known yet. A file
    that does not follow its schema is a StatusFileError naming each line."""
    if not Path(path).is_file():
        return {}
    try:
        data = load(path, "link_status").value
    except DataFileError as error:
        raise StatusFileError(error.problems) from None
    return {url: record_from_yaml(url, value) for url, value in (data or {}).items()}


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
