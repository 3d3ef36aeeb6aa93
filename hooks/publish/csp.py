"""MkDocs glue: the page's Content-Security-Policy trusts the site's files and nothing inline.

overrides/main.html writes the policy, first in `<head>`, as a `<meta http-equiv=
"Content-Security-Policy">` tag: scripts, styles, fonts and connections from the site itself
only, no plugins, no frames, and no inline script or style at all. Material's own small inline
scripts (storage helpers, saved palette, tab state) are shipped as files instead
(overrides/partials/javascripts/ and overrides/assets/javascripts/theme-*.js), so the policy is
the same fixed text on every page and never blesses what a page happens to hold.

After each page is rendered, this hook looks for any inline `<script>` (other than JSON data
such as `__config`, which never runs) or `<style>` and reports it as a WARNING, so that a strict
build fails: the browser would refuse it anyway, and it means something put markup where only
text or sanitised HTML belongs.

`mkdocs serve` serves the pages with this same policy: its live-reload script comes from a
file (hooks/live_reload.py), not inline.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

META_RE = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")(?P<policy>[^"]*)(")', re.IGNORECASE)
OPENING_RE = re.compile(r"<(?P<tag>script|style)(?P<attrs>(?:[\s/][^>]*)?)>", re.IGNORECASE)
TYPE_RE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

log = logging.getLogger("mkdocs.hooks.csp")


def source_hash(body: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_elements(html: str) -> list[str]:
    """The inline scripts a browser would run and the style blocks of a page (opening tags)."""
    found = []
    for m in OPENING_RE.finditer(html):
        attrs = m["attrs"] or ""
        if m["tag"].lower() == "script":
            kind = TYPE_RE.search(attrs)
            if re.search(r"[\s/]src\s*=", attrs, re.IGNORECASE) or (kind and kind["type"].lower() not in SCRIPT_TYPES):
                continue  # external, or data such as __config (application/json), which never runs
        found.append(m.group(0)[:60])
    return found


def add_sources(policy: str, sources: dict[str, list[str]]) -> str:
    """The policy with extra sources appended to the named directives (added if missing)."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    names = [d.split()[0].lower() for d in directives]
    for name, extra in sources.items():
        if not extra:
            continue
        if name in names:
            i = names.index(name)
            present = directives[i].split()
            directives[i] = " ".join(present + [s for s in extra if s not in present])
        else:
            directives.append(" ".join([name, "'self'", *extra]))
            names.append(name)
    return "; ".join(directives)


class CspStage:
    """Checks every page for inline script and style."""

    def _check(self, html: str, name: str) -> None:
        inline = inline_elements(html)
        if inline:
            log.warning(f"{name}: the built page holds inline {', '.join(sorted(set(inline)))}, which its "
                        "Content-Security-Policy refuses — ship scripts and styles as files "
                        "(overrides/assets/), never inline")

    def page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self._check(output, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
        return output

    def template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages rendered outside the page loop (404.html)."""
        if not template_name.endswith(".html"):
            return output_content
        self._check(output_content, template_name)
        return output_content
