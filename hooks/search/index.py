"""One search index per script, segmented alike and findable from either script.

Pure functions (no MkDocs import); ``search_build.py`` is the MkDocs glue.

Material's search plugin indexes each page section as ``{location, title, text}``, with runs
of Han characters cut into words by jieba and the words separated by U+200B. This module
turns the sections of one build into the index of that script:

* **Segmentation.** jieba's dictionary is simplified, so traditional text is cut poorly
  (頁面 → 頁/面). :class:`Segmenter` cuts the simplified spelling of each Han run and carries
  the word boundaries back to the original characters, so both scripts split alike.
* **Other-script fields.** Each section gets ``title_alt`` and ``text_alt``: the words a reader
  may type that the section does not contain as such: the same words in the other script
  (训练 ↔ 訓練, 数据 ↔ 資料 from the paired page of the other edition, 並行 as well as the
  Taiwan 平行), the parts of compound words (高效, 微调 of 参数高效微调) and the parts of
  dotted or joined Latin names (int8 of LLM.int8). Material's worker indexes every field
  named in ``config.fields`` but shows only title and text, so these fields add recall and
  nothing visible.
* **Locations** of the zh-Hant index are relative to ``/zh-Hant/``, where that index lives.
"""

from __future__ import annotations

import gzip
import html
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from hooks.search.terms import CrossWords, SearchTerm, TermTable, run_together
from hooks.search.vocabulary import HAN_RE

ZWSP = "\u200b"
"""Material's word separator inside Han runs."""

SEPARATOR = (
    r"[\s\u200b\u3000\-、。，．？！；：（）《》〈〉「」『』【】〔〕“”‘’…—～·,;!?()\[\]{}<>\"/]+"
    r"|\.(?![A-Za-z0-9])"
    r"|:(?![A-Za-z0-9/])"
)
"""Where the search index splits text into terms (a JavaScript and Python regex).

Material's zh separator splits only at spaces and a few CJK marks, so ``（LoRA）``,
``“QLoRA”`` and ``2：vLLM`` were single terms that a search for LoRA or vLLM could not
reach. Brackets, quotes, CJK punctuation and sentence dots now separate too; dots and colons
inside names (LLM.int8, GPT-3.5, e.g. 12:30) do not. The highlighter of the target page
splits this string at ``|``, so ``|`` appears only between whole alternatives.
"""

ALT_FIELDS = {"title": "title_alt", "text": "text_alt"}
ALT_BOOSTS = {"title_alt": 1e3, "text_alt": 1.0}
"""The extra indexed fields and their boosts: the same weight as the field they mirror."""

PAGE_BOOSTS = {"headings": 3e3, "description": 3e3, "entries": 1e3}
"""Fields of a page's own document (its location has no ``#``) that rank the page for a reader:

* ``headings``: the words of the page title and of every heading of the page (both scripts,
  as in ``title_alt``). A page whose title or headings name the query outranks any single
  section or entry, on that page or elsewhere (Material's worker also multiplies the score
  of a page's own document by up to 5, of a section by up to 2).
* ``entries``: the words of the titles of the page's entries, each occurrence counted, so
  the page that holds the LoRA articles comes before a page that mentions LoRA once.
* ``description``: the words of the page's front-matter ``description`` (both scripts): what
  the page says it is about, weighed like its headings.

Like the alt fields they are indexed and never shown. Material's worker scores without
length normalisation (``b(0)``), so long fields cost nothing in rank.
"""

PAGE_FIELDS = tuple(PAGE_BOOSTS)

TAG_RE = re.compile(r"<[^>]*>")
LATIN_JOINERS_RE = re.compile(r"[._+'/]+")
MIN_PART = 2


# ---------------------------------------------------------------- segmentation


