"""The content check reports a topic with fewer than three resources at its line in topics.yml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from project_copy import copy_project

from hooks.check import check_project

# Two entries of docs/applications/index.md, and no other, say 云原生 (the Milvus articles).
THIN_TOPIC = """  - slug: cloud-native
    name: 云原生
    category: applications
    aliases: [云原生]
    description: 云原生的系统。
    first_read: "https://zhuanlan.zhihu.com/p/476025527"
"""


def test_the_project_passes() -> None:
    report = check_project(Path(__file__).resolve().parents[3])
    assert [f for f in report.findings if "resources (minimum 3)" in f.reason] == []


def test_a_thin_topic_is_reported_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    vocabulary = project / "hooks/data/topics.yml"
    text = vocabulary.read_text(encoding="utf-8")
    line = len(text.rstrip("\n").split("\n")) + 1
    vocabulary.write_text(text.rstrip("\n") + "\n" + THIN_TOPIC, encoding="utf-8")
    # the copy's own build code reads the copy's data files
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"hooks/data/topics.yml:{line}: topic cloud-native has 2 resources (minimum 3) — merge it into a broader "
        "topic: move its aliases there and add its name to that topic's covers")


def test_topics_are_not_counted_while_a_page_is_broken(tmp_path: Path) -> None:
    """A page whose entries cannot be read would make topics look thin: only the page is reported."""
    project = copy_project(tmp_path / "project")
    peft = project / "docs/training/peft.md"
    peft.write_text(peft.read_text(encoding="utf-8").replace("title:", "title: A: B\nx:", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/training/peft.md:" in result.stdout and "resources (minimum 3)" not in result.stdout
