"""The footer's links: 来源与致谢 of the script being built (``overrides/partials/copyright.html``).

The footer's words live in mkdocs.yml (``copyright`` and ``extra.footer``), so the zh-Hant build
converts them like every site-wide string; the link is the page's URL in this script's build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hooks import languages

SOURCES_PAGE = "about/sources.md"


class FooterStage:
    """The URL of 来源与致谢 in the build of the script being built."""

    def __init__(self) -> None:
        self.sources_url: str | None = None

    def find_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Remember the URL of 来源与致谢 in this build (``zh-Hant/…`` in the zh-Hant build)."""
        self.sources_url = None
        prefix = languages.prefix(languages.current(config))
        for file in files.documentation_pages():
            is_sources = file.src_uri == SOURCES_PAGE or file.src_uri.startswith(SOURCES_PAGE[:-3] + ".")
            if is_sources and (self.sources_url is None or file.url.startswith(prefix)):
                self.sources_url = file.url
        return files

    def links(self, context, *args, **kwargs):
        """Give every template (pages and 404.html) the footer's link to 来源与致谢."""
        if self.sources_url is not None:
            context["sources_url"] = self.sources_url
        return context
