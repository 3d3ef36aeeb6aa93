"""The search stage's library work: dictionaries, word cuts, spellings, the written indexes.

No MkDocs import. ``SearchWork`` gives jieba the project's dictionary, cuts sections into
words, finds each word's other spellings and writes one index per script, in the build's
own process. Nothing is cached on disk: jieba's main dictionary is read from the file jieba
ships (``new_tokenizer``) and the user dictionary is handed to jieba as text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jieba

from hooks import languages, paths
from hooks.convert.chinese import load_glossary
from hooks.parse.data_files import DataFileError
from hooks.search.dictionary import SiteTokenizer, dictionary_text
from hooks.search.index import Segmenter, Variants, build_indexes, index_path
from hooks.search.loading import BUNDLE_GLOB, fix_index_loading
from hooks.search.loading import is_fixed as loads_lazily
from hooks.search.parts import parts_folder, split_index
from hooks.search.terms import TermTable, load_search_terms
from hooks.search.vocabulary import dictionary_words, glossary_terms, parse_topic_terms, render_user_dictionary
from hooks.search.worker import WORKER_GLOB, is_fixed, site_worker


class SearchWork:
    """jieba with the project's dictionary, the word cuts and spellings made with it, and the
    indexes written with those. ``mkdocs serve`` keeps one across rebuilds."""

    def __init__(self) -> None:
        self.vocabulary: str | None = None  # the user dictionary the tokenizer was given
        self.tokenizer: SiteTokenizer | None = None
        self.segmenter: Segmenter | None = None
        self.variants = self._new_variants()
        self.term_table = TermTable((), ())

    def load(self, characters: str = "") -> list[str]:
        """Give jieba the project's user dictionary, again only when the vocabulary changed:
        then words are cut afresh, otherwise a rebuild reuses every cut (``mkdocs serve`` cuts
        only the text it has not seen). ``characters``: those of the text ``write`` will cut
        (``characters_of``), held with the user dictionary's in one read of jieba's dictionary.
        Returns warnings for the log."""
        warnings = []
        try:
            text = user_dictionary_text()
        except ValueError as exc:  # topics.yml mid-edit: search still works, with fewer words
            warnings.append(f"search dictionary without the topic vocabulary: {exc}")
            try:
                glossary = glossary_terms(load_glossary(paths.GLOSSARY))
            except ValueError:  # the glossary does not load: the content checks report it with its line
                glossary = []
            text = render_user_dictionary(dictionary_words(glossary, []))
        try:
            self.term_table = load_search_terms(paths.SEARCH_TERMS)
        except DataFileError as exc:  # the content checks report it with its line
            warnings.append(f"search without the term table: {exc}")
            self.term_table = TermTable((), ())
        characters += characters_of(self.term_table)
        if text != self.vocabulary or self.tokenizer is None:
            self.tokenizer = new_tokenizer(text, characters)
            self.segmenter = new_segmenter(self.tokenizer)
            self.variants = self._new_variants()
            self.vocabulary = text
        else:
            self.tokenizer.cover(characters)
        return warnings

    def write(self, sections: Mapping[str, Sequence[Mapping[str, Any]]], prefixes: Mapping[str, str],
              config: Mapping[str, Any], labels: Mapping[str, Mapping[str, str]],
              descriptions: Mapping[str, Mapping[str, str]], site_dir: str) -> list[tuple[str, int, int]]:
        """Write one index per language, whole (``search_index.json``) and in the parts the
        browser loads (``parts``); (language, sections, bytes) of each (its gzip size:
        ``tests/tools/search_figures.py``). ``load`` first, given the characters of these values
        (``characters_of``): the dictionary is then read once; a cut covers any it was not given."""
        assert self.segmenter is not None and self.tokenizer is not None, "SearchWork.load() first"
        indexes = build_indexes(sections, prefixes, config, self.segmenter, self.variants, labels, descriptions,
                                self.term_table)
        written = []
        for language, index in indexes.items():
            path = index_path(site_dir, prefixes[language])
            path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            path.write_bytes(data)
            split_index(index, self.term_table.stop_words).write(parts_folder(site_dir, prefixes[language]))
            written.append((language, len(index["docs"]), len(data)))
        fix_worker(Path(site_dir))
        return written

    def _new_variants(self) -> Variants:
        return Variants(
            to_simplified=languages.to_simplified(),
            to_traditional=[languages.traditional_converter().convert, languages.opencc_converter("s2t").convert],
            pieces=self._search_pieces,
        )

    def _search_pieces(self, word: str) -> Iterable[tuple[str, int, int]]:
        """jieba's search-mode pieces of a word: (piece, start, end) each."""
        assert self.tokenizer is not None, "SearchWork.load() first"
        return self.tokenizer.tokenize(word, mode="search")


