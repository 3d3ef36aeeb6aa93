"""The one loader of the project's data files and front matter: read, parse, validate.

Each kind of file (``hooks/data/schemas.yml``) has a size limit and, for YAML, a JSON Schema
(validated by ``jsonschema``). ``load`` reads a file's text (within its size limit, valid
UTF-8), parses it with ``parse.yaml_text`` (anchors, aliases, tags, deep nesting and long
numbers refused before anything is constructed; a key given twice refused), validates the value
against the kind's schema and returns it. Every problem is a ``Problem`` naming the file's line,
``file:line: reason — fix``; ``DataFileError`` carries all of them. The content check reports
them (``hooks/check/data_files.py``) and the build stops with the same lines (``hooks/stages.py``).

What a schema cannot say (a slug given two names, a page that does not exist) the module that
uses the file checks, with ``Loaded.line`` for the line of any part of the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from hooks import paths
from hooks.file_texts import FILES
from hooks.parse import yaml_text

MAX_PROBLEMS = 20  # per file: the first ones are enough to act on
DEFAULT_FIX = "see the comment at the top of the file"


@dataclass(frozen=True, order=True)
class Problem:
    """`path:line: reason — fix`, `path` relative to the project root."""

    path: str
    line: int
    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason} — {self.fix}"


class DataFileError(ValueError):
    """A data file or front matter that cannot be used; ``problems`` names each line."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


@dataclass(frozen=True)
class Kind:
    """One kind of data file: its size limit and, for YAML, its schema."""

    name: str
    size_limit: int
    schema: dict[str, Any] | None = None

    @property
    def validator(self) -> jsonschema.protocols.Validator | None:
        return _validator(self.name) if self.schema is not None else None


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    """Every kind of ``hooks/data/schemas.yml`` (the project's own file, read once)."""
    data = yaml.load(paths.SCHEMAS.read_text(encoding="utf-8"),  # noqa: S506 (a safe loader)
                     Loader=yaml_text.FAST_LOADER or yaml.SafeLoader)  # libyaml: ~5× faster than PyYAML's parser
    return {name: Kind(name, int(spec["size_limit"]), spec.get("schema")) for name, spec in data.items()}


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    """The kind's validator. The schemas are the project's own: the unit tests check each against
    the JSON Schema metaschema, which a build need not read again."""
    return jsonschema.Draft202012Validator(kinds()[name].schema)


def kind_of(path: Path) -> Kind | None:
    """The kind of a file by its name (``.pages``, ``topics.yml`` …), or None."""
    name = Path(path).name
    key = "pages" if name == ".pages" else name.rsplit(".", 1)[0]
    return kinds().get(key)


