"""The history of ``docs/`` in one ``git log`` pass: page dates and entry dates (pure, no MkDocs).

One ``git log -p`` over ``docs/`` gives, per commit, its date, the files it touched and the lines
it added. From it:

* a page's *last change* is the newest commit that touched its file;
* an entry's *added date* is the oldest commit that added a line holding its URL (or, for an
  entry without a link, its title).

Dates are the committer's, as git records them (``%cI``; the day is its date part, git's ``%cs``).
A shallow clone holds only the newest commits, so every date read from it would be wrong: it,
like a copy without a repository or without git, gives an empty ``History`` with the reason,
and the site then shows no dates at all. So does a clone git cannot read the history of (a
blobless clone without its remote, missing or damaged objects): the reason is git's own message.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RECORD = "\x00"
URL_CONTINUES = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-~%?#=&+.:")
FULL_HISTORY_HINT = "git fetch --unshallow"


@dataclass(frozen=True)
class Moment:
    """When a commit was made: ISO 8601 date-time with the committer's offset, and Unix time."""

    iso: str
    timestamp: int = 0

    @property
    def day(self) -> str:
        """``YYYY-MM-DD`` (git's ``%cs``)."""
        return self.iso[:10]


@dataclass(frozen=True)
class Commit:
    """One commit's part in the history of ``docs/``."""

    sha: str
    moment: Moment
    files: tuple[str, ...]
    added: str  # the lines it added, joined by newlines


@dataclass(frozen=True)
class History:
    """The commits of ``docs/``, oldest first; empty (with ``missing``) when not to be trusted."""

    commits: tuple[Commit, ...] = ()
    missing: str = ""  # why there is no history (shallow clone, no repository, no git)
    root: Path | None = None  # the repository's top folder
    last_changed: Mapping[str, Moment] = field(default_factory=dict)  # repo-relative path → moment
    ignored: tuple[str, ...] = ()  # ``file:line: reason — fix`` for each commit whose date is not used

    @property
    def available(self) -> bool:
        return not self.missing

    def page_changed(self, path: Path | str) -> Moment | None:
        """When the file at ``path`` (absolute, or relative to the repository) last changed."""
        if self.root is None:
            return None
        path = Path(path)
        try:
            relative = path.resolve().relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:
            return None
        return self.last_changed.get(relative)

    def first_added(self, needles: Iterable[str]) -> dict[str, Moment]:
        """For each text (a URL or a title), the oldest commit that added a line holding it.

        A URL counts only as a whole: ``https://a.org/x`` is not found in ``https://a.org/xy``.
        Texts never added (not committed yet) are left out."""
        wanted = {needle for needle in needles if needle}
        found: dict[str, Moment] = {}
        for commit in sorted(self.commits, key=lambda c: c.moment.timestamp):
            if not wanted:
                break
            for needle in [n for n in wanted if contains(commit.added, n)]:
                found[needle] = commit.moment
                wanted.discard(needle)
        return found


def contains(text: str, needle: str) -> bool:
    """``needle`` occurs in ``text``; a URL must not go on in a longer URL."""
    is_url = needle.startswith(("http://", "https://"))
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not is_url or end >= len(text) or text[end] not in URL_CONTINUES or (
                text[end] in ".:" and (end + 1 >= len(text) or text[end + 1] not in URL_CONTINUES)):
            return True
        start = text.find(needle, start + 1)
    return False


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", check=True).stdout


def git_reason(error: subprocess.CalledProcessError) -> str:
    """What git said when it failed, on one line (its exit status when it said nothing)."""
    said = " ".join(line.strip() for line in (error.stderr or "").splitlines() if line.strip())
    return said[:400] if said else f"git exited with status {error.returncode}"


REPAIR_HINT = "git fsck names what is missing; fetch it again or clone afresh"
HEAD_RE = re.compile(r"([0-9a-f]{40,64}) (\S*) ?(\S*)")
DATE_FIX = ("give the commit its real date (git rebase, then git commit --amend --no-edit --date=…), "
            "or check the clock of the machine that made it")
LATEST_OFFSET = dt.timedelta(hours=14)  # the build day as the easternmost time zone sees it


@dataclass(frozen=True)
class Ignored:
    """A commit of the log whose date is not used: what it touched, and why."""

    sha: str
    files: tuple[str, ...]
    reason: str

    def message(self) -> str:
        place = self.files[0] if self.files else "docs"
        return f"{place}:1: commit {self.sha[:10]} {self.reason}; its dates are ignored — {DATE_FIX}"


def _records(text: str) -> list[str]:
    """The log's commit records; a NUL inside a diff line does not start a record."""
    records: list[str] = []
    for piece in text.split(RECORD)[1:]:
        if HEAD_RE.fullmatch(piece.partition("\n")[0].strip()) or not records:
            records.append(piece)
        else:
            records[-1] += RECORD + piece
    return records


