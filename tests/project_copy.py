"""Build a throw-away copy of the project, for tests that change content or data first.

Changes that build cleanly and do not disturb each other share one copy (``SHARED``): a test
module registers its change with ``@SHARED.change("name")`` and reads the result from the
session fixture ``changed_copy`` (tests/conftest.py), which applies every registered change to
one copy and builds it once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOT_COPIED = (".git", ".venv", "site", "dist", "node_modules", "__pycache__", ".pytest_cache")

Change = Callable[[Path], Any]  # changes a project copy; returns what its tests need to know


def copy_project(target: Path) -> Path:
    """Copy the working tree (without VCS data, virtualenv or build output) into ``target``."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_COPIED), dirs_exist_ok=True)
    return target


def build_copy(project: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a copy, into its own ``site/``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )


@dataclass
class SharedChanges:
    """Changes of several test modules, made to one copy of the project and built together."""

    changes: dict[str, Change] = field(default_factory=dict)

    def change(self, name: str) -> Callable[[Change], Change]:
        """Register a change under ``name`` (a decorator)."""
        def register(change: Change) -> Change:
            assert name not in self.changes, f"two shared changes are named {name!r}"
            self.changes[name] = change
            return change
        return register

    def apply(self, project: Path) -> dict[str, Any]:
        """Make every change in ``project``; what each returned, by name."""
        return {name: change(project) for name, change in self.changes.items()}


@dataclass(frozen=True)
class ChangedCopy:
    """The shared copy after its strict build: what each change returned, the log, the site."""

    project: Path
    made: dict[str, Any]
    log: str
    returncode: int

    @property
    def site(self) -> Path:
        return self.project / "site"


SHARED = SharedChanges()
