"""The shared Markdown scanner: code masked out, links with their spans, anchors."""

from __future__ import annotations

from hooks.parse.markdown import Source, anchors, mask

OLD = "https://old.test/a"

PAGE = f"""\
---
title: 示例
description: 不是链接 https://front-matter.test/
---

# 标题

- [文章]({OLD}) — 说明
- [另一篇](https://x.test/wiki/Foo_(bar)) — 括号
- 自动链接 <{OLD}> 与图片 ![图](https://img.test/p.png "标题")
- 行内代码 `[文章]({OLD})` 不算
- 相对链接 [页面](../other.md) 不算
- 尖括号 [文章](<https://angle.test/a>)

```markdown
- [文章]({OLD})
```

~~~
<{OLD}>
~~~

    ```
    [缩进围栏]({OLD})
    ```

<!-- [注释]({OLD}) -->

[ref]: {OLD} "引用定义"
[^note]: 脚注 https://footnote.test/ 不是链接语法
"""


def _external(text: str) -> list[tuple[str, int, str]]:
    source = Source("p.md", "p.md", text)
    found = []
    for link in source.external_links:
        assert link.span is not None
        found.append((link.dest, source.line(link.span[0]), link.kind))
    return found


def test_external_links_outside_code_are_found_with_their_lines() -> None:
    assert _external(PAGE) == [
        (OLD, 8, "inline"),
        ("https://x.test/wiki/Foo_(bar)", 9, "inline"),
        (OLD, 10, "autolink"),
        ("https://img.test/p.png", 10, "image"),
        ("https://angle.test/a", 13, "inline"),
        (OLD, 29, "reference"),
    ]


def test_spans_point_into_the_original_text() -> None:
    source = Source("p.md", "p.md", PAGE)
    assert source.external_links
    for link in source.external_links:
        assert link.span is not None
        assert PAGE[link.span[0]:link.span[1]] == link.dest


def test_an_autolink_that_is_also_a_destination_is_found_once() -> None:
    assert _external("[a](<https://a.test/>) and <https://b.test/>\n") == [
        ("https://a.test/", 1, "inline"), ("https://b.test/", 1, "autolink")]


def test_relative_and_other_scheme_links_are_not_external() -> None:
    assert _external("[a](../a.md) [b](mailto:x@y.test) <ftp://files.test/x>\n") == []


def test_masking_keeps_length_and_lines() -> None:
    masked = mask(PAGE, Source("p.md", "p.md", PAGE).body_offset)
    assert len(masked) == len(PAGE)
    assert masked.count("\n") == PAGE.count("\n")
    assert "`" not in masked and "front-matter.test" not in masked and "注释" not in masked


def _ids(text: str) -> frozenset[str]:
    return anchors(Source("p.md", "p.md", text), lambda s: s.lower().replace(" ", "-"), lambda s: s)


def test_headings_give_anchors() -> None:
    assert _ids("# One\n\n## Two words\n\n###Three\n") == {"one", "two-words", "three"}


def test_headings_start_at_the_line_start_as_python_markdown_reads_them() -> None:
    # Python-Markdown renders "   ### x" as a paragraph "### x" (CommonMark would make it a heading)
    assert _ids("Text\n\n   ### Not a heading\n\n ## Nor this\n") == frozenset()


def test_an_indented_code_line_is_not_a_heading() -> None:
    # Python-Markdown renders a line indented by four spaces (or a tab) as code, not a heading
    assert _ids("Text\n\n    # not a heading\n\n\t# nor this\n") == frozenset()
