"""失效 marks on rendered Markdown, and the report page's Markdown."""

from __future__ import annotations

import markdown

from hooks.check.sanitize import sanitize
from hooks.links.marks import DeadLinksExtension, MarkState, render_report
from hooks.links.report import problems_by_page
from hooks.links.sources import UrlSource
from hooks.links.status_file import LinkRecord

DEAD = LinkRecord(status="dead", checked="2026-11-20", since="2026-11-13", code=404)
MOVED = LinkRecord(status="redirected", checked="2026-11-20", since="2026-11-20", code=200,
                   final_url="https://new.example/", moved_to="https://new.example/")
RECORDS = {"https://gone.example/a": DEAD, "https://old.example/": MOVED}


def render(text: str, convert=str) -> str:
    return markdown.markdown(text, extensions=[DeadLinksExtension(MarkState(RECORDS, convert))])


def test_dead_link_stays_and_gets_mark_and_archive_link() -> None:
    html = render("读 [文章](https://gone.example/a) 和 [另一篇](https://old.example/)。")
    assert ('<a class="kb-dead-link" href="https://gone.example/a">文章</a><span class="kb-link-dead"'
            in html)
    assert '<span class="kb-link-dead__label">失效</span> ' in html
    assert ('<a class="kb-archive" href="https://web.archive.org/web/https://gone.example/a">网页存档</a></span> 和'
            in html)
    assert html.count("kb-link-dead\"") == 1  # the moved link is not marked


def test_marks_pass_the_allowlist_unchanged() -> None:
    html = render("- [文章](https://gone.example/a)\n- <https://gone.example/a>")
    assert html.count('class="kb-link-dead"') == 2
    safe, removed = sanitize(html)
    assert removed == [] and "kb-archive" in safe and "kb-link-dead__label" in safe


def test_labels_in_the_pages_script() -> None:
    html = render("[文章](https://gone.example/a)", convert=lambda text: text.replace("网页存档", "網頁存檔"))
    assert "網頁存檔" in html


def test_report_lists_dead_and_moved_by_page() -> None:
    sources = [UrlSource("https://old.example/", "training/peft.md", 9),
               UrlSource("https://gone.example/a", "training/peft.md", 3),
               UrlSource("https://fine.example/", "data.md", 2)]
    text = render_report(problems_by_page(sources, RECORDS), {"training/peft.md": "参数高效微调"}, "2026-11-20")
    assert "## [参数高效微调](../training/peft.md)" in text
    assert text.index("第 3 行：**失效**（404）") < text.index("第 9 行：**已迁移**")
    assert "[网页存档](https://web.archive.org/web/https://gone.example/a)" in text
    assert "<https://old.example/> → <https://new.example/>" in text
    assert "data.md" not in text and "2026-11-20" in text


def test_report_before_any_check_says_nothing_was_checked() -> None:
    text = render_report({}, {}, "")
    assert "**尚未检查**" in text
    assert "没有发现失效" not in text


def test_report_without_problems_names_the_day_of_the_check() -> None:
    text = render_report({}, {}, "2026-11-20")
    assert "最近一次检查（2026-11-20）没有发现失效或已迁移的链接" in text
    assert "尚未检查" not in text
