"""Entry types (论文, 代码, 视频 …) from an entry's link, by the rules of ``entry_types.yml``,
and which links only support the article beside them (配套代码). Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hooks import paths
from hooks.parse.data_files import DataFileError, Loaded, Problem, load


@dataclass(frozen=True)
class EntryType:
    slug: str
    name: str


@dataclass(frozen=True)
class _Rule:
    kind: EntryType
    hosts: frozenset[str]
    host_suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]

    def matches(self, host: str, path: str) -> bool:
        if self.suffixes and not path.lower().endswith(self.suffixes):
            return False
        if (self.hosts or self.host_suffixes) and host not in self.hosts and not host.endswith(self.host_suffixes):
            return False
        return not self.prefixes or path.startswith(self.prefixes)


@dataclass(frozen=True)
class EntryTypes:
    """The rules, in order, and the fallbacks for unmatched and link-less entries."""

    rules: tuple[_Rule, ...]
    default: EntryType
    no_link: EntryType
    supporting_titles: frozenset[str]

    def of(self, url: str | None) -> EntryType:
        if not url:
            return self.no_link
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        for rule in self.rules:
            if rule.matches(host, parts.path or "/"):
                return rule.kind
        return self.default

    @property
    def kinds(self) -> tuple[EntryType, ...]:
        """Every type once, in the file's order (the default and the link-less type last)."""
        seen: dict[str, EntryType] = {}
        for kind in (*(rule.kind for rule in self.rules), self.default, self.no_link):
            seen.setdefault(kind.slug, kind)
        return tuple(seen.values())


def _kind(data: dict) -> EntryType:
    return EntryType(str(data["slug"]), str(data["name"]))


def name_problems(loaded: Loaded) -> list[Problem]:
    """A slug shown under two names (the schema checks each rule alone)."""
    names: dict[str, tuple[str, int]] = {}
    problems = []
    data = loaded.value
    places: list[tuple[tuple[str | int, ...], Any]] = [(("types", i), item) for i, item in enumerate(data["types"])]
    places += [((key,), data[key]) for key in ("default", "no_link")]
    for path, item in places:
        line = loaded.line((*path, "name"))
        first = names.setdefault(item["slug"], (item["name"], line))
        if first[0] != item["name"]:
            problems.append(Problem(loaded.where, line, f"type '{item['slug']}' is named '{item['name']}' here and "
                                    f"'{first[0]}' at line {first[1]}", "give one slug one name"))
    return problems


def load_entry_types(path: Path = paths.ENTRY_TYPES) -> EntryTypes:
    """The rules of the data file (``hooks/data/schemas.yml`` says its shape); a DataFileError
    naming each line that cannot be used."""
    loaded = load(path, "entry_types")
    problems = name_problems(loaded)
    if problems:
        raise DataFileError(problems)
    data = loaded.value
    rules = []
    for item in data["types"]:
        hosts = [h.lower() for h in item.get("hosts", ())]
        rules.append(_Rule(
            kind=_kind(item),
            hosts=frozenset(h for h in hosts if not h.startswith("*.")),
            host_suffixes=tuple(h[1:] for h in hosts if h.startswith("*.")),
            prefixes=tuple(item.get("prefixes", ())),
            suffixes=tuple(s.lower() for s in item.get("suffixes", ())),
        ))
    return EntryTypes(tuple(rules), _kind(data["default"]), _kind(data["no_link"]),
                      frozenset(data.get("supporting_titles", ())))


@lru_cache(maxsize=1)
def default_entry_types() -> EntryTypes:
    return load_entry_types()
