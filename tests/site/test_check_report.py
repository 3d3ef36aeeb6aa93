"""The content checks of a build are reported with ``file:line: reason — fix`` also when the
build stops early (``on_build_error``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from project_copy import copy_project

LINE = "这一句写着繁體字，檢查會報出來。"


def plain_build(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")],
                          cwd=project, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})


def test_a_build_that_stops_early_still_shows_every_finding(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "training" / "peft.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + f"\n{LINE}\n", encoding="utf-8")
    line = len((text + "\n").splitlines()) + 1
    pages = project / "docs" / "training" / ".pages"
    pages.write_text(pages.read_text(encoding="utf-8") + "  - [unclosed\n", encoding="utf-8")
    result = plain_build(project)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert re.search(r"docs/training/\.pages:\d+: .+ — ", log), log[-3000:]  # what stopped the build
    assert re.search(rf"docs/training/peft\.md:{line}: .+ — ", log), log[-3000:]  # found before it stopped
