"""One import of a source list: read it, plan the change, write it (the command's work)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from hooks import paths
from hooks.index.entry_types import default_entry_types
from hooks.parse.catalog import read_catalog
from hooks.parse.entries import Entry
from hooks.parse.markdown import code_lines
from hooks.sources import history
from hooks.sources.authors import credited_author
from hooks.sources.config import ImportRecord, SourceList, SourceLists, load_lists, load_records, records_text
from hooks.sources.credits import credited_lines
from hooks.sources.plan import ImportPlan, NewEntry, plan_import, unique_entries
from hooks.sources.reading import read_list
from hooks.sources.urls import listed_key, name_key
from hooks.sources.writer import blocks, insert_entries, replace_on_line

TRADITIONAL_SUFFIX = ".zh-Hant.md"
# a line naming a group of links (`学习率(warmup, decay)：`), and a heading linking to a part in another file
LABEL_LINE_RE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?P<name>[^\s\[\]()<>`:：][^\[\]<>`:：]*?)[ \t]*[:：][ \t]*$")
FILE_HEADING_RE = re.compile(r"^#{1,6}[ \t]+\[(?P<name>[^\[\]]+)\]\((?![a-z]+:)[^()\s]+\)[ \t]*$")


@dataclass(frozen=True)
class Project:
    """The files an import reads and writes."""

    docs_dir: Path
    lists_file: Path = paths.SOURCE_LISTS
    records_file: Path = paths.SOURCE_IMPORTS

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")
                      if not p.name.endswith(TRADITIONAL_SUFFIX))


@dataclass(frozen=True)
class SourceVersion:
    """A source list as found at the given path: its files' text and what its history says."""

    texts: dict[str, str]
    commit: str | None
    date: str | None
    listed: dict[str, str]


def read_source(source: SourceList, path: Path) -> SourceVersion:
    """A clone (with history), a folder of the list files, or one Markdown file (without)."""
    path = Path(path)
    if path.is_file():
        return SourceVersion({path.name: path.read_text(encoding="utf-8")}, None, None, {})
    if history.is_clone(path):
        versions = history.versions(path, source.files)
        if versions:
            texts = dict(zip(source.files, versions[-1].texts, strict=True))
            listed = {**history.first_named(versions, source.files, linkless_names), **history.first_listed(versions)}
            return SourceVersion(texts, history.head(path), versions[-1].date, listed)
    texts = {name: (path / name).read_text(encoding="utf-8") for name in source.files if (path / name).is_file()}
    return SourceVersion(texts, None, None, {})


def linkless_names(text: str, file: str) -> list[str]:
    """The name keys of a list file's entries without a link, as the list writes each name and
    as the site does (``标题 @作者`` without its author), and of its label lines: the site lists
    a label over a group of links (``学习率(warmup, decay)：``, as a list item or a line of its
    own) and a heading linking to a part kept in another file (``## [AI基础知识](./ai-base.md)``)
    as a name."""
    names = [title for entry in read_list(text, file).entries if not entry.url
             for title in (entry.title, credited_author(entry.title, entry.note)[0])]
    in_code = code_lines(text)
    lines = [line for number, line in enumerate(text.splitlines()) if number not in in_code]
    labels = [match["name"] for pattern in (LABEL_LINE_RE, FILE_HEADING_RE) for match in map(pattern.match, lines)
              if match]
    return list(dict.fromkeys(name_key(name) for name in [*names, *labels]))


def listed_entries(version: SourceVersion) -> tuple[list[Entry], list[str]]:
    """Every entry of the list files, and the lines read leniently."""
    entries: list[Entry] = []
    repairs: list[str] = []
    for name, text in version.texts.items():
        reading = read_list(text, name)
        entries.extend(reading.entries)
        repairs.extend(reading.repairs)
    return entries, repairs


def site_entries(project: Project) -> tuple[list[Entry], dict[str, tuple[str, ...]]]:
    """The site's entries and the sources each one's section credits."""
    pages = project.pages()
    catalog = read_catalog(project.docs_dir, pages)
    credit_maps = {page: credited_lines((project.docs_dir / page).read_text(encoding="utf-8")) for page in pages}
    credits = {entry.key: credit_maps[entry.page].get(entry.line, ()) for entry in catalog.entries}
    return list(catalog.entries), credits


def new_record(entries: Iterable[Entry], version: SourceVersion, site_keys: Iterable[str] = ()) -> ImportRecord:
    """The record of this version: its entry count, and the first-listed day of every URL (or
    link-less name) it lists or the site credits to it (an address the list has since changed
    keeps its day)."""
    unique = unique_entries(entries)
    keys = {listed_key(entry.url, entry.title) for entry in unique} | set(site_keys)
    listed = {key: day for key, day in version.listed.items() if key in keys}
    return ImportRecord(version.commit, version.date, len(unique), listed)


def prepare(project: Project, name: str, path: Path) -> tuple[ImportPlan, list[str]]:
    """The plan of importing source ``name`` from ``path``, and the lines read leniently."""
    lists = load_lists(project.lists_file, project.docs_dir)
    source = lists.named(name)
    version = read_source(source, path)
    entries, repairs = listed_entries(version)
    site, credits = site_entries(project)
    previous = load_records(project.records_file, lists).get(name)
    site_keys = {listed_key(entry.url, entry.title) for entry in site if name in credits.get(entry.key, ())}
    plan = plan_import(source, entries, site, credits, new_record(entries, version, site_keys), previous,
                       default_entry_types().supporting_titles)
    added = len(plan.placed)
    if not added and previous is not None and previous.commit == plan.record.commit:
        added = previous.added  # the same version again: it brought what it brought the first time
    return replace(plan, record=replace(plan.record, added=added)), repairs


def page_changes(project: Project, plan: ImportPlan, lists: SourceLists) -> dict[str, str]:
    """Page → its new text, for every page that gains entries: lines rewritten in place first
    (line numbers still hold), then new entries added to their sections."""
    texts: dict[str, str] = {}
    supporting = default_entry_types().supporting_titles
    for new, site in plan.replacing:
        page = site.page
        text = texts.get(page) or (project.docs_dir / page).read_text(encoding="utf-8")
        changed = replace_on_line(text, new, site, supporting, lists.moved)
        if changed is not None:
            texts[page] = changed
    groups: dict[tuple[str, str], list[NewEntry]] = {}
    for new, placement in plan.placed:
        groups.setdefault((placement.page, placement.heading), []).append(new)
    for (page, heading), entries in groups.items():
        text = texts.get(page) or (project.docs_dir / page).read_text(encoding="utf-8")
        texts[page] = insert_entries(text, page, heading, plan.source, blocks(entries, lists.table_header))
    return texts


def apply(project: Project, plan: ImportPlan) -> list[Path]:
    """Write the plan: pages first, then the record. Returns the files written."""
    written = []
    lists = load_lists(project.lists_file, project.docs_dir)
    for page, text in page_changes(project, plan, lists).items():
        target = project.docs_dir / page
        target.write_text(text, encoding="utf-8")
        written.append(target)
    if plan.changes_record:
        records = load_records(project.records_file, lists)
        records[plan.source.name] = plan.record
        project.records_file.write_text(records_text(records), encoding="utf-8")
        written.append(project.records_file)
    return written
