"""Bad data files, through `python -m hooks.check` and the strict build.

One project copy with a bad file of every kind (``hooks/data/*.yml``, ``*.tsv``, ``.pages``),
built once; each bad file also alone, through the check. Each case must be reported as
`file:line: reason — fix` by the check and by the build, and the build must fail without a
traceback. (Bad front matter is among the cases of tests/site/test_bad_input.py, whose copy is
built and opened in Chromium anyway.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from project_copy import build_copy, copy_project

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9))
HUGE_INT = "9" * 4_900
FINDING_RE = re.compile(r"(?P<path>[^\s:]+):(?P<line>\d+): (?P<reason>.+?) — (?P<fix>.+)$", re.MULTILINE)
PAYLOAD_SCRIPT = "docs/javascripts/payload.js"


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    reason: str  # a regular expression


def _lines(project: Path, rel: str) -> list[str]:
    return (project / rel).read_text(encoding="utf-8").splitlines(keepends=True)


def _write(project: Path, rel: str, lines: list[str]) -> None:
    (project / rel).write_text("".join(lines), encoding="utf-8")


def append(project: Path, rel: str, text: str) -> int:
    """Append lines (to a new file if there is none); the number of the first of them."""
    lines = _lines(project, rel) if (project / rel).is_file() else []
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    _write(project, rel, lines + [text])
    return len(lines) + 1


def replace(project: Path, rel: str, old: str, new: str) -> int:
    """Replace the first line starting with ``old`` (after its indentation); its number."""
    lines = _lines(project, rel)
    number = next(i for i, line in enumerate(lines) if line.strip().startswith(old))
    lines[number] = new
    _write(project, rel, lines)
    return number + 1


def after_opening(project: Path, rel: str, text: str) -> int:
    """Insert front-matter lines right after the opening ``---``; the number of the first."""
    lines = _lines(project, rel)
    assert lines[0].rstrip() == "---", rel
    _write(project, rel, [lines[0], text, *lines[1:]])
    return 2


DATA_FILE_CASES = {  # each independent of the others: a bad file of every kind of data file
    "entry-types-missing-name": lambda p: Expected(
        "hooks/data/entry_types.yml", replace(p, "hooks/data/entry_types.yml", "name: 论文", "") - 1,
        r"types\[0\]: 'name:' is missing"),
    "rules-lookbehind": lambda p: Expected(
        "hooks/data/zh_hant_rules.tsv",
        append(p, "hooks/data/zh_hant_rules.tsv", "(?<=[A-Za-z])庫\t函式庫\tlookbehind\n"),
        r"not an RE2 regular expression"),
    "rules-growth": lambda p: Expected(
        "hooks/data/zh_hant_rules.tsv", append(p, "hooks/data/zh_hant_rules.tsv", "的\t" + "的" * 40 + "\tgrowth\n"),
        r"40\.0 times as long as the text it replaces"),
    "link-status-alias-bomb": lambda p: Expected(
        "hooks/data/link_status.yml", append(p, "hooks/data/link_status.yml", ALIAS_BOMB), r"an anchor \(&a\)"),
    "source-sites-wrong-type": lambda p: Expected(
        "hooks/data/source_sites.yml",
        replace(p, "hooks/data/source_sites.yml", "hosts: [juejin.cn]", "    hosts: juejin.cn\n"),
        r"sites\[3\]\.hosts: 'juejin\.cn' is not of type 'array'"),
    "reading-path-missing-page": lambda p: Expected(
        "hooks/data/reading_path.yml",
        replace(p, "hooks/data/reading_path.yml", "continue: overview/index.md",
                "    continue: overview/no-such-page.md\n"),
        r"no page docs/overview/no-such-page\.md"),
    "topics-huge-number": lambda p: Expected(
        "hooks/data/topics.yml", replace(p, "hooks/data/topics.yml", "name: 综合", f"    name: {HUGE_INT}\n"),
        r"a number of 4900 characters"),
    "glossary-one-column": lambda p: Expected(
        "hooks/data/zh_hant_terms.tsv", append(p, "hooks/data/zh_hant_terms.tsv", "只有一栏\n"),
        r"expected 2 tab-separated columns"),
    "link-text-exceptions-missing-reason": lambda p: Expected(
        "hooks/data/link_text_exceptions.yml",
        append(p, "hooks/data/link_text_exceptions.yml",
               "exceptions:\n  - page: training/peft.md\n    text: 微调\n") + 1,
        r"exceptions\[0\]: 'reason:' is missing"),
    "offline-download-wrong-type": lambda p: Expected(
        "hooks/data/offline_download.yml",
        append(p, "hooks/data/offline_download.yml", "size: big\nbuilt: '2026-01-05'\n"),
        r"size: 'big' is not of type 'integer'"),
    "pointing-phrases-missing-points-at": lambda p: Expected(
        "hooks/data/pointing_phrases.yml",
        replace(p, "hooks/data/pointing_phrases.yml", "phrases:", "phrases:\n  - {text: 见上}\n") + 1,
        r"phrases\[\d+\]: 'points_at:' is missing"),
    "source-lists-missing-page": lambda p: Expected(
        "hooks/data/source_lists.yml",
        replace(p, "hooks/data/source_lists.yml", "MOE 大模型:",
                "      MOE 大模型: {page: fundamentals/no-such-page.md, heading: Mixtral 与 MoE}\n"),
        r"page 'fundamentals/no-such-page\.md' of source 'llm-resource' is not in docs/"),
    "source-imports-wrong-type": lambda p: Expected(
        "hooks/data/source_imports.yml",
        replace(p, "hooks/data/source_imports.yml", "entries:", "  entries: many\n"),
        r"entries: 'many' is not of type 'integer'"),
    "pages-alias-bomb": lambda p: Expected(
        "docs/overview/.pages", append(p, "docs/overview/.pages", ALIAS_BOMB), r"an anchor \(&a\)"),
    "pages-wrong-type": lambda p: Expected(
        "docs/training/.pages", append(p, "docs/training/.pages", "hide: 5\n"), r"hide: 5 is not of type 'boolean'"),
}


def bad_data_files(project: Path) -> list[Expected]:
    """Every bad data file of DATA_FILE_CASES in one project."""
    return [apply(project) for apply in DATA_FILE_CASES.values()]


@dataclass(frozen=True)
class Run:
    project: Path
    expected: list[Expected]
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True,
                          env=env, timeout=300)


def _run(tmp_path_factory: pytest.TempPathFactory, name: str, make_bad) -> Run:
    project = copy_project(tmp_path_factory.mktemp(name))
    expected = make_bad(project)
    return Run(project, expected, _check(project), build_copy(project))


@pytest.fixture(scope="module")
def data_files_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _run(tmp_path_factory, "bad-data-files", bad_data_files)


def assert_reported(output: str, expected: Expected) -> None:
    located = [m for m in FINDING_RE.finditer(output)
               if m["path"] == expected.path and int(m["line"]) == expected.line]
    assert located, f"no finding at {expected.path}:{expected.line} in:\n{output[-4000:]}"
    assert any(re.search(expected.reason, m.group(0)) for m in located), \
        f"no reason matching {expected.reason!r}:\n" + "\n".join(m.group(0) for m in located)
    assert all(len(m["fix"]) > 8 for m in located)


def test_the_check_names_every_bad_file_and_line(data_files_run: Run) -> None:
    run = data_files_run
    assert run.check.returncode == 1, run.check.stderr[-2000:]
    assert "Traceback" not in run.check.stderr
    for expected in run.expected:
        assert_reported(run.check.stdout, expected)


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Expected, subprocess.CompletedProcess[str]]]:
    """Each bad data file alone in a copy of its own, checked with the standalone check (two
    checks at a time): what it must report, and what the check printed."""
    base = tmp_path_factory.mktemp("alone")
    pristine = copy_project(base / "pristine")

    def check_alone(case: str) -> tuple[Expected, subprocess.CompletedProcess[str]]:
        project = base / case
        shutil.copytree(pristine, project)
        return DATA_FILE_CASES[case](project), _check(project)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(DATA_FILE_CASES, pool.map(check_alone, DATA_FILE_CASES), strict=True))


@pytest.mark.parametrize("case", DATA_FILE_CASES)
def test_each_bad_data_file_alone_is_reported_by_the_check(case: str, alone) -> None:
    """Alone, no other problem hides what a bad file does to the checks that read it."""
    expected, result = alone[case]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert_reported(result.stdout, expected)


def test_the_strict_build_fails_with_the_same_lines_and_no_traceback(data_files_run: Run) -> None:
    run = data_files_run
    output = run.build.stdout + run.build.stderr
    assert run.build.returncode != 0
    assert "Traceback" not in output and "Error:" not in output.replace("PluginError", ""), output[-4000:]
    for expected in run.expected:
        assert_reported(output, expected)


def test_the_build_stops_on_a_bad_data_file_naming_its_line(data_files_run: Run) -> None:
    output = data_files_run.build.stdout + data_files_run.build.stderr
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert errors and any(FINDING_RE.search(line) for line in errors), output[-3000:]
