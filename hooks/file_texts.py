"""The project's files read once per build run.

Several stages read the same files: every stage that needs the catalog parses the pages from
their text, each page asks for the source lists' titles, each zh-Hant page for the site's own
titles. Reading a file from disk costs far more than its parse, which is cached on the text.
During one build run (both scripts; ``start`` at the run's ``on_config``, ``stop`` at its end or
its error) a file is read once and its bytes kept; outside a run (``make check``, the import,
the unit tests) every read goes to disk. ``mkdocs serve`` starts a new run at each rebuild, so
an edit is always read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class FileTexts:
    """Bytes of the files read during the current build run (none outside a run)."""

    def __init__(self) -> None:
        self.active = False
        self.read: dict[str, bytes] = {}

    def start(self) -> None:
        """A new build run: nothing read yet."""
        self.active, self.read = True, {}

    def stop(self) -> None:
        """The run is over: read from disk again, and let the bytes go."""
        self.active, self.read = False, {}

    def read_bytes(self, path: Path | str) -> bytes:
        """The file's bytes, from disk once per run."""
        if not self.active:
            return Path(path).read_bytes()
        key = os.path.abspath(path)
        if key not in self.read:
            self.read[key] = Path(path).read_bytes()
        return self.read[key]

    def read_text(self, path: Path | str, encoding: str = "utf-8") -> str:
        """The file's text (``utf-8-sig`` drops a leading BOM)."""
        return self.read_bytes(path).decode(encoding)


FILES = FileTexts()


# ---------------------------------------------------------------- MkDocs glue (pipeline steps)


def nested_build(config: Any) -> bool:
    """The zh-Hant build that mkdocs-static-i18n runs inside a run (``languages.nested_build``,
    which this module cannot import: the data loader it imports reads through this module)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def begin_run(config: Any) -> None:
    """``on_config`` of a run (not of the zh-Hant build nested in it): read afresh."""
    if not nested_build(config):
        FILES.start()


def end_run(config: Any) -> None:
    """``on_post_build`` of a run, after every script is built."""
    if not nested_build(config):
        FILES.stop()


def end_run_on_error(error: Exception) -> None:
    """``on_build_error``: the run is over."""
    FILES.stop()
