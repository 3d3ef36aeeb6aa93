"""The history of ``docs/`` in one ``git log`` pass: page dates and entry dates (pure, no MkDocs).

One ``git log -p`` over ``docs/`` gives, per commit, its date, the files it touched and the lines
it added. From it:

* a page's *last change* is the newest commit that touched its file;
* an entry's *added date* is the oldest commit that added a line holding its URL (or, for an
  entry without a link, its title).

Dates are the committer's, as git records them (``%cI``; the day is its date part, git's ``%cs``).
A shallow clone holds only the newest commits, so every date read from it would be wrong: it,
like a copy without a repository or without git, gives an empty ``History`` with the reason,
and the site then shows no dates at all.
"""

from __future__ import annotations

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


def parse_log(text: str) -> tuple[Commit, ...]:
    """Commits from ``git log -p --format=%x00%H %ct %cI`` output (any order in, oldest first out)."""
    commits = []
    for record in text.split(RECORD)[1:]:
        head, _, body = record.partition("\n")
        sha, timestamp, iso = head.strip().split(" ")
        files: list[str] = []
        added: list[str] = []
        for line in body.split("\n"):
            if line.startswith("diff --git "):
                files.append(line.split(" b/", 1)[-1] if " b/" in line else line)
            elif line.startswith("+++ ") or line.startswith("--- "):
                continue
            elif line.startswith("+"):
                added.append(line[1:])
        commits.append(Commit(sha, Moment(iso, int(timestamp)), tuple(dict.fromkeys(files)), "\n".join(added)))
    return tuple(sorted(commits, key=lambda c: c.moment.timestamp))


def read_history(docs_dir: Path) -> History:
    """The history of the folder ``docs_dir`` (one ``git log`` call), or an empty one saying why."""
    try:
        top, head, shallow_flag = _git(docs_dir, "rev-parse", "--show-toplevel", "HEAD",
                                       "--is-shallow-repository").split("\n")[:3]
        root, shallow = Path(top).resolve(), shallow_flag == "true"
    except (FileNotFoundError, NotADirectoryError):
        return History(missing="git is not installed")
    except subprocess.CalledProcessError:
        return History(missing="the project is not in a git repository with commits")
    if shallow:
        return History(missing=f"the clone is shallow (its history is cut off; {FULL_HISTORY_HINT} fetches it)",
                       root=root)
    return _read(root, head, Path(docs_dir).resolve().relative_to(root).as_posix() or ".")


@lru_cache(maxsize=4)
def _read(root: Path, head: str, docs_path: str) -> History:
    """One pass per HEAD commit (``mkdocs serve`` rebuilds and the second script reuse it)."""
    log = _git(root, "log", "-p", "--no-renames", "--no-color", "--no-ext-diff", "--unified=0",
               "--format=%x00%H %ct %cI", head, "--", docs_path)
    commits = parse_log(log)
    last_changed: dict[str, Moment] = {}
    for commit in commits:  # oldest first: the newest commit of a file wins
        for path in commit.files:
            if last_changed.get(path) is None or last_changed[path].timestamp <= commit.moment.timestamp:
                last_changed[path] = commit.moment
    return History(commits=commits, root=root, last_changed=last_changed)
