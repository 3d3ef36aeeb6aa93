"""One problem found in the content: where it is, what is wrong, and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass

LOCATED_RE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+): (?P<rest>.*)$", re.DOTALL)
FIX_SEPARATORS = (" — ", "; ")


@dataclass(frozen=True, order=True)
class Finding:
    """`path:line: reason — fix`. `path` is relative to the project root (docs/…, hooks/data/…)."""

    path: str
    line: int
    reason: str
    fix: str
    code: str = "content"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason} — {self.fix}"


def from_message(message: str, code: str, path: str, line: int = 1, fix: str = "") -> Finding:
    """A Finding from an error message in the project's `file:line: reason — fix` form.

    `path` replaces the message's own file name (which may be docs-relative or absolute);
    a message without a location is placed at `line`.
    """
    located = LOCATED_RE.match(message.strip())
    rest = located["rest"] if located else message.strip()
    if located:
        line = int(located["line"])
    for separator in FIX_SEPARATORS:
        reason, found, tail = rest.partition(separator)
        if found:
            return Finding(path, line, reason.strip(), tail.strip(), code)
    return Finding(path, line, rest, fix or "see the message", code)