def _moment(timestamp: str, iso: str) -> Moment | None:
    """The commit's moment, or None when git gave no valid date for it."""
    try:
        dt.datetime.fromisoformat(iso)
        return Moment(iso, int(timestamp)) if len(iso) >= 10 and iso[4] == "-" else None
    except ValueError:
        return None


def read_log(text: str) -> tuple[tuple[Commit, ...], tuple[Ignored, ...]]:
    """Commits from ``git log -p --format=%x00%H %ct %cI`` output (any order in, oldest first
    out), and the commits left out because git gave no valid date for them."""
    commits, ignored = [], []
    for record in _records(text):
        head, _, body = record.partition("\n")
        found = HEAD_RE.fullmatch(head.strip())
        if not found:
            continue
        sha, timestamp, iso = found.groups()
        files: list[str] = []
        added: list[str] = []
        for line in body.split("\n"):
            if line.startswith("diff --git "):
                files.append(line.split(" b/", 1)[-1] if " b/" in line else line)
            elif line.startswith("+++ ") or line.startswith("--- "):
                continue
            elif line.startswith("+"):
                added.append(line[1:])
        moment = _moment(timestamp, iso)
        files = list(dict.fromkeys(files))
        if moment is None:
            given = head.strip()[len(sha):][:40].strip()
            ignored.append(Ignored(sha, tuple(files), f"has no valid committer date ('{given}')"))
            continue
        commits.append(Commit(sha, moment, tuple(files), "\n".join(added)))
    return tuple(sorted(commits, key=lambda c: c.moment.timestamp)), tuple(ignored)


def parse_log(text: str) -> tuple[Commit, ...]:
    """The commits of ``read_log`` (oldest first)."""
    return read_log(text)[0]


def sane(commits: tuple[Commit, ...], first: int, build_day: str) -> tuple[tuple[Commit, ...], tuple[Ignored, ...]]:
    """The commits dated from ``first`` (the repository's first commit, Unix time) to
    ``build_day`` (``YYYY-MM-DD``), and the others, which are left out."""
    kept, ignored = [], []
    for commit in commits:
        if commit.moment.timestamp < first:
            ignored.append(Ignored(commit.sha, commit.files, f"is dated {commit.moment.iso}, before the first commit"))
        elif commit.moment.day > build_day:
            ignored.append(Ignored(commit.sha, commit.files, f"is dated {commit.moment.iso}, after the build day"))
        else:
            kept.append(commit)
    return tuple(kept), tuple(ignored)


def build_day(now: dt.datetime | None = None) -> str:
    """The latest day it is anywhere on earth at ``now`` (default: now), ``YYYY-MM-DD``."""
    return ((now or dt.datetime.now(dt.UTC)) + LATEST_OFFSET).date().isoformat()


def read_history(docs_dir: Path) -> History:
    """The history of the folder ``docs_dir`` (one ``git log`` call), or an empty one saying why."""
    try:
        top, head, shallow_flag = _git(docs_dir, "rev-parse", "--show-toplevel", "HEAD",
                                       "--is-shallow-repository").split("\n")[:3]
        root, shallow = Path(top).resolve(), shallow_flag == "true"
    except (FileNotFoundError, NotADirectoryError):
        return History(missing="git is not installed")
    except subprocess.CalledProcessError as error:
        return History(missing=f"the project is not in a git repository with commits (git: {git_reason(error)})")
    if shallow:
        return History(missing=f"the clone is shallow (its history is cut off; {FULL_HISTORY_HINT} fetches it)",
                       root=root)
    docs_path = Path(docs_dir).resolve().relative_to(root).as_posix() or "."
    try:
        return _read(root, head, docs_path, build_day())
    except subprocess.CalledProcessError as error:
        return History(missing=f"git could not read the history of {docs_path}/ (git: {git_reason(error)}; "
                               f"{REPAIR_HINT})", root=root)


@lru_cache(maxsize=4)
def _read(root: Path, head: str, docs_path: str, day: str) -> History:
    """One pass per HEAD commit and day (``mkdocs serve`` rebuilds and the second script reuse
    it); commits dated before the first commit or after ``day`` are left out."""
    log = _git(root, "log", "-p", "--no-renames", "--no-color", "--no-ext-diff", "--unified=0",
               "--format=%x00%H %ct %cI", head, "--", docs_path)
    roots = [int(t) for t in _git(root, "log", "--max-parents=0", "--format=%ct", head).split() if t.isdigit()]
    commits, malformed = read_log(log)
    commits, out_of_range = sane(commits, min(roots, default=0), day)
    last_changed: dict[str, Moment] = {}
    for commit in commits:  # oldest first: the newest commit of a file wins
        for path in commit.files:
            if last_changed.get(path) is None or last_changed[path].timestamp <= commit.moment.timestamp:
                last_changed[path] = commit.moment
    return History(commits=commits, root=root, last_changed=last_changed,
                   ignored=tuple(item.message() for item in malformed + out_of_range))
