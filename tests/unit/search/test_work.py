"""The search work: a rebuild reuses the word cuts unless the dictionary changed."""

from __future__ import annotations

from pathlib import Path

from hooks.search.index import sections_text
from hooks.search.work import SearchWork


def test_cuts_are_kept_while_the_dictionary_is_the_same():
    work = SearchWork()
    assert work.load() == []
    first = work.segmenter
    work.prepare(["参数高效微调的训练方法"])
    work.load()  # the next build of `mkdocs serve`, same vocabulary
    assert work.segmenter is first
    work.dictionary = Path("an-earlier-vocabulary.txt")
    work.load()  # the vocabulary changed: jieba's words may differ
    assert work.segmenter is not first


def test_sections_text_takes_the_fields_the_index_cuts():
    sections = [{"location": "a/", "title": "训练", "text": "<p>数据</p>"}, {"location": "b/", "title": "模型"}]
    assert sections_text(sections) == ["训练", "<p>数据</p>", "模型"]
