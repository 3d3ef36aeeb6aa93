"""hooks/check/runner.py: the allowlist check of rendered pages, in the standalone check and as
a build runs it (on the pages whose built HTML lost something)."""

from pathlib import Path

from hooks.check.runner import Project, check_project, page_html_findings

PAGE = "# 页面\n\n正文\n\n<script>alert(1)</script>\n\n[坏链接](javascript:alert(1))\n"


def _project(tmp_path: Path) -> Project:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - attr_list\n", encoding="utf-8")
    return Project(tmp_path, tmp_path / "docs")


def _found(findings) -> list[tuple[str, int, str]]:
    return sorted((f.path, f.line, f.code) for f in findings)


def test_the_standalone_check_renders_each_page(tmp_path: Path) -> None:
    report = check_project(_project(tmp_path))
    assert ("docs/x.md", 5, "unsafe-html") in _found(report.findings)
    assert ("docs/x.md", 7, "url-scheme") in _found(report.findings)


def test_without_rendering_only_the_source_checks_remain(tmp_path: Path) -> None:
    found = _found(check_project(_project(tmp_path), render_pages=False).findings)
    assert ("docs/x.md", 7, "url-scheme") in found
    assert not [f for f in found if f[2] == "unsafe-html"]


def test_page_html_findings_are_the_standalone_checks_findings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    standalone = [f for f in check_project(project).findings if f.code == "unsafe-html"]
    located = page_html_findings(project, "x.md")
    assert _found(located) == _found(standalone) == [("docs/x.md", 5, "unsafe-html")]  # the scheme: once, by its check
    assert page_html_findings(project, "missing.md") == []


LIST_ITEM_FENCE = (
    "# 页面\n\n"
    "- ```text\n"  # a list item, not a fence: Python-Markdown renders the links below
    "  [坏链接](missing.md)\n\n"
    "[另一个坏链接](javascript:alert(1))\n"
)


def test_links_after_a_list_item_written_like_a_fence_are_checked(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "docs" / "x.md").write_text(LIST_ITEM_FENCE, encoding="utf-8")
    found = _found(check_project(project, render_pages=False).findings)
    assert ("docs/x.md", 4, "broken-link") in found
    assert ("docs/x.md", 6, "url-scheme") in found



SECTIONS = ("---\ntitle: 页面\ndescription: 说明\n---\n\n# 页面\n\n## 有\n\n- [甲](https://a.example/)\n\n"
            "## 空\n\n原合集在这里还没有列出文章。\n\n## 坏\n\n- [没有闭合](https://b.example/ — 说明\n")


def _codes(folder: Path, page: str) -> list[tuple[int, str]]:
    folder.mkdir()
    project = _project(folder)
    (folder / "docs" / "x.md").write_text(page, encoding="utf-8")
    return [(line, code) for path, line, code in _found(check_project(project, render_pages=False).findings)
            if code in ("empty-section", "entry")]


def test_empty_sections_are_judged_once_every_entry_of_the_page_reads(tmp_path: Path) -> None:
    assert _codes(tmp_path / "bad", SECTIONS) == [(18, "entry")]  # its unread entry does not make 坏 look empty
    fixed = SECTIONS.replace("https://b.example/ —", "https://b.example/) —")
    assert _codes(tmp_path / "fixed", fixed) == [(12, "empty-section")]
