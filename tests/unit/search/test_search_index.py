"""Unit tests of the search modules: the jieba dictionary, segmentation, index fields."""

from __future__ import annotations

import json
from collections import namedtuple
from collections.abc import Callable
from pathlib import Path

import pytest

from hooks.search import index as si  # noqa: E402
from hooks.search import vocabulary as sv  # noqa: E402

# --- the dictionary ---------------------------------------------------------------------------


def test_han_runs_keep_only_han() -> None:
    assert sv.han_runs("LoRA 微调与 QLoRA（量化）") == ["微调与", "量化"]
    assert sv.han_runs("KV Cache") == []


def test_topic_terms_take_names_and_aliases_in_order() -> None:
    data = {
        "categories": [{"slug": "peft", "name": "参数高效微调"}],
        "topics": [
            {"slug": "lora", "name": "LoRA", "aliases": ["lora", "低秩适配"], "description": "…"},
            {"slug": "kd", "name": "知识蒸馏", "aliases": "模型蒸馏"},
        ],
    }
    assert sv.topic_terms(data) == ["参数高效微调", "LoRA", "lora", "低秩适配", "知识蒸馏", "模型蒸馏"]


@pytest.mark.parametrize("data", [
    None, [], "text", {"topics": None}, {"topics": [None, 3, {}]},
    {"topics": [{"slug": "x"}]},  # no name, no aliases: nothing, and no error
    {"topics": [{"name": "", "aliases": [None, {"a": 1}, "  "]}]},
])
def test_topic_terms_tolerate_missing_and_odd_fields(data) -> None:
    assert sv.topic_terms(data) == []


def test_topic_terms_skip_only_what_is_missing() -> None:
    data = {"topics": [{"slug": "a", "aliases": ["投机采样"]}, {"name": "张量并行"}]}
    assert sv.topic_terms(data) == ["投机采样", "张量并行"]


