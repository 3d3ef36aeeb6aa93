"""Bad input is refused with a message naming the file, the line, the reason and the fix.

Each case changes a copy of the real project (tests/project_copy.py) in a temporary folder and
runs the standalone check, `python -m hooks.check`, on it. A subset also runs
`mkdocs build --strict` on its copy (builds cost seconds: they run two at a time). The real
project passes the same checks with no finding.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, _clean_env
from project_copy import copy_project

SECTION_PAGE = "docs/training/peft.md"
ABOUT_PAGE = "docs/about/index.md"
KNOWN_URL = "https://zhuanlan.zhihu.com/p/635152813"  # listed on the section page above


# ---------------------------------------------------------------- project copies


def append(project: Path, rel: str, text: str) -> int:
    """Append lines to a file; returns the line number of the first non-blank appended line."""
    path = project / rel
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    lines_before = before.count("\n")
    leading_blank = len(text) - len(text.lstrip("\n"))
    return lines_before + leading_blank + 1


def replace_line(project: Path, rel: str, starts_with: str, new: str) -> int:
    """Replace the first line starting with `starts_with`; returns its line number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts_with))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def insert_after(project: Path, rel: str, starts_with: str, new: str) -> int:
    """Insert a line after the first line starting with `starts_with`; returns its number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts_with)) + 1
    lines.insert(number, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def section(text: str) -> str:
    """Markdown appended to a section page: a new section holding the given lines."""
    return "\n## 测试小节\n\n" + text


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """A change to the project, and the finding it must produce (`path:line: …reason…`)."""

    name: str
    path: str
    apply: Callable[[Path], int]  # makes the change, returns the line the finding must name
    reason: str  # a regular expression the reason must match


def _entry(text: str) -> Callable[[Path], int]:
    return lambda p: append(p, SECTION_PAGE, section(text + "\n")) + 2  # heading, blank line, entry


def _about(text: str) -> Callable[[Path], int]:
    return lambda p: append(p, ABOUT_PAGE, "\n" + text + "\n")


CASES = [
    Case("front-matter-invalid-yaml", SECTION_PAGE,
         lambda p: replace_line(p, SECTION_PAGE, "description:", "description: 说明: 冒号后有空格的值没有加引号"),
         r"front matter: not valid YAML"),
    Case("front-matter-unclosed", SECTION_PAGE,
         lambda p: _drop_closing_front_matter(p, SECTION_PAGE),
         r"front matter is never closed"),
    Case("front-matter-duplicate-key", SECTION_PAGE,
         lambda p: insert_after(p, SECTION_PAGE, "description:", "title: 又一个标题"),
         r"key 'title' is given twice"),
    Case("front-matter-empty-title", SECTION_PAGE,
         lambda p: replace_line(p, SECTION_PAGE, "title:", "title:"),
         r"'title' must be a non-empty text"),
    Case("entry-unclosed-link", SECTION_PAGE, _entry("- [没有闭合的链接](https://example.com/unclosed — 说明"),
         r"unclosed link"),
    Case("entry-empty-title", SECTION_PAGE, _entry("- [](https://example.com/no-title) — 说明"),
         r"empty link text"),
    Case("entry-empty-url", SECTION_PAGE, _entry("- [有标题没有链接]() — 说明"),
         r"empty URL"),
    Case("entry-javascript-url", SECTION_PAGE, _entry("- [标题](javascript:alert(1)) — 说明"),
         r"URL scheme 'javascript:' is not allowed"),
    Case("link-data-url", ABOUT_PAGE, _about("另见[这里](data:text/html;base64,PHNjcmlwdD4=)。"),
         r"URL scheme 'data:' is not allowed .*run script"),
    Case("image-file-url", ABOUT_PAGE, _about("![配图](file:///etc/passwd)"),
         r"URL scheme 'file:' is not allowed"),
    Case("reference-vbscript-url", ABOUT_PAGE, _about("[ref]: vbscript:msgbox(1)"),
         r"URL scheme 'vbscript:' is not allowed"),
    Case("html-script", ABOUT_PAGE, _about("<script>alert(1)</script>"),
         r"raw HTML <script> is not allowed"),
    Case("html-iframe", ABOUT_PAGE, _about('<iframe src="https://example.com/"></iframe>'),
         r"raw HTML <iframe>"),
    Case("html-object", ABOUT_PAGE, _about('<object data="movie.swf"></object>'),
         r"raw HTML <object>"),
    Case("html-event-handler", ABOUT_PAGE, _about('<img src="x.png" alt="图" onerror="alert(1)">'),
         r"event-handler attribute onerror="),
    Case("html-javascript-href", ABOUT_PAGE, _about('<a href="javascript:alert(1)">链接</a>'),
         r"URL scheme 'javascript:' is not allowed"),
    Case("attribute-list-event-handler", ABOUT_PAGE,
         _about('[链接](https://example.com/){ onclick="alert(1)" }'),
         r"event-handler attribute onclick= on <a> runs script"),
    Case("duplicate-url", SECTION_PAGE, _entry(f"- [同一篇文章再收录一次]({KNOWN_URL}) — 说明"),
         r"the same URL is listed twice on this page \(first at line \d+\)"),
    Case("unknown-topic-on-entry", SECTION_PAGE,
         _entry('- [标题](https://example.com/topic) — 说明 { topics="lroa" }'),
         r"unknown topic 'lroa'.*did you mean lora"),
    Case("unknown-topic-in-front-matter", SECTION_PAGE,
         lambda p: insert_after(p, SECTION_PAGE, "description:", 'topics: "no-such-topic"'),
         r"unknown topic 'no-such-topic'"),
    Case("broken-link", ABOUT_PAGE, _about("参见[不存在的页面](../training/no-such-page.md)。"),
         r"points at training/no-such-page\.md, which does not exist"),
    Case("broken-anchor", ABOUT_PAGE, _about("参见[来源](sources.md#no-such-heading)。"),
         r"about/sources\.md has no heading or anchor '#no-such-heading'"),
    Case("absolute-link", ABOUT_PAGE, _about("参见[来源](/about/sources.md)。"),
         r"absolute link"),
    Case("traditional-script", ABOUT_PAGE, _about("這個頁面是用繁體字寫的，應該改成簡體。"),
         r"written in traditional script \(這→这"),
    Case("glossary-duplicate-term", "hooks/data/zh_hant_terms.tsv",
         lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "参数\t參數\n"),
         r"duplicate simplified term '参数'"),
    Case("glossary-malformed-line", "hooks/data/zh_hant_terms.tsv",
         lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "显卡\t顯示卡\t理由\t多余的一列\n"),
         r"expected 2 tab-separated columns"),
    Case("topics-duplicate-slug", "hooks/data/topics.yml",
         lambda p: append(p, "hooks/data/topics.yml",
                          "  - slug: lora\n    name: 重复\n    category: peft\n    aliases: [重复的写法]\n"
                          "    description: 重复的主题。\n"),
         r"duplicate topic slug 'lora'"),
    Case("topics-invalid-yaml", "hooks/data/topics.yml",
         lambda p: append(p, "hooks/data/topics.yml", "  - slug: [broken\n"),
         r"not valid YAML"),
    Case("source-sites-duplicate-key", "hooks/data/source_sites.yml",
         lambda p: append(p, "hooks/data/source_sites.yml", "other: 又一个其他\n"),
         r"key 'other' is given twice"),
    Case("pages-file-invalid-yaml", "docs/training/.pages",
         lambda p: append(p, "docs/training/.pages", "  - [broken\n"),
         r"not valid YAML"),
    Case("title-script", SECTION_PAGE,
         lambda p: replace_line(p, SECTION_PAGE, "title:", 'title: "PEFT<script>alert(1)</script>"'),
         r"HTML is not allowed in a page title"),
    Case("description-script", SECTION_PAGE,
         lambda p: replace_line(p, SECTION_PAGE, "description:", 'description: "<img src=x onerror=alert(1)>"'),
         r"HTML is not allowed in a page description"),
    Case("pages-title-html", "docs/training/.pages",
         lambda p: replace_line(p, "docs/training/.pages", "title:", 'title: "训练<img src=x onerror=alert(1)>"'),
         r"HTML is not allowed in a navigation title"),
    Case("glossary-html", "hooks/data/zh_hant_terms.tsv",
         lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "显卡\t<script>alert(1)</script>\n"),
         r"HTML is not allowed in a glossary term"),
    Case("html-attribute-without-space", ABOUT_PAGE, _about('<div><img src="x"onerror=alert(1)></div>'),
         r"event-handler attribute onerror= on <img>"),
    Case("html-slash-separator", ABOUT_PAGE, _about("<svg/onload=alert(1)>"),
         r"event-handler attribute onload= on <svg>"),
    Case("html-abrupt-comment", ABOUT_PAGE, _about("<!--><img src=x onerror=alert(1)>-->"),
         r"event-handler attribute onerror= on <img>"),
    Case("html-handler-in-div", ABOUT_PAGE, lambda p: _about('<div markdown>\n<p onclick="alert(1)">x</p>\n</div>')(p) + 1,
         r"event-handler attribute onclick= on <p>"),
    Case("html-meta-refresh", ABOUT_PAGE, _about('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
         r"raw HTML <meta> is not allowed"),
    Case("html-form", ABOUT_PAGE, _about('<form action="https://evil.example/"><input name="q"></form>'),
         r"raw HTML <form> is not allowed"),
    Case("html-foreign-stylesheet", ABOUT_PAGE, _about('<link rel="stylesheet" href="https://evil.example/x.css">'),
         r"raw HTML <link> is not allowed"),
    Case("html-style", ABOUT_PAGE, _about("<style>body{display:none}</style>"), r"raw HTML <style> is not allowed"),
    Case("protocol-relative-link", ABOUT_PAGE, _about("见[这里](//evil.example/p)。"),
         r"protocol-relative link"),
    Case("invalid-utf8", ABOUT_PAGE, lambda p: _append_bytes(p, ABOUT_PAGE, b"x \xff y\n"),
         r"not valid UTF-8"),
    Case("duplicate-source", "docs/about/sources.md",
         lambda p: _write(p, "docs/about/sources/index.md", "# 重复\n"), r"both make the page"),
]


def _append_bytes(project: Path, rel: str, data: bytes) -> int:
    path = project / rel
    before = path.read_bytes()
    path.write_bytes(before + data)
    return before.count(b"\n") + 1


def _write(project: Path, rel: str, text: str) -> int:
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(text, encoding="utf-8")
    return 1


def _drop_closing_front_matter(project: Path, rel: str) -> int:
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i] == "---")
    del lines[closing]
    path.write_text("\n".join(lines), encoding="utf-8")
    return 1


FINDING_RE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<reason>.+?) — (?P<fix>.+)$", re.MULTILINE)


def findings(output: str) -> list[re.Match[str]]:
    return list(FINDING_RE.finditer(output))


def expect_finding(output: str, case: Case, line: int) -> None:
    """The output names the case's file and line, a reason matching the case, and a fix."""
    located = [m for m in findings(output) if m["path"] == case.path and int(m["line"]) == line]
    assert located, f"no finding at {case.path}:{line} in:\n{output[-3000:]}"
    assert any(re.search(case.reason, m.group(0)) for m in located), \
        f"no reason matching {case.reason!r} at {case.path}:{line}:\n" + "\n".join(m.group(0) for m in located)
    assert all(len(m["fix"]) > 10 for m in located)


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project; each case copies it again (cheap) and changes that copy."""
    return copy_project(tmp_path_factory.mktemp("pristine"))


def prepared(case: Case, base: Path, pristine: Path) -> tuple[Path, int]:
    project = base / case.name
    shutil.copytree(pristine, project)
    return project, case.apply(project)


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.check", *args],
                          cwd=project, capture_output=True, text=True, env=_clean_env(), timeout=120)


# ---------------------------------------------------------------- the standalone command


def test_there_are_enough_distinct_cases() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 15


def test_real_project_passes_the_checks() -> None:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=ROOT, capture_output=True,
                          text=True, env=_clean_env(), timeout=120)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "no problems" in proc.stderr
    assert elapsed < 20, f"the standalone check took {elapsed:.1f} s"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_standalone_check_names_file_line_and_fix(case: Case, tmp_path: Path, pristine: Path) -> None:
    project, line = prepared(case, tmp_path, pristine)
    proc = run_check(project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    expect_finding(proc.stdout, case, line)
    others = {m["path"] for m in findings(proc.stdout)} - {case.path}
    assert others == set(), f"the change should only be reported in {case.path}:\n{proc.stdout}"


def test_page_template_passes_the_checks(tmp_path: Path, pristine: Path) -> None:
    """.github/PAGE_TEMPLATE.md, copied into a section as CONTRIBUTING.md says, is a valid page."""
    project = tmp_path / "template"
    shutil.copytree(pristine, project)
    shutil.copy2(project / ".github" / "PAGE_TEMPLATE.md", project / "docs" / "training" / "new-page.md")
    append(project, "docs/training/.pages", "  - new-page.md\n")
    proc = run_check(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_of_chosen_pages_only(tmp_path: Path, pristine: Path) -> None:
    project, line = prepared(CASES[11], tmp_path, pristine)  # <script> on the about page
    assert run_check(project, "docs/training/peft.md").returncode == 0
    proc = run_check(project, "docs/about/index.md")
    assert proc.returncode == 1
    expect_finding(proc.stdout, CASES[11], line)


def test_simplify_converts_a_traditional_page(tmp_path: Path, pristine: Path) -> None:
    case = next(c for c in CASES if c.name == "traditional-script")
    project, _ = prepared(case, tmp_path, pristine)
    page = project / ABOUT_PAGE
    proc = run_check(project, "--simplify", str(page))
    assert proc.returncode == 0, proc.stderr
    text = page.read_text(encoding="utf-8")
    assert "这个页面是用繁体字写的，应该改成简体。" in text
    assert "(sources.md)" in text  # links untouched
    assert run_check(project).returncode == 0


# ---------------------------------------------------------------- inside mkdocs build

BUILT_CASES = ["front-matter-invalid-yaml", "entry-empty-url", "html-script", "unknown-topic-on-entry",
               "broken-anchor", "traditional-script", "glossary-duplicate-term", "title-script",
               "html-abrupt-comment", "invalid-utf8"]


@dataclass(frozen=True)
class Built:
    case: Case
    line: int
    project: Path
    site: Path
    log: str
    returncode: int


def _build(case: Case, base: Path, pristine: Path, strict: bool) -> Built:
    project, line = prepared(case, base, pristine)
    site = project / "built-site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)] + (["--strict"] if strict else [])
    proc = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600,
                          env={**_clean_env(), "NO_MKDOCS_2_WARNING": "1"})
    return Built(case, line, project, site, proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory, pristine: Path) -> dict[str, Built]:
    """`mkdocs build --strict` of each BUILT_CASES copy, plus one non-strict build, two at a time."""
    base = tmp_path_factory.mktemp("builds")
    by_name = {case.name: case for case in CASES}
    jobs = [(by_name[name], True) for name in BUILT_CASES] + [(by_name["html-script"], False)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda job: _build(job[0], base / ("strict" if job[1] else "lenient"),
                                                pristine, job[1]), jobs))
    return {("strict:" if strict else "lenient:") + case.name: built
            for (case, strict), built in zip(jobs, done)}


@pytest.mark.parametrize("name", BUILT_CASES)
def test_strict_build_fails_naming_file_line_and_fix(builds: dict[str, Built], name: str) -> None:
    built = builds["strict:" + name]
    assert built.returncode != 0, built.log[-3000:]
    log = re.sub(r"^(WARNING|ERROR|INFO)\s+-\s+", "", built.log, flags=re.MULTILINE)
    expect_finding(log, built.case, built.line)


def test_mkdocs_own_link_validation_also_fails_strict(builds: dict[str, Built]) -> None:
    """mkdocs.yml's validation options warn about the same anchor, so strict fails either way."""
    log = builds["strict:broken-anchor"].log
    assert re.search(r"WARNING\s+-\s+Doc file 'about/index\.md' contains a link 'sources\.md#no-such-heading'", log), log[-3000:]


def test_lenient_build_reports_and_removes_unsafe_html(builds: dict[str, Built]) -> None:
    built = builds["lenient:html-script"]
    assert built.returncode == 0, built.log[-3000:]
    assert re.search(rf"WARNING\s+-\s+{re.escape(ABOUT_PAGE)}:{built.line}: raw HTML <script>", built.log)
    for rel in ("about/index.html", "zh-Hant/about/index.html"):
        html = (built.site / rel).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "alert(1)" not in html, "the script is removed"
