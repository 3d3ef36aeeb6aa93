"""MkDocs glue: the site's contributing page shows the repository's own CONTRIBUTING.md.

docs/about/contributing.md is a stub with the page's front matter, so the page has its place in
the navigation and a counterpart in each script like any other page. While it is built, its
body is replaced by CONTRIBUTING.md (before the zh-Hant conversion, which converts it as usual).
Links in CONTRIBUTING.md are written for readers of the repository: `docs/…` links become
links between pages, links to other files of the repository point at the repository, and the
page's edit button opens CONTRIBUTING.md.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks.check.runner import INCLUDED_PAGES, read_text
from hooks.check.shape import check_shape
from hooks.parse.markdown import Source

log = logging.getLogger("mkdocs.hooks.contributing")


def rebase_links(markdown: str, included: str, page: str, docs_name: str, repo_blob: str) -> str:
    """Relative links of a repository file, rewritten for the page that shows it."""
    source = Source(included, page, markdown)
    edits: list[tuple[int, int, str]] = []
    for link in source.links:
        if link.kind == "html":
            continue
        parts = urlsplit(link.dest)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(included), parts.path))
        if path.startswith(docs_name + "/"):
            target = posixpath.relpath(path[len(docs_name) + 1:], posixpath.dirname(page) or ".")
        else:
            target = f"{repo_blob}/{path}"
        if parts.fragment:
            target += "#" + parts.fragment
        start = markdown.find(link.dest, link.offset)
        if start >= 0:
            edits.append((start, start + len(link.dest), target))
    for start, end, target in sorted(edits, reverse=True):
        markdown = markdown[:start] + target + markdown[end:]
    return markdown


def repository_blob_url(config: MkDocsConfig) -> str:
    """`https://github.com/owner/repo/blob/BRANCH` from repo_url and edit_uri (edit/BRANCH/docs/)."""
    edit_uri = (config.edit_uri or "edit/main/").strip("/").split("/")
    branch = edit_uri[1] if len(edit_uri) > 1 and edit_uri[0] == "edit" else "main"
    return f"{(config.repo_url or '').rstrip('/')}/blob/{branch}"


def include_page(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    included = INCLUDED_PAGES.get(page.file.src_uri)
    if included is None:
        return markdown
    path = Path(config.config_file_path).resolve().parent / included
    docs_name = Path(config.docs_dir).name
    if page.edit_url:
        page.edit_url = page.edit_url.replace(f"{docs_name}/{page.file.src_uri}", included)
    text, problem = read_text(path, included)
    refused = [problem] if problem else check_shape(included, text)
    if refused:  # as for any page: a file that is not UTF-8 or whose shape makes rendering slow
        log.warning(f"{refused[0]}; the page keeps its stub")
        return markdown
    return rebase_links(text, included, page.file.src_uri, docs_name, repository_blob_url(config))
