"""The single-page edition of each script: every content page (written in docs/) in one document,
in navigation order, with every catalog entry and working in-document links; generated index
pages and the contributor guide left out. Printing it: tests/site/test_print.py."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_model import HANT_DIR, BuiltSite, HtmlPage, attribute, one

from hooks.editions.single_page import inner_id, page_key, section_id  # noqa: E402

SCRIPTS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
SINGLE = "single-page/index.html"


def single(site: BuiltSite, script: str) -> HtmlPage:
    return site.page(SCRIPTS[script] + SINGLE)


DOCS = Path(__file__).resolve().parents[2] / "docs"


LEFT_OUT = {"about/contributing"}  # the contributor guide: for contributors, on the site only


def is_content(rel: str, script: str) -> bool:
    """A built page that has a Markdown source in docs/ (not a generated index page), for readers."""
    path = rel.removeprefix(SCRIPTS[script]).removesuffix("index.html").strip("/")
    if path in LEFT_OUT:
        return False
    return not path or (DOCS / f"{path}.md").is_file() or (DOCS / path / "index.md").is_file()


def sections(page: HtmlPage) -> list[str]:
    return [attribute(s, "id") for s in page.soup.select("section.kb-single-page__page")]


def url_key(href: str, page: HtmlPage, site: BuiltSite, script: str) -> str:
    """The page key of a link found on ``page`` (a folder URL of the built site)."""
    target = site.resolve(page, unquote(urlsplit(href).path)).relative_to(site.root).as_posix()
    return page_key(target, SCRIPTS[script])


# ---------------------------------------------------------------- the built pages


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_page_once_in_navigation_order(site: BuiltSite, script: str) -> None:
    page = single(site, script)
    found = sections(page)
    assert len(found) == len(set(found))
    expected = {section_id(page_key(p.rel, SCRIPTS[script])) for p in site.pages(script)
                if is_content(p.rel, script)} - {section_id("single-page")}
    assert 30 <= len(expected) < len(site.pages(script)) / 2
    assert set(found) == expected
    home = site.page(SCRIPTS[script] + "index.html")
    nav_keys: list[str] = []
    for a in home.soup.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = attribute(a, "href")
        target = site.resolve(home, unquote(urlsplit(href).path)).relative_to(site.root).as_posix()
        if not is_content(target, script):
            continue
        key = section_id(url_key(href, home, site, script))
        if key not in nav_keys:
            nav_keys.append(key)
    assert len(nav_keys) >= 30
    assert [key for key in found if key in nav_keys] == nav_keys


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_catalog_entry_is_in_the_single_page(site: BuiltSite, script: str) -> None:
    catalog = json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))
    page = single(site, script)
    by_id = {tag["id"]: tag for tag in page.soup.find_all(id=True)}
    missing = []
    for entry in catalog["entries"]:
        key = page_key(entry["page"][script], SCRIPTS[script])
        anchor = by_id.get(inner_id(key, entry["anchor"]))
        if anchor is None:
            missing.append(f"{entry['source']}: no #{inner_id(key, entry['anchor'])}")
            continue
        section = anchor.find_parent("section")
        if section is None or attribute(section, "id") != section_id(key):
            missing.append(f"{entry['source']}: anchor outside {section_id(key)}")
        block = anchor.find_parent(["li", "tr", "p"])
        text = " ".join((block or anchor.parent or anchor).get_text(" ").split())
        title = " ".join(entry["title"][script].split())
        if title not in text:
            missing.append(f"{entry['source']}: {title!r} not beside its anchor")
    assert len(catalog["entries"]) > 300
    assert missing == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_links_stay_in_the_document(site: BuiltSite, script: str) -> None:
    """Every link between content pages is an in-document link, and every one has its target;
    only the left-out generated pages are linked on the site."""
    page = single(site, script)
    ids = {tag["id"] for tag in page.soup.find_all(id=True)}
    broken, between_pages, internal = [], 0, 0
    for a in page.article.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            internal += 1
            if unquote(href[1:]) not in ids:
                broken.append(href)
        elif not urlsplit(href).scheme:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), unquote(href)))
            if (site.root / target).is_file() and target.endswith(".html") and is_content(target, script):
                between_pages += 1
    assert internal > 400  # entry anchors, 也见于 and footnote links among the content pages
    assert broken == []
    assert between_pages == 0


@pytest.mark.parametrize("script", SCRIPTS)
def test_single_page_is_linked_from_every_page(site: BuiltSite, script: str) -> None:
    target = single(site, script).path.resolve()
    pages = [p for p in site.pages(script) if not p.rel.endswith(SINGLE)]
    pages.append(site.page(SCRIPTS[script] + "404.html"))
    for page in pages:
        link = page.soup.select_one(".kb-single-page-link a[href]")
        assert link is not None, page.rel
        assert site.resolve(page, unquote(attribute(link, "href"))) == target, page.rel


def test_single_page_is_not_searched(site: BuiltSite) -> None:
    for prefix in SCRIPTS.values():
        index = json.loads((site.root / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d for d in index["docs"] if d["location"].startswith("single-page")]


@pytest.mark.parametrize("script", SCRIPTS)
def test_contents_heading_is_not_doubled(site: BuiltSite, script: str) -> None:
    """The sidebar's title is 目录; the page's own list of pages is named differently."""
    page = single(site, script)
    toc = [" ".join(a.get_text(" ").split()) for a in page.soup.select("nav.md-nav--secondary a.md-nav__link")]
    title = one(page.soup, "nav.md-nav--secondary label.md-nav__title").get_text(strip=True)
    assert toc[0] != title, toc[:2]
