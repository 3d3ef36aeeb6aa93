"""Where the checked URLs come from: the external links of the pages under ``docs/``.

``collect_urls`` is the one place that knows; it can be swapped for the catalog's entries
(``.url``, ``.page``, ``.line``) without touching the checker, the data file or the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks.file_texts import FILES
from hooks.parse.markdown import Source


@dataclass(frozen=True)
class UrlSource:
    """One occurrence of an external URL: the URL, the page (relative to docs/) and its line."""

    url: str
    page: str
    line: int


def collect_urls(docs_dir: Path) -> list[UrlSource]:
    """Every external http(s) link of ``docs_dir/**/*.md`` (outside code), by page then line;
    a file that cannot be read as UTF-8 is skipped (the content check names it)."""
    found: list[UrlSource] = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        try:
            text = FILES.read_text(path, "utf-8-sig")
        except (UnicodeDecodeError, OSError):  # the content check reports it with its line
            continue
        source = Source(page, page, text)
        for link in source.external_links:
            assert link.span is not None  # external_links keeps only destinations written out
            found.append(UrlSource(link.dest, page, source.line(link.span[0])))
    return found


def unique_urls(sources: list[UrlSource]) -> list[str]:
    """The distinct URLs of ``sources``, sorted."""
    return sorted({source.url for source in sources})


def read_url_list(path: Path) -> list[str]:
    """URLs from a text file, one a line; blank lines and ``#`` comments are skipped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def unreadable_pages(docs_dir: Path) -> dict[str, tuple[int, str]]:
    """Pages of ``docs_dir`` that cannot be read as UTF-8: page → (line, reason). Their links are
    unknown, so the records of the URLs they may hold must be kept, and the page named."""
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        try:
            raw = path.read_bytes()
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            found[page] = (raw[:exc.start].count(b"\n") + 1, f"not valid UTF-8 (byte {exc.start})")
        except OSError as exc:
            found[page] = (1, f"cannot be read ({exc.strerror or type(exc).__name__})")
    return found
