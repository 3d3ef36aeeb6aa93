"""jieba's main dictionary through the project's cache: the same table, the same words."""

from __future__ import annotations

import jieba
import pytest

from hooks.search import main_dictionary

DICTIONARY = "参数 50 n\n参数高效 8 n\n高效 30 a\n微调 20 v\n大模型 120 n\n模型 40 n\n大 90 a\n"
SENTENCES = ["参数高效微调大模型", "大模型微调", "高效参数"]


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def jieba_own(dictionary) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.tmp_dir = str(dictionary.parent / "jieba-own")
    (dictionary.parent / "jieba-own").mkdir(exist_ok=True)
    tokenizer.initialize()
    return tokenizer


def cached(dictionary, cache_dir) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer(str(dictionary))
    main_dictionary.load(tokenizer, cache_dir)
    return tokenizer


def test_first_and_second_load_give_jiebas_own_table(dictionary, tmp_path):
    own = jieba_own(dictionary)
    first = cached(dictionary, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("jieba-main-*.bin"))) == 1
    second = cached(dictionary, tmp_path / "cache")
    for tokenizer in (first, second):
        assert tokenizer.initialized
        assert tokenizer.FREQ == own.FREQ and tokenizer.total == own.total == 358
        assert tokenizer.FREQ["参数高"] == 0  # a prefix, as jieba keeps them


def test_segmentation_is_jiebas_own(dictionary, tmp_path):
    own = jieba_own(dictionary)
    cached(dictionary, tmp_path / "cache")  # writes the cache
    tokenizer = cached(dictionary, tmp_path / "cache")
    for sentence in SENTENCES:
        assert list(tokenizer.cut(sentence)) == list(own.cut(sentence))
        assert list(tokenizer.tokenize(sentence, mode="search")) == list(own.tokenize(sentence, mode="search"))
    assert list(tokenizer.cut("参数高效微调大模型", HMM=False)) == ["参数高效", "微调", "大模型"]


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3],  # a count cut short
    lambda data: data[: data.index(b"\n") + 5],  # words cut short
    lambda data: b"{not json\n" + data,
    lambda data: data.replace(b'"format": 1', b'"format": 99'),
    lambda data: b"",
])
def test_a_damaged_cache_is_made_again(dictionary, tmp_path, damage):
    cache = tmp_path / "cache"
    cached(dictionary, cache)
    [path] = cache.glob("jieba-main-*.bin")
    good = path.read_bytes()
    path.write_bytes(damage(good))
    tokenizer = cached(dictionary, cache)
    assert tokenizer.FREQ == jieba_own(dictionary).FREQ
    assert path.read_bytes() == good


def test_another_dictionary_has_its_own_cache(dictionary, tmp_path):
    cache = tmp_path / "cache"
    cached(dictionary, cache)
    other = tmp_path / "other.txt"
    other.write_text("深度学习 5 n\n", encoding="utf-8")
    tokenizer = cached(other, cache)
    assert "参数" not in tokenizer.FREQ and tokenizer.FREQ["深度学习"] == 5
    assert len(list(cache.glob("jieba-main-*.bin"))) == 2


def test_an_unwritable_cache_still_loads(dictionary, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    tokenizer = cached(dictionary, blocker / "cache")  # a folder under a file cannot be made
    assert tokenizer.FREQ == jieba_own(dictionary).FREQ


def test_an_initialised_tokenizer_is_left_alone(dictionary, tmp_path):
    tokenizer = jieba_own(dictionary)
    table = tokenizer.FREQ
    main_dictionary.load(tokenizer, tmp_path / "cache")
    assert tokenizer.FREQ is table and not (tmp_path / "cache").exists()
