"""MkDocs glue: every string the theme prints as given reaches it as escaped text.

MkDocs' Jinja environment does not autoescape, and Material prints page and navigation titles,
table-of-contents labels, descriptions, ``config.site_name`` and ``extra`` strings as given. So
the build escapes each of them once, before any template sees it: a title such as
``<script>…</script>`` is shown as those characters and never runs. The content check refuses
such titles at the source (hooks/check/plain_text.py); this is what holds when it is skipped.

Escaped strings are ``markupsafe.Markup``, which Jinja's ``| e`` leaves alone (Material escapes
some titles itself) and which is escaped only once however many pages share the navigation and
the config.
"""

from __future__ import annotations

import html
import logging

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from hooks.parse.data_files import refused_keys

log = logging.getLogger("mkdocs.hooks.text")

SITE_STRINGS = ("site_name", "site_description", "site_author", "copyright")


def as_text(value):
    """Plain text escaped for HTML (strings already escaped, and non-strings, unchanged)."""
    return escape(value) if isinstance(value, str) else value


def html_as_text(value):
    """A label that may hold entities or tags (a table-of-contents name) as escaped plain text:
    entities stay entities, never markup."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return Markup(html.escape(html.unescape(value)))


def _escape_tree(value):
    """Every string in a value of any shape escaped, in place (lists, tuples and mappings, at
    any depth, their keys below the top too); numbers, booleans and None unchanged."""
    if isinstance(value, str):
        return as_text(value)
    if isinstance(value, dict):
        for key in list(value):  # each key out and in again: the order stays
            item, escaped = _escape_tree(value.pop(key)), as_text(key)
            value[key if escaped == key else escaped] = item
        return value
    if isinstance(value, list):
        value[:] = [_escape_tree(item) for item in value]
    elif isinstance(value, (tuple, set, frozenset)):
        return type(value)(_escape_tree(item) for item in value)
    return value


def _escape_items(items) -> None:
    for item in items:
        if isinstance(item, (Section, Link)):
            item.title = as_text(item.title)
        elif isinstance(item, Page) and "title" in vars(item):  # given by .pages or nav
            item.title = as_text(vars(item)["title"])
        if isinstance(item, Section):
            _escape_items(item.children)


def _escape_toc(items) -> None:
    for item in items:
        item.title = html_as_text(item.title)
        _escape_toc(item.children)


def nav_titles(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Section, link and given page titles, after every other stage has read them."""
    _escape_items(nav.items)
    return nav


def page_meta(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Before any stage or template reads the page's front matter: each key that breaks its
    schema (``front_matter`` in ``hooks/data/schemas.yml``: unknown, of the wrong type, a
    template or icon not reviewed) is left out, so that no template or stage fails on it. The
    content check reports each of them with its line (a WARNING, which fails a strict build)."""
    for key in refused_keys(page.meta):
        log.info(f"{page.file.src_uri}: front matter '{key}' left out — `make check` says why")
        page.meta.pop(key, None)
    return markdown


def page_strings(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's title, every front matter value whatever its shape (a list under ``subtitle``
    or ``status`` too: the content check refuses such shapes, this holds when it is skipped) and
    the table of contents, once the page is rendered (MkDocs takes a title from the first
    heading only then)."""
    page.title = as_text(page.title)
    _escape_tree(page.meta)
    _escape_toc(page.toc)
    return html_text


def site_strings(context, *args, config: MkDocsConfig, **kwargs):
    """Site-wide strings and ``extra``, for every template (pages and 404.html)."""
    for key in SITE_STRINGS:
        if isinstance(config.get(key), str):
            config[key] = as_text(config[key])
    _escape_tree(config.extra)
    page = context.get("page") if hasattr(context, "get") else None
    if page is not None and getattr(page, "toc", None) is not None:
        _escape_toc(page.toc)  # the single-page edition builds its table of contents late
    return context
