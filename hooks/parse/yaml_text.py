"""YAML documents read with libyaml when PyYAML has it, with bounded work.

libyaml's parser reads the same documents as PyYAML's own, several times faster; the
constructors and tag resolution stay PyYAML's, so the values and line marks are the same. A
document libyaml refuses is read again by PyYAML's own parser, so that an error names the same
line and problem whichever parser is installed.

Every document is first read as a stream of parser events, before any node or value is made,
and refused (``YamlRefused``, a ``yaml.MarkedYAMLError`` naming the line) when it holds what
would make reading it cost far more than its size, or what the project never needs: an anchor
or alias (``&a`` / ``*a``: a few hundred bytes of aliases make gigabytes of values), an
explicit tag (``!!python/…``, ``!x``), nesting deeper than ``MAX_DEPTH`` (deep nesting
exhausts the recursion of the composer) or an integer longer than ``MAX_NUMBER_CHARS``
(Python refuses to convert a 4,300-digit one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import yaml
from yaml.resolver import Resolver

if TYPE_CHECKING:
    from yaml._yaml import Mark as LibyamlMark

FAST_LOADER: type | None = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, PyYAML's safe constructor
MAX_DEPTH = 20  # mappings and lists inside one another; the project's files use 4 at most
MAX_NUMBER_CHARS = 40  # an integer or float written with more characters is refused
NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_RESOLVER = Resolver()


class YamlRefused(yaml.MarkedYAMLError):
    """A document that is valid YAML but uses what the project's files may not (see above);
    ``problem`` says what, ``fix`` how to write it instead, ``problem_mark`` where."""

    def __init__(self, problem: str, fix: str, mark: yaml.Mark | LibyamlMark | None) -> None:
        # libyaml's events carry its own Mark, which the PyYAML stubs leave out of problem_mark
        super().__init__(problem=problem, problem_mark=mark)  # type: ignore[arg-type]
        self.reason = problem
        self.fix = fix

    @property
    def line(self) -> int:
        """The line it names, counted from 0 (0 when the parser gave no mark)."""
        return self.problem_mark.line if self.problem_mark is not None else 0


def _check_events(events: Iterable[yaml.Event]) -> None:
    """Raise YamlRefused at the first anchor, alias, tag, too deep nesting or too long number."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused("an alias (*name) repeats another part of the file", "write the value out in full",
                              event.start_mark)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if event.anchor is not None:
                raise YamlRefused(f"an anchor (&{event.anchor}) is not used in the project's files",
                                  "remove it and write each value out in full", event.start_mark)
            if event.tag is not None and event.tag != "!":
                raise YamlRefused(f"an explicit tag ({event.tag}) is not used in the project's files",
                                  "remove the tag; quote the value if it must stay text", event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlRefused(f"lists and mappings nested more than {MAX_DEPTH} deep",
                                  "nest less deeply", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif (isinstance(event, yaml.ScalarEvent) and event.implicit[0] and len(event.value) > MAX_NUMBER_CHARS
              and _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False)) in NUMBER_TAGS):
            raise YamlRefused(f"a number of {len(event.value)} characters, more than {MAX_NUMBER_CHARS}",
                              "write a shorter number, or quote it if it is text", event.start_mark)


def check_bounded(text: str, fast_loader: type | None = FAST_LOADER) -> None:
    """Raise YamlRefused (or the parser's own yaml.YAMLError) before anything is constructed."""
    if fast_loader is not None:
        try:
            return _check_events(yaml.parse(text, Loader=fast_loader))
        except YamlRefused:
            raise
        except yaml.YAMLError:
            pass  # read again by PyYAML's own parser, whose messages name the line
    _check_events(yaml.parse(text, Loader=yaml.SafeLoader))


def load(text: str, loader: type = yaml.SafeLoader, fast_loader: type | None = FAST_LOADER,
         refusals: tuple[type[Exception], ...] = ()) -> Any:
    """One document, bounded (``check_bounded``), read by ``fast_loader`` (libyaml's) when
    there is one; by ``loader`` (PyYAML's own parser) when there is not, or when the fast one
    refuses the document (a YAML error, or one of ``refusals``), so that an error is always PyYAML's."""
    check_bounded(text, fast_loader)
    if fast_loader is not None:
        refused: tuple[type[Exception], ...] = (yaml.YAMLError, *refusals)
        try:
            return yaml.load(text, Loader=fast_loader)  # noqa: S506 (a CSafeLoader or a subclass)
        except refused:
            pass
    return yaml.load(text, Loader=loader)  # noqa: S506 (a SafeLoader or a subclass)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, faster and bounded."""
    return load(text)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` (the node tree, with each node's line), faster and bounded."""
    check_bounded(text)
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
