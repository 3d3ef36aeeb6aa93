"""Topics that cannot have a page, through ``python -m hooks.check`` and the strict build: a
先读这一篇 (``first_read``) that is not a linked resource of its topic, and a topic whose entries
are all names without a link. Both report ``hooks/data/topics.yml:line: reason — fix`` and the
build fails without a traceback. One copy of the project holds both changes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest
from project_copy import build_copy, copy_project

TOPICS = "hooks/data/topics.yml"
# The three entries that say 单机多卡训练 (docs/training/distributed.md) are names without a link.
NAMES_ONLY_TOPIC = ("  - slug: single-node\n    name: 单机多卡\n    category: distributed\n"
                    "    aliases: [单机多卡训练]\n    description: 单机多卡训练。\n")
ELSEWHERE = "https://zhuanlan.zhihu.com/p/597586623"  # 综述与资源汇总's pick, not a vLLM resource
FIRST_READ = "first_read of 'vllm' is not a linked resource of this topic — use the URL of one the topic page lists"
NAMES_ONLY = ("topic 'single-node' has no linked resource, only names without a link — merge it into a broader "
              "topic (move its aliases there, add its name to that topic's covers) or remove it")


@dataclass(frozen=True)
class Run:
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    first_read_line: int
    topic_line: int


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    project = copy_project(tmp_path_factory.mktemp("topic-checks") / "project")
    path = project / TOPICS
    lines = path.read_text(encoding="utf-8").split("\n")
    slug = lines.index("  - slug: vllm")
    at = next(i for i in range(slug, len(lines)) if lines[i].startswith("    first_read:"))
    lines[at] = f'    first_read: "{ELSEWHERE}"'
    text = "\n".join(lines).rstrip("\n") + "\n"
    topic_line = text.count("\n") + 1
    path.write_text(text + NAMES_ONLY_TOPIC, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True)
    return Run(check, build_copy(project), at + 1, topic_line)


def test_the_check_names_each_topic_problem_at_its_line(run: Run) -> None:
    assert run.check.returncode == 1
    found = run.check.stdout.splitlines()
    assert f"{TOPICS}:{run.first_read_line}: {FIRST_READ}" in found
    assert f"{TOPICS}:{run.topic_line}: {NAMES_ONLY}" in found


def test_the_strict_build_stops_with_the_same_lines(run: Run) -> None:
    log = run.build.stdout + run.build.stderr
    assert run.build.returncode != 0
    assert f"{TOPICS}:{run.first_read_line}: {FIRST_READ}" in log
    assert f"{TOPICS}:{run.topic_line}: {NAMES_ONLY}" in log
    assert "Traceback" not in log
