"""One ``git log`` pass over a small repository made here: page dates and entry dates, checked
against what git itself answers (``git log -1 --format=%cI -- path``, ``git log -S``)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hooks.freshness.history import contains, parse_log, read_history


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


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
        assert history.page_changed(repo / page).iso == git(repo, "log", "-1", "--format=%cI", "--", page)
        assert history.page_changed(repo / page).day == git(repo, "log", "-1", "--format=%cs", "--", page)
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
    log = ("\x00b 200 2025-01-01T00:00:00-10:00\ndiff --git a/docs/x.md b/docs/x.md\n+++ b/docs/x.md\n+two\n"
           "\x00a 100 2025-01-01T09:00:00+08:00\ndiff --git a/docs/x.md b/docs/x.md\n+++ b/docs/x.md\n+one\n")
    commits = parse_log(log)
    assert [c.sha for c in commits] == ["a", "b"]
    assert commits[0].files == ("docs/x.md",) and commits[0].added == "one"
