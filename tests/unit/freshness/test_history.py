"""One ``git log`` pass over a small repository made here: page dates and entry dates, checked
against what git itself answers (``git log -1 --format=%cI -- path``, ``git log -S``)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from hooks.freshness.history import build_day, contains, parse_log, read_history, read_log, sane
from unit.git_fixture import git


def commit(repo: Path, files: dict[str, str], date: str) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"at {date}", date=date)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("history")
    git(repo, "init", "-q")
    commit(repo, {"docs/a.md": "# A\n\n- [甲](https://a.org/x) — 注\n",
                  "docs/b.md": "# B\n\n- 无链接条目\n"}, "2025-01-02T10:00:00+08:00")
    commit(repo, {"docs/a.md": "# A\n\n- [甲](https://a.org/x) — 注\n- [乙](https://a.org/xy)\n"},
           "2025-02-03T23:30:00+08:00")
    commit(repo, {"docs/b.md": "# B\n\n- 无链接条目\n- [丙](https://c.org/) 也有 https://a.org/x\n",
                  "README.md": "outside docs"}, "2025-03-04T01:00:00-05:00")
    commit(repo, {"README.md": "still outside docs"}, "2025-04-05T12:00:00+00:00")
    return repo


def test_page_dates_are_gits_last_commit_of_the_file(repo: Path) -> None:
    history = read_history(repo / "docs")
    assert history.available
    for page in ("docs/a.md", "docs/b.md"):
        changed = history.page_changed(repo / page)
        assert changed is not None
        assert changed.iso == git(repo, "log", "-1", "--format=%cI", "--", page)
        assert changed.day == git(repo, "log", "-1", "--format=%cs", "--", page)
    assert history.page_changed(repo / "README.md") is None  # outside docs/: not read


@pytest.mark.parametrize("needle", ["https://a.org/x", "https://a.org/xy", "https://c.org/", "无链接条目"])
def test_entry_dates_are_the_first_commit_that_added_the_text(repo: Path, needle: str) -> None:
    history = read_history(repo / "docs")
    first = git(repo, "log", "--reverse", "--format=%cI", "-S", needle, "--", "docs").splitlines()[0]
    assert history.first_added([needle])[needle].iso == first


def test_a_url_is_not_found_inside_a_longer_one() -> None:
    assert not contains("[乙](https://a.org/xy)", "https://a.org/x")
    assert contains("[甲](https://a.org/x)", "https://a.org/x")
    assert contains("see https://a.org/x.", "https://a.org/x")
    assert not contains("https://a.org/x.html", "https://a.org/x")


def test_uncommitted_text_has_no_date(repo: Path) -> None:
    assert read_history(repo / "docs").first_added(["https://never.example/"]) == {}


def test_shallow_clone_gives_no_dates(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    history = read_history(clone / "docs")
    assert not history.available and "shallow" in history.missing
    assert history.page_changed(clone / "docs/a.md") is None
    assert history.first_added(["https://a.org/x"]) == {}


def test_no_repository_gives_no_dates(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    history = read_history(tmp_path / "docs")
    assert not history.available and history.missing
    assert history.first_added(["x"]) == {}


def test_parse_log_orders_commits_by_time_not_by_offset() -> None:
    a, b = "a" * 40, "b" * 40
    log = (f"\x00{b} 200 2025-01-01T00:00:00-10:00\ndiff --git a/docs/x.md b/docs/x.md\n+++ b/docs/x.md\n+two\n"
           f"\x00{a} 100 2025-01-01T09:00:00+08:00\ndiff --git a/docs/x.md b/docs/x.md\n+++ b/docs/x.md\n+one\n")
    commits = parse_log(log)
    assert [c.sha for c in commits] == [a, b]
    assert commits[0].files == ("docs/x.md",) and commits[0].added == "one"


def test_a_nul_in_a_diff_line_and_a_malformed_date_are_read_without_a_traceback() -> None:
    a, b = "a" * 40, "b" * 40
    log = (f"\x00{b}  %cI\ndiff --git a/docs/y.md b/docs/y.md\n+++ b/docs/y.md\n+late\n"
           f"\x00{a} 100 2025-01-01T09:00:00+08:00\ndiff --git a/docs/x.md b/docs/x.md\n+++ b/docs/x.md\n"
           "+one \x00two words\n+three\n")
    commits, ignored = read_log(log)
    assert [c.sha for c in commits] == [a] and commits[0].added == "one \x00two words\nthree"
    assert [i.sha for i in ignored] == [b]
    assert ignored[0].message().startswith("docs/y.md:1: commit bbbbbbbbbb has no valid committer date")
    assert " — " in ignored[0].message()


def test_dates_before_the_first_commit_or_after_the_build_day_are_left_out() -> None:
    log = "".join(f"\x00{sha * 40} {ts} {iso}\ndiff --git a/docs/{sha}.md b/docs/{sha}.md\n+{sha}\n"
                  for sha, ts, iso in [("a", 100, "1970-01-01T00:01:40+00:00"),
                                       ("b", 1_700_000_000, "2023-11-14T22:13:20+00:00"),
                                       ("c", 4_070_908_800, "2099-01-01T00:00:00+00:00"),
                                       ("d", 253_402_300_800, "10000-01-01T00:00:00+00:00")])
    commits, malformed = read_log(log)
    kept, ignored = sane(commits, 1_000_000_000, build_day(dt.datetime(2026, 12, 6, tzinfo=dt.UTC)))
    assert [c.sha[0] for c in kept] == ["b"]
    assert [i.sha[0] for i in malformed] == ["d"]  # not a date git's %cI can say in four digits
    assert ["before the first commit" in i.reason for i in ignored] == [True, False]
    assert "after the build day" in ignored[1].reason and ignored[1].message().startswith("docs/c.md:1: ")


def test_the_build_day_is_the_latest_day_anywhere() -> None:
    assert build_day(dt.datetime(2026, 12, 6, 9, 59, tzinfo=dt.UTC)) == "2026-12-06"
    assert build_day(dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)) == "2026-12-07"


def test_a_clone_with_missing_objects_gives_no_dates_and_gits_own_reason(tmp_path: Path) -> None:
    repo = tmp_path / "damaged"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"docs/a.md": "# A\n\n- [甲](https://a.org/x) — 注\n"}, "2025-01-02T10:00:00+08:00")
    blob = git(repo, "rev-parse", "HEAD:docs/a.md")
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    said = subprocess.run(["git", "-C", str(repo), "log", "-p", "--", "docs"], capture_output=True, text=True)
    assert said.returncode != 0 and blob in said.stderr  # git itself names the missing object
    history = read_history(repo / "docs")
    assert not history.available and history.first_added(["https://a.org/x"]) == {}
    assert history.missing.startswith("git could not read the history of docs/ (git: ")
    assert blob in history.missing and "\n" not in history.missing and "git fsck" in history.missing


def test_no_repository_says_gits_own_reason(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    said = subprocess.run(["git", "-C", str(tmp_path / "docs"), "rev-parse", "HEAD"], capture_output=True, text=True)
    assert said.returncode != 0
    assert said.stderr.strip().splitlines()[0] in read_history(tmp_path / "docs").missing
