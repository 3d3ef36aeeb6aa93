"""Taiwan usage after OpenCC: phrase rules and 「」『』 quotation marks.

Pure module (no MkDocs import). :func:`taiwan_postprocess` returns the function that
``languages.to_traditional`` runs on every converted string:

* the phrase rules of ``hooks/data/zh_hant_rules.tsv`` (RE2 regular expression, replacement,
  reason; matched in linear time, their growth bounded), for what a word list cannot say — a
  word whose Taiwan form depends on the words around it, or a term next to a Latin name with a
  space between them;
* :func:`taiwan_quotes`: “ ” ‘ ’ around Chinese text become 「 」 『 』.

The converter only sees prose (``convert.chinese.convert_markdown`` keeps code, URLs and HTML
attributes apart), so neither step can touch code.
"""

from __future__ import annotations

import re
import re._parser as sre_parser  # the standard library's own pattern parser: a pattern's shortest match
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import re2

from hooks import paths
from hooks.parse.data_files import DataFileError, Problem, display, read_limited

__all__ = ["Rule", "RuleError", "load_rules", "taiwan_postprocess", "taiwan_quotes"]

PROJECT_RULES = paths.TAIWAN_RULES
MAX_GROWTH = 4  # a replacement at most this many times as long as its match
MAX_TOTAL_GROWTH = 2  # and all rules together at most this many times the text, plus GROWTH_SLACK
GROWTH_SLACK = 64
REPLACEMENT_RE = re.compile(r"([^\\]+)|\\(?:([0-9]+)|g<(\w+)>|(.?))", re.DOTALL)
HEX_ESCAPE_RE = re.compile(r"\\x\{([0-9A-Fa-f]{1,6})\}")


class RuleError(DataFileError):
    """The rules file is malformed; each problem names ``file:line`` and the fix."""


@dataclass(frozen=True)
class Rule:
    pattern: re2._Regexp
    replacement: tuple[str | int, ...]  # literal text and group numbers, in order
    reason: str
    line: int

    def _expand(self, match) -> str:
        return "".join(part if isinstance(part, str) else (match.group(part) or "") for part in self.replacement)

    def apply(self, text: str) -> str:
        return self.pattern.sub(self._expand, text)


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # a bad pattern is reported as a finding, not logged by RE2 itself
    return options


def _replacement(template: str, pattern) -> tuple[str | int, ...]:
    """``\\1`` or ``\\g<name>`` group references and literal text; ValueError on a group that
    does not exist or another backslash."""
    parts: list[str | int] = []
    for literal, number, name, other in REPLACEMENT_RE.findall(template):
        if literal:
            parts.append(literal)
        elif other:
            raise ValueError(f"the replacement holds '\\{other}', which is not a group reference")
        else:
            group = int(number) if number else (int(name) if name.isdigit() else pattern.groupindex.get(name))
            if group is None or not 0 <= group <= pattern.groups:
                raise ValueError(f"the replacement uses group {number or name}, which the pattern does not have "
                                 f"(it has {pattern.groups})")
            parts.append(group)
    return tuple(parts)


def _growth(pattern: str, replacement: tuple[str | int, ...]) -> float | None:
    """At most how many times longer than its match one replacement can be (None: the pattern
    can match empty text, so it could insert text anywhere)."""
    python_syntax = HEX_ESCAPE_RE.sub(lambda m: f"\\U{int(m[1], 16):08x}", pattern)
    shortest = sre_parser.parse(python_syntax).getwidth()[0]
    if shortest == 0:
        return None
    literal = sum(len(part) for part in replacement if isinstance(part, str))
    return literal / shortest + sum(1 for part in replacement if isinstance(part, int))


def _rule(fields: list[str], number: int, where: str) -> Rule:
    """One rule, or ValueError naming what is wrong with it."""
    pattern, replacement, reason = fields
    try:
        compiled = re2.compile(pattern, _options())
    except re2.error as error:
        message = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise ValueError(f"the pattern is not an RE2 regular expression ({message})") from None
    parts = _replacement(replacement, compiled)
    try:
        growth = _growth(pattern, parts)
    except (re.error, OverflowError):
        raise ValueError("the pattern uses syntax the growth check cannot read") from None
    if growth is None:
        raise ValueError("the pattern can match empty text, so it could insert text anywhere")
    if growth > MAX_GROWTH:
        raise ValueError(f"the replacement can be {growth:.1f} times as long as the text it replaces, more than "
                         f"{MAX_GROWTH}")
    return Rule(compiled, parts, reason.strip(), number)


def load_rules(path: Path = PROJECT_RULES) -> tuple[Rule, ...]:
    """Read ``pattern<TAB>replacement<TAB>reason`` lines; ``#`` starts a comment line.

    The pattern is an RE2 regular expression (linear time whatever the text: no lookaround, no
    back-references) matched against the converted (traditional) text; the replacement may use
    ``\\1``-style groups; neither may make the text grow more than ``MAX_GROWTH`` times. Every
    rule needs its reason. A RuleError names every line that breaks one of these.
    """
    path = Path(path)
    if not path.is_file():
        return ()
    where = display(path)
    rules, problems = [], []
    for number, raw in enumerate(read_limited(path, "zh_hant_rules", where).splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            problems.append(Problem(where, number, "expected 3 non-empty tab-separated columns (pattern, "
                                    f"replacement, reason), found {len([f for f in fields if f.strip()])}",
                                    "separate them with one tab character each"))
            continue
        try:
            rules.append(_rule(fields, number, where))
        except ValueError as error:
            problems.append(Problem(where, number, str(error), "fix the rule (see the comment at the top of the file)"))
    if problems:
        raise RuleError(problems)
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


def _chain(steps: Iterable[Callable[[str], str]], where: str) -> Callable[[str], str]:
    """The steps in order; a text they make more than ``MAX_TOTAL_GROWTH`` times longer stops
    the build with a RuleError (each rule's own growth is bounded when it is read)."""
    steps = tuple(steps)

    def run(text: str) -> str:
        before = len(text)
        for step in steps:
            text = step(text)
        if len(text) > MAX_TOTAL_GROWTH * before + GROWTH_SLACK:
            raise RuleError([Problem(where, 1, f"the rules together made a text of {before} characters "
                                     f"{len(text)} long", "make the rules replace text, not multiply it")])
        return text

    return run


@lru_cache(maxsize=4)
def taiwan_postprocess(rules: Path = PROJECT_RULES) -> Callable[[str], str]:
    """Phrase rules, then quotation marks: what runs after OpenCC on every zh-Hant string."""
    loaded = load_rules(rules)
    return _chain([_any_of(loaded), taiwan_quotes], display(rules)) if loaded else taiwan_quotes


def _any_of(rules: tuple[Rule, ...]) -> Callable[[str], str]:
    """The rules in order, run only on a text one of them matches (one search of all their
    patterns together: most strings need none, and each RE2 call has its own cost)."""
    either = re2.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules), _options())

    def run(text: str) -> str:
        if either.search(text) is None:
            return text
        for rule in rules:
            text = rule.apply(text)
        return text

    return run
