"""MkDocs glue: the link-health data file drives the page marks and the 链接状态 page.

Each language build reads ``hooks/data/link_status.yml`` (``status_file.load_status``): dead
links are marked 失效 with a link to the Internet Archive's copy (``links.marks``, a Markdown
tree processor, so the marks go through the HTML allowlist), and the report page
``about/link-status.md``, out of the navigation, lists dead and moved links by page for
maintainers. An empty data file marks nothing and the report says so.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from hooks import languages
from hooks.links import status_file
from hooks.links.marks import REPORT_PAGE, DeadLinksExtension, MarkState, render_report
from hooks.links.report import problems_by_page
from hooks.links.sources import collect_urls
from hooks.mkdocs_files import TRADITIONAL_SUFFIX, generated_file, source_pages
from hooks.parse.catalog import read_catalog


class LinkStatusStage:
    def __init__(self) -> None:
        self.state = MarkState()
        self.report: File | None = None

    def install(self, config: MkDocsConfig) -> MkDocsConfig:
        """The dead-link marks, bound to this stage's state (replacing one of older code)."""
        config.markdown_extensions[:] = [ext for ext in config.markdown_extensions
                                         if type(ext).__name__ != DeadLinksExtension.__name__]
        # MkDocs hands the list to Markdown, which takes Extension objects too; MkDocs types it list[str]
        config.markdown_extensions.append(DeadLinksExtension(self.state))  # type: ignore[arg-type]
        return config

    def add_page(self, files: Files, config: MkDocsConfig) -> Files:
        """Read the data file for this language's build and add the report page."""
        try:
            self.state.records = status_file.load_status()
        except status_file.StatusFileError as error:
            raise PluginError(str(error)) from error
        language = languages.current(config)
        self.state.convert = languages.to_traditional().convert if language != languages.DEFAULT else str
        self.report = generated_file(REPORT_PAGE, config, in_nav=False)
        files.append(self.report)
        return files

    def write_page(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """The report: dead and moved links of every page, as the last check found them."""
        docs = Path(config.docs_dir)
        sources = [source for source in collect_urls(docs) if not source.page.endswith(TRADITIONAL_SUFFIX)]
        problems = problems_by_page(sources, self.state.records)
        titles = read_catalog(docs, source_pages(files)).titles
        checked = max((record.checked for record in self.state.records.values()), default="")
        assert self.report is not None, "add_page runs before write_page (on_files, then on_nav)"
        self.report.content_string = render_report(problems, titles, checked)
        return nav