@dataclass(frozen=True)
class Segmenter:
    """Cuts Han runs into words the same way in both scripts.

    ``cut`` is jieba's ``cut`` (text → words); ``to_simplified`` maps text to simplified
    characters (OpenCC ``t2s``). When the simplified spelling has another length (a rare
    phrase mapping), the run is cut as it is.
    """

    cut: Callable[[str], Iterable[str]]
    to_simplified: Callable[[str], str]
    _segmented: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def words(self, run: str) -> list[str]:
        """The words of one Han run, in the run's own characters."""
        simplified = self.to_simplified(run)
        if len(simplified) != len(run):
            return [w for w in self.cut(run) if w]
        words, start = [], 0
        for word in self.cut(simplified):
            if word:
                words.append(run[start:start + len(word)])
                start += len(word)
        return words if start == len(run) else [w for w in self.cut(run) if w]

    def segment(self, text: str) -> str:
        """Text with every Han run cut into words, separated (and surrounded) by U+200B.

        Any U+200B already present (Material's own cut) is dropped first, so the result
        depends only on the visible text. A text cut once (in one section, or in the other
        script's build) is not cut again.
        """
        if text not in self._segmented:
            visible = text.replace(ZWSP, "")

            def replace(match: re.Match[str]) -> str:
                return ZWSP + ZWSP.join(self.words(match.group(0))) + ZWSP

            self._segmented[text] = HAN_RE.sub(replace, visible).strip(ZWSP)
        return self._segmented[text]


# ---------------------------------------------------------------- terms


def terms(html: str, separator: str = SEPARATOR) -> list[str]:
    """The terms Material's worker indexes for a field value: the text outside tags, split at
    the separator, lower-cased (the worker's ``tokenize``)."""
    return list(_terms(html, separator))


@lru_cache(maxsize=1 << 16)  # an index reads each field's terms several times (alt fields, spellings)
def _terms(html: str, separator: str) -> tuple[str, ...]:
    text = TAG_RE.sub(" ", html)
    return tuple(term.lower() for term in re.split(separator, text) if term)


@dataclass
class Variants:
    """Other forms of index terms, computed for many terms at once.

    ``to_simplified`` (t2s) gives the simplified spelling; ``to_traditional`` are the
    simplified → traditional conversions a reader may use (the project converter, whose
    Taiwan phrasing the zh-Hant pages show, and character-level ``s2t``). ``pieces`` gives the
    parts of a simplified compound word as ``(word, start, end)`` (jieba's search-mode
    ``tokenize``). Each function is called once per :meth:`prepare` on all new terms joined
    by newlines.
    """

    to_simplified: Callable[[str], str]
    to_traditional: Sequence[Callable[[str], str]]
    pieces: Callable[[str], Iterable[tuple[str, int, int]]]
    _cache: dict[str, frozenset[str]] = field(default_factory=dict)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict)

    def prepare(self, all_terms: Iterable[str]) -> None:
        """Compute the variants of every term not seen before."""
        new = sorted({t for t in all_terms if t not in self._cache})
        han = [t for t in new if HAN_RE.search(t)]
        simplified = _convert_many(self.to_simplified, han)
        pieces: dict[str, list[str]] = {}
        for term, simple in zip(han, simplified, strict=True):
            found = []
            for word, start, end in self.pieces(simple):
                if MIN_PART <= len(word) < len(simple):
                    found.append(word)
                    if len(simple) == len(term):
                        found.append(term[start:end])
            pieces[term] = found
        bases = sorted(set(simplified) | {p for found in pieces.values() for p in found})
        converted = [dict(zip(bases, _convert_many(convert, bases), strict=True)) for convert in self.to_traditional]
        for term, simple in zip(han, simplified, strict=True):
            whole = {simple, *(table[simple] for table in converted)}
            self._forms[term] = frozenset(f.lower() for f in whole if f and f != term)
            forms = {simple}
            for base in [simple, *pieces[term]]:
                forms.add(base)
                forms.update(table[base] for table in converted)
            self._cache[term] = frozenset(f.lower() for f in forms if f and f != term)
        for term in new:
            if term not in self._cache:
                self._cache[term] = frozenset(latin_parts(term))

    def of(self, term: str) -> frozenset[str]:
        """The other forms of one prepared term (not the term itself)."""
        return self._cache[term]

    def spellings(self, term: str) -> frozenset[str]:
        """The same whole word in the other script(s) (训练 → 訓練; 數據 → 数据): what a reader of
        the other script types for it. No compound parts; none for a Latin term."""
        return self._forms.get(term, frozenset())


def latin_parts(term: str) -> list[str]:
    """Parts of a term joined by dots, underscores, plus signs, apostrophes or slashes
    (``llm.int8`` → llm, int8), two characters or more; none for a simple term."""
    parts = [p for p in LATIN_JOINERS_RE.split(term) if len(p) >= MIN_PART]
    return parts if len(parts) > 1 else []


def _convert_many(convert: Callable[[str], str], texts: Sequence[str]) -> list[str]:
    """Convert many one-line texts in one call (newline-joined), one by one if lines shift."""
    if not texts:
        return []
    out = convert("\n".join(texts)).split("\n")
    if len(out) != len(texts):
        out = [convert(text) for text in texts]
    return out


