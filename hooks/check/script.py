"""Pages are written in simplified Chinese; the build makes the traditional edition.

A line whose Han text OpenCC's t2s would change is written (at least partly) in traditional
script. Not judged: code, URLs, HTML tags, attribute lists, the text of links to other sites
(article titles are quoted as published) and the words of hooks/data/simplified_exceptions.txt
(names that simplified text itself writes that way, such as 昇腾).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from hooks.parse.data_files import read_limited
from hooks.parse.markdown import ATTR_LIST_RE, Source

from .findings import Finding
from .urls import scheme_of

MAX_LINES = 5
FIX = ("write it in simplified Chinese: the build makes the zh-Hant edition. To convert a whole page run "
       ".venv/bin/python -m hooks.check --simplify {path} and review the result; a name that "
       "simplified text writes this way goes into hooks/data/simplified_exceptions.txt")


def load_exceptions(path: Path) -> tuple[str, ...]:
    """One word per line; `#` starts a comment. Longest first, so longer words win."""
    words = []
    for raw in read_limited(Path(path), "simplified_exceptions").splitlines():
        word = raw.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return tuple(sorted(set(words), key=len, reverse=True))


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(max(start, 0), min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "


def prose(source: Source, exceptions: Iterable[str]) -> str:
    """The page with everything that is not the project's own prose blanked (offsets kept)."""
    chars = list(source.masked)
    if source.front_matter:
        text, offset = source.front_matter
        chars[offset:offset + len(text)] = list(text)
    for link in source.links:
        if link.kind in ("inline", "image"):
            start = source.text.find(link.dest, link.offset)
            if start >= 0:
                _blank(chars, start, start + len(link.dest))
            if link.label and scheme_of(link.dest) in ("http", "https") and link.kind == "inline":
                _blank(chars, *link.label)
    for tag in source.tags:
        _blank(chars, tag.offset, tag.offset + len(tag.text))
    for m in ATTR_LIST_RE.finditer(source.masked):
        _blank(chars, m.start(), m.end())
    text = "".join(chars)
    for word in exceptions:
        text = text.replace(word, " " * len(word))
    return text


def _changes(line: str, converted: str) -> list[str]:
    pairs = []
    # strict=False: a phrase conversion may change the line's length; the shared start is compared.
    for a, b in zip(line, converted, strict=False):
        if a != b and f"{a}→{b}" not in pairs:
            pairs.append(f"{a}→{b}")
    return pairs


def check_script(source: Source, to_simplified: Callable[[str], str], exceptions: Iterable[str]) -> list[Finding]:
    """One finding per traditional line (at most MAX_LINES, the last one summing up the rest)."""
    lines = prose(source, exceptions).split("\n")
    converted = to_simplified("\n".join(lines)).split("\n")
    if len(converted) != len(lines):  # pragma: no cover - t2s keeps line breaks
        converted = [to_simplified(line) for line in lines]
    offenders = [(number, _changes(line, simple)) for number, (line, simple)
                 in enumerate(zip(lines, converted, strict=True), start=1) if line != simple]
    fix = FIX.format(path=source.path)
    problems = []
    for i, (number, changes) in enumerate(offenders):
        if i == MAX_LINES - 1 and len(offenders) > MAX_LINES:
            problems.append(Finding(source.path, number, f"this line and {len(offenders) - i - 1} more lines "
                                    "are written in traditional script", fix, "traditional-script"))
            break
        shown = ", ".join(changes[:6]) + (" …" if len(changes) > 6 else "")
        problems.append(Finding(source.path, number, f"written in traditional script ({shown})", fix,
                                "traditional-script"))
    return problems


def simplify(markdown: str, to_simplified: Callable[[str], str], exceptions: Iterable[str],
             convert_markdown: Callable[[str, Callable[[str], str]], str]) -> str:
    """The page's prose converted to simplified (code, URLs and the exception words kept)."""
    words = tuple(exceptions)

    def convert(text: str) -> str:
        out, i = [], 0
        while i < len(text):
            word = next((w for w in words if text.startswith(w, i)), None)
            if word:
                out.append(word)
                i += len(word)
                continue
            j = i + 1
            while j < len(text) and not any(text.startswith(w, j) for w in words):
                j += 1
            out.append(to_simplified(text[i:j]))
            i = j
        return "".join(out)

    return convert_markdown(markdown, convert)
