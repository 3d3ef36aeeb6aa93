"""The order of a topic page: its resources in groups a reader takes in turn (原理与综述 first,
新闻与评论 last), by the rules of ``hooks/data/reading_order.yml``. Pure functions.

A resource's group comes from its entry type (``entry_types.yml``) and the words of its title:
the first rule that matches wins. The groups are the page's order, not a fact about a resource:
the topic page says so in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hooks import paths
from hooks.index.entry_types import EntryTypes, default_entry_types
from hooks.parse.data_files import DataFileError, Loaded, Problem, load


@dataclass(frozen=True)
class Group:
    slug: str
    name: str
    newest_first: bool = False


@dataclass(frozen=True)
class Rule:
    group: str
    types: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()

    def matches(self, kind: str, title: str) -> bool:
        if self.types and kind not in self.types:
            return False
        folded = title.casefold()
        return not self.words or any(word in folded for word in self.words)


@dataclass(frozen=True)
class ReadingOrder:
    """Groups in page order and the rules that put a resource in one."""

    groups: tuple[Group, ...]
    rules: tuple[Rule, ...]

    def group_of(self, kind: str, title: str) -> str:
        """The slug of the first matching rule's group (the file ends with a rule for the rest)."""
        for rule in self.rules:
            if rule.matches(kind, title):
                return rule.group
        return self.rules[-1].group

    @property
    def rank(self) -> dict[str, int]:
        return {group.slug: i for i, group in enumerate(self.groups)}


def rule_problems(loaded: Loaded, kinds: EntryTypes) -> list[Problem]:
    """What the schema cannot say: a rule naming a group or type that does not exist, and a last
    rule that does not take every remaining resource."""
    data = loaded.value
    groups = {group["slug"] for group in data["groups"]}
    known_types = {kind.slug for kind in kinds.kinds}
    problems = []
    for i, rule in enumerate(data["rules"]):
        if rule["group"] not in groups:
            problems.append(Problem(loaded.where, loaded.line(("rules", i, "group")),
                                    f"rule names the group '{rule['group']}', which groups: does not define",
                                    f"use one of: {', '.join(sorted(groups))}"))
        for j, kind in enumerate(rule.get("types", ())):
            if kind not in known_types:
                problems.append(Problem(loaded.where, loaded.line(("rules", i, "types", j)),
                                        f"unknown entry type '{kind}'",
                                        f"use a slug of entry_types.yml: {', '.join(sorted(known_types))}"))
    last = data["rules"][-1]
    if "types" in last or "words" in last:
        problems.append(Problem(loaded.where, loaded.line(("rules", len(data["rules"]) - 1)),
                                "the last rule does not take every remaining resource",
                                "end the rules with one that has only group:"))
    return problems


def load_reading_order(path: Path = paths.READING_ORDER, kinds: EntryTypes | None = None) -> ReadingOrder:
    """The groups and rules of the data file; a DataFileError naming each line that cannot be used."""
    loaded = load(path, "reading_order")
    problems = rule_problems(loaded, kinds or default_entry_types())
    if problems:
        raise DataFileError(problems)
    data = loaded.value
    groups = tuple(Group(g["slug"], g["name"], bool(g.get("newest_first", False))) for g in data["groups"])
    rules = tuple(Rule(r["group"], frozenset(r.get("types", ())), tuple(w.casefold() for w in r.get("words", ())))
                  for r in data["rules"])
    return ReadingOrder(groups, rules)


@lru_cache(maxsize=1)
def default_reading_order() -> ReadingOrder:
    return load_reading_order()
