"""The footer's links: 来源与致谢 of the script being built (``overrides/partials/copyright.html``).

The footer's words live in mkdocs.yml (``copyright`` and ``extra.footer``), so the zh-Hant build
converts them like every site-wide string; the link is the page's URL in this script's build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

SOURCES_PAGE = "about/sources.md"

_urls: dict[str, str] = {}


def find_pages(files: Files, config: MkDocsConfig) -> Files:
    """Remember the URL of 来源与致谢 in this build (``zh-Hant/…`` in the zh-Hant build)."""
    _urls.clear()
    for file in files.documentation_pages():
        if file.src_uri == SOURCES_PAGE or file.src_uri.startswith(SOURCES_PAGE[:-3] + "."):
            if "sources" not in _urls or file.url.startswith(_prefix(config)):
                _urls["sources"] = file.url
    return files


def _prefix(config: MkDocsConfig) -> str:
    from hooks import languages

    return languages.prefix(languages.current(config))


def links(context, *args, **kwargs):
    """Give every template (pages and 404.html) the footer's link to 来源与致谢."""
    if "sources" in _urls:
        context["sources_url"] = _urls["sources"]
    return context
