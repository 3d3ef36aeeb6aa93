"""Unit tests of the bilingual term table (hooks/search/terms.py) and its use in the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks import paths
from hooks.parse.data_files import DataFileError
from hooks.search import index as si
from hooks.search.terms import SearchTerm, cross_words, load_search_terms, phrase_words, run_together

ZW = "\u200b"
RAG = SearchTerm(("retrieval-augmented generation", "RAG pipeline"), "检索增强生成", "理由", 3)
ALIGN = SearchTerm(("alignment",), "对齐", "理由", 6)
MOE = SearchTerm(("mixture of experts",), "混合专家", "理由", 9)
SPELLINGS = {"对齐": ["對齊"], "检索增强生成": ["檢索增強生成"], "混合专家": ["混合專家"]}


def spellings(word: str) -> list[str]:
    return SPELLINGS.get(word, [])


def test_phrase_words_split_at_spaces_and_hyphens() -> None:
    assert phrase_words("Retrieval-Augmented  generation") == ["retrieval", "augmented", "generation"]
    assert RAG.english_words == ("retrieval", "augmented", "generation", "retrievalaugmentedgeneration",
                                 "rag", "pipeline", "ragpipeline")


def test_the_chinese_word_in_either_script_brings_the_english_words() -> None:
    assert cross_words("大模型的對齊方法", [ALIGN, RAG], spellings) == ["alignment"]
    assert cross_words("检索增强生成入门", [ALIGN, RAG], spellings) == [
        "retrieval", "augmented", "generation", "retrievalaugmentedgeneration", "rag", "pipeline", "ragpipeline"]


def test_the_english_phrase_brings_the_chinese_word_in_both_scripts() -> None:
    assert cross_words("A survey of Mixture-of-Experts models", [MOE], spellings) == ["混合专家", "混合專家"]
    assert cross_words("Retrieval Augmented Generation", [RAG], spellings) == ["检索增强生成", "檢索增強生成"]
    assert cross_words("misalignments", [ALIGN], spellings) == []  # whole words only
    assert cross_words("mixture of expertise", [MOE], spellings) == []


def test_stop_words_are_not_added() -> None:
    assert cross_words("混合专家", [MOE], spellings, stop_words={"of"}) == ["mixture", "experts", "mixtureofexperts"]


def test_adjacent_latin_words_are_joined() -> None:
    assert run_together(["kv", "cache", "优化", "hugging", "face", "v2", "7b"]) == ["kvcache", "huggingface", "facev2"]
    assert run_together(["lora"]) == []


def test_term_words_go_to_the_alt_fields_and_generated_pages_to_text() -> None:
    from .test_search_index import _variants

    docs = [
        {"location": "training/rlhf/", "title": f"RLHF{ZW}与{ZW}对齐", "text": "<p>KV Cache 与 对齐</p>"},
        {"location": "topics/moe/", "title": "主题：混合专家", "text": ""},
    ]
    si.add_term_words(docs, [ALIGN, MOE], _variants(), generated={"topics/moe/"}, stop_words={"of"})
    assert docs[0]["title_alt"] == "alignment"
    assert docs[0]["text_alt"] == "alignment"  # running text: no run-together names
    assert "title_alt" not in docs[1]
    assert docs[1]["text_alt"] == "mixture experts mixtureofexperts"


def test_the_project_table_loads_and_covers_what_readers_type() -> None:
    table = load_search_terms(paths.SEARCH_TERMS)
    english = {word for row in table.terms for word in row.english_words}
    assert {"alignment", "inference", "quantization", "finetuning", "retrieval", "experts"} <= english
    assert "of" in table.stop_words


ROW = "  - {en: [alignment], zh: 对齐, reason: 一句话理由}\n"


@pytest.mark.parametrize(("text", "fragment"), [
    ("terms:\n" + ROW + "  - {en: [Alignment], zh: 校准, reason: 一句话理由}\n",
     ":3: 'Alignment' is listed twice (first at line 2) — keep it in one row"),
    ("terms:\n" + ROW + "  - {en: [align], zh: 对齐, reason: 一句话理由}\n",
     ":3: '对齐' is listed twice (first at line 2) — merge the two rows"),
    ("terms:\n  - {en: [alignment], zh: 對齊 x, reason: 一句话理由}\n",
     ":2: "),
    ("terms:\n  - {en: [alignment], zh: 对齐}\n", ":2: "),
])
def test_a_bad_table_is_refused_with_its_line(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "search_terms.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_search_terms(path)
    assert fragment in str(error.value)


def test_the_spellings_come_in_one_order_whatever_order_they_are_given_in() -> None:
    """A set's order changes from run to run; the words indexed beside a page must not."""
    forwards = cross_words("About alignment", [ALIGN], lambda word: ["對齊", "对齐了"])
    backwards = cross_words("About alignment", [ALIGN], lambda word: ["对齐了", "對齊"])
    assert forwards == backwards
