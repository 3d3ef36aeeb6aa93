"""New entries written into the site's pages as the pages write them (pure text functions)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from hooks.parse.catalog import CREDIT_RE
from hooks.parse.entries import NOTE_SEPARATOR, Entry
from hooks.sources.authors import credited_author
from hooks.sources.config import MovedTexts, SourceList
from hooks.sources.credits import CREDIT_PREFIX, credited_lines, is_credit_line
from hooks.sources.plan import NewEntry

SOURCES_PAGE = "about/sources.md"
CREDIT_JOINER = "、"
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+\{[^}]*\})?[ \t]*#*[ \t]*$")
LIST_LINE_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<])")


def escape(text: str, in_table: bool = False) -> str:
    """Plain text as Markdown that reads back as the same text."""
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return text.replace("|", "\\|") if in_table else text


def link(title: str, url: str, in_table: bool = False) -> str:
    target = f"<{url}>" if re.search(r"[\s()<>]", url) else url
    return f"[{escape(title, in_table)}]({target})"


def address(entry: Entry) -> str:
    """The URL of an entry that is a link: every entry sharing a source line with a supporting
    link (配套代码) and every entry written over a site entry comes from a link."""
    assert entry.url is not None, f"{entry.page}:{entry.line}: {entry.title} is not a link"
    return entry.url


def list_item(new: NewEntry) -> str:
    entry = new.entry
    title, note = credited_author(entry.title, entry.note)
    head = link(title, entry.url) if entry.url else escape(title)
    return f"- {head}{NOTE_SEPARATOR}{escape(note)}" if note else f"- {head}"


def table_rows(group: Sequence[NewEntry]) -> list[str]:
    """One row per article of a source table row; its supporting links beside the last one."""
    articles = [n for n in group if not n.supporting]
    supporting = " ".join(link(n.entry.title, address(n.entry), True) for n in group if n.supporting)
    rows = []
    for index, new in enumerate(articles or group[:1]):
        code = supporting if index == len(articles) - 1 or not articles else "N/A"
        first = link(new.entry.title, address(new.entry), True) if articles else "N/A"
        rows.append(f"| {first} | {code} | {escape(new.entry.note, True)} |")
    return rows


def blocks(entries: Sequence[NewEntry], table_header: Sequence[str]) -> list[str]:
    """Markdown blocks for one section's new entries: list items, then a table for the source
    rows that carry a supporting link (配套代码)."""
    by_line: dict[int, list[NewEntry]] = {}
    for new in entries:
        by_line.setdefault(new.entry.line, []).append(new)
    items: list[str] = []
    rows: list[str] = []
    for group in by_line.values():
        if any(n.supporting for n in group):
            rows.extend(table_rows(group))
        else:
            items.extend(list_item(n) for n in group)
    out = []
    if items:
        out.append("\n".join(items))
    if rows:
        header = list(table_header)
        out.append("\n".join([f"| {' | '.join(header)} |", "| " + " | ".join("---" for _ in header) + " |", *rows]))
    return out


@dataclass(frozen=True)
class _Section:
    start: int  # index of the heading line
    end: int  # index of the next heading (of any level): entries go under this heading itself
    level: int


def _find_section(lines: list[str], heading: str) -> _Section | None:
    for index, line in enumerate(lines):
        match = HEADING_RE.match(line)
        if match and match["text"].strip() == heading:
            level = len(match["hashes"])
            end = next((j for j in range(index + 1, len(lines)) if HEADING_RE.match(lines[j])), len(lines))
            return _Section(index, end, level)
    return None


def credit_link(page: str, source: SourceList) -> str:
    target = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(page) or ".")
    return f"[{source.title}]({target}#{source.name})"


def insert_entries(markdown: str, page: str, heading: str, source: SourceList, new_blocks: Iterable[str]) -> str:
    """The page with the blocks added under ``heading``, before its first subheading (a new second-level
    section at the end of the page when there is none), its credit line naming the source."""
    new_blocks = list(new_blocks)
    lines = markdown.rstrip("\n").split("\n")
    section = _find_section(lines, heading)
    credit = credit_link(page, source)
    if section is None:
        lines += ["", f"## {heading}", "", CREDIT_PREFIX + credit]
        section = _Section(len(lines) - 4, len(lines), 2)
    else:
        lines = _credit(lines, section, credit, source.name)
        section = _find_section(lines, heading)
        assert section is not None, "the credit line leaves the heading in place"
    end = section.end
    while end > section.start + 1 and not lines[end - 1].strip():
        end -= 1
    added: list[str] = []
    previous = lines[end - 1] if end > section.start + 1 else ""
    for block in new_blocks:
        # list items right after a list continue it: a blank line between would make one
        # loose list of both, whose items Markdown wraps in paragraphs
        joins = block.startswith("- ") and LIST_LINE_RE.match(previous)
        added += [block] if joins else ["", block]
        previous = block.rsplit("\n", 1)[-1]
    lines[end:end] = added + ([""] if end < len(lines) and lines[end].strip() else [])
    return "\n".join(lines).rstrip("\n") + "\n"


def _credit(lines: list[str], section: _Section, credit: str, name: str) -> list[str]:
    """Name the source on the section's credit line. A section without a line of its own gets
    one after its heading naming what it takes from its parent section too (its entries stay
    credited to their sources), unless that already names the source."""
    for index in range(section.start + 1, section.end):
        if is_credit_line(lines[index]):
            if f"sources.md#{name})" not in lines[index]:
                lines[index] = lines[index].rstrip() + CREDIT_JOINER + credit
            return lines
    inherited = _inherited_credit(lines, section)
    if f"sources.md#{name})" in inherited:
        return lines
    line = CREDIT_PREFIX + (inherited + CREDIT_JOINER if inherited else "") + credit
    return lines[:section.start + 1] + ["", line] + lines[section.start + 1:]


def _inherited_credit(lines: list[str], section: _Section) -> str:
    """The links of the credit line the section takes from its parent ("" for none)."""
    names = credited_lines("\n".join(lines)).get(section.start + 1, ())
    for index in range(section.start - 1, -1, -1) if names else ():
        if is_credit_line(lines[index]) and tuple(CREDIT_RE.findall(lines[index])) == names:
            return lines[index].strip().partition(CREDIT_PREFIX)[2]
    return ""


LINK_RE = re.compile(r"\[(?P<label>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]*)\)")
ITEM_RE = re.compile(
    r"^(?P<lead>[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?P<head>.*?)(?P<rest>" + re.escape(NOTE_SEPARATOR) + r".*)?$"
)
NOT_APPLICABLE_CELL = re.compile(r"\|[ \t]*N/A[ \t]*(?=\|)")


def replace_on_line(
    markdown: str, new: NewEntry, site: Entry, supporting_titles: frozenset[str], texts: MovedTexts
) -> str | None:
    """The page with ``new`` written on the line of ``site``, the entry it replaces: a link-less name gains
    its link (its note kept); an article the source moved, or its supporting link (配套代码),
    gains the new address and keeps the old one beside it. None when the line does not have the
    expected shape."""
    lines = markdown.split("\n")
    index = site.line - 1
    line = lines[index]
    entry = new.entry
    url = address(entry)
    if new.supporting:
        in_table = line.lstrip().startswith("|")
        links = [m for m in LINK_RE.finditer(line) if m["label"] in supporting_titles]
        if links:
            m = links[0]
            old = link(texts.code_title, m["url"].strip("<>"), in_table)
            lines[index] = line[:m.start()] + link(entry.title, url, in_table) + " " + old + line[m.end():]
        elif in_table and NOT_APPLICABLE_CELL.search(line):
            lines[index] = NOT_APPLICABLE_CELL.sub(lambda _: f"| {link(entry.title, url, True)} ", line, count=1)
        else:
            return None
        return "\n".join(lines)
    if site.url:  # the source moved the article: the new address, the old one in the note
        moved = [m for m in LINK_RE.finditer(line) if m["url"].strip("<>") == site.url]
        item = ITEM_RE.match(line)
        if not moved or not item or line.lstrip().startswith("|"):
            return None
        m = moved[0]
        target = f"<{url}>" if re.search(r"[\s()<>]", url) else url
        line = line[:m.start("url")] + target + line[m.end("url"):]
        host = urlsplit(site.url).hostname or site.url
        old = texts.article_note.format(link=link(host, site.url))
        lines[index] = line + (f"（{old}）" if item["rest"] else NOTE_SEPARATOR + old)
        return "\n".join(lines)
    item = ITEM_RE.match(line)
    if not item:
        return None
    lines[index] = item["lead"] + link(entry.title, url) + (item["rest"] or "")
    return "\n".join(lines)
