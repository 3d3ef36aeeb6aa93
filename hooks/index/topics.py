"""The topic vocabulary (hooks/data/topics.yml) and the matcher that puts entries into topics.

Pure functions only (no MkDocs imports). `load_vocabulary` validates the YAML and reports
problems as `file:line: reason — how to fix`; `Matcher` is built once from the vocabulary and
finds every alias in a text in one pass (an Aho-Corasick automaton over normalised aliases).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import opencc
import yaml

from hooks import languages, paths
from hooks.parse import yaml_text
from hooks.parse.data_files import DataFileError, display, read_limited
from hooks.parse.entries import Entry

VOCABULARY_FILE = paths.TOPICS

TOPIC_FIELDS = ("slug", "name", "category", "aliases", "cased_aliases", "covers", "description", "first_read")
REQUIRED_TOPIC_FIELDS = ("slug", "name", "category", "aliases", "description")
CATEGORY_FIELDS = ("slug", "name")
ROOT_FIELDS = ("categories", "topics")
RESERVED_SLUGS = frozenset({"index"})
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEPARATORS_RE = re.compile(r"[\s\-_\u2010\u2011]+")
FIELD_JOINER = "\ue000"  # between title and note (a private-use character): no alias spans it
CLAUSE_END_RE = re.compile(r"[，；。;]")  # between the clauses of a note
BYLINE_PREFIX = "作者"  # a clause naming who wrote the resource ("作者：karpathy") says nothing of its topic


class VocabularyError(ValueError):
    """A problem in topics.yml; the message reads `file:line: reason — how to fix`."""


class TopicError(ValueError):
    """An override names a topic that the vocabulary does not have."""


@dataclass(frozen=True)
class Category:
    """A group of topics on the topics index."""

    slug: str
    name: str
    line: int


@dataclass(frozen=True)
class Topic:
    """One topic: its page slug, display name, aliases and one-line description."""

    slug: str
    name: str
    category: str
    aliases: tuple[str, ...]
    description: str
    line: int
    covers: tuple[str, ...] = ()  # names of narrower topics merged into this one ("也包括")
    first_read: str = ""  # URL of the resource the topic page puts first (先读这一篇)
    first_read_line: int = 0  # its line in topics.yml
    cased_aliases: tuple[str, ...] = ()  # matched only with their Latin letters in this case (ZeRO)


@dataclass(frozen=True)
class Vocabulary:
    """Categories and topics, in file order."""

    categories: tuple[Category, ...]
    topics: tuple[Topic, ...]
    path: str = ""

    @cached_property
    def by_slug(self) -> Mapping[str, Topic]:
        return {topic.slug: topic for topic in self.topics}

    @cached_property
    def rank(self) -> Mapping[str, int]:
        """Topic slug → position in the file (the vocabulary's own order)."""
        return {topic.slug: i for i, topic in enumerate(self.topics)}

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(self.by_slug)

    @cached_property
    def by_category(self) -> Mapping[str, tuple[Topic, ...]]:
        """Category slug → its topics, in file order (every category present, maybe empty)."""
        groups: dict[str, list[Topic]] = {category.slug: [] for category in self.categories}
        for topic in self.topics:
            groups.setdefault(topic.category, []).append(topic)
        return {slug: tuple(topics) for slug, topics in groups.items()}

    def topics_in(self, category: str) -> tuple[Topic, ...]:
        return self.by_category.get(category, ())


# ---------------------------------------------------------------- normalisation


def _t2s() -> opencc.OpenCC:
    return languages.opencc_converter("t2s")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _join_separator(m: re.Match[str]) -> str:
    """A separator run stays (as one space) only between two ASCII letters/digits."""
    text = m.string
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return " " if _is_word_char(before) and _is_word_char(after) else ""


def normalize(text: str, fold: bool = True) -> str:
    """The form aliases and texts are compared in.

    NFKC (full-width Latin → ASCII), traditional → simplified (OpenCC t2s), case-folded
    (unless ``fold`` is false: the form of cased aliases); runs of spaces, hyphens and
    underscores become one space between Latin words and vanish next to CJK ("P-Tuning" =
    "p tuning", "AI 编译器" = "ai编译器"). Both forms of a text have the same length.
    """
    text = SEPARATORS_RE.sub(_join_separator, _t2s().convert(unicodedata.normalize("NFKC", text)))
    return _fold(text) if fold else text


def _fold(text: str) -> str:
    """Case-folded, each position still holding the same character (a character whose folded
    form is longer, such as ß, stays as it is)."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(low := ch.casefold()) != 1 else low for ch in text)


def note_lead(note: str) -> str:
    """The clause of a note that says what the entry is: its first clause (up to ，；。) that is
    not a byline. What follows (what a tool also supports, where else a page lists it) mentions
    topics in passing."""
    clauses = CLAUSE_END_RE.split(note)
    return next((clause for clause in clauses if not clause.strip().startswith(BYLINE_PREFIX)), "")


# ---------------------------------------------------------------- loading


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _fail(path: str, node_or_line: yaml.Node | int, reason: str, fix: str) -> VocabularyError:
    line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
    return VocabularyError(f"{path}:{line}: {reason} — {fix}")


def _mapping(path: str, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
    """A mapping node's values by key; unknown and repeated keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping", f"write it as key: value lines ({', '.join(allowed)})")
    values: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in allowed:
            raise _fail(path, key_node, f"unknown field '{key}' in {what}", f"allowed fields: {', '.join(allowed)}")
        if key in values:
            raise _fail(path, key_node, f"field '{key}' repeated in {what}", "keep one")
        values[key] = value_node
    return values


def _required(path: str, node: yaml.Node, values: dict[str, yaml.Node], fields: tuple[str, ...], what: str) -> None:
    for field in fields:
        if field not in values:
            raise _fail(path, node, f"{what} has no '{field}'", f"add '{field}:' to it")


def _text(path: str, node: yaml.Node, what: str) -> str:
    """A non-empty one-line scalar."""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(path, node, f"{what} must be a non-empty text", "write a plain value")
    value = str(node.value).strip()
    if "\n" in value:
        raise _fail(path, node, f"{what} spans several lines", "write it on one line")
    return value


def _sequence(path: str, node: yaml.Node, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node, f"{what} must be a list", "write it as [a, b] or as '- a' lines")
    return list(node.value)


def _slug(path: str, node: yaml.Node, what: str) -> str:
    slug = _text(path, node, what)
    if not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
        raise _fail(path, node, f"'{slug}' is not a usable slug",
                    "use lower-case ASCII words joined by '-', e.g. tensor-parallel (not 'index')")
    return slug


def _first_use(path: str, node: yaml.Node, slug: str, seen: dict[str, int], what: str, fix: str) -> None:
    """Record where a slug is defined; a second definition is an error naming both lines."""
    if slug in seen:
        raise _fail(path, node, f"duplicate {what} '{slug}' (first at line {seen[slug]})", fix)
    seen[slug] = _line(node)


def _categories(path: str, node: yaml.Node) -> tuple[Category, ...]:
    seen: dict[str, int] = {}
    categories: list[Category] = []
    for item in _sequence(path, node, "categories"):
        values = _mapping(path, item, "a category", CATEGORY_FIELDS)
        _required(path, item, values, CATEGORY_FIELDS, "category")
        slug = _slug(path, values["slug"], "category slug")
        _first_use(path, values["slug"], slug, seen, "category slug", "give each category its own slug")
        categories.append(Category(slug, _text(path, values["name"], "category name"), _line(item)))
    return tuple(categories)


def _topics(path: str, node: yaml.Node, categories: Mapping[str, Category]) -> tuple[Topic, ...]:
    slugs: dict[str, int] = {}
    alias_owner: dict[str, tuple[str, int]] = {}
    topics: list[Topic] = []
    for item in _sequence(path, node, "topics"):
        values = _mapping(path, item, "a topic", TOPIC_FIELDS)
        _required(path, item, values, REQUIRED_TOPIC_FIELDS, "topic")
        slug = _slug(path, values["slug"], "topic slug")
        _first_use(path, values["slug"], slug, slugs, "topic slug", "merge the two topics or rename one")
        category = _text(path, values["category"], "category")
        if category not in categories:
            raise _fail(path, values["category"], f"unknown category '{category}' in topic '{slug}'",
                        f"use one of: {', '.join(categories)}")
        found: dict[str, list[str]] = {"aliases": [], "cased_aliases": []}
        for field, kept in found.items():
            nodes = _sequence(path, values[field], f"{field} of '{slug}'") if field in values else []
            for alias_node in nodes:
                alias = _text(path, alias_node, f"an alias of '{slug}'")
                key = normalize(alias)
                owner = alias_owner.get(key)
                if owner and (owner[0] != slug or field == "cased_aliases"):
                    raise _fail(path, alias_node, f"alias '{alias}' of topic '{slug}' is already an alias "
                                f"of '{owner[0]}' (line {owner[1]})",
                                "an alias may belong to one topic only, in one case rule; keep it where it fits best")
                if not owner:
                    alias_owner[key] = (slug, _line(alias_node))
                    kept.append(alias)
        aliases, cased = found["aliases"], found["cased_aliases"]
        if not aliases and not cased:
            raise _fail(path, values["aliases"], f"topic '{slug}' has no aliases", "list at least one")
        covers = tuple(
            _text(path, node, f"a name that '{slug}' covers")
            for node in _sequence(path, values["covers"], f"covers of '{slug}'")
        ) if "covers" in values else ()
        first = values.get("first_read")
        topics.append(Topic(slug, _text(path, values["name"], "topic name"), category, tuple(aliases),
                            _text(path, values["description"], "description"), _line(item), covers,
                            _text(path, first, f"first_read of '{slug}'") if first else "",
                            _line(first) if first else 0, tuple(cased)))
    return tuple(topics)


def load_vocabulary(path: Path | str = VOCABULARY_FILE) -> Vocabulary:
    """Read and validate topics.yml (within its size limit). Raises VocabularyError naming file:line."""
    where = display(Path(path))  # as the content check names it: relative to the project
    try:
        text = read_limited(Path(path), "topics", where)
    except DataFileError as error:
        raise VocabularyError(str(error)) from None
    return _vocabulary(text, where)


@lru_cache(maxsize=4)
def _vocabulary(text: str, name: str) -> Vocabulary:
    """The vocabulary of one text (once per process: the check and the build both read it)."""
    try:
        root = yaml_text.compose(text)
    except yaml_text.YamlRefused as exc:
        raise _fail(name, exc.line + 1, exc.reason, exc.fix) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise VocabularyError(f"{name}:{mark.line + 1 if mark else 1}: not valid YAML ({exc.problem}) — "
                              "check indentation, colons and quotes") from None
    if root is None:
        raise VocabularyError(f"{name}:1: the file is empty — add categories: and topics:")
    values = _mapping(name, root, "the file", ROOT_FIELDS)
    _required(name, root, values, ROOT_FIELDS, "the file")
    categories = _categories(name, values["categories"])
    topics = _topics(name, values["topics"], {c.slug: c for c in categories})
    return Vocabulary(categories, topics, name)


# ---------------------------------------------------------------- matching


class _Automaton:
    """Aho-Corasick over strings: every occurrence of every pattern in one left-to-right pass."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.out: list[tuple[int, ...]] = [()]
        self.lengths: list[int] = []
        for index, pattern in enumerate(patterns):
            state = 0
            for ch in pattern:
                nxt = self.goto[state].get(ch)
                if nxt is None:
                    nxt = len(self.goto)
                    self.goto[state][ch] = nxt
                    self.goto.append({})
                    self.fail.append(0)
                    self.out.append(())
                state = nxt
            self.out[state] += (index,)
            self.lengths.append(len(pattern))
        queue = list(self.goto[0].values())
        for state in queue:  # breadth-first: a state's fail target is final before its children
            for ch, nxt in self.goto[state].items():
                queue.append(nxt)
                f = self.fail[state]
                while f and ch not in self.goto[f]:
                    f = self.fail[f]
                target = self.goto[f].get(ch, 0)
                self.fail[nxt] = target if target != nxt else 0
                self.out[nxt] += self.out[self.fail[nxt]]

    def find(self, text: str) -> Iterable[tuple[int, int, int]]:
        """(start, end, pattern index) of every occurrence."""
        state = 0
        for i, ch in enumerate(text):
            while state and ch not in self.goto[state]:
                state = self.fail[state]
            state = self.goto[state].get(ch, 0)
            for index in self.out[state]:
                yield i + 1 - self.lengths[index], i + 1, index


@dataclass(frozen=True)
class _Pattern:
    alias: str
    slug: str
    word_start: bool  # starts with an ASCII letter/digit: the char before must not be one
    word_end: bool


def _patterns(vocabulary: Vocabulary, cased: bool) -> tuple[_Pattern, ...]:
    patterns: list[_Pattern] = []
    for topic in vocabulary.topics:
        for alias in topic.cased_aliases if cased else topic.aliases:
            key = normalize(alias, fold=not cased)
            if key:
                patterns.append(_Pattern(key, topic.slug, _is_word_char(key[0]), _is_word_char(key[-1])))
    return tuple(patterns)


class Matcher:
    """Finds the topics whose aliases occur in a text. Build once; `match` is linear in the text.

    Aliases are matched in the case-folded text, cased aliases (ZeRO) in the text as written;
    both forms have the same length, so their occurrences are compared by position."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._searches = tuple((fold, patterns, _Automaton(p.alias for p in patterns))
                               for fold, patterns in ((True, _patterns(vocabulary, False)),
                                                      (False, _patterns(vocabulary, True))))

    def _hits(self, text: str) -> list[tuple[int, int, _Pattern]]:
        """Occurrences that respect word boundaries, minus those inside a longer occurrence."""
        hits: list[tuple[int, int, _Pattern]] = []
        cased = normalize(text, fold=False)
        for fold, patterns, automaton in self._searches:
            norm = _fold(cased) if fold else cased
            for start, end, index in automaton.find(norm):
                p = patterns[index]
                if p.word_start and start > 0 and _is_word_char(norm[start - 1]):
                    continue
                if p.word_end and end < len(norm) and _is_word_char(norm[end]):
                    continue
                hits.append((start, end, p))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        kept: list[tuple[int, int, _Pattern]] = []
        reach = -1
        for start, end, p in hits:
            if end <= reach:
                continue  # e.g. 羊驼 inside 小羊驼, 采样 inside 投机采样
            kept.append((start, end, p))
            reach = end
        return kept

    def match(self, text: str) -> frozenset[str]:
        """Slugs of the topics mentioned in the text."""
        return frozenset(p.slug for _, _, p in self._hits(text))

    def explain(self, text: str) -> list[tuple[str, str]]:
        """(normalised alias, slug) of each occurrence, for checking the vocabulary."""
        return [(p.alias, p.slug) for _, _, p in self._hits(text)]


def _unknown(slug: str, known: Collection[str], entry: Entry, line: int) -> TopicError:
    close = difflib.get_close_matches(slug, sorted(known), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "see the slugs in hooks/data/topics.yml"
    return TopicError(f"{entry.page}:{line}: unknown topic '{slug}' in topics override — {hint}")


def assign_topics(
    entries: Iterable[Entry], matcher: Matcher, known_slugs: Collection[str]
) -> dict[str, frozenset[str]]:
    """Entry key (`page#anchor`) → topics: aliases in the title and in the note's lead
    (`note_lead`: a topic the note mentions only in passing does not count), then the page's
    and the entry's own overrides (in that order, so an entry can take back what its page
    removed)."""
    known = frozenset(known_slugs)
    result: dict[str, frozenset[str]] = {}
    for entry in entries:
        found = set(matcher.match(entry.title + FIELD_JOINER + note_lead(entry.note)))
        for overrides in (entry.page_topic_overrides, entry.topic_overrides):
            for slug in overrides.added + overrides.removed:
                if slug not in known:
                    raise _unknown(slug, known, entry, overrides.line or entry.line)
            found.update(overrides.added)
            found.difference_update(overrides.removed)
        result[entry.key] = frozenset(found)
    return result
