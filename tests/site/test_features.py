"""What a reader expects of a first-class Material site, checked on the built HTML."""

from __future__ import annotations

import re
from pathlib import Path

from site_model import BuiltSite, attribute, one

FEATURES = ["navigation.tabs", "navigation.sections", "toc.follow", "search.suggest",
            "search.highlight", "navigation.top"]


def test_material_features_enabled(site: BuiltSite) -> None:
    config = site.page("index.html").soup.find(id="__config")
    assert config is not None
    for feature in FEATURES:
        assert feature in config.get_text()


def test_palette_toggle_offers_light_and_dark(site: BuiltSite) -> None:
    inputs = site.page("index.html").soup.select("form[data-md-component=palette] input")
    schemes = {i.get("data-md-color-scheme") for i in inputs}
    assert schemes == {"default", "slate"}


FETCHING_RELS = {"stylesheet", "preload", "preconnect", "prefetch", "icon", "modulepreload"}


def test_no_font_or_cdn_request(site: BuiltSite) -> None:
    """No page, the 404 pages included, loads a script, style, font or frame from elsewhere."""
    offenders = []
    pages = site.pages("zh-Hans") + site.pages("zh-Hant") + [site.page("404.html"), site.page("zh-Hant/404.html")]
    for page in pages:
        for tag in page.soup.find_all(["link", "script", "img", "iframe"]):
            if tag.name == "link" and not FETCHING_RELS & set(tag.get("rel") or []):
                continue  # canonical/alternate links name pages, they load nothing
            if tag.name == "img":
                continue  # content figures are checked by the offline edition
            src = str(tag.get("href") or tag.get("src") or "")
            if re.match(r"(https?:)?//", src):
                offenders.append(f"{page.rel}: {src}")
    assert offenders == []


def test_external_links_open_safely(site: BuiltSite) -> None:
    unsafe = []
    total = 0
    for script in ("zh-Hans", "zh-Hant"):
        for page in site.pages(script):
            for a in page.article.select("a[href^='http']:not(.md-content__button)"):
                total += 1
                rel = set(a.get("rel") or [])
                if a.get("target") == "_blank" and not {"noopener", "noreferrer"} <= rel:
                    unsafe.append(f"{page.rel}: {a['href']}")
                if "external-link" not in (a.get("class") or []):
                    unsafe.append(f"{page.rel}: {a['href']} (not marked external)")
    assert total > 600
    assert unsafe == []


def test_edit_link_points_to_simplified_source(site: BuiltSite) -> None:
    for rel in ("training/peft/index.html", "zh-Hant/training/peft/index.html"):
        edit = site.page(rel).soup.select_one("a.md-content__button[href*='/edit/']")
        assert edit is not None, rel
        assert attribute(edit, "href").endswith("/docs/training/peft.md")


def test_home_shows_live_counts(site: BuiltSite) -> None:
    """Resources with a link and content pages (the pages written in docs/; tests/site/test_home.py
    checks that the topic index and the single page say the same)."""
    text = site.page("index.html").text
    resources = re.search(r"(\d+)\s*条有链接的资源", text)
    pages = re.search(r"(\d+)\s*个内容页面", text)
    assert resources and pages
    assert int(resources.group(1)) > 250
    docs = Path(__file__).resolve().parents[2] / "docs"
    written = [p for p in docs.rglob("*.md") if ".zh-Hant." not in p.name]
    assert int(pages.group(1)) == len(written) < len(site.pages("zh-Hans"))


def test_404_pages_exist_in_both_scripts(site: BuiltSite) -> None:
    for rel, word in (("404.html", "页面"), ("zh-Hant/404.html", "頁面")):
        page = site.page(rel)
        assert page.path.is_file(), rel
        assert word in page.text


def test_404_pages_lead_to_their_scripts_home(site: BuiltSite) -> None:
    """The home link and the language switcher of each 404 page lead to the home pages."""
    homes = {"zh-Hans": site.base_path, "zh-Hant": site.base_path + "zh-Hant/"}
    for rel, script in (("404.html", "zh-Hans"), ("zh-Hant/404.html", "zh-Hant")):
        soup = site.page(rel).soup
        assert attribute(one(soup, "article a[href]"), "href") == homes[script], rel
        switcher = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
        assert switcher == homes, rel
