"""Print a page's zh-Hant text beside its simplified source, line by line, for review.

    .venv/bin/python -m hooks.convert.compare docs/training/practice.md [--all]
    make compare PAGE=docs/training/practice.md

Each changed line is shown as its number, the simplified source and the zh-Hant form the
build makes of it (the project's converter: OpenCC s2twp, the glossary, the phrase rules and
the quotation marks; cited titles by script only, ``convert.titles``). ``--all`` shows unchanged
lines too. CONTRIBUTING.md (shown on the site as 关于 › 参与贡献) can be compared like any page.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hooks import paths
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern, cited_titles, site_labels
from hooks.languages import to_traditional, to_traditional_titles
from hooks.parse.catalog import read_catalog

DOCS = paths.ROOT / "docs"


def compare(markdown: str, show_all: bool = False, titles: re.Pattern[str] | None = None) -> list[str]:
    """Lines ``N  source`` / ``   → converted`` for each (changed) source line; ``titles``
    (``convert.titles.cited_title_pattern``) are the cited titles, converted by script only."""
    converted = convert_markdown(markdown, to_traditional().convert, titles, to_traditional_titles().convert)
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
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"{args.page}: no such file")
    for line in compare(args.page.read_text(encoding="utf-8"), args.all, site_titles()):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
