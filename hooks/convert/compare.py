"""Print a page's zh-Hant text beside its simplified source, line by line, for review.

    .venv/bin/python -m hooks.convert.compare docs/training/practice.md [--all]
    make compare PAGE=docs/training/practice.md

Each changed line is shown as its number, the simplified source and the zh-Hant form the
build makes of it (the project's converter: OpenCC s2twp, the glossary, the phrase rules and
the quotation marks). ``--all`` shows unchanged lines too. CONTRIBUTING.md (shown on the site
as 关于 › 参与贡献) can be compared like any page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.convert.chinese import convert_markdown
from hooks.languages import to_traditional


def compare(markdown: str, show_all: bool = False) -> list[str]:
    """Lines ``N  source`` / ``   → converted`` for each (changed) source line."""
    converted = convert_markdown(markdown, to_traditional().convert)
    source_lines = markdown.splitlines()
    target_lines = converted.splitlines()
    if len(source_lines) != len(target_lines):  # pragma: no cover - conversion keeps lines
        raise RuntimeError("the conversion changed the number of lines")
    width = len(str(len(source_lines)))
    out = []
    for number, (before, after) in enumerate(zip(source_lines, target_lines), start=1):
        if before == after and not show_all:
            continue
        out.append(f"{number:>{width}}  {before}")
        out.append(f"{'':>{width}}→ {after}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, help="a Markdown page, e.g. docs/training/practice.md")
    parser.add_argument("--all", action="store_true", help="also show lines that do not change")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"{args.page}: no such file")
    for line in compare(args.page.read_text(encoding="utf-8"), args.all):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
