"""The search index in parts, so that a query downloads only what it needs (pure functions).

``search/search_index.json`` (``index.build_indexes``) stays the index of record, whole; the
reader's browser loads this split of it instead, written beside it in ``search/parts/``:

* ``index.js``: the manifest, sets ``__index`` (Material's bundle loads it as a script on the
  first use of search, online and from ``file://`` alike; ``loading.py``). It holds the index's
  ``config`` (separator, fields and boosts, stop words, the ``forms`` of no index term) and under
  ``config.parts`` (Material's bundle hands the worker only ``config`` and ``docs``): the
  vocabulary (every indexed term, in the order lunr's builder meets them, which numbers them
  as lunr does, so that scores are summed in lunr's order; the worker sorts it for its
  ``lunr.TokenSet``, which expands prefixes, wildcards and typos, and cuts Han queries
  against it), the position in sorted order of each postings shard's first term, each
  document's display chunk and page (``parents``, as Material's ``setupSearchDocumentMap``
  links a section to its page; both run-length coded) and the documents' boosts.
* ``t<N>.js``: postings shards, by ranges of the sorted vocabulary (a prefix expands to
  neighbouring terms, so it lands in one or two shards). Per term and field: the documents
  holding it and how often (``[doc delta, tf, …]``); then the ``forms`` (this script's
  spellings, ``index.own_spellings``) of the shard's terms. The worker computes lunr's BM25
  weight from these (``idf`` from the term's postings, which a shard holds whole, and the
  document count of the manifest) with lunr's own arithmetic, so scores equal those of lunr
  building the whole index in the browser, as Material's worker did: lunr divides a match's
  score by the query vector's magnitude, never a document's, so the postings of the query's
  terms are all a score needs.
* ``d<N>.js``: the shown text of documents (``[doc, location, title, text]``), in chunks of one
  page's documents (a long page has several); fetched only for the result pages listed.

Terms are those of Material's tokenizer (``internal/tokenize``): markup skipped, text split at
the index's separator, lower-cased; the pipeline is empty (``config.pipeline`` keeps only the
zh stemmer, which returns its word). ``tokens`` follows that code step by step.

Each part is a script calling a function of the worker (``__kbPart``, ``__kbDocs``) so that the
same files load with ``importScripts`` in a worker and in the iframe that stands for one under
``file://`` (the offline edition), where there is no ``fetch`` of local files.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PARTS_DIR = Path("search") / "parts"
MANIFEST = "index.js"
SHARD_BYTES = 12_000
"""Postings per shard, in bytes of JSON before compression (about 3 KB gzip)."""
CHUNK_BYTES = 8_000
"""Shown text per display chunk (of one page's documents), in bytes of JSON before compression."""


# ---------------------------------------------------------------- Material's tokenizer


def _blocks(value: str) -> Iterator[tuple[int, bool, int, int]]:
    """Material's ``extract``: (block, is text, start, end) of each tag and text run, in order."""
    block = start = end = stack = 0
    n = len(value)
    while end < n:
        char = value[end]
        if char == "<" and end > start:
            yield block, True, start, end
            start = end
        elif char == ">":
            if value[start + 1:start + 2] == "/":
                stack -= 1
                if stack == 0:
                    yield block, False, start, end + 1
                    block += 1
            elif value[end - 1:end] != "/":
                if stack == 0:
                    yield block, False, start, end + 1
                stack += 1
            start = end + 1
        end += 1
    if end > start:
        yield block, True, start, end


def tokens(value: str, separator: re.Pattern[str]) -> list[str]:
    """The terms Material's worker indexes for a field's value, in order (with repeats)."""
    if "<" not in value and ">" not in value:  # one text block: what ``_blocks`` would find
        return [piece.lower() for piece in separator.split(value) if piece]
    found = []
    for _block, is_text, start, end in _blocks(value):
        if is_text:
            found += [piece.lower() for piece in separator.split(value[start:end]) if piece]
    return found


# ---------------------------------------------------------------- the split


@dataclass(frozen=True)
class Split:
    """The files of one script's split index: name → text."""

    files: dict[str, str]

    def write(self, folder: Path) -> int:
        """Write every file into ``folder`` (emptied of older parts first); total bytes."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.js"):
            if old.name not in self.files:
                old.unlink()
        total = 0
        for name, text in self.files.items():
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            total += len(data)
        return total


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parents(docs: Sequence[Mapping[str, Any]]) -> list[int]:
    """Each document's page as Material's ``setupSearchDocumentMap`` finds it: the index of the
    first document of the same path, or -1 for that first document itself."""
    first: dict[str, int] = {}
    out = []
    for i, doc in enumerate(docs):
        path = str(doc["location"]).split("#", 1)[0]
        if path in first:
            out.append(first[path])
        else:
            first[path] = i
            out.append(-1)
    return out


def postings(docs: Sequence[Mapping[str, Any]], fields: Sequence[str],
             separator: re.Pattern[str]) -> dict[str, dict[int, list[int]]]:
    """term → field number → ``[doc delta, tf, doc delta, tf, …]`` (documents ascending); terms
    in the order lunr's builder meets them (documents, fields, then tokens in order)."""
    found: dict[str, dict[int, list[int]]] = defaultdict(dict)
    last: dict[tuple[str, int], int] = {}
    for d, doc in enumerate(docs):
        for f, name in enumerate(fields):
            value = doc.get(name)
            if not isinstance(value, str):
                continue
            counts: dict[str, int] = {}
            for term in tokens(value, separator):
                counts[term] = counts.get(term, 0) + 1
            for term, tf in counts.items():
                previous = last.get((term, f), 0)
                found[term].setdefault(f, []).extend((d - previous, tf))
                last[(term, f)] = d
    return found


def _cut(sizes: Sequence[int], budget: int) -> list[int]:
    """Start positions of consecutive runs whose sizes add up to about ``budget`` each."""
    starts, filled = [0] if sizes else [], 0
    for i, size in enumerate(sizes):
        if filled and filled + size > budget:
            starts.append(i)
            filled = 0
        filled += size
    return starts


def runs(values: Sequence[int]) -> list[int]:
    """Run-length form of a sequence: ``[value, count, value, count, …]``."""
    out: list[int] = []
    for value in values:
        if out and out[-2] == value:
            out[-1] += 1
        else:
            out += [value, 1]
    return out


def split_index(index: Mapping[str, Any], stop_words: Sequence[str] = ()) -> Split:
    """The split of one script's index (``{"config", "docs"}`` of ``index.build_indexes``)."""
    config = dict(index["config"])
    docs = index["docs"]
    fields = list(config["fields"])
    separator = re.compile(config["separator"])
    found = postings(docs, fields, separator)
    forms = dict(config.pop("forms", {}))
    vocabulary = sorted(found, key=lambda term: term.encode("utf-16-be"))  # JavaScript's string order
    files: dict[str, str] = {}
    texts = [_json({term: [[f, *found[term][f]] for f in sorted(found[term])]})[1:-1] for term in vocabulary]
    shards = _cut([len(t.encode("utf-8")) for t in texts], SHARD_BYTES)
    for n, start in enumerate(shards):
        end = shards[n + 1] if n + 1 < len(shards) else len(texts)
        spelled = {term: forms.pop(term) for term in vocabulary[start:end] if term in forms}
        files[f"t{n}.js"] = f"__kbPart({n},{{{','.join(texts[start:end])}}},{_json(spelled)});\n"
    linked = parents(docs)
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, parent in enumerate(linked):
        by_page[i if parent < 0 else parent].append(i)
    chunk_of = [0] * len(docs)
    number = 0
    for members in by_page.values():  # a chunk holds documents of one page only
        shown = [_json([i, docs[i]["location"], docs[i].get("title", ""), docs[i].get("text", "")])
                 for i in members]
        starts = _cut([len(text.encode("utf-8")) for text in shown], CHUNK_BYTES)
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(shown)
            for i in members[start:end]:
                chunk_of[i] = number
            files[f"d{number}.js"] = f"__kbDocs({number},[{','.join(shown[start:end])}]);\n"
            number += 1
    boosts = {str(i): doc["boost"] for i, doc in enumerate(docs) if isinstance(doc.get("boost"), (int, float))}
    parts = {"count": len(docs), "terms": list(found), "shards": shards, "chunks": runs(chunk_of),
             "parents": runs(linked), "boosts": boosts}
    manifest = {"config": {**config, "forms": forms, "stop_words": list(stop_words), "parts": parts}, "docs": []}
    files[MANIFEST] = f"var __index={_json(manifest)};\n"
    return Split(files)


def parts_folder(site_dir: Path | str, prefix: str = "") -> Path:
    """Where a script's parts live: ``search/parts/`` under its folder."""
    return Path(site_dir) / prefix / PARTS_DIR
