"""MkDocs glue: the page's Content-Security-Policy allows exactly the inline scripts it holds.

overrides/main.html writes the policy as a `<meta http-equiv="Content-Security-Policy">` tag:
scripts, styles, fonts and connections from the site itself only, no plugins, no frames.
Material needs a few small inline scripts (local-storage helpers, the saved palette, tab
state), which differ from page to page (they hold the page's base URL). After each page is
rendered, this hook adds the SHA-256 hash of every inline script and style block of that page
to the policy, so those run and nothing else inline does: content cannot bring its own (see
hooks/check/stage.py, which runs first).

`mkdocs serve` injects its own live-reload script into every page it serves, after the build;
so in serve mode script-src allows 'unsafe-inline' instead of hashes (served pages only; a
built site never has this).
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

META_RE = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")(?P<policy>[^"]*)(")', re.IGNORECASE)
INLINE_RE = re.compile(r"<(?P<tag>script|style)(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</(?P=tag)\s*>",
                       re.IGNORECASE | re.DOTALL)
TYPE_RE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def source_hash(body: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> dict[str, list[str]]:
    """Hashes of the inline scripts (that a browser runs) and style blocks, by directive."""
    found: dict[str, list[str]] = {"script-src": [], "style-src": []}
    for m in INLINE_RE.finditer(html):
        attrs = m["attrs"] or ""
        tag = m["tag"].lower()
        if tag == "script":
            kind = TYPE_RE.search(attrs)
            if re.search(r"\ssrc\s*=", attrs, re.IGNORECASE) or (kind and kind["type"].lower() not in SCRIPT_TYPES):
                continue  # external, or data such as __config (application/json), which never runs
        digest = source_hash(m["body"])
        directive = f"{tag}-src"
        if digest not in found[directive]:
            found[directive].append(digest)
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


def apply_policy(html: str, serving: bool = False) -> str:
    """Complete the page's CSP meta tag (pages without one are returned unchanged)."""
    meta = META_RE.search(html)
    if not meta:
        return html
    sources = inline_hashes(html)
    if serving:
        sources["script-src"] = ["'unsafe-inline'"]
    policy = add_sources(meta["policy"], sources)
    return html[:meta.start("policy")] + policy + html[meta.end("policy"):]


class CspStage:
    """Completes every page's policy; knows whether ``mkdocs serve`` is running."""

    def __init__(self) -> None:
        self.serving = False

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return apply_policy(output, self.serving)

    def template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages rendered outside the page loop (404.html)."""
        return apply_policy(output_content, self.serving) if template_name.endswith(".html") else output_content
