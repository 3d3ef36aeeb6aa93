"""The data file: tolerant reading, merging, writing, lookups for the build, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.links.report import problems_by_page, report_lines
from hooks.links.sources import UrlSource
from hooks.links.status_file import (
    LinkRecord,
    StatusFileError,
    archive_url,
    dump_status,
    link_state,
    load_status,
    merge_status,
    write_status,
)

A, B, C = "https://a.test/x", "https://b.test/y", "https://c.test/z"


def test_archive_url() -> None:
    assert archive_url("https://a.test/x?q=1#top") == "https://web.archive.org/web/https://a.test/x?q=1#top"


def test_missing_or_empty_file_means_nothing_known(tmp_path: Path) -> None:
    assert load_status(tmp_path / "absent.yml") == {}
    (tmp_path / "empty.yml").write_text("# only a comment\n", encoding="utf-8")
    assert load_status(tmp_path / "empty.yml") == {}
    assert link_state({}, A) is None


def test_round_trip_sorted_by_url(tmp_path: Path) -> None:
    records = {
        C: LinkRecord("dead", "2026-01-05", since="2025-12-01", code=404, error="HTTP 404"),
        A: LinkRecord("redirected", "2026-01-05", since="2026-01-05", code=200, final_url=B, moved_to=B),
        B: LinkRecord("ok", "2026-01-05", since="2026-01-05", code=200),
    }
    path = tmp_path / "link_status.yml"
    write_status(records, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Link health")
    assert text.index(A + ":") < text.index(B + ":") < text.index(C + ":")
    assert "final_url" not in text.split(B + ":")[1].split(C + ":")[0]  # empty fields left out
    assert load_status(path) == records
    state = link_state(load_status(path), C)
    assert state is not None and state.is_dead and not state.is_moved
    moved = link_state(records, A)
    assert moved is not None and moved.is_moved


def test_dates_written_unquoted_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text(f"{A}:\n  status: ok\n  code: 200\n  checked: 2026-01-05\n", encoding="utf-8")
    assert load_status(path) == {A: LinkRecord("ok", "2026-01-05", since="2026-01-05", code=200)}


@pytest.mark.parametrize(("text", "message"), [
    ("[a, b\n", "s.yml:1: not valid YAML"),
    ("- a\n", "s.yml:1: .* is not of type 'object'"),
    (f"{A}: ok\n", "s.yml:1: .*'ok' is not of type 'object'"),
    (f"{A}:\n  status: fine\n  checked: 2026-01-05\n", "s.yml:2: .*'fine' is not one of"),
    (f"{A}:\n  status: ok\n  checked: yesterday\n", "s.yml:3: .*'yesterday' does not match"),
    (f"{A}:\n  status: ok\n  checked: 2026-01-05\n  colour: red\n", "s.yml:4: .*unknown key 'colour'"),
    (f"{A}:\n  status: ok\n  checked: 2026-01-05\n  code: 2000\n", "s.yml:4: .*2000 is greater than"),
    (f"{A}:\n  status: ok\n  code: 200\n", "s.yml:2: .*'checked:' is missing"),
    ("a: &a [x, x]\nb: [*a, *a]\n", "s.yml:1: an anchor"),
])
def test_a_broken_file_is_refused_clearly(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StatusFileError, match=message):
        load_status(path)


def test_merge_keeps_what_this_run_could_not_check() -> None:
    old = {
        A: LinkRecord("dead", "2025-12-01", since="2025-11-01", code=404),
        B: LinkRecord("ok", "2025-12-01", since="2025-10-01", code=200),
        C: LinkRecord("ok", "2025-12-01", since="2025-10-01", code=200),
    }
    fresh = {
        A: LinkRecord("dead", "2026-01-05", since="2026-01-05", code=410),
        B: LinkRecord("error", "2026-01-05", since="2026-01-05", error="timeout (ReadTimeout)"),
    }
    merged = merge_status(old, fresh)
    assert merged[A] == LinkRecord("dead", "2026-01-05", since="2025-11-01", code=410)  # same status: since kept
    assert merged[B].since == "2026-01-05"  # new status: since today
    assert merged[C] == old[C]  # not checked this run: previous record kept
    assert merge_status(old, fresh, keep=[A, B]).keys() == {A, B}  # no longer linked: dropped
    assert dump_status(merged) == dump_status(dict(reversed(merged.items())))


def test_report_lists_dead_and_moved_links_by_page() -> None:
    status = {
        A: LinkRecord("dead", "2026-01-05", since="2025-12-01", code=404, error="HTTP 404"),
        B: LinkRecord("redirected", "2026-01-05", since="2026-01-05", code=200, moved_to=C),
        C: LinkRecord("error", "2026-01-05", since="2026-01-05", error="timeout"),
    }
    sources = [UrlSource(B, "z.md", 3), UrlSource(A, "a.md", 9), UrlSource(C, "a.md", 1),
               UrlSource(A, "z.md", 1), UrlSource("https://unknown.test/", "a.md", 2)]
    problems = problems_by_page(sources, status)
    assert list(problems) == ["a.md", "z.md"]
    assert [(p.source.line, p.record.status) for p in problems["z.md"]] == [(1, "dead"), (3, "redirected")]
    assert report_lines(problems) == [
        f"docs/a.md:9: dead (HTTP 404) {A} → archive https://web.archive.org/web/{A} "
        "(since 2025-12-01, checked 2026-01-05)",
        f"docs/z.md:1: dead (HTTP 404) {A} → archive https://web.archive.org/web/{A} "
        "(since 2025-12-01, checked 2026-01-05)",
        f"docs/z.md:3: moved {B} → {C} (since 2026-01-05, checked 2026-01-05)",
    ]
