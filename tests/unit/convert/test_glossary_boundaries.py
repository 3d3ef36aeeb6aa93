"""Glossary rows apply to whole words, over the whole edition's source text.

A row applied inside a longer word makes a word no one writes (a 词表 row inside 扩词表 gave
擴詞彙表), and a row that takes the first characters of another row's word cuts that row short
(推理服务 before 服务化 gave 推論服務化). Every page of docs/ and CONTRIBUTING.md is read as the
content check reads its prose (code, URLs and cited link titles left out, ``check.script.prose``):

* where jieba (the segmenter the site's search uses) puts a glossary key inside a longer word,
  a longer row must hold that whole word, so that the word is converted as what it is;
* where two rows overlap (the end of one key is the start of another) in the text, the
  converter's output of the joined words must hold both rows' forms, or a row for the joined
  words must say how it is written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache

import jieba
import pytest

from hooks.check.script import prose
from hooks.convert.chinese import ScriptConverter, load_glossary
from hooks.languages import to_traditional
from hooks.parse.markdown import Source
from hooks.paths import GLOSSARY, ROOT

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


@cache
def glossary() -> dict[str, str]:
    return load_glossary(GLOSSARY)


@cache
def han_runs() -> tuple[str, ...]:
    """Every run of Han characters in the prose of the site's source pages."""
    pages = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "CONTRIBUTING.md"]
    runs: list[str] = []
    for path in pages:
        text = prose(Source(str(path), path.name, path.read_text(encoding="utf-8")), ())
        runs += HAN_RUN.findall(text)
    return tuple(runs)


def occurrences(run: str, key: str) -> Iterator[int]:
    start = run.find(key)
    while start >= 0:
        yield start
        start = run.find(key, start + 1)


def covered(run: str, start: int, end: int, rows: Mapping[str, str], longer_than: int) -> bool:
    """Whether a key of ``rows`` longer than ``longer_than`` holds ``run[start:end]``."""
    for key in rows:
        if len(key) > longer_than and len(key) >= end - start:
            for at in occurrences(run, key):
                if at <= start and end <= at + len(key):
                    return True
    return False


def rows_inside_longer_words(runs: Iterable[str], rows: Mapping[str, str]) -> list[str]:
    """Keys of ``rows`` that jieba finds inside a longer word that no longer row holds."""
    jieba.setLogLevel(logging.ERROR)
    found = []
    for run in runs:
        for word, start, end in jieba.tokenize(run):
            for key in rows:
                if len(word) > len(key) and key in word and not covered(run, start, end, rows, len(key)):
                    found.append(f"{key} → {rows[key]} inside {word} ({run})")
    return sorted(set(found))


def rows_cut_short(runs: Iterable[str], rows: Mapping[str, str], convert: Callable[[str], str]) -> list[str]:
    """Overlapping keys of ``rows`` whose joined words, found in ``runs``, lose a row's form
    in ``convert``'s output."""
    text = "\n".join(runs)
    found = []
    for first in rows:
        for second in rows:
            for size in range(1, min(len(first), len(second))):
                if first == second or first[-size:] != second[:size]:
                    continue
                joined = first + second[size:]
                if joined not in text or any(joined in key for key in rows):
                    continue
                out = convert(joined)
                if rows[first] not in out or rows[second] not in out:
                    found.append(f"{first} + {second}: {joined} → {out}")
    return sorted(set(found))


def test_no_row_applies_inside_a_longer_word() -> None:
    assert rows_inside_longer_words(han_runs(), glossary()) == []


def test_no_row_cuts_another_short() -> None:
    assert rows_cut_short(han_runs(), glossary(), to_traditional().convert) == []


def test_a_row_inside_a_longer_word_is_found_until_the_word_has_its_row() -> None:
    rows = {"命令": "指令"}
    assert rows_inside_longer_words(["常用命令速查"], rows) == ["命令 → 指令 inside 常用命令 (常用命令速查)"]
    assert rows_inside_longer_words(["常用命令速查"], {**rows, "常用命令": "常用指令"}) == []


def test_a_row_cut_short_is_found_until_the_joined_words_have_their_row() -> None:
    rows = {"推理服务": "推論服務", "服务化": "服務部署"}
    found = rows_cut_short(["推理服务化资料"], rows, ScriptConverter(rows).convert)
    assert found == ["推理服务 + 服务化: 推理服务化 → 推論服務化"]
    rows["推理服务化"] = "推論服務部署"
    assert rows_cut_short(["推理服务化资料"], rows, ScriptConverter(rows).convert) == []


@pytest.mark.parametrize(("key", "word"), [("词表", "扩词表"), ("服务化", "推理服务化")])
def test_the_words_named_in_the_review_have_their_rows(key: str, word: str) -> None:
    """扩词表 and 推理服务化 showed the problem: each has a row of its own."""
    assert key in glossary() and word in glossary()
