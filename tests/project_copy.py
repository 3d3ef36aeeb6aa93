"""Build a throw-away copy of the project, for tests that change content or data first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_COPIED = (".git", ".venv", "site", "dist", "node_modules", "__pycache__", ".pytest_cache")


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
