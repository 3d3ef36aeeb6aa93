"""jieba's main dictionary, held for the characters of the text it cuts.

jieba looks a text up in its dictionary only by the text's own substrings: the words of the
graph it cuts along, their frequencies, the two- and three-character pieces of the search mode.
It divides those frequencies by the dictionary's total. A word holding a character the text
lacks is therefore never looked up, and the prefixes jieba keeps beside the words (frequency 0:
"a longer word may follow") only matter for prefixes of words the text can contain.

``SiteTokenizer`` is jieba's tokenizer given the words of jieba's own dictionary file made only
of characters it has been asked to cut (``cover``, called by every cut), with their prefixes,
and the total of the whole file: each cut is exactly the cut of the whole dictionary, for a
third of its words here. Reading the file this way (one regular expression over its text) costs
a fraction of jieba's line-by-line ``gen_pfdict``, and it holds less memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import jieba

LINE_FIELDS = re.compile(r"(?m)^[^ \n]+ (\d+)")  # a dictionary line: word, frequency[, tag]
NOT_IN_A_WORD = frozenset(" \n\r")


def dictionary_text() -> str:
    """The text of the main dictionary jieba ships (``dict.txt``)."""
    with jieba.Tokenizer().get_dict_file() as handle:
        return handle.read().decode("utf-8")


def dictionary_total(text: str) -> int:
    """The sum of every line's frequency: what jieba divides a word's frequency by."""
    return sum(map(int, LINE_FIELDS.findall(text)))


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


def words_of(text: str, chars: frozenset[str], new: frozenset[str]) -> Iterator[tuple[str, int]]:
    """(word, frequency) of each dictionary line whose word is made of ``chars`` and holds at
    least one of ``new``, in file order (a later line of the same word wins, as in jieba)."""
    chars, new = chars - NOT_IN_A_WORD, new - NOT_IN_A_WORD
    if not new:
        return
    some_new = "" if new == chars else f"(?=[^ \\n]*{_class(new)})"
    pattern = re.compile(f"(?m)^{some_new}({_class(chars)}+) (\\d+)")
    for word, frequency in pattern.findall(text):
        yield word, int(frequency)


class SiteTokenizer(jieba.Tokenizer):
    """A jieba tokenizer whose dictionary grows with the characters of what it cuts."""

    def __init__(self, dictionary: str) -> None:
        super().__init__()
        self.dictionary = dictionary
        self.FREQ: dict[str, int] = {}
        self.total = dictionary_total(dictionary)
        self.chars: frozenset[str] = frozenset()
        self.initialized = True  # jieba's own initialize would read the whole file (or a cache of it)

    def cover(self, text: str) -> None:
        """Hold every dictionary word made of the characters seen so far and ``text``'s."""
        new = frozenset(text) - self.chars
        if not new:
            return
        self.chars |= new
        freq = self.FREQ
        for word, frequency in words_of(self.dictionary, self.chars, new):
            freq[word] = frequency  # a word holding a new character: neither a user word nor held before
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)

    def cut(self, sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        """jieba's cut, once the sentence's characters are covered."""
        self.cover(sentence)
        return super().cut(sentence, *args, **kwargs)