def test_read_topic_terms(tmp_path: Path) -> None:
    assert sv.read_topic_terms(tmp_path / "absent.yml") == []
    path = tmp_path / "topics.yml"
    path.write_text("topics:\n  - name: 知识蒸馏\n    aliases: [蒸馏]\n", encoding="utf-8")
    assert sv.read_topic_terms(path) == ["知识蒸馏", "蒸馏"]
    path.write_text("topics: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        sv.read_topic_terms(path)


def test_glossary_terms_give_both_columns() -> None:
    assert sv.glossary_terms({"显存": "顯存", "参数": "參數"}) == ["显存", "顯存", "参数", "參數"]


def test_dictionary_words_in_every_form() -> None:
    def form(table: dict[str, str]) -> Callable[[str], str]:
        return lambda text: table.get(text, text)

    to_taiwan = form({"张量并行": "張量平行"})
    to_traditional = form({"张量并行": "張量並行", "张量平行": "張量平行"})
    to_simplified = form({"張量平行": "张量平行", "張量並行": "张量并行"})
    forms = [to_taiwan, to_traditional, to_simplified]
    words = sv.dictionary_words(["张量并行", "LoRA 微调", "卡"], forms)
    assert words == sorted(["张量并行", "張量平行", "張量並行", "张量平行", "微调"])


def test_render_user_dictionary() -> None:
    assert sv.render_user_dictionary(["参数高效微调", "張量並行"]) == "参数高效微调\n張量並行\n"
    with pytest.raises(ValueError):
        sv.render_user_dictionary(["两个 词"])


def test_project_dictionary_keeps_domain_words_whole() -> None:
    """The dictionary the build writes makes jieba keep these terms whole, in both scripts."""
    from hooks.search import work as search_build

    text = search_build.user_dictionary_text()
    words = set(text.split())
    for word in ("参数高效微调", "參數高效微調", "投机采样", "推測取樣", "张量并行", "張量並行", "張量平行",
                 "知识蒸馏", "知識蒸餾"):
        assert word in words
    segmenter = search_build.new_segmenter(search_build.new_tokenizer(text))
    assert "参数高效微调" in segmenter.words("大模型参数高效微调技术原理综述")
    assert "投机采样" in segmenter.words("用投机采样加速推理")
    assert "張量並行" in segmenter.words("張量並行與流水線並行")
    assert "知识蒸馏" in segmenter.words("知识蒸馏与剪枝")
    assert segmenter.words("頁面搜尋訓練資料") == ["頁面", "搜尋", "訓練", "資料"]


# --- segmentation -----------------------------------------------------------------------------


def _cut(words):
    """A fake jieba: cuts by a fixed word list, longest match first, else one character."""
    def cut(text):
        i = 0
        while i < len(text):
            for word in sorted(words, key=len, reverse=True):
                if text.startswith(word, i):
                    yield word
                    i += len(word)
                    break
            else:
                yield text[i]
                i += 1
    return cut


T2S = str.maketrans("頁訓練資參數", "页训练资参数")


def test_segmenter_cuts_traditional_like_simplified() -> None:
    segmenter = si.Segmenter(_cut(["页面", "训练", "资料"]), lambda t: t.translate(T2S))
    assert segmenter.words("頁面訓練") == ["頁面", "訓練"]
    assert segmenter.words("页面训练") == ["页面", "训练"]


def test_segmenter_falls_back_when_lengths_differ() -> None:
    segmenter = si.Segmenter(_cut(["记忆"]), lambda t: t + "多")
    assert segmenter.words("記憶") == ["記", "憶"]


def test_segment_marks_words_like_material() -> None:
    segmenter = si.Segmenter(_cut(["页面", "训练"]), lambda t: t)
    assert segmenter.segment("<p>页面\u200b训练 LoRA（页面）</p>") == (
        "<p>\u200b页面\u200b训练\u200b LoRA（\u200b页面\u200b）</p>"
    )


# --- terms, variants, alt fields --------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("低秩\u200b适配（LoRA）", ["低秩", "适配", "lora"]),
    ("“QLoRA”详解", ["qlora", "详解"]),
    ("2：vLLM", ["2", "vllm"]),
    ("<li>LLM.int8() 与 GPT-3.5.</li>", ["llm.int8", "与", "gpt", "3.5"]),
    ("Prefix Tuning / P-Tuning v2", ["prefix", "tuning", "p", "tuning", "v2"]),
    ("DeepSpeed ZeRO: 12:30", ["deepspeed", "zero", "12:30"]),
])
def test_terms_split_like_the_worker(text: str, expected: list[str]) -> None:
    assert si.terms(text) == expected


def test_separator_survives_the_highlighter_split() -> None:
    """Material's page highlighter splits the separator at "|": every part must be a regex."""
    import re

    for part in si.SEPARATOR.split("|"):
        re.compile(part)


def test_latin_parts() -> None:
    assert si.latin_parts("llm.int8") == ["llm", "int8"]
    assert si.latin_parts("peft_lora_clm") == ["peft", "lora", "clm"]
    assert si.latin_parts("lora") == []
    assert si.latin_parts("a.b") == []


def _variants() -> si.Variants:
    simplified = {"訓練": "训练", "資料": "资料"}
    taiwan = {"训练": "訓練", "数据": "資料", "资料": "資料", "高效": "高效", "参数高效微调": "參數高效微調",
              "参数": "參數", "微调": "微調"}
    traditional = {"训练": "訓練", "数据": "數據", "资料": "資料", "参数高效微调": "參數高效微調",
                   "参数": "參數", "微调": "微調"}
    pieces = {"参数高效微调": [("参数", 0, 2), ("高效", 2, 4), ("微调", 4, 6), ("参数高效微调", 0, 6)]}

    def per_line(table):
        return lambda text: "\n".join(table.get(line, line) for line in text.split("\n"))

    return si.Variants(per_line(simplified), [per_line(taiwan), per_line(traditional)],
                       lambda word: pieces.get(word, [(word, 0, len(word))]))


def test_variants_cover_both_scripts_and_compound_parts() -> None:
    variants = _variants()
    variants.prepare(["训练", "訓練", "参数高效微调", "llm.int8", "lora"])
    assert variants.of("训练") == {"訓練"}
    assert variants.of("訓練") == {"训练"}
    assert variants.of("参数高效微调") >= {"參數高效微調", "参数", "高效", "微调", "參數", "微調"}
    assert variants.of("llm.int8") == {"llm", "int8"}
    assert variants.of("lora") == frozenset()


