"""MkDocs glue: the content checks run in every build, and no page publishes active HTML.

The checks run as the build starts; ``report`` logs what they found once every language is
built, and ``report_on_error`` when a stage stops the build at its first error, so that every
finding is still shown.

* ``check_sources``, at the start of a build, before any other stage reads a page or a data
  file: the same checks as the standalone ``python -m hooks.check`` (``runner.check_project``).
  Each finding is logged as a WARNING, ``file:line: reason — fix``. ``mkdocs serve`` shows them
  on each rebuild and ``mkdocs build --strict`` fails on them. The one check left out is the
  allowlist check of each page's rendered Markdown: the build renders every page anyway, and
  ``sanitize`` runs it.
* ``sanitize``: the rendered HTML of every page, in both scripts, goes through the allowlist
  (``check.sanitize.sanitize``): whatever Markdown and the project's hooks do not produce is
  removed, and what each page lost is said with the content check's own code. A page
  that lost something is checked as ``python -m hooks.check`` checks it
  (``check.runner.page_html_findings``), so its findings name the source line; what no source
  line explains is reported for the built page. A non-strict build never publishes such
  HTML, and never hides that it changed a page.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from hooks import languages
from hooks.check import Project
from hooks.check.data_files import check_yaml_file
from hooks.check.findings import Finding
from hooks.check.published_files import assets_of, refused_file
from hooks.check.runner import check_project, page_html_findings
from hooks.check.sanitize import link_problem, sanitize
from hooks.check.shape import check_shape
from hooks.file_texts import FILES

log = logging.getLogger("mkdocs.hooks.check")

SAFETY_CODES = frozenset({"unsafe-html", "url-scheme"})


@dataclass(frozen=True)
class SanitizedPage:
    """A page whose HTML lost something to the allowlist."""

    source: str  # docs-relative source
    destination: str  # site-relative output
    has_source: bool  # False for a generated page
    project: Project


class GuardStage:
    """Runs the content checks once per build and makes every page's HTML inert."""

    def __init__(self) -> None:
        self.reported_unsafe: set[str] = set()  # docs-relative pages the checks found unsafe links on
        self.located: set[str] = set()  # docs-relative pages whose removed HTML was reported
        self.findings: tuple[Project, list[Finding]] | None = None  # this run's checks, not reported yet
        self.removals: list[tuple[SanitizedPage, list[str]]] = []  # what pages lost, not reported yet
        self.project_of: tuple[MkDocsConfig, Project] | None = None  # the last config's project

    def check_sources(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check every page and data file once per build (not again for each further language);
        ``report`` logs the findings. The allowlist check of each page's rendered Markdown is
        left out: ``sanitize`` checks the HTML the build renders."""
        if languages.nested_build(config):
            return config
        self.removals.clear()  # a run stopped before its report: old news
        project = self._project(config)
        self.findings = (project, list(check_project(project, render_pages=False).findings))
        return config

    def refuse_outside_files(self, files: Files, config: MkDocsConfig) -> Files:
        """No file reached through a refused symbolic link (out of its folder, into .git, a loop)
        reaches the site, nor a file of docs/ the site does not publish (``check.published_files``),
        nor a page that is not UTF-8 or whose shape (``check.shape``) would make rendering it slow:
        no later stage reads or renders those."""
        folders = [Path(folder).absolute() for folder in (config.docs_dir, config.theme.custom_dir) if folder]
        assets, told = assets_of(config), set()
        for file in list(files):
            source = getattr(file, "abs_src_path", None)
            folder = next((f for f in folders if source and Path(source).absolute().is_relative_to(f)), None)
            if source is None or folder is None:
                continue  # generated, or the installed theme's own files (wherever the virtualenv is)
            published_from_docs = folder == folders[0] and not file.inclusion.is_excluded()
            refusal = refused_file(Path(source), folder, published_from_docs, assets)
            if refusal:
                if refusal not in told:  # a refused link to a folder: once, not for each file under it
                    told.add(refusal)
                    (log.info if languages.nested_build(config) else log.warning)(refusal)
                files.remove(file)
            elif file.src_uri.endswith(".md"):
                try:
                    text = FILES.read_text(source, "utf-8-sig")
                except UnicodeDecodeError:  # reported by the checks with its line
                    log.warning(f"{file.src_uri}: not valid UTF-8; the page is left out — save it as UTF-8")
                    files.remove(file)
                    continue
                if check_shape(file.src_uri, text):  # reported by the checks with its line
                    (log.info if languages.nested_build(config) else log.warning)(
                        f"{file.src_uri}: its shape would make rendering it too slow; the page is left out"
                        " — change what `make check` reports for it")
                    files.remove(file)
        return files

    def nav_files_load(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Before awesome-pages reads the ``.pages`` files: one that is not valid YAML stops the
        build with its ``file:line: reason — fix`` (the checks have reported it), not a traceback."""
        project = Project.from_mkdocs(config)
        for pages_file in sorted(project.docs_dir.rglob(".pages")):
            problems = check_yaml_file(pages_file, project.display(pages_file))[1]
            if problems:
                raise PluginError(str(problems[0]))
        return nav

    def nav_links(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A link of a ``.pages`` file that the allowlist would not keep (``javascript:``, ``//host``)
        leaves the navigation; the checks have reported it with its line."""

        def keep(items: list) -> list:
            kept = []
            for item in items:
                if isinstance(item, Link) and link_problem(item.url):
                    log.info(f"navigation link '{item.title}' ({item.url[:60]}) removed: {link_problem(item.url)}")
                    continue
                if isinstance(item, Section):
                    item.children = keep(item.children)
                kept.append(item)
            return kept

        nav.items = keep(nav.items)
        return nav

    def sanitize(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's rendered HTML through the allowlist, after every other stage has changed it
        but for the resource lines a generated page shares (``TopicStage.fill_lines``), which the
        allowlist has checked once, as they are. What it removed is reported by ``report``."""
        html, removed = sanitize(html)
        if removed:
            project = self._project(config)
            self.removals.append(
                (SanitizedPage(page.file.src_uri, page.file.dest_uri, bool(page.file.abs_src_path), project), removed))
        return html

    def report(self, config: MkDocsConfig) -> None:
        """Once every language is built: the checks' findings, then what the allowlist removed."""
        if not languages.nested_build(config):
            self.report_all()

    def report_on_error(self, error: Exception) -> None:
        """A build that stops still reports the checks' findings and what it removed so far."""
        self.report_all()

    def report_all(self) -> None:
        """Log what is not reported yet: the checks' findings, then each page's removals."""
        findings, self.findings = self.findings, None
        removals, self.removals = self.removals, []
        if findings is not None:
            self._report_findings(*findings)
        for page, removed in removals:
            self._report_page(page, removed)

    def _project(self, config: MkDocsConfig) -> Project:
        """The project of this build's config (made once per config, not for every page)."""
        if self.project_of is None or self.project_of[0] is not config:
            self.project_of = (config, Project.from_mkdocs(config))
        return self.project_of[1]

    def _report_findings(self, project: Project, findings: list) -> None:
        """Each finding as a WARNING (``file:line: reason — fix``), which fails a strict build."""
        self.reported_unsafe.clear()
        self.located.clear()
        for finding in findings:
            log.warning(str(finding))
            if finding.code in SAFETY_CODES:
                with contextlib.suppress(ValueError):  # a finding outside docs/
                    self.reported_unsafe.add(
                        (project.root / finding.path).resolve().relative_to(project.docs_dir).as_posix())
        if findings:
            log.warning(f"content checks: {len(findings)} problem(s); "
                        "run `make check` to list them without a build")

    def _report_page(self, page: SanitizedPage, removed: list[str]) -> None:
        source = page.source
        message = (f"{page.project.docs_dir.name}/{source}: the built page ({page.destination}) would hold "
                   f"{', '.join(sorted(set(removed)))}; it was removed — "
                   "remove it from the page: pages hold only the HTML that Markdown produces")
        if source in self.located:  # in the other script's build
            log.info(message)
            return
        self.located.add(source)
        findings = page_html_findings(page.project, source) if page.has_source else []
        for finding in findings:
            log.warning(str(finding))
        if findings or source in self.reported_unsafe:
            log.info(message)
        else:
            log.warning(message)
