"""Progress of a check: a tqdm bar on a terminal, plain lines otherwise (CI logs)."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from hooks.links.checker import CheckResult
from hooks.links.policy import Status


class Progress:
    """Call with each result; ``close()`` at the end. Problems are always printed on their own line."""

    def __init__(self, total: int, stream: TextIO | None = None, every: int = 50) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.every = max(1, every)
        self.bar = tqdm(total=total, unit="url", file=self.stream, dynamic_ncols=True) \
            if self.stream.isatty() else None

    def _say(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def __call__(self, result: CheckResult) -> None:
        self.done += 1
        if result.unanswered:  # weighed at the end against the run's other answers (``evidence``)
            self._say(f"{'no answer':10} {result.url} ({result.error})")
        elif result.status not in (Status.OK, Status.UNCHECKED):
            target = f" → {result.moved_to}" if result.moved_to else ""
            self._say(f"{result.status.value:10} {result.url}{target} ({result.error or result.code})")
        if self.bar is not None:
            self.bar.update(1)
        elif self.done % self.every == 0 or self.done == self.total:
            self._say(f"checked {self.done}/{self.total}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
