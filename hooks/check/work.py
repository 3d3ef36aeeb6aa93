"""The content checks' work that the build needs only at its end, as work ``hooks.helper``
can do beside the build.

No MkDocs import. Two things the build only reports, and so needs only at its end:

* ``check``: the content checks of every page and data file (``python -m hooks.check``);
* ``removals``: what the allowlist removed from a page. The build publishes each page's HTML
  through the allowlist at once (``sanitize.clean``: nh3 alone, fast); saying what went
  (``sanitize.sanitize``: nh3 calling a Python filter on every attribute) is slower.

``CheckWork`` does both in the helper while the build renders pages.
"""

from __future__ import annotations

from hooks.check.findings import Finding
from hooks.check.runner import Project, check_project
from hooks.check.sanitize import sanitize


class CheckWork:
    """Checks a project's sources, and finds what the allowlist removes from pages."""

    REQUESTS = frozenset({"check", "removals"})  # what ``hooks.helper`` may call

    def check(self, project: Project) -> tuple[Finding, ...]:
        """Every finding of the content checks (``python -m hooks.check``) but the allowlist
        check of each page's rendered Markdown: the build checks the HTML it renders itself."""
        return tuple(check_project(project, render_pages=False).findings)

    def removals(self, html: str) -> list[str]:
        """What the allowlist removes from one page's HTML: one short description each."""
        return sanitize(html)[1]
