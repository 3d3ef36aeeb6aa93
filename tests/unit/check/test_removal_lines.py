"""Naming the line of each removal costs work in proportion to the page, not to its removals."""

from __future__ import annotations

from collections.abc import Callable

from hooks import paths
from hooks.check.sanitize import blocks, check_page_html, markdown_renderer

_render = markdown_renderer(paths.ROOT)


def counting_renderer() -> tuple[list[int], Callable[[str], str]]:
    rendered: list[int] = []

    def render(text: str) -> str:
        rendered.append(len(text))
        return _render(text)

    return rendered, render


def test_many_removals_on_a_long_page_render_the_page_about_twice() -> None:
    filler = "".join(f"段落 {i}：说明 `onclick=` 的写法: a/b。\n\n" for i in range(400))
    bad = "".join(f'<div onclick="x{i}">a</div>\n\n' for i in range(60))
    text = "# T\n\n" + filler + bad
    rendered, render = counting_renderer()
    findings = check_page_html("docs/x.md", text, 0, render)
    first_bad = 3 + 2 * 400
    assert [f.line for f in findings[:50]] == [first_bad + 2 * i for i in range(50)]
    assert "10 more removal(s)" in findings[-1].reason
    assert sum(rendered) < 3 * len(text)  # the whole page once, then each block at most once


def test_lines_inside_html_blocks_fences_and_front_matter_are_named() -> None:
    text = ("---\ntitle: x\n---\n# T\n\n```html\n<script>\n\n</script>\n```\n\n"
            '<div markdown>\n\ntext <span onclick="a">b</span>\n\n</div>\n\n[x][1]\n\n[1]: javascript:alert(1)\n')
    findings = check_page_html("docs/x.md", text, 3, _render)
    assert [(f.line, f.reason.split(" ")[0]) for f in findings] == [(14, "event-handler"), (20, "URL")]


def test_blocks_keep_fenced_code_whole() -> None:
    lines = ["a", "", "```", "x", "", "y", "```", "", "b", "c"]
    assert blocks(lines) == [(0, 1), (2, 7), (8, 10)]
