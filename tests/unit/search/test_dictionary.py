"""jieba's dictionary held for the characters cut: every cut equals jieba's with the whole
dictionary (jieba's own ``gen_pfdict`` of the same file is the reference)."""

from __future__ import annotations

import io
from functools import lru_cache

import jieba
import pytest

from hooks.search.dictionary import SiteTokenizer, dictionary_text, dictionary_total, words_of
from hooks.search.work import new_tokenizer

USER_WORDS = "参数高效微调\n張量並行\n张量平行\n大模型\n提示工程\nLoRA微调\n"
TEXTS = [
    "参数高效微调（PEFT）是大模型训练中常用的方法，LoRA 与 QLoRA 都属于这一类。",
    "張量並行與流水線並行是分散式訓練的兩種方式，大型語言模型推論需要它們。",
    "提示工程、检索增强生成和向量数据库：从入门到实践的中文教程合集。",
    "中华人民共和国成立于一九四九年，北京是首都。南京市长江大桥。",
    "騰訊混元、百川智能與智譜華章發佈了新的開源模型。",
    "",
    "ABC 123 ｘｙｚ",
]


@lru_cache(maxsize=1)
def whole() -> jieba.Tokenizer:
    """jieba with its whole dictionary, as jieba itself reads it, and the same user words."""
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as handle:
        tokenizer.FREQ, tokenizer.total = jieba.Tokenizer.gen_pfdict(handle)
    tokenizer.initialized = True
    tokenizer.load_userdict(io.StringIO(USER_WORDS))
    return tokenizer


@pytest.mark.parametrize("text", TEXTS)
def test_cuts_equal_the_whole_dictionarys(text: str) -> None:
    site = new_tokenizer(USER_WORDS)
    assert list(site.cut(text)) == list(whole().cut(text))
    assert list(site.cut(text, HMM=False)) == list(whole().cut(text, HMM=False))
    assert list(site.tokenize(text, mode="search")) == list(whole().tokenize(text, mode="search"))


def test_texts_cut_one_after_another_still_equal_the_whole_dictionarys() -> None:
    site = new_tokenizer(USER_WORDS)
    for text in TEXTS + [t[::-1] for t in TEXTS]:  # new characters come with each text
        assert list(site.cut(text)) == list(whole().cut(text))


def test_characters_held_with_the_user_words_give_the_same_cuts_and_frequencies() -> None:
    """``new_tokenizer(words, characters)``: the text's characters and the user words' in one read."""
    site = new_tokenizer(USER_WORDS, "".join(TEXTS))
    assert set("".join(TEXTS)) <= site.chars
    for text in TEXTS:
        assert list(site.cut(text)) == list(whole().cut(text))
        assert list(site.tokenize(text, mode="search")) == list(whole().tokenize(text, mode="search"))
    for word in USER_WORDS.split():
        assert site.FREQ[word] == whole().FREQ[word]


def test_user_words_keep_the_frequency_jieba_gives_them() -> None:
    site = new_tokenizer(USER_WORDS)
    for word in USER_WORDS.split():
        assert site.FREQ[word] == whole().FREQ[word]
    site.cover("".join(TEXTS))  # covering later text never overwrites a user word
    for word in USER_WORDS.split():
        assert site.FREQ[word] == whole().FREQ[word]
    assert site.total == whole().total


def test_the_total_is_the_whole_files() -> None:
    with jieba.Tokenizer().get_dict_file() as handle:
        _, total = jieba.Tokenizer.gen_pfdict(handle)
    assert dictionary_total(dictionary_text()) == total


def test_only_words_of_the_covered_characters_are_held() -> None:
    site = SiteTokenizer(dictionary_text())
    site.cover("北京大学")
    held = {word for word, frequency in site.FREQ.items() if frequency}
    assert "北京大学" in held and "北京" in held and "大学" in held
    assert all(set(word) <= set("北京大学") for word in held)
    assert len(site.FREQ) < len(whole().FREQ) / 100


def test_words_of_reads_lines_with_a_new_character_only() -> None:
    text = "北京 10 ns\n大学 5 n\n北大 3 j\n京 2 n\n学 1 n\n"
    chars = frozenset("北京大学")
    assert list(words_of(text, chars, chars)) == [("北京", 10), ("大学", 5), ("北大", 3), ("京", 2), ("学", 1)]
    assert list(words_of(text, chars, frozenset("学"))) == [("大学", 5), ("学", 1)]
    assert list(words_of(text, chars, frozenset(" "))) == []
