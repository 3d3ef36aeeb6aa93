"""What a source list's git history says: the imported commit, and the day each URL was first
listed (the first commit on the main line whose list files contain it); for an entry without a
link, the first commit whose list names it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hooks.freshness.history import REPAIR_HINT, git_reason
from hooks.sources.urls import normalize_url

URL_RE = re.compile(r"https?://[^\s()<>\[\]\"'`，。；、：！？（）【】「」]+")
TRAILING = ".,;:!?。，；：！？、"


@dataclass(frozen=True)
class Version:
    """The list files as one commit left them."""

    commit: str
    date: str  # YYYY-MM-DD, the commit's (committer) date
    texts: tuple[str, ...]


class GitFailed(Exception):
    """git could not read the source's clone; the message is one line with git's own words."""


def _git(repo: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], input=input_bytes, capture_output=True,
                              check=True).stdout
    except subprocess.CalledProcessError as error:
        error.stderr = (error.stderr or b"").decode("utf-8", errors="replace")
        raise GitFailed(f"{repo}: git {args[0]} failed: {git_reason(error)} — {REPAIR_HINT}") from None


def is_clone(path: Path) -> bool:
    """True if ``path`` is the top of a git work tree (or a bare repository)."""
    if not Path(path).is_dir():
        return False
    try:
        return bool(_git(Path(path), "rev-parse", "--git-dir").strip())
    except (GitFailed, FileNotFoundError):
        return False


def head(repo: Path) -> str:
    """The full hash of the clone's checked-out commit."""
    return _git(repo, "rev-parse", "HEAD").decode().strip()


def versions(repo: Path, files: Iterable[str]) -> list[Version]:
    """Every main-line commit that changed one of ``files``, oldest first, with their text."""
    files = list(files)
    log = _git(repo, "log", "--first-parent", "--reverse", "--format=%H %cs", "HEAD", "--", *files)
    commits = [line.split() for line in log.decode().splitlines() if line.strip()]
    requests = "".join(f"{commit}:{file}\n" for commit, _ in commits for file in files).encode()
    blobs = iter(_cat_files(repo, requests))
    return [Version(commit, date, tuple(next(blobs) for _ in files)) for commit, date in commits]


def _cat_files(repo: Path, requests: bytes) -> Iterator[str]:
    """The text of each ``commit:path`` asked for ("" for a file the commit does not have).

    git answers ``missing`` both for a path the commit does not have and for a file whose
    content the clone lacks (a blobless clone without its remote, a damaged one); the second
    would silently date entries wrong, so each ``missing`` is checked against the commit's tree."""
    out = _git(repo, "cat-file", "--batch", input_bytes=requests)
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            if header[-1:] == [b"missing"]:
                _check_absent(repo, header[0].decode("utf-8", errors="replace"))
            yield ""
            continue
        size = int(header[2])
        yield out[at:at + size].decode("utf-8", errors="replace")
        at += size + 1


def _check_absent(repo: Path, request: str) -> None:
    """Raise :class:`GitFailed` when the commit's tree lists ``commit:path`` although git cannot
    read its content."""
    commit, _, path = request.partition(":")
    listed = _git(repo, "ls-tree", "--name-only", commit, "--", path).decode("utf-8", errors="replace").split("\n")
    if path in listed:
        raise GitFailed(f"{repo}: git cat-file failed: the content of {path} at commit {commit} is missing "
                        f"from this clone — {REPAIR_HINT}")


def urls_in(text: str) -> set[str]:
    """The normalised URLs written anywhere in a text."""
    return {normalize_url(m.rstrip(TRAILING)) for m in URL_RE.findall(text)}


def first_listed(history: Iterable[Version]) -> dict[str, str]:
    """Normalised URL → the date of the first version whose files contain it."""
    dates: dict[str, str] = {}
    for version in history:
        for url in urls_in("\n".join(version.texts)):
            dates.setdefault(url, version.date)
    return dates


def first_named(history: Iterable[Version], files: Sequence[str],
                names_in: Callable[[str, str], Iterable[str]]) -> dict[str, str]:
    """Name key → the date of the first version whose files list a link-less entry of that name.

    ``names_in(text, file)`` gives the name keys of one file's link-less entries."""
    dates: dict[str, str] = {}
    for version in history:
        for file, text in zip(files, version.texts, strict=True):
            for key in names_in(text, file):
                dates.setdefault(key, version.date)
    return dates
