"""hooks/sources/credit_line.py: the sections' 收录自 lines become one line at the page's end."""

from hooks.sources.credit_line import gather_credits, with_one_credit_line

TITLES = {"notes": "训练基础笔记与博客收集", "easyllm": "Easyllm"}
PAGE = """# 训练

## 甲

收录自：[笔记](../about/sources.md#notes)

- [一](https://a.example/)

## 乙

收录自：[Easyllm](../about/sources.md#easyllm)、[笔记](../about/sources.md#notes)

- [二](https://b.example/)
"""


def test_each_credit_line_is_left_blank_and_every_other_line_keeps_its_number() -> None:
    text, _ = gather_credits(PAGE, TITLES)
    before, after = PAGE.split("\n"), text.split("\n")
    assert len(after) == len(before)
    assert [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new] == [4, 10]
    assert after[4] == after[10] == ""


def test_the_sources_are_named_once_each_in_the_order_they_first_appear_by_their_own_title() -> None:
    _, credits = gather_credits(PAGE, TITLES)
    assert credits == [{"title": "训练基础笔记与博客收集", "href": "../about/sources.md#notes"},
                       {"title": "Easyllm", "href": "../about/sources.md#easyllm"}]


def test_the_page_ends_with_one_line_naming_its_sources() -> None:
    text = with_one_credit_line(PAGE, TITLES)
    assert text.count("收录自") == 1
    last = text.rstrip().split("\n\n")[-2]
    assert last == ("本页条目收录自[训练基础笔记与博客收集](../about/sources.md#notes)和"
                    "[Easyllm](../about/sources.md#easyllm)。")


def test_an_unknown_source_keeps_its_link_text_and_markup_in_it_is_escaped() -> None:
    page = "## 甲\n\n收录自：[新*来源*](../about/sources.md#new)\n\n- 名称\n"
    assert "[新\\*来源\\*](../about/sources.md#new)" in with_one_credit_line(page, {})


def test_a_page_without_credit_lines_and_a_credit_line_in_code_are_left_alone() -> None:
    page = "# 关于\n\n各页的“收录自”一行链接到来源。\n\n```\n收录自：[笔记](sources.md#notes)\n```\n"
    assert with_one_credit_line(page, TITLES) == page
