"""The shape guard: each limit passes a page just under it and names the line just over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hooks.check.shape import LIMITS, check_shape

ROOT = Path(__file__).resolve().parents[3]
HEAD = "---\ntitle: 页\n---\n\n前言。\n\n"  # 6 lines: the body starts on line 7
FIRST = HEAD.count("\n") + 1


def repeated(unit: str, lines_per_unit: int) -> Callable[[int], tuple[str, int]]:
    """n copies of `unit`; the line where the n-th copy starts (where a count passes n - 1)."""
    return lambda n: (HEAD + unit * n, FIRST + (n - 1) * lines_per_unit)


def _page_bytes(n: int) -> tuple[str, int]:
    size = n - len(HEAD.encode("utf-8"))
    return HEAD + ("x" * 99 + "\n") * (size // 100) + "x" * (size % 100), 1


def _line_chars(n: int) -> tuple[str, int]:
    return HEAD + "前文。\n\n" + "字" * n + "\n", FIRST + 2


def _nested(opening: str, closing: str) -> Callable[[int], tuple[str, int]]:
    return lambda n: (HEAD + "前文。\n\n" + opening * n + "x" + closing * n + "\n", FIRST + 2)


def _html_depth(n: int) -> tuple[str, int]:
    return HEAD + "<div>\n" * n + "x\n" + "</div>\n" * n, FIRST + n - 1


def _definitions(n: int) -> tuple[str, int]:
    return HEAD + "术语\n" + ": 释义\n" * n, FIRST + n


CASES: dict[str, Callable[[int], tuple[str, int]]] = {
    "page_bytes": _page_bytes,
    "line_chars": _line_chars,
    "lines": lambda n: (HEAD + "行\n" * (n - HEAD.count("\n") - 1), n),
    "indent": lambda n: (HEAD + "- 列表\n\n" + " " * n + "- 嵌套\n", FIRST + 2),
    "open_tags": repeated("a <b 之后没有尖括号\n\n", 2),
    "open_brackets": repeated("[没有闭合的方括号\n\n", 2),
    "open_destinations": repeated("[链接](https://example.com/没有闭合\n\n", 2),
    "bracket_depth": _nested("[", "]"),
    "quote_depth": _nested("> ", ""),
    "html_depth": _html_depth,
    "definition_run": _definitions,
    "footnotes": repeated("正文[^1]\n\n", 2),
    "abbreviations": repeated("*[LLM]: 大语言模型\n", 1),
    "headings": repeated("## 小节\n\n", 2),
    "code_blocks": repeated("```python\nx = 1\n```\n\n", 4),
    "highlighted_code": repeated("写作 `#!python x = 1`。\n", 1),
    "escapes": repeated("\\*\n", 1),
}


def reasons(text: str) -> list[str]:
    return [finding.reason for finding in check_shape("docs/x.md", text)]


def test_every_limit_has_a_case() -> None:
    assert sorted(CASES) == sorted(LIMITS)


@pytest.mark.parametrize("key", sorted(CASES))
def test_just_under_the_limit_passes(key: str) -> None:
    text, _ = CASES[key](LIMITS[key].limit)
    assert check_shape("docs/x.md", text) == []


@pytest.mark.parametrize("key", sorted(CASES))
def test_just_over_the_limit_names_file_line_reason_and_fix(key: str) -> None:
    limit = LIMITS[key]
    text, line = CASES[key](limit.limit + 1)
    found = check_shape("docs/x.md", text)
    assert [f.line for f in found] == [line]
    assert str(found[0]).startswith(f"docs/x.md:{line}: ")
    assert f"more than {limit.limit}" in found[0].reason
    assert str(found[0]).endswith(" — " + limit.fix)
    assert found[0].code == "shape"


def test_code_is_not_counted() -> None:
    """'<', '[' and the rest inside fenced code, code spans or after a backslash are text."""
    many = LIMITS["open_tags"].limit + LIMITS["open_brackets"].limit + 5
    fenced = "```html\n" + "<b [x ](y\n" * many + "```\n"
    spans = "".join(f"写作 `<b{i}` 与 `[x` 与 ``](y`` 。\n\n" for i in range(many))
    escaped = r"\[" * (LIMITS["bracket_depth"].limit + 5) + r"\<b" + "\n\n"
    assert reasons(HEAD + fenced + spans + escaped) == []


def test_a_fence_that_renders_as_text_does_not_hide_what_follows() -> None:
    """No closing line, or options superfences refuses: Python-Markdown renders the text after
    such a fence as text, and that text is measured."""
    many = "a <b 之后没有尖括号\n\n" * (LIMITS["open_tags"].limit + 1)
    for opening in ("```\n", "```python foo\n\n"):
        assert [f.code for f in check_shape("docs/x.md", HEAD + opening + many)] == ["shape"], opening


def test_a_link_title_without_its_closing_quote_is_counted() -> None:
    line = '[链接](https://example.com/ "标题没有闭合) 之后 [另一个](https://example.com/b)\n\n'
    found = check_shape("docs/x.md", HEAD + line * (LIMITS["open_destinations"].limit + 1))
    assert [f.line for f in found] == [FIRST + 2 * LIMITS["open_destinations"].limit]
    assert "link destinations" in found[0].reason
    assert reasons(HEAD + line * LIMITS["open_destinations"].limit) == []


@pytest.mark.parametrize("unit", ["<!-- 注释没有结尾 > 之后\n\n", "<code>没有结束标签 > 之后\n\n", "a <b 之后\n\n"])
def test_tags_comments_and_code_blocks_not_closed_on_their_line_are_counted(unit: str) -> None:
    limit = LIMITS["open_tags"].limit
    assert reasons(HEAD + unit * limit) == []
    found = check_shape("docs/x.md", HEAD + unit * (limit + 1))
    assert [f.line for f in found] == [FIRST + 2 * limit]
    assert "not closed on their line" in found[0].reason


def test_front_matter_is_not_counted_only_when_it_is_closed() -> None:
    unit = "a <b 之后\n"
    many = LIMITS["open_tags"].limit + 1
    assert reasons("---\ntitle: 页\n" + unit * many + "---\n\n正文。\n") == []
    found = check_shape("docs/x.md", "---\ntitle: 页\n" + unit * many)  # no closing line: all Markdown
    assert [f.line for f in found] == [2 + many]


def test_closed_markup_is_not_counted() -> None:
    many = LIMITS["open_tags"].limit * 3
    lines = "".join(f'<span class="a">第 {i} 行</span> [链接](https://example.com/{i} "标题") '
                    f'<!-- 注释 --> <code>代码</code>\n\n' for i in range(many))
    assert reasons(HEAD + lines) == []


def test_a_quote_and_a_list_of_quotes_count_their_own_depth() -> None:
    depth = LIMITS["quote_depth"].limit
    shallow = "\n".join("> " * (i % depth + 1) + "引文" for i in range(200))
    assert reasons(HEAD + shallow) == []


def test_a_quote_inside_a_list_item_counts_its_depth() -> None:
    depth = LIMITS["quote_depth"].limit
    nested = f"- 条目\n\n    {'> ' * depth}引文\n\n- 条目\n\n    {'> ' * (depth + 1)}引文\n"
    assert reasons(HEAD + nested) == [f"a quote nested {depth + 1} deep ('>'), more than {depth}"
                                      " (rendering such a page takes too long)"]


def test_a_page_far_over_the_size_limit_is_still_told_its_other_problems() -> None:
    text = HEAD + "[" * (LIMITS["page_bytes"].limit * 2)
    found = reasons(text)
    assert any(r.startswith(f"the page is {len(text.encode())} bytes") for r in found)
    assert any(r.startswith(f"a line of {LIMITS['page_bytes'].limit * 2} characters") for r in found)
    assert any(r.startswith("'[' nested") for r in found)


def test_the_real_pages_are_far_under_every_limit() -> None:
    """No real page is refused (their figures: ``python -m hooks.check.shape``)."""
    pages = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "CONTRIBUTING.md", ROOT / ".github" / "PAGE_TEMPLATE.md"]
    assert len(pages) > 20
    for page in pages:
        assert check_shape(page.name, page.read_text(encoding="utf-8-sig")) == [], page
