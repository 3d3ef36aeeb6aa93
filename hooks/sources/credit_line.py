"""One quiet line per page for the sources its entries come from.

A section names its source in a ``收录自：[…](…sources.md#name)`` line under its heading: the
import (``hooks/sources/importer.py``) and the listed dates (``provenance.py``) read them from
``docs/``. A reader does not need that line in every section: the build leaves each of them blank
(so every other line keeps its number) and ends the page with one line naming every source it
credited, in the order they first appear, by its name in ``source_lists.yml`` (a section's line
may shorten it), each linked to its part of 来源与致谢.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TypedDict

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks import paths, templating
from hooks.file_texts import FILES
from hooks.index.pages import SEARCH_EXCLUDE, escape
from hooks.parse.catalog import CREDIT_RE
from hooks.parse.data_files import DataFileError
from hooks.parse.markdown import code_lines
from hooks.sources.config import parse_lists
from hooks.sources.credits import is_credit_line

TEMPLATE = "sources/credit_line.md.j2"
LINK_RE = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<href>[^)\s]+)\)")


class Credit(TypedDict):
    title: str
    href: str


def gather_credits(markdown: str, titles: Mapping[str, str]) -> tuple[str, list[Credit]]:
    """(the page with each credit line left blank, the sources they credit: title and link,
    once each, in the order they first appear). ``titles``: source name → its title (else the
    link's own text). Lines in code are not credit lines."""
    lines = markdown.split("\n")
    code = code_lines(markdown)
    credits: dict[str, Credit] = {}
    for number, line in enumerate(lines):
        if number in code or not is_credit_line(line):
            continue
        for match in LINK_RE.finditer(line):
            source = CREDIT_RE.search(match["href"])
            if source:
                name = source.group(1)
                credits.setdefault(name, Credit(title=titles.get(name, match["title"]), href=match["href"]))
        lines[number] = ""
    return "\n".join(lines), list(credits.values())


def credit_line(credits: list[Credit]) -> str:
    """The page's one line naming its sources (empty when it credits none)."""
    if not credits:
        return ""
    links = [Credit(title=escape(credit["title"]), href=credit["href"]) for credit in credits]
    return templating.render(TEMPLATE, links=links, search_exclude=SEARCH_EXCLUDE).strip()


def with_one_credit_line(markdown: str, titles: Mapping[str, str]) -> str:
    """The page with its section credit lines blank and one credit line at its end."""
    text, credits = gather_credits(markdown, titles)
    line = credit_line(credits)
    return f"{text.rstrip()}\n\n{line}\n" if line else markdown


def page(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """MkDocs ``on_page_markdown``: one credit line instead of one per section."""
    try:
        titles = source_titles(FILES.read_text(paths.SOURCE_LISTS))
    except DataFileError:  # the check reports the file; the lines' own link texts still name the sources
        titles = {}
    return with_one_credit_line(markdown, titles)


@lru_cache(maxsize=2)  # asked once per page; read again only when the file's text changes
def source_titles(text: str) -> Mapping[str, str]:
    """Source name → title, from the text of ``source_lists.yml``."""
    return {source.name: source.title for source in parse_lists(text).sources}
