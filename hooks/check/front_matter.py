"""The YAML block between the two `---` lines at the top of a page: read by the data-file
loader (bounded, no repeated key) and checked against its schema (``front_matter`` in
``hooks/data/schemas.yml``: every key the site or the theme reads, with its type; a template or
icon only from a reviewed list)."""

from __future__ import annotations

from typing import Any

from hooks.parse.data_files import DataFileError, kinds, parse_yaml, validate
from hooks.parse.markdown import FRONT_MATTER_OPENING_RE, Source

from .findings import Finding
from .plain_text import check_text

KIND = "front_matter"
TEXT_KEYS = ("title", "description", "subtitle")
AS_TEXT = "; MkDocs would show it as text and drop the title and description"


def check_front_matter(source: Source) -> tuple[dict[str, Any] | None, list[Finding]]:
    """(the front matter as a mapping, or None if unusable; the problems found)."""
    found = source.front_matter
    if found is None:
        if FRONT_MATTER_OPENING_RE.match(source.text):
            return None, [Finding(source.path, 1, "the front matter is never closed (no second '---' line), "
                                  "so the page would show it as text and lose its title",
                                  "end the front matter with a line holding only ---", "front-matter")]
        return {}, []
    yaml_text, offset = found
    first = source.line(offset)  # the line after the opening ---
    kind = kinds()[KIND]
    if len(yaml_text.encode("utf-8")) > kind.size_limit:
        return None, [Finding(source.path, first, f"the front matter is larger than {kind.size_limit} bytes",
                              "keep only title, description and the few keys the page needs", "front-matter")]
    try:
        loaded = parse_yaml(yaml_text, source.path, first)
    except DataFileError as exc:
        return None, [Finding(source.path, p.line, f"front matter: {p.reason}{AS_TEXT}", p.fix, "front-matter")
                      for p in exc.problems]
    meta = loaded.value
    if meta is None:
        return {}, []
    problems = [Finding(source.path, p.line, f"front matter: {p.reason}", p.fix, "front-matter")
                for p in validate(loaded, kind)]
    if problems:
        return None, problems
    for key in TEXT_KEYS:
        if key in meta:
            problems += check_text(source.path, loaded.line((key,)), meta[key], f"a page {key}")
    return (None if problems else meta), problems
