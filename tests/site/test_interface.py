"""The interface speaks Chinese in both scripts: heading anchors' tooltips, the footer's credit
and its link to 来源与致谢 (mkdocs.yml and overrides/partials/copyright.html)."""

from __future__ import annotations

import pytest

SCRIPTS = {
    "zh-Hans": {"prefix": "", "anchor": "本节链接", "sources": "“来源与致谢”"},
    "zh-Hant": {"prefix": "zh-Hant/", "anchor": "本節連結", "sources": "「來源與致謝」"}  # Taiwan's quotation marks,
}
ENGLISH = ("Permanent link", "Made with")


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_english_interface_words(site, script) -> None:
    pages = site.pages(script)
    offenders = [(page.rel, word) for page in pages for word in ENGLISH if word in page.path.read_text("utf-8")]
    assert offenders == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_heading_anchors_have_a_chinese_tooltip(site, script) -> None:
    words = SCRIPTS[script]
    page = site.page(words["prefix"] + "training/index.html")
    titles = {a.get("title") for a in page.soup.select("a.headerlink")}
    assert titles == {words["anchor"]}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("rel", ["index.html", "training/peft/index.html", "404.html"])
def test_footer_links_to_the_sources_page_of_its_script(site, script, rel) -> None:
    words = SCRIPTS[script]
    page = site.page(words["prefix"] + rel)
    links = [a for a in page.soup.select(".md-copyright a") if a.get_text(strip=True) == words["sources"]]
    assert len(links) == 1, page.rel
    target = site.resolve(page, links[0]["href"])
    assert target == (site.root / words["prefix"] / "about/sources/index.html").resolve()
    assert words["sources"].strip("“”「」") in site.page(target.relative_to(site.root).as_posix()).soup.title.get_text()
    assert page.soup.select_one(".md-copyright .kb-credit a[href^='https://squidfunk.github.io/']")


# ---------------------------------------------------------------- fonts per script

FONTS = {"zh-Hans": ("SC", "TC"), "zh-Hant": ("TC", "SC")}


def _cjk_families(stack: str) -> list[str]:
    return [name.strip().strip('"') for name in stack.split(",")
            if name.strip().endswith((' SC"', ' TC"', " SC", " TC"))]


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_text_font_stack_puts_the_script_first_and_is_used(browser_page, site_url, script) -> None:
    """The computed font of the body text lists this script's CJK fonts before the other's, and
    Chromium draws the text with this script's font (Noto Sans CJK SC or TC, both installed)."""
    first, other = FONTS[script]
    page = browser_page
    page.goto(site_url + SCRIPTS[script]["prefix"] + "training/")
    for selector in ("body", "article.md-content__inner p", ".md-nav__link", ".md-copyright"):
        stack = page.eval_on_selector(selector, "e => getComputedStyle(e).fontFamily")
        families = _cjk_families(stack)
        assert families and families[0].endswith(first), (selector, stack)
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "article.md-content__inner p"})["nodeId"]
    used = [font["familyName"] for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    assert f"Noto Sans CJK {first}" in used and f"Noto Sans CJK {other}" not in used, used


# ---------------------------------------------------------------- images are images

BLOB_BANNER = "https://github.com/liguodongiot/llm-action/blob/main/pic/llm-action.png"
RAW_BANNER = "https://raw.githubusercontent.com/liguodongiot/llm-action/main/pic/llm-action.png"


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_image_points_at_a_github_page(site, script) -> None:
    """A github.com/…/blob/… address is an HTML page, never an image."""
    offenders = [(page.rel, img["src"]) for page in site.pages(script)
                 for img in page.article.find_all("img", src=True)
                 if img["src"].startswith("https://github.com/") and "/blob/" in img["src"]]
    assert offenders == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_llm_action_banner_is_the_raw_image_linking_to_its_page(site, script) -> None:
    page = site.page(SCRIPTS[script]["prefix"] + "about/sources/index.html")
    img = page.article.find("img", src=RAW_BANNER)
    assert img is not None and img.get("alt")
    assert img.find_parent("a")["href"] == BLOB_BANNER
