"""The content checks' work that the build needs only at its end, as work ``hooks.helper``
can do beside the build.

No MkDocs import. The build publishes each page's HTML through the allowlist at once
(``sanitize.clean``: nh3 alone, fast); what that removed (``sanitize.sanitize``: nh3 calling
a Python filter on every attribute, several times slower) is only reported, so ``CheckWork``
finds it in the helper while the build renders further pages.
"""

from __future__ import annotations

from hooks.check.sanitize import sanitize


class CheckWork:
    """Finds what the allowlist removes from pages."""

    REQUESTS = frozenset({"removals"})  # what ``hooks.helper`` may call

    def removals(self, html: str) -> list[str]:
        """What the allowlist removes from one page's HTML: one short description each."""
        return sanitize(html)[1]
