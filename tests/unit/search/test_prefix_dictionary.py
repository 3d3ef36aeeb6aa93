"""The search's reading of jieba's main dictionary gives what jieba's own reading gives."""

from __future__ import annotations

import io

import jieba
import pytest

from hooks.search.work import prefix_dictionary


def test_jiebas_own_dictionary_reads_as_jieba_reads_it() -> None:
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as handle:
        data = handle.read()
    assert prefix_dictionary(data) == jieba.Tokenizer.gen_pfdict(io.BytesIO(data))


def test_beginnings_count_zero_and_a_repeated_word_keeps_its_last_count() -> None:
    data = "大语言模型 5 n\n大模型 3 n\n大 7 a\n大模型 4 n\n".encode()
    assert prefix_dictionary(data) == ({"大语言模型": 5, "大语言模": 0, "大语言": 0, "大语": 0, "大": 7,
                                        "大模型": 4, "大模": 0}, 19)


def test_a_line_of_another_shape_is_named_as_jieba_names_it() -> None:
    with pytest.raises(ValueError, match="at Line 2"):
        prefix_dictionary("模型 3 n\n坏行\n".encode())
