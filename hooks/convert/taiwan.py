"""Taiwan usage after OpenCC: phrase rules and 「」『』 quotation marks.

Pure module (no MkDocs import). :func:`taiwan_postprocess` returns the function that
``languages.to_traditional`` runs on every converted string:

* the phrase rules of ``hooks/data/zh_hant_rules.tsv`` (regular expression, replacement,
  reason), for what a word list cannot say — a word whose Taiwan form depends on the words
  around it, or a term next to a Latin name with a space between them;
* :func:`taiwan_quotes`: “ ” ‘ ’ around Chinese text become 「 」 『 』.

The converter only sees prose (``convert.chinese.convert_markdown`` keeps code, URLs and HTML
attributes apart), so neither step can touch code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hooks import paths

__all__ = ["Rule", "RuleError", "load_rules", "taiwan_postprocess", "taiwan_quotes"]

PROJECT_RULES = paths.TAIWAN_RULES


class RuleError(ValueError):
    """The rules file is malformed; the message names ``file:line`` and the fix."""


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    replacement: str
    reason: str
    line: int

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


def load_rules(path: Path = PROJECT_RULES) -> tuple[Rule, ...]:
    """Read ``pattern<TAB>replacement<TAB>reason`` lines; ``#`` starts a comment line.

    The pattern is a Python regular expression matched against the converted (traditional)
    text; the replacement may use ``\\1``-style groups. Every rule needs its reason.
    """
    path = Path(path)
    if not path.is_file():
        return ()
    rules = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        fields = raw.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            raise RuleError(
                f"{where}: expected 3 non-empty tab-separated columns (pattern, replacement, "
                f"reason), found {len([f for f in fields if f.strip()])}; separate them with "
                f"one tab character each"
            )
        pattern, replacement, reason = fields
        try:
            compiled = re.compile(pattern)
            compiled.sub(replacement, "")  # a bad group reference fails here
        except (re.error, IndexError) as error:
            raise RuleError(f"{where}: {error}; fix the regular expression") from None
        rules.append(Rule(compiled, replacement, reason.strip(), number))
    return tuple(rules)


# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_DOUBLE = re.compile(r"“([^“”]*)”")
_SINGLE = re.compile(r"‘([^‘’“”「」]*)’")


def _chinese(text: str, start: int, end: int, inner: str) -> bool:
    """A quoted span is Chinese when its text or a neighbouring character is."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return bool(_HAN.search(inner) or _HAN.match(before) or _HAN.match(after))


def taiwan_quotes(text: str) -> str:
    """“ ” → 「 」 and ‘ ’ → 『 』 around Chinese text (quotes inside English are kept).

    Inner quotes are turned first, so a quote inside a quote becomes 『 』 whichever marks the
    source used for it; an apostrophe (Let’s) has no opening mark and is never touched.
    """
    if "“" not in text and "‘" not in text:
        return text

    def single(match: re.Match[str]) -> str:
        if _chinese(match.string, match.start(), match.end(), match.group(1)):
            return f"『{match.group(1)}』"
        return match.group(0)

    def double(match: re.Match[str]) -> str:
        if not _chinese(match.string, match.start(), match.end(), match.group(1)):
            return match.group(0)
        inner = _SINGLE.sub(single, match.group(1))
        return f"「{inner}」"

    text = _DOUBLE.sub(double, text)
    return _SINGLE.sub(single, text)


def _chain(steps: Iterable[Callable[[str], str]]) -> Callable[[str], str]:
    steps = tuple(steps)

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run


@lru_cache(maxsize=4)
def taiwan_postprocess(rules: Path = PROJECT_RULES) -> Callable[[str], str]:
    """Phrase rules, then quotation marks: what runs after OpenCC on every zh-Hant string."""
    return _chain([*(rule.apply for rule in load_rules(rules)), taiwan_quotes])
