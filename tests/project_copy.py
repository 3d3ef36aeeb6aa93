"""Build a throw-away copy of the project, for tests that change content or data first, or
that replay the publishing workflow (``replay_publishing``).

Changes that build cleanly and do not disturb each other share one copy (``SHARED``): a test
module registers its change with ``@SHARED.change("name")`` and reads the result from the
session fixture ``changed_copy`` (tests/conftest.py), which applies every registered change to
one copy with a shallow history (``with_shallow_history``) and builds it once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
LAST_SET_UP_STEP = "Tests"  # the steps up to here set up the runner and test; the suite is that step
NOT_COPIED = (".git", ".venv", "site", "dist", "node_modules", "__pycache__", ".pytest_cache")

Change = Callable[[Path], Any]  # changes a project copy; returns what its tests need to know


def copy_project(target: Path) -> Path:
    """Copy the working tree (without VCS data, virtualenv or build output) into ``target``."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_COPIED), dirs_exist_ok=True)
    return target


def with_shallow_history(project: Path) -> Path:
    """Give a copy the history of a ``git clone --depth 1`` of this repository's HEAD (its
    ``.git`` only; the files stay the working tree's, changes included): a shallow checkout, as
    CI's default one is."""
    clone = project.parent / f"{project.name}-depth1"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-checkout", f"file://{ROOT}", str(clone)],
                   check=True, capture_output=True)
    shutil.move(clone / ".git", project / ".git")
    clone.rmdir()
    return project


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


# ---------------------------------------------------------------- the publishing workflow


def publishing_steps() -> list[dict]:
    """The build job's steps after the test step, as ``.github/workflows/publish.yml`` lists them."""
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]
    names = [step.get("name") for step in job["steps"]]
    assert LAST_SET_UP_STEP in names, f"{WORKFLOW.name}: no step named {LAST_SET_UP_STEP!r}"
    return [step for step in job["steps"][names.index(LAST_SET_UP_STEP) + 1:] if "run" in step]


@dataclass(frozen=True)
class StepRun:
    """One publishing step as it ran in the copy."""

    name: str
    output: str
    returncode: int
    seconds: float


def replay_publishing(project: Path) -> list[StepRun]:
    """Run the publishing steps in a copy that shares this virtualenv, in order, up to the first
    that fails (the copy's ``make`` must not set the virtualenv up again: ``make -o``)."""
    venv = Path(sys.prefix)
    (project / ".venv").symlink_to(venv, target_is_directory=True)
    stamp = venv / ".installed"
    assert stamp.is_file(), f"{stamp} is missing: the suite runs from the project's virtualenv (make test)"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}, "NO_MKDOCS_2_WARNING": "1"}
    ran: list[StepRun] = []
    for step in publishing_steps():
        command = step["run"].replace("make ", f"make -o {stamp} -o .venv/.installed ")
        start = time.monotonic()
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, env=env,
                              capture_output=True, text=True, timeout=600)
        ran.append(StepRun(step.get("name") or command, proc.stdout + proc.stderr, proc.returncode,
                           time.monotonic() - start))
        if proc.returncode != 0:
            break
    return ran