def test_pair_sections_by_page_and_order() -> None:
    a = [{"location": "p/"}, {"location": "p/#a"}, {"location": "q/"}, {"location": "r/"}]
    b = [{"location": "q/"}, {"location": "p/"}, {"location": "p/#甲"}, {"location": "r/"}, {"location": "r/#x"}]
    assert si.pair_sections(a, b) == {0: 1, 1: 2, 2: 0}


def test_alt_fields_hold_what_a_reader_of_the_other_script_types() -> None:
    docs = [{"location": "d/", "title": "训练", "text": "数据\u200b与\u200b训练"}]
    counterpart = {"location": "d/", "title": "訓練", "text": "資料\u200b與\u200b訓練"}
    si.add_alt_fields(docs, _variants(), {0: counterpart})
    assert docs[0]["title_alt"] == "訓練"
    assert set(docs[0]["text_alt"].split()) == {"資料", "與", "訓練", "數據", "资料"}


def test_alt_fields_are_left_out_when_empty() -> None:
    docs = [{"location": "d/", "title": "LoRA", "text": ""}]
    si.add_alt_fields(docs, _variants())
    assert "title_alt" not in docs[0] and "text_alt" not in docs[0]


def test_strip_prefix() -> None:
    assert si.strip_prefix([{"location": "zh-Hant/a/#b", "title": "t"}], "zh-Hant/") == [
        {"location": "a/#b", "title": "t"}
    ]
    with pytest.raises(ValueError):
        si.strip_prefix([{"location": "a/"}], "zh-Hant/")


def test_build_indexes_one_per_language() -> None:
    segmenter = si.Segmenter(_cut(["训练", "訓練"]), lambda t: t.translate(T2S))
    indexes = si.build_indexes(
        {"zh-Hans": [{"location": "t/", "title": "训练", "text": "训练"}],
         "zh-Hant": [{"location": "zh-Hant/t/", "title": "訓練", "text": "訓練"}]},
        {"zh-Hans": "", "zh-Hant": "zh-Hant/"},
        si.search_config({"lang": ["zh"], "fields": {"title": {"boost": 1000.0}}}),
        segmenter, _variants(),
    )
    assert [d["location"] for d in indexes["zh-Hant"]["docs"]] == ["t/"]
    assert indexes["zh-Hans"]["docs"][0]["title_alt"] == "訓練"
    assert indexes["zh-Hant"]["docs"][0]["title_alt"] == "训练"
    fields = indexes["zh-Hant"]["config"]["fields"]
    assert fields["title_alt"] == {"boost": 1000.0} and fields["text_alt"] == {"boost": 1.0}
    assert indexes["zh-Hant"]["config"]["separator"] == si.SEPARATOR


def test_entry_documents_only_for_anchors_on_the_page() -> None:
    Entry = namedtuple("Entry", "title note anchor")
    entries = [Entry("QLoRA（Quantized LoRA）详解", "", "e-1"), Entry("a<b", "注释", "e-2"),
               Entry("不在页面上", "", "e-3"), Entry("只是数据", "", "e-4")]
    html = ('<li>QLoRA <span class="kb-entry" id="e-1"></span></li><li><span id="e-2"></span></li>'
            '<p data-id="e-4">id="e-3"</p>')  # neither is an element's id
    docs = si.entry_documents(entries, "training/peft/", html, convert=lambda t: t.replace("详", "詳"))
    assert docs == [
        {"location": "training/peft/#e-1", "title": "QLoRA（Quantized LoRA）詳解", "text": ""},
        {"location": "training/peft/#e-2", "title": "a&lt;b", "text": "注释"},
    ]


def test_index_sizes(tmp_path: Path) -> None:
    path = si.index_path(tmp_path, "zh-Hant/")
    path.parent.mkdir(parents=True)
    data = json.dumps({"docs": [{"text": "训练 " * 200}]}, ensure_ascii=False)
    path.write_text(data, encoding="utf-8")
    size, gzipped = si.index_sizes(path)
    assert size == len(data.encode()) and 0 < gzipped < size
