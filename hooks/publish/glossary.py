"""MkDocs glue: the 术语表 page shows the term table that search uses (``search_terms.yml``).

``docs/about/glossary.md`` is a stub with the page's front matter and introduction, so the page
has its place in the navigation and a counterpart in each script like any other page. Its
marker line is replaced by the table after the zh-Hant conversion (``ConvertStage.page``): the
introduction and the reasons are converted as prose on the zh-Hant page, the 简体 cells never
are, and the 繁體 cells show what the site's converter (OpenCC s2twp plus ``zh_hant_terms.tsv``)
makes of each word, on both pages. Where the site's glossary changes OpenCC's own result, the
row says so (without OpenCC's form: the site shows no such mistranslation).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks import languages, paths, templating
from hooks.convert.stage import building_traditional
from hooks.index.pages import SEARCH_EXCLUDE, escape
from hooks.parse.data_files import DataFileError
from hooks.search.terms import SearchTerm, load_search_terms

log = logging.getLogger("mkdocs.hooks.glossary")

PAGE = "about/glossary.md"
MARKER = "<!-- search-terms -->"
TEMPLATE = "search/glossary_table.md.j2"


@dataclass(frozen=True)
class GlossaryRow:
    """One row as the template shows it, every value escaped for Markdown."""

    english: tuple[str, ...]
    simplified: str
    traditional: str
    reason: str
    by_glossary: bool  # the site's glossary changes OpenCC's own conversion of the word


def glossary_rows(terms: Sequence[SearchTerm], to_traditional: Callable[[str], str],
                  stock: Callable[[str], str], prose: Callable[[str], str]) -> list[GlossaryRow]:
    """The rows of the table: ``to_traditional`` is the site's converter, ``stock`` OpenCC's
    alone, ``prose`` what the page's own text is converted with (the reasons)."""
    rows = []
    for term in terms:
        traditional, plain = to_traditional(term.chinese), stock(term.chinese)
        rows.append(GlossaryRow(
            english=tuple(escape(phrase) for phrase in term.english),
            simplified=escape(term.chinese),
            traditional=escape(traditional),
            reason=escape(prose(term.reason)),
            by_glossary=plain != traditional,
        ))
    return rows


def render_table(rows: Sequence[GlossaryRow], prose: Callable[[str], str]) -> str:
    return templating.render(TEMPLATE, rows=rows, prose=prose, search_exclude=SEARCH_EXCLUDE)


def include_table(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the table in place of the marker of the 术语表 page (after its conversion)."""
    if page.file.src_uri not in (PAGE, PAGE.removesuffix(".md") + languages.HANDWRITTEN_SUFFIX) \
            or MARKER not in markdown:
        return markdown
    try:
        table = load_search_terms(paths.SEARCH_TERMS)
    except DataFileError as error:  # the content checks report it with its line
        log.warning(str(error))
        return markdown
    prose = languages.to_traditional().convert if building_traditional(config) else str
    rows = glossary_rows(table.terms, languages.to_traditional().convert,
                         languages.opencc_converter("s2twp").convert, prose)
    return markdown.replace(MARKER, render_table(rows, prose), 1)
