"""YAML that refuses what PyYAML lets pass silently: a key given twice in one mapping."""

from __future__ import annotations

from typing import Any

import yaml


class YamlProblem(ValueError):
    """Invalid YAML or a repeated key; `line` is 1-based within the parsed text."""

    def __init__(self, line: int, reason: str, fix: str) -> None:
        super().__init__(f"{line}: {reason} — {fix}")
        self.line = line
        self.reason = reason
        self.fix = fix


class _UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # PyYAML reports unhashable keys itself
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlProblem(line, f"key '{key}' is given twice (first at line {seen[key]})",
                                  "keep one of the two lines")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> Any:
    """Parse one YAML document; raises YamlProblem naming the line."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end" in str(exc.problem) and "stream" in str(exc.problem):
            mark = exc.context_mark  # ran off the end: name the line that opened the construct
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise YamlProblem(mark.line + 1 if mark else 1, f"not valid YAML ({problem})",
                          "check indentation, colons and quotes; quote a value that holds ': ' or starts with a symbol") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"not valid YAML ({exc})", "check the syntax") from None
