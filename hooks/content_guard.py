"""MkDocs glue: the content checks run in every build, and no page publishes active HTML.

* ``on_config``, before any other hook reads a page or a data file (and so before one of
  them can stop the build at its first error): every finding of ``content_checks`` (the same
  checks as the standalone ``hooks/check_content.py``) is logged as a WARNING,
  ``file:line: reason — fix``. ``mkdocs serve`` shows them on each rebuild and
  ``mkdocs build --strict`` fails on them.
* ``on_page_content``: the rendered HTML of every page, in both scripts, is made inert
  (``content_checks.html_check.neutralize``): script-capable elements are shown as text, event
  handler attributes dropped, script URLs replaced. What it changes is reported, so a non-strict
  build never publishes such HTML, and never hides that it changed a page.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from content_checks import Project, check_project
from content_checks.html_check import neutralize

log = logging.getLogger("mkdocs.hooks.content_checks")

SAFETY_CODES = frozenset({"unsafe-html", "url-scheme"})
_reported_unsafe: set[str] = set()  # docs-relative pages whose unsafe HTML was already reported


def nested_build(config: MkDocsConfig) -> bool:
    """True while mkdocs-static-i18n builds a further language inside the first build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


@event_priority(200)  # before other hooks' on_config, which read data files (search_build.py: the glossary)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every page and data file once per build (not again for each further language)."""
    if nested_build(config):
        return config
    project = Project.from_mkdocs(config)
    report = check_project(project)
    _reported_unsafe.clear()
    for finding in report.findings:
        log.warning(str(finding))
        if finding.code in SAFETY_CODES:
            try:
                _reported_unsafe.add((project.root / finding.path).resolve().relative_to(project.docs_dir).as_posix())
            except ValueError:
                pass
    if report.findings:
        log.warning(f"content checks: {len(report.findings)} problem(s); "
                    "run .venv/bin/python hooks/check_content.py to list them without a build")
    return config


@event_priority(-500)  # after every other hook has changed the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    safe, removed = neutralize(html)
    if removed:
        source = page.file.src_uri
        message = (f"{Path(config.docs_dir).name}/{source}: the built page ({page.file.dest_uri}) would hold "
                   f"{', '.join(sorted(set(removed)))}; it was made inert (shown as text or removed) — "
                   "remove it from the page: pages may not run script")
        if source in _reported_unsafe or nested_build(config):
            log.info(message)
        else:
            log.warning(message)
    return safe
