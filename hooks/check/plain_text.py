"""Titles, descriptions, navigation titles, glossary terms and topic names are plain text.

Every such string reaches the theme's templates, which print it as given; the build escapes it
(hooks/publish/text.py), and this check refuses markup at the source so that nobody is surprised
to see `<b>` shown literally.
"""

from __future__ import annotations

import re
from pathlib import Path

from .findings import Finding

MARKUP_RE = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
FIX = "write plain text (no tags, no &entities;); the site shows it exactly as written"


def markup_in(text: str) -> str | None:
    """The first piece of markup in the text, if any."""
    m = MARKUP_RE.search(text)
    return text[m.start():m.start() + 12] if m else None


def check_text(display: str, line: int, text: str, what: str = "a title") -> list[Finding]:
    found = markup_in(text)
    if found is None:
        return []
    return [Finding(display, line, f"HTML is not allowed in {what} ('{found}…')", FIX, "plain-text")]


def check_text_file(path: Path, display: str, what: str) -> list[Finding]:
    """Every line of a data file whose strings are shown as text (comments skipped)."""
    problems = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.lstrip().startswith("#"):
            problems += check_text(display, number, line, what)
    return problems
