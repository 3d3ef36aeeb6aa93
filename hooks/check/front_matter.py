"""The YAML block between the two `---` lines at the top of a page."""

from __future__ import annotations

import re
from typing import Any

from .findings import Finding
from hooks.parse.markdown import FRONT_MATTER_OPENING_RE, Source
from .plain_text import check_text
from .yaml_strict import YamlProblem, load

KINDS = ("article", "page")
TEXT_KEYS = ("title", "description")


def _key_line(yaml_text: str, key: str) -> int:
    """Line (within the YAML text, 1-based) where a top-level key is written."""
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1


def check_front_matter(source: Source) -> tuple[dict[str, Any] | None, list[Finding]]:
    """(the front matter as a mapping, or None if unreadable; the problems found)."""
    found = source.front_matter
    if found is None:
        if FRONT_MATTER_OPENING_RE.match(source.text):
            return None, [Finding(source.path, 1, "the front matter is never closed (no second '---' line), "
                                  "so the page would show it as text and lose its title",
                                  "end the front matter with a line holding only ---", "front-matter")]
        return {}, []
    yaml_text, offset = found
    first = source.line(offset)  # the line after the opening ---

    def at(line: int, reason: str, fix: str) -> Finding:
        return Finding(source.path, first + line - 1, reason, fix, "front-matter")

    try:
        meta = load(yaml_text)
    except YamlProblem as exc:
        return None, [at(exc.line, f"front matter: {exc.reason}; MkDocs would show it as text and drop "
                         "the title and description", exc.fix)]
    if meta is None:
        return {}, []
    if not isinstance(meta, dict):
        return None, [at(1, "front matter is not a mapping", "write key: value lines (title: …, description: …)")]
    problems = []
    for key in TEXT_KEYS:
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(at(_key_line(yaml_text, key), f"front matter '{key}' must be a non-empty text",
                               f"write {key}: 一句话 (quote it if it starts with a symbol)"))
        elif key in meta:
            problems += check_text(source.path, first + _key_line(yaml_text, key) - 1, meta[key], f"a page {key}")
    if "kind" in meta and meta["kind"] not in KINDS:
        problems.append(at(_key_line(yaml_text, "kind"), f"unknown page kind '{meta['kind']}'",
                           "use kind: article (long article) or kind: page (no entries); "
                           "section pages have no kind"))
    return (None if problems else meta), problems
