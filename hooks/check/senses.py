"""A word with two meanings that Taiwan writes two ways must be decided where it is used.

推理 is model inference (Taiwan: 推論) and reasoning (推理). The glossary
(``hooks/data/zh_hant_terms.tsv``) says so with a row for the word alone (推理 → 推論, the usual
meaning on this site) and rows for the compounds that keep the other form (逻辑推理 → 邏輯推理).
Such a word is *ambiguous*: a glossary key whose own row changes it while a longer row keeps it.
Every use of it in the site's prose must sit inside a longer row (推理优化, 推理能力), so that the
glossary, not chance, gives it its meaning; a use outside every longer row is reported at its
line. Cited titles (an entry's title) are the author's words, converted by script only, and not
judged; neither are code, URLs and tags (``script.prose``). The word standing alone (a section's
name, 推理) takes the row of the word alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hooks.parse.data_files import read_limited
from hooks.parse.markdown import Source

from .findings import Finding
from .script import prose

FIX = ("say which meaning it has: add a glossary row for the compound to hooks/data/zh_hant_terms.tsv "
       "(with its case in tests/data/zh_hant_cases.tsv), or reword the sentence so that a listed compound "
       "holds the word")


@dataclass(frozen=True)
class Ambiguous:
    """A word whose row changes it (``alone``) and the longer rows that decide its uses."""

    word: str
    alone: str
    kept: str  # the word in its own script, as the rows that keep it write it
    compounds: tuple[str, ...]  # the longer glossary keys holding the word, longest first


def load_words(path: Path) -> tuple[str, ...]:
    """The words of ``hooks/data/zh_hant_senses.txt``, one per line (``#`` starts a comment)."""
    if not path.is_file():
        return ()
    lines = (raw.split("#", 1)[0].strip() for raw in read_limited(path, "zh_hant_senses").splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


def ambiguous_words(words: Iterable[str], glossary: Mapping[str, str],
                    to_script: Callable[[str], str]) -> tuple[Ambiguous, ...]:
    """Each word with its row's form (``alone``), its script-only form (``to_script``, OpenCC
    s2tw) and the longer glossary keys holding it."""
    found = []
    for word in words:
        longer = [key for key in glossary if word in key and key != word]
        found.append(Ambiguous(word, glossary.get(word, to_script(word)), to_script(word),
                               tuple(sorted(longer, key=len, reverse=True))))
    return tuple(found)


HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def undecided(line: str, word: Ambiguous) -> list[int]:
    """Offsets of the uses of ``word`` in ``line`` that no longer glossary key covers. The word
    standing alone between non-Han characters (a section's name: ``title: 推理``, ``[推理](…)``,
    ``LLM 推理``) takes the row of the word alone: the site names its sections by their usual
    meaning."""
    covered = [False] * len(line)
    for run in HAN_RUN.finditer(line):
        if run.group(0) == word.word:
            covered[run.start():run.end()] = [True] * len(word.word)
    for key in word.compounds:
        start = line.find(key)
        while start >= 0:
            covered[start:start + len(key)] = [True] * len(key)
            start = line.find(key, start + 1)
    offsets = []
    start = line.find(word.word)
    while start >= 0:
        if not all(covered[start:start + len(word.word)]):
            offsets.append(start)
        start = line.find(word.word, start + 1)
    return offsets


def finding(path: str, line: int, word: Ambiguous) -> Finding:
    return Finding(path, line, f"{word.word} here may mean {word.alone} or {word.kept} in the zh-Hant edition, "
                   "and no glossary row says which", FIX, "ambiguous-word")


def check_senses(source: Source, words: Iterable[Ambiguous], cited: Iterable[tuple[int, str]] = ()) -> list[Finding]:
    """One finding per line holding an undecided use of an ambiguous word. ``cited``: (line,
    title) of the page's entries, whose titles are the author's words and are not judged."""
    words = tuple(words)
    if not words:
        return []
    lines = prose(source, ()).split("\n")
    for number, title in cited:
        if 0 < number <= len(lines) and title:
            lines[number - 1] = lines[number - 1].replace(title, " " * len(title))
    problems = []
    for number, line in enumerate(lines, start=1):
        for word in words:
            if undecided(line, word):
                problems.append(finding(source.path, number, word))
    return problems


DATA_KEYS_NOT_SHOWN = re.compile(r"^\s*(?:-\s*)?(?:cased_)?aliases\s*:")  # matching terms, never shown in zh-Hant


def check_data_senses(path: str, text: str, words: Iterable[Ambiguous]) -> list[Finding]:
    """The same check on a data file whose text the zh-Hant edition shows converted (topic names
    and descriptions, the home page's reading path, navigation titles of ``.pages``): one
    finding per line. Comment lines and ``aliases`` (matching terms) are not shown and not judged."""
    words = tuple(words)
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("#") or DATA_KEYS_NOT_SHOWN.match(line):
            continue
        for word in words:
            if undecided(line, word):
                problems.append(finding(path, number, word))
    return problems
