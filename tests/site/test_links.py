"""Every internal link and anchor of the built site resolves, in both scripts."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_model import BuiltSite, HtmlPage, attribute


def resolve(site: BuiltSite, page: HtmlPage, href: str) -> tuple[Path, str] | None:
    """Target file and fragment of an internal href, or None for external/special links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page.path, unquote(parts.fragment)
    return site.resolve(page, unquote(parts.path)), unquote(parts.fragment)


def ids_of(site: BuiltSite, path: Path) -> frozenset[str]:
    """The ids of a built page (the page the site has parsed already: ``BuiltSite.page``)."""
    return _ids(site.page(path.relative_to(site.root.resolve()).as_posix()))


@cache
def _ids(page: HtmlPage) -> frozenset[str]:
    return frozenset(attribute(tag, "id") for tag in page.soup.find_all(id=True))


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_internal_links_and_anchors_resolve(site: BuiltSite, script: str) -> None:
    broken: list[str] = []
    checked = 0
    for page in site.pages(script):
        for anchor in page.soup.find_all("a", href=True):
            resolved = resolve(site, page, attribute(anchor, "href"))
            if resolved is None:
                continue
            target, fragment = resolved
            checked += 1
            if not target.is_file():
                broken.append(f"{page.rel}: {anchor['href']} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(site, target):
                broken.append(f"{page.rel}: {anchor['href']} (no anchor #{fragment})")
    assert checked > 500
    assert broken == []


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_headings_have_ids(site: BuiltSite, script: str) -> None:
    missing = [
        f"{page.rel}: {heading.get_text(strip=True)}"
        for page in site.pages(script)
        for heading in page.article.find_all(["h2", "h3"])
        if not heading.get("id")
    ]
    assert missing == []


def test_same_page_anchor_follows_converted_heading(site: BuiltSite) -> None:
    """A zh-Hant heading gets a traditional id, and in-page links point at it."""
    hant_ids = set()
    for page in site.pages("zh-Hant"):
        hant_ids |= {h["id"] for h in page.article.find_all(["h2", "h3"]) if h.get("id")}
    assert any("訓練" in i or "並行" in i for i in hant_ids)
