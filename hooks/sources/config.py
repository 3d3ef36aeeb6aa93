"""The two data files of the source lists: what each source is (``source_lists.yml``, written by
hand) and what was learnt from it (``source_imports.yml``, written by ``python -m hooks.sources``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hooks import paths
from hooks.parse import yaml_text


@dataclass(frozen=True)
class Placement:
    """Where a source heading's new entries go: a site page and a heading on it."""

    page: str
    heading: str


@dataclass(frozen=True)
class SourceList:
    """One source list as ``source_lists.yml`` describes it."""

    name: str  # also its anchor on 来源与致谢
    title: str
    upstream: str | None = None
    licence: str | None = None
    files: tuple[str, ...] = ()
    snapshot: str | None = None  # what the site's copy is, for a source without history
    sections: Mapping[str, Placement] = field(default_factory=dict)
    pages: tuple[str, ...] = ()  # pages that are this source as a whole (no 收录自 line)

    @property
    def followed(self) -> bool:
        """True if the source is imported from its upstream (it has list files)."""
        return bool(self.files)


@dataclass(frozen=True)
class MovedTexts:
    """How a moved address keeps its old link: the old supporting link's title, and the note
    (``{link}`` is the old link) of an article the source moved."""

    code_title: str = "配套代码（原地址）"
    article_note: str = "原地址：{link}"


@dataclass(frozen=True)
class SourceLists:
    """Every source, the header of the tables new supporting links are written in, and the
    wording of moved addresses."""

    sources: tuple[SourceList, ...]
    table_header: tuple[str, ...]
    moved: MovedTexts = MovedTexts()

    def named(self, name: str) -> SourceList:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources if s.followed)
        raise KeyError(f"no source named '{name}' in source_lists.yml (followed sources: {known})")


@dataclass(frozen=True)
class ImportRecord:
    """What the last import of a source found."""

    commit: str | None
    date: str | None  # the day the imported version of the list was last changed
    entries: int
    listed: Mapping[str, str]  # normalised URL (or ``name:`` key of a link-less entry) → the day the list first held it
    added: int = 0  # entries this version brought to the site

    def as_data(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.date, "entries": self.entries, "added": self.added,
                "listed": dict(sorted(self.listed.items(), key=lambda item: (item[1], item[0])))}


class SourceListsError(ValueError):
    """A data file of the source lists that cannot be read: ``file:line: reason — fix``."""


def _display(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def _read_yaml(path: Path, text: str | None = None) -> Any:
    """The YAML of a file (``text``: its text, already read)."""
    try:
        return yaml_text.safe_load(Path(path).read_text(encoding="utf-8") if text is None else text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise SourceListsError(f"{_display(path)}:{line}: not valid YAML ({getattr(error, 'problem', error)})"
                               " — fix the YAML at that line") from None


def load_lists(path: Path = paths.SOURCE_LISTS) -> SourceLists:
    """Read ``source_lists.yml``."""
    return parse_lists(Path(path).read_text(encoding="utf-8"), path)


def parse_lists(text: str, path: Path = paths.SOURCE_LISTS) -> SourceLists:
    """The source lists of the text of ``source_lists.yml`` (``path``: the file, named in errors)."""
    data = _read_yaml(path, text) or {}
    sources = []
    for number, item in enumerate(data.get("sources") or [], start=1):
        try:
            sections = {str(heading): Placement(str(target["page"]), str(target["heading"]))
                        for heading, target in (item.get("sections") or {}).items()}
            sources.append(SourceList(
                name=str(item["name"]), title=str(item["title"]), upstream=item.get("upstream"),
                licence=item.get("licence"), files=tuple(item.get("files") or ()),
                snapshot=item.get("snapshot"), sections=sections, pages=tuple(item.get("pages") or ())))
        except (KeyError, TypeError, AttributeError) as error:
            raise SourceListsError(
                f"{_display(path)}:1: source {number} lacks {error} or is not a mapping"
                " — give every source a name and a title, and sections as heading: {page: …, heading: …}") from None
    moved = data.get("moved") or {}
    return SourceLists(tuple(sources), tuple(data.get("table_header") or ()),
                       MovedTexts(**{key: str(value) for key, value in moved.items()}))


def load_records(path: Path = paths.SOURCE_IMPORTS) -> dict[str, ImportRecord]:
    """Read ``source_imports.yml`` (empty when no source was imported yet)."""
    if not Path(path).exists():
        return {}
    data = _read_yaml(path) or {}
    return {
        str(name): ImportRecord(item.get("commit"), _day(item.get("date")), int(item.get("entries") or 0),
                                {str(url): str(day) for url, day in (item.get("listed") or {}).items()
                                 if day is not None},
                                int(item.get("added") or 0))
        for name, item in data.items()
    }


def _day(value: Any) -> str | None:
    return None if value is None else str(value)


RECORDS_HEADER = ("# Written by `python -m hooks.sources` (make import): per source list, the imported\n"
                  "# commit, the day that version was last changed, its entry count, how many entries it\n"
                  "# brought to the site, and the day the list first held each URL (normalised; the\n"
                  "# URLs of its current list and of the site's entries credited to it) or, for an\n"
                  "# entry without a link, its name (name: and the name without case or spaces).\n"
                  "# Do not edit by hand: import again.\n")


def records_text(records: Mapping[str, ImportRecord]) -> str:
    """``source_imports.yml`` as written: sources by name, listed URLs by date."""
    data = {name: records[name].as_data() for name in sorted(records)}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return RECORDS_HEADER + body
