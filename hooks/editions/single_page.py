"""MkDocs glue: the single-page edition of each script (``single-page/``, ``zh-Hant/single-page/``).

Every content page of the script (every page written in docs/) in one document, in navigation
order, for reading from start to end or for printing / saving as PDF. Generated pages (topic
pages, 全部条目, 按来源浏览, 最近更新, 链接状态) are indexes of the same entries and are left out:
links to them lead to the site. So is the contributor guide (参与贡献, the repository's
CONTRIBUTING.md): it is written for contributors, not readers. Pages outside the navigation
follow the last navigation page of their folder, in the order its index page lists them. The
page is generated like the topic pages (``mkdocs_files.generated_file``) and excluded from
search; its body is assembled from the pages already rendered in this build:

* each page becomes a ``<section id="page-KEY">`` (KEY from its URL: ``training-peft``,
  ``home`` for the home page), and every ``id`` inside it becomes ``KEY--ID``;
* links to a page of the document become links to its section (``#page-KEY``), links to a place
  on a page to that place (``#KEY--ID``); links to anything else (images, files) are rebased
  onto this page; external links stay as they are.

Text written here (the title, the introduction) is Markdown, converted for zh-Hant like any page;
page and section titles come from the navigation of the script being built. Every page links to
the single page of its script in the footer (``overrides/partials/copyright.html``, words in
``mkdocs.yml`` ``extra.single_page``).
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Protocol, TypeVar
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from hooks import languages, templating
from hooks.check.runner import INCLUDED_PAGES
from hooks.mkdocs_files import generated_file
from hooks.publish.text import as_text, html_as_text

SOURCE = "single-page.md"
SECTION_CLASS = "kb-single-page__page"
CONTENTS_CLASS = "kb-single-page__contents"



def is_content(page: Page) -> bool:
    """A page written in docs/, not one the build generates (topic and other index pages)."""
    return not getattr(page.file, "generated_by", None)


def is_for_readers(page: Page) -> bool:
    """A content page for the readers of the site: not one that shows a file of the repository
    to its contributors (the contributor guide, CONTRIBUTING.md)."""
    return is_content(page) and page.file.src_uri not in INCLUDED_PAGES


def render_intro(count: int | None) -> str:
    """The page's own Markdown (title, introduction, contents heading) from its template."""
    return templating.render("single_page.md", count="" if count is None else count)


ATTR_RE = re.compile(r"""(?P<lead>\s(?P<name>id|href|src)=")(?P<value>[^"]*)(?P<end>")""")
H2_RE = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)</h2>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")
HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


# ---------------------------------------------------------------- pure parts


