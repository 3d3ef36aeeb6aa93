"""The search stage's library work: dictionaries, word cuts, spellings, the written indexes.

No MkDocs import. ``SearchWork`` loads jieba's dictionaries, cuts sections into words, finds
each word's other spellings and writes one index per script. It needs nothing a build makes
but the sections' text, so ``hooks.helper`` can run it in a process of its own beside the build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jieba

from hooks import languages, paths
from hooks.convert.chinese import load_glossary
from hooks.search import main_dictionary
from hooks.search.index import (
    Segmenter,
    Variants,
    build_indexes,
    index_path,
    terms,
)
from hooks.search.vocabulary import dictionary_words, glossary_terms, parse_topic_terms, render_user_dictionary
from hooks.search.worker import WORKER_GLOB, fix_query_handling, is_fixed

CACHE_NAME = "llm-kb-search"


def private_cache_dir(base: Path | None = None) -> Path:
    """The folder of the dictionary caches: one per user (``llm-kb-search-<uid>`` in the temp
    folder), readable and writable by that user only. When a folder of that name is not the
    user's own, or others may write to it (someone made it first), a new private folder is
    used instead: a cache another user wrote never shapes this user's search index."""
    base = Path(base or tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = base / (f"{CACHE_NAME}-{uid}" if uid is not None else CACHE_NAME)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and (uid is None or info.st_uid == uid) and not info.st_mode & 0o077:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix=f"{CACHE_NAME}-", dir=base))


# ---------------------------------------------------------------- the work


class SearchWork:
    """Dictionaries, word cuts and spellings of one process, and the indexes made with them."""

    REQUESTS = frozenset({"load", "prepare", "write"})  # what ``helper`` may call

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir or private_cache_dir()
        self.dictionary: Path | None = None  # the user dictionary jieba has loaded
        self.segmenter = new_segmenter()
        self.variants = Variants(
            to_simplified=languages.to_simplified(),
            to_traditional=[languages.traditional_converter().convert, languages.opencc_converter("s2t").convert],
            pieces=lambda word: jieba.tokenize(word, mode="search"),
        )

    def load(self) -> list[str]:
        """Load jieba's main dictionary and the project's user dictionary, again only when the
        vocabulary changed: then words are cut afresh, otherwise a rebuild reuses every cut
        (``mkdocs serve`` cuts only the text it has not seen). Returns warnings for the log."""
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
        path = write_user_dictionary(text, self.cache_dir)
        if path != self.dictionary:
            main_dictionary.load(jieba.dt, self.cache_dir)
            jieba.load_userdict(str(path))
            self.dictionary = path
            self.segmenter = new_segmenter()
        return warnings

    def prepare(self, texts: Sequence[str]) -> None:
        """Cut these texts and find their words' other spellings ahead of ``write``."""
        self.variants.prepare(t for text in texts for t in terms(self.segmenter.segment(text)))

    def write(self, sections: Mapping[str, Sequence[Mapping[str, Any]]], prefixes: Mapping[str, str],
              config: Mapping[str, Any], labels: Mapping[str, Mapping[str, str]],
              descriptions: Mapping[str, Mapping[str, str]], site_dir: str) -> list[tuple[str, int, int]]:
        """Write one index per language; (language, sections, bytes) of each (its gzip size:
        ``tests/tools/search_figures.py``)."""
        indexes = build_indexes(sections, prefixes, config, self.segmenter, self.variants, labels, descriptions)
        written = []
        for language, index in indexes.items():
            path = index_path(site_dir, prefixes[language])
            path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            path.write_bytes(data)
            written.append((language, len(index["docs"]), len(data)))
        fix_worker(Path(site_dir))
        return written


def new_segmenter() -> Segmenter:
    """A segmenter for one dictionary. The same Han runs recur across pages, topic pages, both
    scripts and rebuilds, so each run is converted and cut once."""
    return Segmenter(cut=lru_cache(maxsize=None)(lambda text: tuple(jieba.cut(text))),
                     to_simplified=lru_cache(maxsize=None)(languages.to_simplified()))


def user_dictionary_text() -> str:
    """The jieba user dictionary of the current vocabulary and glossary."""
    topics = paths.TOPICS.read_text(encoding="utf-8") if paths.TOPICS.is_file() else ""
    return _user_dictionary(topics, paths.GLOSSARY.read_text(encoding="utf-8-sig"))


@lru_cache(maxsize=2)  # every serve rebuild asks; the files rarely change
def _user_dictionary(topics: str, glossary: str) -> str:
    terms_ = parse_topic_terms(topics, str(paths.TOPICS)) + glossary_terms(load_glossary(paths.GLOSSARY))
    forms = [languages.traditional_converter().convert, languages.opencc_converter("s2t").convert,
             languages.to_simplified()]
    return render_user_dictionary(dictionary_words(terms_, forms))


USER_DICTIONARY_GLOB = "jieba-user-*.txt"
UNUSED_SECONDS = 7 * 24 * 3600  # a user dictionary no build has used for a week is removed


def write_user_dictionary(text: str, cache_dir: Path, now: float | None = None) -> Path:
    """Write the dictionary to a file named by its content (concurrent builds never clash).
    Using a dictionary marks it as used; those unused for ``UNUSED_SECONDS`` (the vocabulary
    has changed since) are removed, so that the folder does not grow with every edit."""
    now = time.time() if now is None else now
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"jieba-user-{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    if path.is_file():
        os.utime(path, (now, now))
    else:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.utime(tmp, (now, now))
        os.replace(tmp, path)
    for old in cache_dir.glob(USER_DICTIONARY_GLOB):
        try:
            if old != path and old.stat().st_mtime < now - UNUSED_SECONDS:
                old.unlink()
        except OSError:  # removed by a concurrent build
            pass
    return path


def fix_worker(site_dir: Path) -> None:
    """Apply ``search.worker``'s fixes to the search worker the site ships."""
    for worker in site_dir.glob(WORKER_GLOB):
        source = worker.read_text(encoding="utf-8")
        if not is_fixed(source):
            worker.write_text(fix_query_handling(source), encoding="utf-8")
