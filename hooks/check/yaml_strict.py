"""YAML that refuses what PyYAML lets pass silently: a key given twice in one mapping; and what
``parse.yaml_text`` refuses before reading (anchors, aliases, tags, deep nesting, long numbers)."""

from __future__ import annotations

from typing import Any

import yaml

from hooks.parse import yaml_text


class YamlProblem(ValueError):
    """Invalid YAML or a repeated key; `line` is 1-based within the parsed text."""

    def __init__(self, line: int, reason: str, fix: str) -> None:
        super().__init__(f"{line}: {reason} — {fix}")
        self.line = line
        self.reason = reason
        self.fix = fix


def _unique_keys(loader: yaml.SafeLoader, node: yaml.MappingNode) -> None:
    """Raise YamlProblem when a key of this mapping is given twice."""
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            continue  # PyYAML reports unhashable keys itself
        line = key_node.start_mark.line + 1
        if key in seen:
            raise YamlProblem(line, f"key '{key}' is given twice (first at line {seen[key]})",
                              "keep one of the two lines")
        seen[key] = line


def _unique_key_loader(base: type) -> type:
    """``base`` refusing a mapping that gives a key twice."""

    class UniqueKeyLoader(base):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            _unique_keys(self, node)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


_UniqueKeyLoader = _unique_key_loader(yaml.SafeLoader)
_FastLoader = _unique_key_loader(yaml_text.FAST_LOADER) if yaml_text.FAST_LOADER else None


def load(text: str) -> Any:
    """Parse one YAML document; raises YamlProblem naming the line.

    A document is read with libyaml when PyYAML has it; a document libyaml refuses is read
    again by PyYAML's own parser, whose messages the findings quote (``parse.yaml_text``)."""
    try:
        return yaml_text.load(text, _UniqueKeyLoader, _FastLoader, refusals=(YamlProblem,))
    except yaml_text.YamlRefused as exc:
        raise YamlProblem(exc.problem_mark.line + 1 if exc.problem_mark else 1, exc.problem, exc.fix) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end" in str(exc.problem) and "stream" in str(exc.problem):
            mark = exc.context_mark  # ran off the end: name the line that opened the construct
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise YamlProblem(mark.line + 1 if mark else 1, f"not valid YAML ({problem})",
                          "check indentation, colons and quotes; quote a value that holds ': ' or starts with a symbol") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"not valid YAML ({exc})", "check the syntax") from None
