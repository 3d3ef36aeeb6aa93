"""MkDocs glue: the build's files: which pages are hand-written, and generated pages placed
the way mkdocs-static-i18n places real ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from hooks import languages

TRADITIONAL_SUFFIX = f".{languages.TRADITIONAL}.md"


@dataclass(frozen=True)
class AlternateUrl:
    """The minimal stand-in mkdocs-static-i18n needs for a page's language alternates."""

    url: str


def source_pages(files: Files) -> list[str]:
    """Docs-relative paths of the hand-written simplified Markdown pages of a build."""
    return sorted(
        f.src_uri
        for f in files.documentation_pages()
        if not f.generated_by and not f.src_uri.endswith(TRADITIONAL_SUFFIX)
    )


def generated_file(src_uri: str, config: MkDocsConfig, in_nav: bool = True) -> File:
    """A generated page placed, and linked to its alternates, the way i18n places real pages."""
    language = languages.current(config)
    file = File.generated(config, src_uri, content="")
    base_url = file.url
    if language != languages.DEFAULT:
        file.dest_uri = f"{language}/{file.dest_uri}"
        file.url = languages.localized_url(base_url, language)
        file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
    # mkdocs-static-i18n's own attributes on File, set as it sets them on real pages
    file.locale = languages.DEFAULT  # type: ignore[attr-defined]  # simplified: zh-Hant converts it
    file.locale_alternate_of = language  # type: ignore[attr-defined]
    file.alternates = {  # type: ignore[attr-defined]
        lang: AlternateUrl(languages.localized_url(base_url, lang)) for lang in languages.built(config)
    }
    if not in_nav:
        file.inclusion = InclusionLevel.NOT_IN_NAV
    return file
