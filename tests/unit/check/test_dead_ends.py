"""hooks/check/dead_ends.py: a heading with no entry under it, a note that points by place."""

from pathlib import Path

import pytest

from hooks.check.dead_ends import (
    DebrisPhrase,
    PointingPhrase,
    check_debris_notes,
    check_empty_sections,
    check_nothing_claims,
    check_pointing_notes,
    load_note_words,
    load_pointing_phrases,
)
from hooks.check.entries_check import check_entries
from hooks.parse.catalog import heading_slugify
from hooks.parse.data_files import DataFileError
from hooks.parse.markdown import Source

PAGE = "training/index.md"
PHRASES = (PointingPhrase("上一条", "the entry above"), PointingPhrase("下文", "text below the entry", ("上下文",)))


def findings(text: str, check) -> list:
    source = Source(f"docs/{PAGE}", PAGE, text)
    entries, problems = check_entries(source, heading_slugify)
    assert problems == [] and entries is not None
    return check(source, entries)


def empty(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.reason) for f in findings(text, check_empty_sections)]


def pointing(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.reason) for f in findings(text, lambda s, e: check_pointing_notes(s, e, PHRASES))]


def test_a_heading_with_only_a_sentence_under_it_is_reported_at_the_heading() -> None:
    text = ("# 训练\n\n## 甲\n\n- [一](https://a.example/)\n\n## 乙\n\n原合集在这里还没有列出文章。\n\n"
            "## 丙\n\n- 名称 — 只有名称\n")
    assert empty(text) == [(7, "the section '乙' holds no entry")]


def test_a_section_whose_entries_are_all_in_its_subsections_is_not_empty() -> None:
    text = "# 训练\n\n## 甲\n\n说明。\n\n### 子\n\n- [一](https://a.example/)\n"
    assert empty(text) == []


def test_an_entry_under_the_next_higher_heading_does_not_fill_a_subsection() -> None:
    text = "# 训练\n\n## 甲\n\n### 空\n\n## 乙\n\n- [一](https://a.example/)\n"
    assert empty(text) == [(3, "the section '甲' holds no entry"), (5, "the section '空' holds no entry")]


def test_a_table_row_is_an_entry_and_a_heading_in_code_is_no_heading() -> None:
    text = ("# 训练\n\n## 表\n\n| 文章 | 说明 |\n| --- | --- |\n| [一](https://a.example/) | 好 |\n\n"
            "## 代码\n\n```\n# 注释\n```\n\n- [二](https://b.example/)\n")
    assert empty(text) == []


def test_attribute_lists_are_not_in_the_name_and_a_page_with_no_entry_at_all_lists_nothing() -> None:
    found = empty("---\ntitle: 训练\n---\n\n# 训练\n\n## 空 { #empty }\n\n## 有\n\n- [一](https://a.example/)\n")
    assert found == [(7, "the section '空' holds no entry")]
    assert empty("# 重复\n\n只有一段话。\n") == []


def test_a_note_that_points_at_the_entry_above_is_reported_at_its_entry() -> None:
    text = "# 训练\n\n- [书](https://a.example/)\n- [网站](https://b.example/) — 上一条那本书的网站\n"
    found = pointing(text)
    assert [line for line, _ in found] == [4]
    assert "'上一条' (the entry above)" in found[0][1] and "'网站'" in found[0][1]


def test_a_longer_word_that_holds_a_phrase_is_no_pointer() -> None:
    text = "# 训练\n\n- [甲](https://a.example/) — 讲长上下文\n- [乙](https://b.example/) — 见下文\n"
    assert [line for line, _ in pointing(text)] == [4]


def test_the_title_and_the_text_around_an_entry_are_not_its_note() -> None:
    text = "# 训练\n\n下文列出两篇。\n\n- [上一条消息](https://a.example/) — 好文\n"
    assert pointing(text) == []


def test_the_project_phrases_load_and_a_phrase_without_points_at_is_refused(tmp_path: Path) -> None:
    texts = [phrase.text for phrase in load_pointing_phrases()]
    assert "上一条" in texts and "下文" in texts
    bad = tmp_path / "pointing_phrases.yml"
    bad.write_text("phrases:\n  - {text: 上一条}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_pointing_phrases(bad)
    assert caught.value.problems[0].line == 2



DEBRIS = (DebrisPhrase("原合集", "the source list"), DebrisPhrase("预告", "a plan", "name the published article"))


def debris(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.reason, f.fix) for f in findings(text, lambda s, e: check_debris_notes(s, e, DEBRIS))]


def test_a_note_about_the_source_list_is_reported_at_its_entry_with_the_phrase_fix() -> None:
    text = ("# 推理\n\n- [RAG-Survey](https://a.example/) — GitHub 仓库，原合集只给出了地址\n"
            "- 教程（三） — 预告的文章\n- [教程（一）](https://b.example/) — 快速入门\n")
    found = debris(text)
    assert [(line, fix) for line, _, fix in found] == [(3, found[0][2]), (4, "name the published article")]
    assert "'RAG-Survey' says '原合集' (the source list)" in found[0][1]
    assert "site's own words" in found[0][2]


def test_a_title_holding_the_words_is_no_debris() -> None:
    assert debris("# 推理\n\n- [原合集导读](https://a.example/) — 讲推理框架\n") == []


def claims(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.reason) for f in findings(text, lambda s, e: check_nothing_claims(s, e, ("暂无可收录",)))]


def test_a_sentence_saying_nothing_above_the_sections_own_entries_is_reported_at_its_line() -> None:
    text = ("# 集群\n\n## AI 集群\n\n原文只标注了“待更新”，暂无可收录的文章。\n\n"
            "- [NVMe SSD 详解](https://a.example/)\n- [InfiniBand 详解](https://b.example/)\n")
    assert claims(text) == [(5, "the text under 'AI 集群' says '暂无可收录' above 2 entries of that section")]


def test_a_sentence_saying_nothing_is_true_where_the_section_has_no_entry_of_its_own() -> None:
    text = ("# 集群\n\n## AI 集群\n\n暂无可收录的文章。\n\n### 网络通信\n\n- [目录](https://a.example/)\n\n"
            "## 其他\n\n- 名称 — 暂无可收录的说法只在注释里\n")
    assert claims(text) == []


def test_the_project_words_load_with_debris_and_claims() -> None:
    words = load_note_words()
    assert {"原合集", "预告", "只给出了地址"} <= {phrase.text for phrase in words.debris}
    assert "暂无可收录" in words.nothing
    assert words.pointing == load_pointing_phrases()