def new_tokenizer(user_dictionary: str, characters: str = "") -> SiteTokenizer:
    """A jieba tokenizer of jieba's main dictionary and this user dictionary text, holding the
    words of the dictionary for these characters too (one read of it: ``SiteTokenizer.cover``).

    The main dictionary is read from the file jieba ships, for the characters of the text cut
    (``dictionary.SiteTokenizer``), not by jieba's ``initialize``, which would read and write a
    cache in the temp folder (``jieba.cache``), trusted by its name. The user dictionary's own
    characters are covered before its words are added: a user word then keeps the frequency
    jieba gives it, as with the whole dictionary.
    """
    tokenizer = SiteTokenizer(dictionary_text())
    tokenizer.cover(user_dictionary + characters)
    tokenizer.load_userdict(io.StringIO(user_dictionary))
    return tokenizer


def characters_of(*values: Any) -> str:
    """Every character of these values (their text and its simplified spelling): what the index
    will cut, given to the dictionary at once (``SiteTokenizer.cover``: one read of the file)."""
    seen = "".join(sorted(set(repr(values))))
    return seen + languages.to_simplified()(seen)


def new_segmenter(tokenizer: jieba.Tokenizer) -> Segmenter:
    """A segmenter for one dictionary. The same Han runs recur across pages, topic pages, both
    scripts and rebuilds, so each run is converted and cut once."""
    return Segmenter(cut=lru_cache(maxsize=None)(lambda text: tuple(tokenizer.cut(text))),
                     to_simplified=lru_cache(maxsize=None)(languages.to_simplified()))


def user_dictionary_text() -> str:
    """The jieba user dictionary of the current vocabulary, glossary and term table."""
    topics = paths.TOPICS.read_text(encoding="utf-8") if paths.TOPICS.is_file() else ""
    try:
        table = tuple(row.chinese for row in load_search_terms(paths.SEARCH_TERMS).terms)
    except DataFileError:  # reported by SearchWork.load with its line
        table = ()
    return _user_dictionary(topics, paths.GLOSSARY.read_text(encoding="utf-8-sig"), table)


@lru_cache(maxsize=2)  # every serve rebuild asks; the files rarely change
def _user_dictionary(topics: str, glossary: str, table: tuple[str, ...] = ()) -> str:
    terms_ = [*parse_topic_terms(topics, str(paths.TOPICS)), *glossary_terms(load_glossary(paths.GLOSSARY)), *table]
    forms = [languages.traditional_converter().convert, languages.opencc_converter("s2t").convert,
             languages.to_simplified()]
    return render_user_dictionary(dictionary_words(terms_, forms))


def fix_worker(site_dir: Path) -> None:
    """Replace the search worker the site ships by the project's (``search.worker``), and apply
    ``search.loading``'s fix to the bundle (the index's parts loaded on first use of search)."""
    for pattern, fixed, fix in ((WORKER_GLOB, is_fixed, site_worker), (BUNDLE_GLOB, loads_lazily, fix_index_loading)):
        for script in site_dir.glob(pattern):
            source = script.read_text(encoding="utf-8")
            if not fixed(source):
                script.write_text(fix(source), encoding="utf-8")
