"""Print a page's zh-Hant text beside its simplified source, line by line, for review.

    .venv/bin/python -m hooks.convert.compare docs/training/practice.md [--all]
    make compare PAGE=docs/training/practice.md

Each changed line is shown as its number, the simplified source and the zh-Hant form the
build makes of it (the project's converter: OpenCC s2twp, the glossary, the phrase rules and
the quotation marks; cited titles by script only, ``convert.titles``). ``--all`` shows unchanged
lines too. ``--s2tw`` (``make compare … S2TW=1``) adds, under each line, where the project's
words differ from plain OpenCC s2tw: the review of a page before it lands (an import included)
reads each of these and each unchanged word a Taiwanese engineer would notice. CONTRIBUTING.md
(shown on the site as 关于 › 参与贡献) can be compared like any page.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

import jieba

from hooks import paths
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern, cited_titles, site_labels
from hooks.languages import opencc_converter, to_traditional, to_traditional_titles
from hooks.parse.catalog import read_catalog

DOCS = paths.ROOT / "docs"


QUOTE_MARKS = "“”‘’「」『』"


def word_bounds(text: str) -> list[int]:
    """The offsets where jieba (the segmenter of the site's search) starts or ends a word."""
    jieba.setLogLevel(logging.ERROR)
    return sorted({0, len(text), *(start for _, start, _ in jieba.tokenize(text))})


def differences(plain: str, converted: str) -> list[str]:
    """Where the project's zh-Hant line differs from plain s2tw (script only) of the same line,
    as ``s2tw→project`` pairs of whole words (jieba's, on the s2tw line): the words a reviewer
    reads first (推理→推論, 測評→評測). Quotation marks alone are left out."""
    matcher = difflib.SequenceMatcher(None, plain, converted, autojunk=False)
    bounds = word_bounds(plain)
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        start = max(b for b in bounds if b <= i1)
        end = min((b for b in bounds if b >= i2), default=len(plain))
        if spans and start <= spans[-1][1]:
            spans[-1][1], spans[-1][3] = max(spans[-1][1], end), j2 + (end - i2)
        else:
            spans.append([start, end, j1 - (i1 - start), j2 + (end - i2)])
    pairs = []
    for i1, i2, j1, j2 in spans:
        old, new = (part.strip("".join(QUOTE_MARKS) + " ") for part in (plain[i1:i2], converted[j1:j2]))
        if old or new:
            pairs.append(f"{old or '∅'}→{new or '∅'}")
    return pairs


def compare(markdown: str, show_all: bool = False, titles: re.Pattern[str] | None = None,
            script_only: Callable[[str], str] | None = None) -> list[str]:
    """Lines ``N  source`` / ``   → converted`` for each (changed) source line; ``titles``
    (``convert.titles.cited_title_pattern``) are the cited titles, converted by script only.
    With ``script_only`` (OpenCC s2tw), a third line ``   s2tw: …`` lists where the project's
    words differ from a plain script conversion (:func:`differences`)."""
    converted = convert_markdown(markdown, to_traditional().convert, titles, to_traditional_titles().convert)
    plain_lines = convert_markdown(markdown, script_only).splitlines() if script_only else []
    source_lines = markdown.splitlines()
    target_lines = converted.splitlines()
    if len(source_lines) != len(target_lines):  # pragma: no cover - conversion keeps lines
        raise RuntimeError("the conversion changed the number of lines")
    width = len(str(len(source_lines)))
    out = []
    for number, (before, after) in enumerate(zip(source_lines, target_lines, strict=True), start=1):
        if before == after and not show_all:
            continue
        out.append(f"{number:>{width}}  {before}")
        out.append(f"{'':>{width}}→ {after}")
        if script_only:
            pairs = differences(plain_lines[number - 1], after)
            if pairs:
                out.append(f"{'':>{width}}  s2tw: {', '.join(pairs)}")
    return out


def site_titles(docs: Path = DOCS) -> re.Pattern[str] | None:
    """The cited titles of every page under ``docs`` (as the build finds them)."""
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    catalog = read_catalog(docs, pages)
    return cited_title_pattern(cited_titles((entry.title for entry in catalog.entries),
                                            site_labels()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, help="a Markdown page, e.g. docs/training/practice.md")
    parser.add_argument("--all", action="store_true", help="also show lines that do not change")
    parser.add_argument("--s2tw", action="store_true",
                        help="under each line, list where its words differ from plain OpenCC s2tw")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"{args.page}: no such file")
    script_only = opencc_converter("s2tw").convert if args.s2tw else None
    for line in compare(args.page.read_text(encoding="utf-8"), args.all, site_titles(), script_only):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
