"""MkDocs glue + Markdown extension: external links open in a new tab, safely and visibly.

Every ``<a href="http(s)://…">`` that Python-Markdown renders gets ``target="_blank"``,
``rel="noopener noreferrer"`` and the ``external-link`` class (styled in ``extra.css``
so a reader sees the link leaves the site and needs the network).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig

EXTERNAL_SCHEMES = ("http://", "https://")
EXTERNAL_CLASS = "external-link"


def is_external(href: str | None) -> bool:
    """True for absolute web links."""
    return bool(href and href.lower().startswith(EXTERNAL_SCHEMES))


def mark_external(anchor: etree.Element) -> None:
    """Add target, rel and class to one external anchor element (idempotent)."""
    anchor.set("target", "_blank")
    rel = set((anchor.get("rel") or "").split()) | {"noopener", "noreferrer"}
    anchor.set("rel", " ".join(sorted(rel)))
    classes = (anchor.get("class") or "").split()
    if EXTERNAL_CLASS not in classes:
        anchor.set("class", " ".join([*classes, EXTERNAL_CLASS]))


class ExternalLinksTreeprocessor(Treeprocessor):
    """Marks every external anchor of a rendered page."""

    def run(self, root: etree.Element) -> None:
        for anchor in root.iter("a"):
            if is_external(anchor.get("href")):
                mark_external(anchor)


class ExternalLinksExtension(Extension):
    """Registers the tree processor late, after links and attr_list are resolved."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(ExternalLinksTreeprocessor(md), "external_links", 0)


def install(config: MkDocsConfig) -> MkDocsConfig:
    """Install the extension once (the config object is reused for every language)."""
    if not any(isinstance(ext, ExternalLinksExtension) for ext in config.markdown_extensions):
        # MkDocs hands the list to Markdown, which takes Extension objects too; MkDocs types it list[str]
        config.markdown_extensions.append(ExternalLinksExtension())  # type: ignore[arg-type]
    return config
