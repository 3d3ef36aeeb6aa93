"""hooks/check/front_matter.py on in-memory pages."""

import pytest

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
    assert "kind: 'blog' is not one of" in problems[0].reason


def test_a_repeated_key_is_reported_on_the_second_line() -> None:
    _, problems = check_front_matter(page("---\ntitle: 甲\ntitle: 乙\n---\n"))
    assert [p.line for p in problems] == [3]


# every key the site or the theme reads is declared with its type; the rest is refused


@pytest.mark.parametrize(("yaml", "line", "fragment"), [
    ("title: 甲\nsubtitle: ['<meta http-equiv=refresh content=0;url=https://x.test>']\n", 3, "is not of type 'string'"),
    ("title: 甲\nstatus: ['<script src=/x.js></script>']\n", 3, "is not one of ['new', 'deprecated']"),
    ("title: 甲\nauthor: 乙\n", 3, "unknown key 'author'"),
    ("title: 甲\nsearch: true\n", 3, "search: True is not of type 'object'"),
    ("title: 甲\nhide: 5\n", 3, "hide: 5 is not of type 'array'"),
    ("title: 甲\nhide: [toc, sidebar]\n", 3, "hide[1]: 'sidebar' is not one of"),
    ("title: 甲\nicon:\n", 3, "icon: None is not one of"),
    ("title: 甲\nicon: material/no-such-icon\n", 3, "is not one of"),
    ("title: 甲\ntemplate: partials/x.html\n", 3, "template: 'partials/x.html' is not one of ['main.html']"),
    ("title: 甲\ntemplate:\n", 3, "template: None is not one of"),
    ("title: 5\n", 2, "'title' must be a non-empty text"),
    ("- 甲\n", 2, "is not of type 'object', 'null'"),
])
def test_a_key_of_the_wrong_type_or_unknown_is_reported_on_its_line(yaml: str, line: int, fragment: str) -> None:
    meta, problems = check_front_matter(page(f"---\n{yaml}---\n# 甲\n"))
    assert meta is None
    assert [(p.line, p.code) for p in problems] == [(line, "front-matter")]
    assert fragment in problems[0].reason


def test_the_theme_keys_the_site_allows_pass() -> None:
    text = "---\ntitle: 甲\nhide: [toc, navigation]\nsearch: {exclude: true}\nstatus: new\ntemplate: main.html\n---\n"
    meta, problems = check_front_matter(page(text))
    assert problems == [] and meta is not None and meta["search"] == {"exclude": True}


@pytest.mark.parametrize(("yaml", "fragment"), [
    ("a: &a [x, x]\nb: [*a, *a]\ntitle: 甲\n", "an anchor (&a)"),
    ("title: !!python/object:os.system 甲\n", "an explicit tag"),
    ("title: 甲\nx: " + "[" * 4_000 + "\n", "nested more than 20 deep"),
    ("title: 甲\nx: " + "9" * 4_900 + "\n", "a number of 4900 characters"),
])
def test_yaml_that_would_cost_far_more_than_its_size_is_refused_before_it_is_read(yaml: str, fragment: str) -> None:
    meta, problems = check_front_matter(page(f"---\n{yaml}---\n# 甲\n"))
    assert meta is None and len(problems) == 1 and fragment in problems[0].reason


def test_a_front_matter_over_its_size_limit_is_refused() -> None:
    meta, problems = check_front_matter(page("---\ntitle: 甲\ndescription: " + "长" * 5_000 + "\n---\n"))
    assert meta is None and "larger than 10000 bytes" in problems[0].reason
