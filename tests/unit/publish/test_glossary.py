"""Unit tests of the 术语表 table (hooks/publish/glossary.py), with stand-in converters."""

from __future__ import annotations

from hooks.publish.glossary import glossary_rows, render_table
from hooks.search.terms import SearchTerm

TERMS = [
    SearchTerm(("alignment",), "对齐", "本站“RLHF 与对齐”页用此词。", 1),
    SearchTerm(("parameter-efficient fine-tuning", "PEFT|x"), "参数高效微调", "只训练少量参数。", 2),
]
SITE = {"对齐": "對齊", "参数高效微调": "參數高效微調"}
STOCK = {"对齐": "對齊", "参数高效微调": "引數高效微調"}
PROSE = {"本站“RLHF 与对齐”页用此词。": "本站「RLHF 與對齊」頁用此詞。", "只训练少量参数。": "只訓練少量參數。"}


def test_rows_show_the_site_conversion_and_say_where_opencc_differs() -> None:
    rows = glossary_rows(TERMS, SITE.__getitem__, STOCK.__getitem__, PROSE.__getitem__)
    assert [(r.simplified, r.traditional, r.by_glossary) for r in rows] == [
        ("对齐", "對齊", False), ("参数高效微调", "參數高效微調", True)]
    assert rows[0].reason == "本站「RLHF 與對齊」頁用此詞。"
    assert rows[1].english == ("parameter-efficient fine-tuning", "PEFT\\|x")  # escaped for a table cell


def test_the_table_keeps_each_script_in_its_own_cell() -> None:
    rows = glossary_rows(TERMS, SITE.__getitem__, STOCK.__getitem__, str)
    table = render_table(rows, lambda text: text.replace("简体", "簡體").replace("繁体", "繁體"))
    assert "| English | 簡體 | 繁體 |" in table
    assert '| alignment | <span lang="zh-Hans">对齐</span> | <span lang="zh-Hant">對齊</span> |' in table
    assert "只训练少量参数。（繁體依本站詞表）" not in table and "（繁體依本站词表）" in table
    assert "引數" not in table
    assert 'data-search-exclude="true"' in table
    assert "共 2 个术语" in table
