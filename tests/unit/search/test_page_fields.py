"""Unit tests of the page-level search fields and generated pages as one result, each against
hand-written expected values."""

from __future__ import annotations

import pytest

from hooks.search import index as si
from hooks.search.stage import dirty_documents, generated_label

ZW = "\u200b"


# --- page fields ------------------------------------------------------------------------------


def test_page_fields_gather_headings_entries_and_description() -> None:
    docs = [
        {"location": "p/", "title": "参数高效微调", "text": "", "title_alt": "參數高效微調"},
        {"location": "p/#lora", "title": "LoRA 系列", "text": "正文不算"},
        {"location": "p/#e-1", "title": "alpaca-lora+rtx 实战", "text": "", "title_alt": "實戰 x"},
        {"location": "q/#e-2", "title": "无主条目", "text": ""},  # q/ has no document of its own
        {"location": "r/", "title": "R", "text": ""},
    ]
    si.add_page_fields(docs, {"p/": "页面 说明", "s/": "没有这一页"})
    assert docs[0]["headings"] == "参数高效微调 參數高效微調 LoRA 系列"
    assert docs[0]["entries"] == "alpaca lora rtx 实战 實戰"  # Latin names by parts, Han alt terms only
    assert docs[0]["description"] == "页面 说明"
    assert docs[4] == {"location": "r/", "title": "R", "text": "", "headings": "R"}
    for doc in docs[1:4]:  # sections and entries keep only their own fields
        assert not {"headings", "entries", "description"} & set(doc)


def test_page_fields_count_each_entry() -> None:
    docs = [{"location": "p/", "title": "P"},
            {"location": "p/#e-1", "title": "LoRA"}, {"location": "p/#e-2", "title": "QLoRA 与 LoRA"}]
    si.add_page_fields(docs)
    assert docs[0]["entries"] == "lora qlora 与 lora"
    assert "description" not in docs[0]


def test_describe_segments_and_adds_the_other_forms() -> None:
    from .test_search_index import T2S, _cut, _variants

    segmenter = si.Segmenter(_cut(["训练", "数据"]), lambda t: t.translate(T2S))
    found = si.describe({"p/": "训练数据", "q/": "", "r/": "a<b"}, segmenter, _variants())
    assert found == {"p/": f"训练{ZW}数据 數據 訓練 資料", "r/": "a&lt;b"}


def test_build_indexes_fills_descriptions_per_language() -> None:
    from .test_search_index import T2S, _cut, _variants

    indexes = si.build_indexes(
        {"zh-Hans": [{"location": "t/", "title": "训练", "text": ""}],
         "zh-Hant": [{"location": "zh-Hant/t/", "title": "訓練", "text": ""}]},
        {"zh-Hans": "", "zh-Hant": "zh-Hant/"},
        si.search_config({"lang": ["zh"]}),
        si.Segmenter(_cut(["训练", "訓練"]), lambda t: t.translate(T2S)), _variants(),
        descriptions={"zh-Hans": {"t/": "训练"}, "zh-Hant": {"zh-Hant/t/": "訓練", "t/": "不是这一版"}},
    )
    assert indexes["zh-Hans"]["docs"][0]["description"] == "训练 訓練"
    assert indexes["zh-Hant"]["docs"][0]["description"] == "訓練 训练"
    assert indexes["zh-Hant"]["config"]["fields"]["description"] == {"boost": 3000.0}


# --- generated pages ----------------------------------------------------------------------------


def test_collapse_pages_keeps_one_titled_document_per_generated_page() -> None:
    docs = [
        {"location": "topics/lora/", "title": "LoRA", "text": "…"},
        {"location": "topics/lora/#e-1", "title": "QLoRA 详解", "text": ""},
        {"location": "topics/lora/#相关", "title": "相关", "text": ""},
        {"location": "topics/gone/#x", "title": "无页面文档", "text": ""},
        {"location": "training/peft/", "title": "参数高效微调", "text": ""},
        {"location": "training/peft/#e-1", "title": "QLoRA 详解", "text": ""},
    ]
    out = si.collapse_pages(docs, {"topics/lora/": "主题：", "topics/gone/": "主题："})
    assert out == [
        {"location": "topics/lora/", "title": "主题：LoRA", "text": "…"},
        {"location": "training/peft/", "title": "参数高效微调", "text": ""},
        {"location": "training/peft/#e-1", "title": "QLoRA 详解", "text": ""},
    ]
    assert docs[0]["title"] == "LoRA"  # the input is not changed


@pytest.mark.parametrize(("url", "language", "label"), [
    ("topics/lora/", "zh-Hans", "主题："),
    ("zh-Hant/topics/lora/", "zh-Hant", "主題："),
    ("topics/", "zh-Hans", ""),
    ("zh-Hant/topics/", "zh-Hant", ""),
    ("topics/by-source/", "zh-Hans", ""),
    ("topics/all-entries/", "zh-Hans", ""),
    ("zh-Hant/topics/all-entries/", "zh-Hant", ""),
    ("single-page/", "zh-Hans", ""),
    ("training/peft/", "zh-Hans", ""),
])
def test_generated_label(url: str, language: str, label: str) -> None:
    assert generated_label(url, language) == label


def test_own_spellings_map_the_other_script_to_the_page_words() -> None:
    from .test_search_index import _variants

    variants = _variants()
    docs = [{"location": "p/", "title": "訓練", "text": f"資料{ZW}與{ZW}LoRA", "title_alt": "训练 不算"}]
    variants.prepare(t for doc in docs for name in ("title", "text") for t in si.terms(doc[name]))
    assert variants.spellings("訓練") == {"训练"}
    assert variants.spellings("lora") == frozenset()
    assert si.own_spellings(docs, variants) == {"训练": "訓練", "资料": "資料"}


def test_a_dirty_rebuild_keeps_the_sections_of_pages_not_rendered_again():
    previous = [{"location": "", "title": "首页"}, {"location": "training/peft/", "title": "PEFT"},
                {"location": "training/peft/#lora", "title": "LoRA"}, {"location": "models/", "title": "模型"}]
    # the home page rendered again; Material's merge would have dropped every earlier section
    current = [{"location": "", "title": "首页（新）"}, {"location": "models/", "title": "旧的合并结果"}]
    assert dirty_documents(previous, current, {""}) == [
        {"location": "", "title": "首页（新）"}, {"location": "training/peft/", "title": "PEFT"},
        {"location": "training/peft/#lora", "title": "LoRA"}, {"location": "models/", "title": "模型"}]
    # a page rendered again takes its place: its sections where they were, then the pages after it
    assert dirty_documents(previous, [{"location": "training/peft/", "title": "PEFT 2"}], {"training/peft/"}) == [
        {"location": "", "title": "首页"}, {"location": "training/peft/", "title": "PEFT 2"},
        {"location": "models/", "title": "模型"}]
    # its entries where its entries were; a page new to the index last
    previous += [{"location": "training/peft/#e-1", "title": "A"}, {"location": "models/#e-2", "title": "B"}]
    current = [{"location": "training/peft/", "title": "PEFT"}, {"location": "training/peft/#e-1", "title": "A 2"},
               {"location": "new/", "title": "新"}]
    assert dirty_documents(previous, current, {"training/peft/", "new/"}) == [
        {"location": "", "title": "首页"}, {"location": "training/peft/", "title": "PEFT"},
        {"location": "models/", "title": "模型"}, {"location": "training/peft/#e-1", "title": "A 2"},
        {"location": "models/#e-2", "title": "B"}, {"location": "new/", "title": "新"}]
