"""hooks/convert/compare.py: a page's zh-Hant lines beside the source, and the words that
differ from plain OpenCC s2tw."""

import opencc

from hooks.convert.compare import compare, differences


def test_differences_name_whole_words() -> None:
    assert differences("大模型推理框架與推理服務化資料", "大模型推論框架與推論服務部署資料") == [
        "推理→推論", "推理服務化→推論服務部署"]


def test_swapped_characters_make_one_pair_and_quotation_marks_alone_none() -> None:
    assert differences("“測評”", "「評測」") == ["測評→評測"]
    assert differences("“資料”", "「資料」") == []


def test_compare_lists_the_s2tw_differences_under_each_changed_line() -> None:
    lines = compare("# 推理\n\n代码不变。\n\n`推理`\n", script_only=opencc.OpenCC("s2tw").convert)
    assert lines[:3] == ["1  # 推理", " → # 推論", "   s2tw: 推理→推論"]
    assert "5  `推理`" not in lines  # code is kept by both conversions: the line does not change
