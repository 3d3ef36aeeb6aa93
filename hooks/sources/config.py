"""The two data files of the source lists: what each source is (``source_lists.yml``, written by
hand) and what was learnt from it (``source_imports.yml``, written by ``python -m hooks.sources``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hooks import paths
from hooks.parse.data_files import DataFileError, Loaded, Problem, display, kinds, load_text, read_text


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


def load_lists(path: Path = paths.SOURCE_LISTS, docs_dir: Path | None = paths.ROOT / "docs") -> SourceLists:
    """Read ``source_lists.yml`` through the data-file loader (its schema in ``schemas.yml``),
    then what it refers to: each source named once, each one followed (``files``) or naming its
    snapshot, and every page it names present in ``docs_dir``. A DataFileError names each line."""
    where = display(path)
    return parse_lists(read_text(Path(path), where, kinds()["source_lists"].size_limit), path, docs_dir)


def parse_lists(text: str, path: Path = paths.SOURCE_LISTS, docs_dir: Path | None = None) -> SourceLists:
    """The source lists of the text of ``source_lists.yml`` (``path``: the file, named in errors;
    ``docs_dir``: where the pages it names must be, None to leave them unchecked)."""
    loaded = _loaded(text, "source_lists", display(path))
    problems = list_problems(loaded, docs_dir)
    if problems:
        raise DataFileError(problems)
    data = loaded.value
    sources = tuple(SourceList(
        name=item["name"], title=item["title"], upstream=item.get("upstream"), licence=item.get("licence"),
        files=tuple(item.get("files") or ()), snapshot=item.get("snapshot"),
        sections={heading: Placement(target["page"], target["heading"])
                  for heading, target in (item.get("sections") or {}).items()},
        pages=tuple(item.get("pages") or ())) for item in data["sources"])
    return SourceLists(sources, tuple(data.get("table_header") or ()), MovedTexts(**(data.get("moved") or {})))


def list_problems(loaded: Loaded, docs_dir: Path | None) -> list[Problem]:
    """What the schema cannot say: a name given twice, a source neither followed nor a snapshot,
    a page that is not in ``docs_dir``."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(loaded.value["sources"]):
        line = loaded.line(("sources", i, "name"))
        if item["name"] in seen:
            problems.append(Problem(loaded.where, line, f"source '{item['name']}' is listed twice (first at line "
                                    f"{seen[item['name']]})", "merge the two, or give one another name"))
        seen.setdefault(item["name"], line)
        if not item.get("files") and not item.get("snapshot"):
            problems.append(loaded.problem(("sources", i), f"source '{item['name']}' has neither files: (a list "
                                           "followed by make import) nor snapshot: (what the site's copy is)",
                                           "add the one it is"))
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("sources", i, "pages", j), page) for j, page in enumerate(item.get("pages") or ())]
        named += [(("sources", i, "sections", heading, "page"), target["page"])
                  for heading, target in (item.get("sections") or {}).items()]
        for at, page in named:
            if docs_dir is not None and not (Path(docs_dir) / page).is_file():
                problems.append(loaded.problem(at, f"page '{page}' of source '{item['name']}' is not in docs/",
                                               "name a page that exists (a path under docs/, e.g. training/peft.md)"))
    return problems


def load_records(path: Path = paths.SOURCE_IMPORTS, lists: SourceLists | None = None) -> dict[str, ImportRecord]:
    """Read ``source_imports.yml`` (empty when no source was imported yet) through the data-file
    loader; with ``lists``, each record must be of a followed source. A DataFileError names each line."""
    if not Path(path).exists():
        return {}
    where = display(path)
    loaded, records = _records(read_text(Path(path), where, kinds()["source_imports"].size_limit), where)
    followed = {source.name for source in lists.sources if source.followed} if lists is not None else set(records)
    unknown = [loaded.problem((), f"'{name}' is not a source of source_lists.yml with files: (a followed list)",
                              "import the source again under its name, or remove its record", key=name)
               for name in records if name not in followed]
    if unknown:
        raise DataFileError(unknown)
    return dict(records)


def load_sources() -> tuple[SourceLists, dict[str, ImportRecord]]:
    """The project's source lists and the records of their imports, checked against each other."""
    lists = load_lists()
    return lists, load_records(lists=lists)


@lru_cache(maxsize=4)
def _loaded(text: str, kind: str, where: str) -> Loaded:
    """A data file's text, parsed and validated once however many steps of a build read it."""
    return load_text(text, kind, where)


@lru_cache(maxsize=4)
def _records(text: str, where: str) -> tuple[Loaded, Mapping[str, ImportRecord]]:
    loaded = _loaded(text, "source_imports", where)
    return loaded, {name: ImportRecord(item["commit"], _day(item["date"]), item["entries"], dict(item["listed"]),
                                       item.get("added", 0)) for name, item in (loaded.value or {}).items()}


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
