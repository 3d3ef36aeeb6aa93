"""The bilingual term table (``hooks/data/search_terms.yml``): English ↔ the site's simplified word.

Pure functions. The table is read through ``parse.data_files`` (size limit, schema, lines); a
phrase or word listed twice is refused with its line. The search index (``index``) uses it so
that an English query finds the pages that say the Chinese word and a Chinese query finds the
pages that say only the English phrase; the 术语表 page (``glossary``) shows it.

English phrases are compared as the index splits them: lower case, words separated by spaces,
hyphens or underscores. A phrase of several words is also findable written run together
(``fine-tuning`` → ``finetuning``), as is any name of several Latin words in a title
(:func:`run_together`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hooks.parse.data_files import DataFileError, Problem, load

KIND = "search_terms"
WORD_SPLIT_RE = re.compile(r"[\s\-_]+")
LATIN_WORD_RE = re.compile(r"^[a-z][a-z0-9]*$")


@dataclass(frozen=True)
class SearchTerm:
    """One row of the table: English phrases (the first is shown), the simplified word, why."""

    english: tuple[str, ...]
    chinese: str
    reason: str
    line: int

    @cached_property
    def english_words(self) -> tuple[str, ...]:
        """Every word of every English phrase and each phrase run together, lower case, once."""
        found: list[str] = []
        for phrase in self.english:
            words = phrase_words(phrase)
            found += [*words, "".join(words)] if len(words) > 1 else words
        return tuple(dict.fromkeys(found))

    @cached_property
    def english_pattern(self) -> re.Pattern[str]:
        """Any English phrase of the row in lower-cased text, as whole words."""
        phrases = sorted((r"[\s\-_]+".join(map(re.escape, phrase_words(p))) for p in self.english),
                         key=len, reverse=True)
        return re.compile(r"(?<![a-z0-9])(?:" + "|".join(phrases) + r")(?![a-z0-9])")


def phrase_words(phrase: str) -> list[str]:
    """The lower-case words of an English phrase (``Fine-Tuning`` → fine, tuning)."""
    return [w for w in WORD_SPLIT_RE.split(phrase.lower()) if w]


@dataclass(frozen=True)
class TermTable:
    """The rows of the table and the English stop words a query of several terms leaves out."""

    terms: tuple[SearchTerm, ...]
    stop_words: tuple[str, ...]


def load_search_terms(path: Path) -> TermTable:
    """The term table; a DataFileError names each phrase or word listed twice."""
    loaded = load(path, KIND)
    rows: list[SearchTerm] = []
    problems: list[Problem] = []
    seen_english: dict[str, int] = {}
    seen_chinese: dict[str, int] = {}
    for i, item in enumerate(loaded.value["terms"]):
        line = loaded.line(("terms", i))
        for j, phrase in enumerate(item["en"]):
            key = " ".join(phrase_words(phrase))
            if key in seen_english:
                problems.append(loaded.problem(("terms", i, "en", j), f"'{phrase}' is listed twice (first at line "
                                               f"{seen_english[key]})", "keep it in one row"))
            seen_english.setdefault(key, line)
        chinese = item["zh"]
        if chinese in seen_chinese:
            problems.append(loaded.problem(("terms", i, "zh"), f"'{chinese}' is listed twice (first at line "
                                           f"{seen_chinese[chinese]})", "merge the two rows"))
        seen_chinese.setdefault(chinese, line)
        rows.append(SearchTerm(tuple(item["en"]), chinese, item["reason"], line))
    if problems:
        raise DataFileError(problems)
    return TermTable(tuple(rows), tuple(loaded.value.get("stop_words", ())))


def cross_words(text: str, table: Sequence[SearchTerm], spellings: Callable[[str], Iterable[str]],
                stop_words: Collection[str] = ()) -> list[str]:
    """The words to index beside ``text`` so that the other language finds it: the English words
    of every row whose Chinese word (in any of its ``spellings``, e.g. 训练 / 訓練) the text
    contains, and the Chinese spellings of every row whose English phrase it contains. ``text``
    is visible text (no tags, no word separators inside Han runs); ``stop_words`` are not added."""
    return CrossWords(table, spellings, stop_words).of(text)


class CrossWords:
    """``cross_words`` of many texts with one table: each row's spellings, English words and the
    first words of its phrases (which a text must hold for the phrase to be in it) found once,
    and each text searched for all rows' words at once."""

    def __init__(self, table: Sequence[SearchTerm], spellings: Callable[[str], Iterable[str]],
                 stop_words: Collection[str] = ()) -> None:
        self.rows: list[tuple[list[str], list[str], re.Pattern[str]]] = []
        self.forms: list[tuple[str, int]] = []  # (a Chinese spelling, its row)
        self.starts: list[tuple[str, int]] = []  # (the first word of an English phrase, its row)
        self.always: list[int] = []  # rows with a phrase of no word, whose pattern is always tried
        for number, row in enumerate(table):
            forms = [row.chinese, *sorted(spellings(row.chinese))]  # sorted: the index is the same in every run
            english = [word for word in row.english_words if word not in stop_words]
            self.rows.append((forms, english, row.english_pattern))
            self.forms += [(form, number) for form in forms]
            firsts = [phrase_words(phrase)[:1] for phrase in row.english]
            if all(firsts):
                self.starts += [(first[0], number) for first in dict.fromkeys(tuple(f) for f in firsts)]
            else:
                self.always.append(number)

    def of(self, text: str) -> list[str]:
        lower = text.lower()
        chinese = {number for form, number in self.forms if form in text}
        maybe = {number for start, number in self.starts if start in lower}.union(self.always)
        found: list[str] = []
        for number, (forms, english, pattern) in enumerate(self.rows):
            if number in chinese:
                found += english
            if number in maybe and pattern.search(lower):
                found += forms
        return list(dict.fromkeys(found))


def run_together(words: Sequence[str]) -> list[str]:
    """Adjacent Latin words of a title joined (``kv``, ``cache`` → ``kvcache``): a spaced name
    typed run together finds it. Only pairs of words that are both Latin are joined."""
    joined = []
    for first, second in zip(words, words[1:], strict=False):
        if LATIN_WORD_RE.match(first) and LATIN_WORD_RE.match(second):
            joined.append(first + second)
    return list(dict.fromkeys(joined))
