"""A source list's entries, read with the site's own entry parser.

Upstream lists are written more loosely than the site's pages (a bare URL after a label, an
empty link ``[标题]()``). Each such line is read the way its author meant it before the parser
sees it again; a line that cannot be read is left out and reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.parse.catalog import heading_slugify
from hooks.parse.entries import Entry, EntryError, parse_entries

BARE_URL_RE = re.compile(r"(?<![(<\[])https?://[^\s()<>\[\]\"'`，。；、]+")
LABELLED_URL_RE = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d{1,9}[.)])\s+)(?P<label>[^\[\]]+?)\s*[:：]\s*"
                             r"(?P<url>https?://[^\s()<>\[\]]+)\s*$")
EMPTY_LINK_RE = re.compile(r"\[(?P<label>[^\[\]]+)\]\(\s*\)")
EMPTY_TEXT_RE = re.compile(r"\[\s*\]\((?P<url>[^)\s]+)\)")
MAX_REPAIRS = 2000
LABEL_ENDINGS = (":", "：")


@dataclass(frozen=True)
class SourceReading:
    """The entries of one list file and what had to be read leniently (``file:line: what``)."""

    entries: tuple[Entry, ...]
    repairs: tuple[str, ...]


def repair_line(line: str, reason: str) -> tuple[str, str] | None:
    """The line as its author meant it and what was done, or None if it cannot be read."""
    if reason.startswith("empty URL"):
        return EMPTY_LINK_RE.sub(lambda m: m["label"], line), "empty link read as a name without link"
    if reason.startswith("empty link text"):
        return EMPTY_TEXT_RE.sub(lambda m: f"[{m['url']}]({m['url']})", line), "link without text titled by its URL"
    if reason.startswith("bare URL"):
        labelled = LABELLED_URL_RE.match(line)
        if labelled:
            label = labelled["label"].strip().replace("[", "\\[").replace("]", "\\]")
            return f"{labelled['lead']}[{label}]({labelled['url']})", "label: URL read as a link"
        return BARE_URL_RE.sub(lambda m: f"[{m[0]}]({m[0]})", line), "bare URL read as a link"
    return None


def read_list(markdown: str, name: str) -> SourceReading:
    """Every entry of a source list file (``name`` is the file name used in reports)."""
    lines = markdown.splitlines()
    repairs: list[str] = []
    for _ in range(MAX_REPAIRS):
        try:
            entries = parse_entries("\n".join(lines), name, slugify=heading_slugify)
        except EntryError as error:
            _repair(lines, error, name, repairs)
            continue
        labels = [e for e in entries if not e.url and not e.note and e.title.endswith(LABEL_ENDINGS)]
        repairs += [f"{name}:{e.line}: '{e.title}' read as a group label, not an entry" for e in labels]
        return SourceReading(tuple(e for e in entries if e not in labels), tuple(repairs))
    raise RuntimeError(f"{name}: more than {MAX_REPAIRS} lines to repair")


def _repair(lines: list[str], error: EntryError, name: str, repairs: list[str]) -> None:
    """Rewrite (or blank) the line an error names, noting what was done."""
    index = error.line - 1
    reason = str(error).split(": ", 1)[1]
    if reason.startswith("unclosed '['") and index + 1 < len(lines) and lines[index + 1].strip():
        lines[index:index + 2] = [lines[index] + " " + lines[index + 1].strip(), ""]
        repairs.append(f"{name}:{error.line}: link text continued on the next line joined")
        return
    repaired = repair_line(lines[index], reason) if 0 <= index < len(lines) else None
    if repaired is None or repaired[0] == lines[index]:
        repairs.append(f"{name}:{error.line}: left out, {reason}")
        if 0 <= index < len(lines):
            lines[index] = ""
        else:
            raise RuntimeError(str(error))
    else:
        lines[index] = repaired[0]
        repairs.append(f"{name}:{error.line}: {repaired[1]}")