# ---------------------------------------------------------------- entries


ID_ATTRIBUTE_RE = re.compile(r'id="([^"]+)"')  # a literal start: found by a fast scan (not r'\bid=')


def entry_documents(
    entries: Iterable[Any], page_url: str, page_html: str, convert: Callable[[str], str] = str,
    convert_title: Callable[[str], str] | None = None,
) -> list[dict[str, str]]:
    """One index document per entry (resource) of a page, so that a search for an article's
    title lands on the entry itself: ``{location: page#anchor, title, text: note}``.

    ``entries`` have ``title``, ``note`` and ``anchor`` (``entries.Entry``); only those whose
    anchor is an id in the rendered page are kept. ``convert`` turns the simplified source
    text into the page's script; ``convert_title`` (``convert`` if not given) the title, which
    zh-Hant cites by script only (``convert.titles``).
    """
    convert_title = convert_title or convert
    ids = {match.group(1) for match in ID_ATTRIBUTE_RE.finditer(page_html)
           if page_html[match.start() - 1:match.start()].isspace()}
    docs = []
    for entry in entries:
        anchor = getattr(entry, "anchor", None)
        if not anchor or anchor not in ids:
            continue
        docs.append({
            "location": f"{page_url}#{anchor}",
            "title": html.escape(convert_title(entry.title), quote=False),
            "text": html.escape(convert(entry.note or ""), quote=False),
        })
    return docs


# ---------------------------------------------------------------- per-script index


def page_of(location: str) -> str:
    """The page part of a location (``training/peft/#lora`` → ``training/peft/``)."""
    return location.split("#", 1)[0]