def display(path: Path | str) -> str:
    """A path as problems name it: relative to the project root when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- reading and parsing


def read_text(path: Path, where: str, limit: int) -> str:
    """A file's text (a leading BOM dropped); too large or not UTF-8 is a DataFileError."""
    path = Path(path)
    if FILES.active and path.stat().st_size <= limit:  # a build run: read once (hooks/file_texts.py)
        data = FILES.read_bytes(path)
    else:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        raise DataFileError([Problem(where, 1, f"the file is larger than {limit} bytes, the limit for it",
                                     "split it or shorten it; the limit is in hooks/data/schemas.yml")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataFileError([Problem(where, line, f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                                     "save the file as UTF-8")]) from None


class _TextDates(yaml.SafeLoader):
    """PyYAML's safe constructor, but a date stays the text it is written as (as JSON has it)."""


# The stubs want a constructor typed on a loader; SafeConstructor's own methods are typed on the constructor.
_TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML document: its value and its node tree (for lines)."""

    value: Any
    node: yaml.Node | None
    where: str
    first_line: int = 1  # the file's line of the text's first line (front matter starts below ---)

    def node_at(self, path) -> yaml.Node | None:
        """The node at a path of keys and indexes (the deepest one found)."""
        node = self.node
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = [(key, value) for key, value in node.value if key.value == str(part)]
                if not found:
                    break
                node = found[0][1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
        return node

    def key_node(self, path, key: str) -> yaml.Node | None:
        """The key node ``key`` of the mapping at ``path``."""
        node = self.node_at(path)
        if isinstance(node, yaml.MappingNode):
            return next((k for k, _ in node.value if k.value == key), node)
        return node

    def line(self, path=(), key: str | None = None) -> int:
        """The file's line of the value at ``path`` (of its key ``key``)."""
        node = self.key_node(path, key) if key is not None else self.node_at(path)
        return self.first_line + (node.start_mark.line if node is not None else 0)

    def problem(self, path, reason: str, fix: str, key: str | None = None) -> Problem:
        return Problem(self.where, self.line(path, key), reason, fix)


def _repeated_keys(node: yaml.Node | None, where: str, first_line: int) -> list[Problem]:
    problems = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = first_line + key.start_mark.line
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        problems.append(Problem(where, line, f"key '{key.value}' is given twice (first at line "
                                                f"{seen[key.value]})", "keep one of the two lines"))
                    seen.setdefault(key.value, line)
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return sorted(problems)


def parse_yaml(text: str, where: str, first_line: int = 1) -> Loaded:
    """The document's value and nodes; a DataFileError naming the line when it cannot be read."""
    try:
        node = yaml_text.compose(text)
    except yaml_text.YamlRefused as exc:
        raise DataFileError([Problem(where, first_line + exc.line, exc.reason, exc.fix)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end" in str(exc.problem) and "stream" in str(exc.problem):
            mark = exc.context_mark  # ran off the end: name the line that opened the construct
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise DataFileError([Problem(where, first_line + (mark.line if mark else 0), f"not valid YAML ({problem})",
                                     "check indentation, colons and quotes; quote a value that holds ': ' "
                                     "or starts with a symbol")]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(where, first_line, f"not valid YAML ({exc})", "check the syntax")]) from None
    repeated = _repeated_keys(node, where, first_line)
    if repeated:
        raise DataFileError(repeated)
    value = _TextDates("").construct_document(node) if node is not None else None
    return Loaded(value, node, where, first_line)


# ---------------------------------------------------------------- validation


def _path_text(path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int) or not str(part).isidentifier():
            text += f"[{part}]" if isinstance(part, int) else f"['{part}']"
        else:
            text += f".{part}" if text else str(part)
    return text


def _missing(error: jsonschema.ValidationError) -> str:
    """The first key a ``required`` error misses."""
    present = error.instance if isinstance(error.instance, dict) else {}
    return next((key for key in error.validator_value if key not in present), "?")


def _unexpected(error: jsonschema.ValidationError) -> list[str]:
    """The keys an ``additionalProperties`` error refuses."""
    allowed = error.schema.get("properties") or {}
    patterns = list(error.schema.get("patternProperties") or {})
    return [key for key in error.instance
            if key not in allowed and not any(re.search(pattern, str(key)) for pattern in patterns)]


def _fix(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        missing = _missing(error)
        given = ((error.schema.get("properties") or {}).get(missing) or {}).get("fix")
        return given or f"add '{missing}:'"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties") or {})
        return f"remove it; the keys allowed here are: {', '.join(allowed)}" if allowed else "remove it"
    for schema in (error.schema, *(e.schema for e in (error.context or ()))):
        if isinstance(schema, dict) and schema.get("fix"):
            return schema["fix"]
    if error.validator == "enum":
        return "use one of: " + ", ".join(map(str, error.validator_value))
    if error.validator == "type":
        return f"write a value of type {error.validator_value}"
    return DEFAULT_FIX


def _reason(error: jsonschema.ValidationError) -> str:
    where = _path_text(error.absolute_path)
    if error.validator == "additionalProperties":
        unexpected = _unexpected(error)
        return f"{('in ' + where + ': ') if where else ''}unknown key '{unexpected[0] if unexpected else '?'}'"
    if error.validator == "required":
        return f"{('in ' + where + ': ') if where else ''}'{_missing(error)}:' is missing"
    if isinstance(error.schema, dict) and error.schema.get("reason"):
        return error.schema["reason"]  # the schema's own words for this rule
    message = error.message if len(error.message) <= 160 else error.message[:157] + "…"
    return f"{where}: {message}" if where else message


def _line_path(error: jsonschema.ValidationError) -> tuple[list, str | None]:
    """Where to point: an unknown key at its own line, anything else at its value."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unexpected = _unexpected(error)
        return path, (str(unexpected[0]) if unexpected else None)
    return path, None


def validate(loaded: Loaded, kind: Kind) -> list[Problem]:
    """Every way the value breaks the kind's schema, each at its line."""
    validator = kind.validator
    if validator is None:
        return []
    problems = set()
    for error in validator.iter_errors(loaded.value):
        path, key = _line_path(error)
        problems.add(loaded.problem(path, _reason(error), _fix(error), key))
        if len(problems) >= MAX_PROBLEMS:
            break
    return sorted(problems, key=lambda p: (p.line, p.reason))


def refused_keys(mapping: Mapping[str, Any], kind: str = "front_matter") -> list[str]:
    """The top-level keys of a mapping whose values break the kind's schema, or that it does
    not allow (the whole mapping's problems are the content check's to report)."""
    validator = kinds()[kind].validator
    if validator is None:
        return []
    refused: list[str] = []
    for error in validator.iter_errors(mapping):
        if error.absolute_path:
            refused.append(error.absolute_path[0])
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            refused += _unexpected(error)
    return list(dict.fromkeys(refused))


def load_text(text: str, kind: Kind | str, where: str, first_line: int = 1) -> Loaded:
    """Parse and validate a text of a kind; a DataFileError naming every problem."""
    kind = kinds()[kind] if isinstance(kind, str) else kind
    loaded = parse_yaml(text, where, first_line)
    problems = validate(loaded, kind)
    if problems:
        raise DataFileError(problems)
    return loaded


def load(path: Path, kind: Kind | str | None = None, where: str | None = None) -> Loaded:
    """Read, parse and validate one YAML data file; a DataFileError naming every problem."""
    kind = kinds()[kind] if isinstance(kind, str) else (kind or kind_of(path))
    if kind is None:
        raise KeyError(f"no kind of data file for {path}")
    where = where or display(path)
    return load_text(read_text(path, where, kind.size_limit), kind, where)


def read_limited(path: Path, kind: str, where: str | None = None) -> str:
    """The text of a data file that is not YAML (TSV, word lists), within its size limit."""
    return read_text(path, where or display(path), kinds()[kind].size_limit)

