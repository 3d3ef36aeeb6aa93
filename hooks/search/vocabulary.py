"""The domain word list that search segments Chinese text with, in both scripts.

Pure functions (no MkDocs import). The search index splits runs of Han characters into words
with jieba; jieba's own dictionary knows little ML vocabulary and almost no traditional
characters, so 参数高效微调 or 張量並行 would come out as several short words. The build
feeds jieba a user dictionary made from the site's own vocabulary:

* the topic vocabulary (``hooks/data/topics.yml``): category names, topic names, aliases;
* the zh-Hant conversion glossary (``hooks/data/zh_hant_terms.tsv``): both columns;

each term in every form a reader may meet or type: as written, converted by the project's
converter (the form the zh-Hant pages show, e.g. 張量平行), converted character by character
(張量並行) and the simplified spelling of those (张量平行). Only the Han parts of a term
matter (jieba only sees Han runs), so ``LoRA 微调`` contributes 微调.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from hooks.parse import yaml_text

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+")
"""A run of Han characters (CJK unified ideographs and extensions, compatibility ideographs)."""

MIN_WORD_LENGTH = 2  # one character is never worth a dictionary entry


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in a text, in order."""
    return HAN_RE.findall(text)


def topic_terms(data: Any) -> list[str]:
    """Category names, topic names and topic aliases of a parsed topics.yml, in file order.

    Tolerant by design: the vocabulary is validated by its own loader; here a missing or
    malformed field only means fewer words (the build must not depend on every field).
    """
    terms: list[str] = []
    if not isinstance(data, Mapping):
        return terms
    for key in ("categories", "topics"):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, Mapping):
                continue
            terms.extend(_strings(item.get("name")))
            if key == "topics":
                terms.extend(_strings(item.get("aliases")))
    return terms


def _strings(value: Any) -> list[str]:
    """A scalar or a list of scalars as non-empty strings (anything else: nothing)."""
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if isinstance(v, (str, int, float)) and str(v).strip()]


def read_topic_terms(path: Path) -> list[str]:
    """Terms of a topics.yml file; an absent file gives none. Invalid YAML raises ValueError."""
    path = Path(path)
    if not path.is_file():
        return []
    return parse_topic_terms(path.read_text(encoding="utf-8"), str(path))


def parse_topic_terms(text: str, name: str = "topics.yml") -> list[str]:
    """Terms of the text of a topics.yml file. Invalid YAML raises ValueError."""
    try:
        data = yaml_text.safe_load(text)  # bounded: no aliases, nesting or numbers that cost far more than the text
    except yaml.YAMLError as exc:
        raise ValueError(f"{name}: not valid YAML ({exc})") from None
    return topic_terms(data)


def glossary_terms(glossary: Mapping[str, str]) -> list[str]:
    """Both columns of the conversion glossary (simplified term, then its traditional form)."""
    terms: list[str] = []
    for simplified, traditional in glossary.items():
        terms += [simplified, traditional]
    return terms


def dictionary_words(terms: Iterable[str], forms: Iterable[Callable[[str], str]]) -> list[str]:
    """Every Han run (two characters or more) of every term in every form, sorted, once each.

    ``forms`` are text → text functions applied to each term besides the term itself, e.g.
    the project converter, OpenCC ``s2t`` and ``t2s``. They are applied in order, each to the
    term and to what the earlier ones produced, so ``t2s`` after the converter yields the
    simplified spelling of the Taiwan phrasing (张量平行).
    """
    forms = list(forms)
    words: set[str] = set()
    for term in terms:
        variants = {term}
        for form in forms:
            variants |= {form(v) for v in variants}
        for variant in variants:
            words.update(run for run in han_runs(variant) if len(run) >= MIN_WORD_LENGTH)
    return sorted(words)


def render_user_dictionary(words: Iterable[str]) -> str:
    """jieba user-dictionary text: one word per line.

    No frequency is written, so jieba gives each word the frequency that keeps it whole
    (``suggest_freq``) when it loads the file.
    """
    lines = []
    for word in words:
        if not word or any(ch.isspace() for ch in word):
            raise ValueError(f"not a dictionary word: {word!r}")
        lines.append(word)
    return "".join(f"{line}\n" for line in lines)