def page_key(url: str, language_prefix: str = "") -> str:
    """A page's key from its URL: ``zh-Hant/training/peft/`` → ``training-peft``.

    Works for folder URLs (``x/``) and file URLs (``x.html``, ``x/index.html``); the home page
    is ``home``.
    """
    if language_prefix and url.startswith(language_prefix):
        url = url[len(language_prefix):]
    path = url.split("#", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    key = path.strip("/").replace("/", "-")
    return key or "home"


def section_id(key: str) -> str:
    return f"page-{key}"


def inner_id(key: str, anchor: str) -> str:
    return f"{key}--{anchor}"


@lru_cache(maxsize=1 << 14)  # the same links recur on every page
def resolve(url: str, href: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of a relative link on the page at ``url``; None when the
    link is external or not a path (``mailto:``, ``//host``)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
    if not base or base == "/":
        base = ""
    joined = posixpath.normpath(posixpath.join(base, parts.path)) if parts.path else url
    if joined == ".":
        joined = ""
    if parts.path.endswith("/") and joined:
        joined += "/"
    return joined, unquote(parts.fragment)


def rewrite_page(content: str, url: str, key: str, keys: dict[str, str], here: str) -> str:
    """One page's HTML with its ids prefixed and its links pointing into the document.

    ``keys`` maps the URL of every page in the document to its key; ``here`` is the URL of the
    single page itself (links to other files are rebased onto it).
    """

    def replace(match: re.Match[str]) -> str:
        name, value = match["name"], html.unescape(match["value"])
        if name == "id":
            new = inner_id(key, value)
        elif value.startswith("#"):
            fragment = unquote(value[1:])
            new = "#" + (inner_id(key, fragment) if fragment else section_id(key))
        else:
            target = resolve(url, value)
            if target is None:
                return match.group(0)
            path, fragment = target
            other = keys.get(path) if name == "href" else None
            if other is not None:
                new = "#" + (inner_id(other, fragment) if fragment else section_id(other))
            else:
                new = relative_to(path, here) + (f"#{fragment}" if fragment else "")
        return match["lead"] + html.escape(new, quote=True) + match["end"]

    return ATTR_RE.sub(replace, content)


@lru_cache(maxsize=1 << 14)
def relative_to(path: str, here: str) -> str:
    """A site-relative path as a link from the page at URL ``here``."""
    base = here if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


class SourceFile(Protocol):
    @property
    def src_uri(self) -> str: ...


class PlacedPage(Protocol):
    """What the reading order reads of a page (a MkDocs ``Page``): its URL and source path."""

    @property
    def url(self) -> str: ...

    @property
    def file(self) -> SourceFile: ...


AnyPage = TypeVar("AnyPage", bound=PlacedPage)


def folder_of(page: PlacedPage) -> str:
    """The docs folder of a page's source (``topics`` for topics/lora.md and topics/index.md)."""
    return posixpath.dirname(page.file.src_uri)


def is_folder_index(page: PlacedPage) -> bool:
    return posixpath.basename(page.file.src_uri).split(".", 1)[0] == "index"


def page_order(nav_pages: list[AnyPage], other_pages: list[AnyPage],
               links: dict[str, list[str]]) -> list[AnyPage]:
    """Pages in reading order: the navigation; each page outside it (a topic page) after the
    last navigation page of its folder, in the order the folder's index page links to them
    (then by URL); pages of a folder without navigation pages come last, by URL."""
    last_of_folder = {folder_of(page): page.url for page in nav_pages}
    index_links = {folder_of(page): links.get(page.url, []) for page in nav_pages if is_folder_index(page)}
    following: dict[str, list[AnyPage]] = {}
    rest: list[AnyPage] = []
    for page in sorted(other_pages, key=lambda p: p.url):
        after = last_of_folder.get(folder_of(page))
        (following.setdefault(after, []) if after else rest).append(page)
    order: list[AnyPage] = []
    for page in nav_pages:
        order.append(page)
        extra = following.get(page.url)
        if extra:
            listed = index_links.get(folder_of(page), [])
            position: dict[str, int] = {}
            for i, url in enumerate(listed):
                position.setdefault(url, i)
            order.extend(sorted(extra, key=lambda p: position.get(p.url, len(listed))))
    return order + rest


def linked_urls(page: Page) -> list[str]:
    """Site-relative page URLs the page's content links to, in order."""
    found = []
    for match in ATTR_RE.finditer(page.content or ""):
        if match["name"] == "href":
            target = resolve(page.url, html.unescape(match["value"]))
            if target is not None:
                found.append(target[0])
    return found


def plain(text: str) -> str:
    """A heading's HTML as escaped text for the table of contents: entities stay entities."""
    return html_as_text(TAG_RE.sub("", HEADERLINK_RE.sub("", text)).strip())


# ---------------------------------------------------------------- assembly


def contents_html(items, keys: dict[str, str], depth: int = 0) -> str:
    """The navigation as a nested list of in-document links."""
    rows = []
    for item in items:
        if isinstance(item, Section):
            children = contents_html(item.children, keys, depth + 1)
            if children:  # a section of generated pages only is left out with them
                rows.append(f"<li>{as_text(item.title or '')}{children}</li>")
        elif isinstance(item, Page) and item.url in keys:
            rows.append(f'<li><a href="#{section_id(keys[item.url])}">{as_text(item.title or "")}</a></li>')
    if not rows:
        return ""
    cls = f' class="{CONTENTS_CLASS}"' if depth == 0 else ""
    return f"<ul{cls}>" + "".join(rows) + "</ul>"


def assemble(page: Page, nav: Navigation, files: Files, language_prefix: str) -> tuple[str, list[AnchorLink]]:
    """The single page's body (after its own introduction) and a table-of-contents entry (level
    2) per page, with the page's level-2 headings under it."""
    nav_pages = [p for p in nav.pages if p.url != page.url and is_for_readers(p)]
    nav_urls = {p.url for p in nav.pages}
    other = [
        f.page for f in files.documentation_pages()
        if f.page is not None and f.page.url not in nav_urls and f.page.url != page.url and is_for_readers(f.page)
    ]
    other.sort(key=lambda p: p.url)
    order = page_order(nav_pages, other, {p.url: linked_urls(p) for p in nav_pages})
    keys: dict[str, str] = {}
    for p in order:
        key = page_key(p.url, language_prefix)
        if key in keys.values():
            raise PluginError(f"single page: two pages share the key '{key}' ({p.url})")
        keys[p.url] = key
    sections, toc = [], []
    for p in order:
        key = keys[p.url]
        body = rewrite_page(p.content or "", p.url, key, keys, page.url)
        sections.append(f'<section class="{SECTION_CLASS}" id="{section_id(key)}">\n{body}\n</section>')
        link = AnchorLink(p.title or key, section_id(key), 2)
        link.children = [
            AnchorLink(plain(m["title"]), inner_id(key, html.unescape(m["id"])), 3)
            for m in H2_RE.finditer(p.content or "")
        ]
        toc.append(link)
    body = contents_html(nav.items, keys) + "\n" + "\n".join(sections)
    return body, toc


# ---------------------------------------------------------------- MkDocs events


class SinglePageStage:
    """The single page of the script being built: its file, and the build's files it assembles."""

    def __init__(self) -> None:
        self.file_url = ""
        self.files: Files | None = None
        self.language = languages.DEFAULT

    def add_page(self, files: Files, config: MkDocsConfig) -> Files:
        file = generated_file(SOURCE, config, in_nav=False)
        file.content_string = render_intro(count=None)
        files.append(file)
        self.file_url, self.language, self.files = file.url, languages.current(config), files
        return files

    def count_pages(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Say in the introduction how many pages follow."""
        self.files = files
        count = sum(1 for f in files.documentation_pages()
                    if f.page is not None and f.url != self.file_url and is_for_readers(f.page))
        for file in files.documentation_pages():
            if file.url == self.file_url:
                file.content_string = render_intro(count=count)
        return nav

    def footer_link(self, context, template_name: str, config: MkDocsConfig):
        """Theme pages (the 404 page) link to the single page in their footer too."""
        context["single_page_url"] = self.file_url
        return context

    def assemble_page(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        """Every page links to the single page in its footer; the single page itself is filled
        from every other page, rendered by now."""
        if page.url != self.file_url:
            context["single_page_url"] = self.file_url
            return context
        if self.files is None:
            return context
        body, entries = assemble(page, nav, self.files, languages.prefix(self.language))
        page.content = (page.content or "") + "\n" + body
        toc = list(page.toc)
        if toc and toc[0].level == 1:  # Material lists the children of the page's H1
            toc[0].children = [*toc[0].children, *entries]
        else:
            toc.extend(entries)
        page.toc = TableOfContents(toc)
        context["page"] = page
        return context