def strip_prefix(docs: Iterable[Mapping[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Copies of the docs with ``prefix`` (e.g. ``zh-Hant/``) taken off their locations, so
    they resolve from the base of that script's pages. Every location must carry it."""
    out = []
    for doc in docs:
        location = doc["location"]
        if not location.startswith(prefix):
            raise ValueError(f"search entry {location!r} is not under {prefix!r}")
        out.append({**doc, "location": location[len(prefix):]})
    return out


def pair_sections(a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Index in ``a`` → index in ``b`` of the same section of the same page in the two scripts.

    Locations are already relative to each script's root. Sections pair up in order when a
    page has as many sections in both (converted pages do; a hand-written zh-Hant page may
    not, and then its sections stay unpaired).
    """
    def by_page(docs: Sequence[Mapping[str, Any]]) -> dict[str, list[int]]:
        pages: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            pages[page_of(doc["location"])].append(i)
        return pages

    pages_a, pages_b = by_page(a), by_page(b)
    pairs: dict[int, int] = {}
    for page, indexes in pages_a.items():
        other = pages_b.get(page)
        if other and len(other) == len(indexes):
            pairs.update(zip(indexes, other, strict=True))
    return pairs


def add_alt_fields(
    docs: Sequence[dict[str, Any]],
    variants: Variants,
    counterparts: Mapping[int, Mapping[str, Any]] | None = None,
    separator: str = SEPARATOR,
) -> None:
    """Give every doc its ``title_alt`` / ``text_alt`` (in place; omitted when empty).

    A field's alt terms are the variants of its terms and, for a doc with a counterpart in
    the other script, that counterpart's terms and their variants, minus the terms the field
    already has. Terms are sorted, so the index is reproducible.
    """
    counterparts = counterparts or {}
    fields = {
        (i, name): terms(doc.get(name) or "", separator)
        for i, doc in enumerate(docs) for name in ALT_FIELDS
    }
    other = {
        (i, name): terms(doc.get(name) or "", separator)
        for i, doc in counterparts.items() for name in ALT_FIELDS
    }
    variants.prepare(t for found in (*fields.values(), *other.values()) for t in found)
    for (i, name), own in fields.items():
        seen = own + other[(i, name)] if (i, name) in other else own
        alt = sorted(set(seen).union(*map(variants.of, seen)).difference(own))
        if alt:
            docs[i][ALT_FIELDS[name]] = " ".join(alt)
        else:
            docs[i].pop(ALT_FIELDS[name], None)


def is_entry(location: str) -> bool:
    """An entry's document: ``page/#e-…``."""
    return "#e-" in location


def collapse_pages(docs: Iterable[Mapping[str, Any]], labels: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The docs with each page of ``labels`` (page location → title prefix) reduced to its own
    document, titled with the prefix (``主题：LoRA``). A generated page that repeats entries
    of other pages stays findable as one result of its own, not as one result per section."""
    out: list[Mapping[str, Any]] = []
    for doc in docs:
        page = page_of(doc["location"])
        if page not in labels:
            out.append(doc)
        elif doc["location"] == page:
            out.append({**doc, "title": labels[page] + doc["title"]})
    return out


def add_term_words(docs: Sequence[dict[str, Any]], table: Sequence[SearchTerm], variants: Variants,
                   separator: str = SEPARATOR, stop_words: Collection[str] = (),
                   generated: Collection[str] = ()) -> None:
    """Add to every doc's alt fields (in place) the words a reader of the other language types
    (``terms.cross_words``: alignment for 对齐, 混合专家 for mixture of experts) and, for its
    title, its spaced Latin names run together (``terms.run_together``: kvcache for KV Cache).
    A generated page (``generated``: its location) gets them all in ``text_alt``, weighed as
    running text: the topic page 混合专家 is found by mixture of experts, below the section pages
    that hold the articles."""
    variants.prepare(row.chinese for row in table)
    cross = CrossWords(table, variants.spellings, stop_words)
    for doc in docs:
        for name, alt in ALT_FIELDS.items():
            value = doc.get(name) or ""
            own = terms(value, separator)
            found = cross.of(html.unescape(TAG_RE.sub(" ", value)).replace(ZWSP, ""))
            if name == "title":
                found += run_together(own)
            present = set(own) | set(terms(doc.get(alt) or "", separator))
            extra = [word for word in dict.fromkeys(found) if word not in present]
            target = ALT_FIELDS["text"] if doc["location"] in generated else alt
            if extra:
                doc[target] = " ".join(w for w in (doc.get(target), " ".join(extra)) if w)


def add_page_fields(docs: Sequence[dict[str, Any]], descriptions: Mapping[str, str] | None = None) -> None:
    """Give each page's own document its ``headings`` and ``entries`` fields (``PAGE_BOOSTS``),
    from the titles (and ``title_alt``) of the page's sections and entries, and its
    ``description`` field from ``descriptions`` (page location → segmented description and its
    other forms); in place."""
    own = {doc["location"]: doc for doc in docs if "#" not in doc["location"]}
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: {name: [] for name in PAGE_FIELDS})
    for doc in docs:
        page = own.get(page_of(doc["location"]))
        if page is None:
            continue
        if is_entry(doc["location"]):  # Latin names by their parts: alpaca-lora+rtx counts as lora once
            words = [p for t in terms(doc.get("title") or "") for p in (latin_parts(t) or [t])]
            words += [t for t in terms(doc.get("title_alt") or "") if HAN_RE.search(t)]
            found[page["location"]]["entries"].append(" ".join(words))
        else:
            found[page["location"]]["headings"].append(
                " ".join(w for w in (doc.get("title"), doc.get("title_alt")) if w))
    for location, text in (descriptions or {}).items():
        if location in own and text:
            found[location]["description"].append(text)
    for location, fields in found.items():
        for name, words in fields.items():
            if words:
                own[location][name] = " ".join(words)


def describe(
    descriptions: Mapping[str, str], segmenter: Segmenter, variants: Variants, separator: str = SEPARATOR
) -> dict[str, str]:
    """Page location → its description segmented, followed by the other forms of its terms
    (``Variants``): the value of the page's ``description`` field."""
    cut = {location: segmenter.segment(html.escape(text, quote=False))
           for location, text in descriptions.items() if text}
    found = {location: terms(text, separator) for location, text in cut.items()}
    variants.prepare(t for words in found.values() for t in words)
    out = {}
    for location, text in cut.items():
        own = set(found[location])
        extra = sorted({v for t in own for v in variants.of(t)} - own)
        out[location] = " ".join([text, *extra])
    return out


def build_indexes(
    docs_by_language: Mapping[str, Sequence[Mapping[str, Any]]],
    prefixes: Mapping[str, str],
    config: Mapping[str, Any],
    segmenter: Segmenter,
    variants: Variants,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    descriptions: Mapping[str, Mapping[str, str]] | None = None,
    term_table: TermTable | None = None,
) -> dict[str, dict[str, Any]]:
    """Language → its search index ``{"config", "docs"}``.

    ``docs_by_language`` are the sections each build indexed (locations from the site root);
    ``prefixes`` the folder of each language (``""`` for the default one). Every doc is
    re-segmented, located relative to its language's root, paired with its counterpart in
    the other language(s) and given its alt fields; each page's own document gets its page
    fields (:func:`add_page_fields`). ``labels`` (language → page location from the site
    root → title prefix) name the generated pages kept as one document (:func:`collapse_pages`);
    ``descriptions`` (language → page location from the site root → front-matter description)
    fill the pages' ``description`` field; ``term_table`` gives the words of the other language
    (:func:`add_term_words`).
    """
    labels = labels or {}
    descriptions = descriptions or {}
    term_table = term_table or TermTable((), ())
    docs: dict[str, list[dict[str, Any]]] = {}
    for language, found in docs_by_language.items():
        prefix = prefixes.get(language, "")
        found = collapse_pages(found, labels.get(language, {}))
        local = strip_prefix(found, prefix)
        for doc in local:
            for name in ALT_FIELDS:
                if isinstance(doc.get(name), str):
                    doc[name] = segmenter.segment(doc[name])
        docs[language] = local
    indexes: dict[str, dict[str, Any]] = {}
    for language, local in docs.items():
        counterparts: dict[int, Mapping[str, Any]] = {}
        for other_language, other_docs in docs.items():
            if other_language != language:
                for i, j in pair_sections(local, other_docs).items():
                    counterparts.setdefault(i, other_docs[j])
        separator = config.get("separator") or SEPARATOR
        add_alt_fields(local, variants, counterparts, separator)
        prefix = prefixes.get(language, "")
        generated = {location.removeprefix(prefix) for location in labels.get(language, {})}
        add_term_words(local, term_table.terms, variants, separator, term_table.stop_words, generated)
        described = {location.removeprefix(prefix): text
                     for location, text in descriptions.get(language, {}).items() if location.startswith(prefix)}
        add_page_fields(local, describe(described, segmenter, variants, separator))
        forms = own_spellings(local, variants, separator, term_table)
        indexes[language] = {"config": {**config, "forms": forms}, "docs": local}
    return indexes


def own_spellings(docs: Iterable[Mapping[str, Any]], variants: Variants, separator: str = SEPARATOR,
                  table: TermTable | None = None) -> dict[str, str]:
    """Other-script spelling → the index's own words spelled so, space-separated: ``{"训练":
    "訓練"}`` in the zh-Hant index; and, from the term table, an English word → the Chinese
    words of its row that the pages show (``{"alignment": "对齐"}``), and the reverse. The worker
    (``search.engine.js``) adds these words to a result's matched terms, so the page opened
    from it highlights 訓練 for a query 训练 and 对齐 for alignment. Only words of ``title`` and
    ``text`` (what a page shows) count; variants must be prepared."""
    shown = {term for doc in docs for name in ALT_FIELDS for term in terms(doc.get(name) or "", separator)}
    found: dict[str, set[str]] = defaultdict(set)
    for term in shown:
        for spelling in variants.spellings(term):
            found[spelling].add(term)
    for row in (table.terms if table else ()):
        chinese = [row.chinese, *sorted(variants.spellings(row.chinese))]
        english = [word for word in row.english_words if word not in table.stop_words]  # type: ignore[union-attr]
        for word in english:
            found[word].update(w for w in chinese if w in shown)
        for word in chinese:
            found[word].update(w for w in english if w in shown)
    return {spelling: " ".join(sorted(words)) for spelling, words in sorted(found.items()) if words}


def search_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The ``config`` part of an index: the plugin's, with this module's separator and fields."""
    extra = {**ALT_BOOSTS, **PAGE_BOOSTS}
    fields = {**(config.get("fields") or {}), **{name: {"boost": b} for name, b in extra.items()}}
    return {**config, "separator": SEPARATOR, "fields": fields}


# ---------------------------------------------------------------- files and figures


INDEX_FILE = Path("search") / "search_index.json"


def index_path(site_dir: Path | str, prefix: str = "") -> Path:
    """Where a language's index lives: ``search/search_index.json`` under its folder."""
    return Path(site_dir) / prefix / INDEX_FILE


def index_sizes(path: Path | str) -> tuple[int, int]:
    """(bytes, gzip bytes at level 9) of an index file: what a reader downloads, raw and
    compressed as a web server would send it."""
    data = Path(path).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))
