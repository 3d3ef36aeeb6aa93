"""Update permanently moved links in the Markdown pages, in place, for review with ``git diff``.

Only safe moves are applied (``policy.move_concern``: same registrable domain, never from https
to http, never into credentials, never a deep page to a home page); every other move is listed
for a person to judge. A link's ``#fragment`` stays on its new address. ``plan_pages`` says what
would change (page, line, old → new) without writing; ``apply_plan`` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from hooks.links.policy import move_concern
from hooks.links.status_file import LinkRecord
from hooks.parse.markdown import Source


@dataclass(frozen=True)
class Move:
    """A permanent move found by the check, and why it needs review (None: safe to apply)."""

    target: str
    concern: str | None = None


@dataclass(frozen=True)
class Rewrite:
    """One link of one page and its new address; ``concern`` set when it is held for review."""

    page: str
    line: int
    old: str
    new: str
    span: tuple[int, int]
    concern: str | None = None


def moves_from_status(status_data: Mapping[str, LinkRecord]) -> dict[str, Move]:
    """Old URL → its move, for every link that moved permanently, judged by ``move_concern``."""
    return {url: Move(record.moved_to, move_concern(url, record.moved_to))
            for url, record in status_data.items() if record.is_moved and record.moved_to}


def keep_fragment(old: str, new: str) -> str:
    """``new`` with the ``#fragment`` of ``old`` when ``new`` has none of its own."""
    fragment = old.partition("#")[2]
    if not fragment or "#" in new:
        return new
    try:
        httpx.URL(new)
    except (ValueError, httpx.InvalidURL):
        return new
    return f"{new}#{fragment}"


def plan_text(page: str, text: str, moves: Mapping[str, Move]) -> list[Rewrite]:
    """The moved links of one page's text (never inside code), in order."""
    source = Source(page, page, text)
    found: list[Rewrite] = []
    for link in source.external_links:
        move = moves.get(link.dest)
        if move is None or link.span is None:
            continue
        new = keep_fragment(link.dest, move.target)
        if new != link.dest:
            found.append(Rewrite(page, source.line(link.span[0]), link.dest, new, link.span, move.concern))
    return found


def apply_text(text: str, rewrites: Iterable[Rewrite]) -> str:
    """The text with each safe rewrite's span replaced by its new address."""
    parts: list[str] = []
    last = 0
    for rewrite in sorted(rewrites, key=lambda r: r.span):
        if rewrite.concern is None:
            start, end = rewrite.span
            parts += [text[last:start], rewrite.new]
            last = end
    parts.append(text[last:])
    return "".join(parts)


def rewrite_text(text: str, moves: Mapping[str, Move]) -> tuple[str, int]:
    """The page text with its safe moves applied, and how many links changed."""
    plan = [rewrite for rewrite in plan_text("", text, moves) if rewrite.concern is None]
    return apply_text(text, plan), len(plan)


@dataclass
class PagesPlan:
    """What a rewrite of the pages would do: links per page (and the text they were found in),
    and pages that could not be read."""

    rewrites: dict[str, list[Rewrite]]
    unreadable: dict[str, str]
    texts: dict[str, str]

    @property
    def safe(self) -> list[Rewrite]:
        return [r for items in self.rewrites.values() for r in items if r.concern is None]

    @property
    def held(self) -> list[Rewrite]:
        return [r for items in self.rewrites.values() for r in items if r.concern is not None]


def plan_pages(docs_dir: Path, moves: Mapping[str, Move]) -> PagesPlan:
    """The rewrites of every ``docs_dir/**/*.md`` (relative paths), nothing written."""
    plan = PagesPlan({}, {}, {})
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError) as exc:
            plan.unreadable[page] = f"{type(exc).__name__}: {exc}"
            continue
        if found := plan_text(page, text, moves):
            plan.rewrites[page] = found
            plan.texts[page] = text
    return plan


def apply_plan(docs_dir: Path, plan: PagesPlan) -> dict[str, int]:
    """Write the safe rewrites of ``plan`` (each page atomically); links changed per page."""
    changed: dict[str, int] = {}
    for page, rewrites in plan.rewrites.items():
        safe = [r for r in rewrites if r.concern is None]
        if not safe:
            continue
        path = docs_dir / page
        tmp = path.with_name(path.name + ".linkfix.tmp")
        tmp.write_text(apply_text(plan.texts[page], safe), encoding="utf-8")
        tmp.replace(path)
        changed[page] = len(safe)
    return changed


def rewrite_pages(docs_dir: Path, moves: Mapping[str, Move]) -> dict[str, int]:
    """Apply the safe moves to every page in place; links changed per page."""
    return apply_plan(docs_dir, plan_pages(docs_dir, moves))
