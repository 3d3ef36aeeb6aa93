"""Update permanently moved links in the Markdown pages, in place, for review with ``git diff``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hooks.links.policy import is_plausible_move
from hooks.links.status_file import LinkRecord
from hooks.parse.markdown import Source


def moves_from_status(status_data: Mapping[str, LinkRecord]) -> tuple[dict[str, str], dict[str, str]]:
    """(old URL → new URL) for links that moved permanently, and the moves held back for a human:
    a page redirected to a site's bare home page is more likely gone than moved."""
    moves: dict[str, str] = {}
    doubtful: dict[str, str] = {}
    for url, record in status_data.items():
        if record.is_moved and record.moved_to:
            (moves if is_plausible_move(url, record.moved_to) else doubtful)[url] = record.moved_to
    return moves, doubtful


def rewrite_text(text: str, moves: Mapping[str, str]) -> tuple[str, int]:
    """The page text with moved link URLs replaced (never inside code); and how many were."""
    parts: list[str] = []
    last = count = 0
    for link in Source("", "", text).external_links:
        target = moves.get(link.dest)
        if target is None or target == link.dest:
            continue
        start, end = link.span
        parts += [text[last:start], target]
        last = end
        count += 1
    parts.append(text[last:])
    return "".join(parts), count


def rewrite_pages(docs_dir: Path, moves: Mapping[str, str]) -> dict[str, int]:
    """Rewrite every ``docs_dir/**/*.md`` in place; replacements per page (relative path)."""
    changed: dict[str, int] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        new_text, count = rewrite_text(text, moves)
        if count:
            path.write_text(new_text, encoding="utf-8")
            changed[path.relative_to(docs_dir).as_posix()] = count
    return changed
