"""hooks/check/front_matter.py on in-memory pages."""

from hooks.check.front_matter import check_front_matter
from hooks.parse.markdown import Source


def page(text: str) -> Source:
    return Source("docs/x.md", "x.md", text)


def test_a_page_without_front_matter_is_fine() -> None:
    assert check_front_matter(page("# 标题\n")) == ({}, [])


def test_good_front_matter_is_returned() -> None:
    meta, problems = check_front_matter(page("---\ntitle: 训练\ndescription: 一句话\n---\n# 训练\n"))
    assert problems == [] and meta == {"title": "训练", "description": "一句话"}


def test_an_unclosed_front_matter_is_reported_at_line_1() -> None:
    meta, problems = check_front_matter(page("---\ntitle: 训练\n\n# 训练\n"))
    assert meta is None and [p.line for p in problems] == [1]
    assert "never closed" in problems[0].reason


def test_an_empty_title_is_reported_on_its_own_line() -> None:
    _, problems = check_front_matter(page("---\ndescription: 一句话\ntitle: ''\n---\n"))
    assert [(p.line, p.code) for p in problems] == [(3, "front-matter")]
    assert "'title' must be a non-empty text" in problems[0].reason


def test_an_unknown_kind_is_reported() -> None:
    _, problems = check_front_matter(page("---\ntitle: 甲\nkind: blog\n---\n"))
    assert [p.line for p in problems] == [3]
    assert "unknown page kind 'blog'" in problems[0].reason


def test_a_repeated_key_is_reported_on_the_second_line() -> None:
    _, problems = check_front_matter(page("---\ntitle: 甲\ntitle: 乙\n---\n"))
    assert [p.line for p in problems] == [3]
