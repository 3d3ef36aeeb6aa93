"""The built pages carry no inline event handlers, a Content-Security-Policy that covers exactly
their inline scripts, and the contributing guide in both scripts (the policy hook's and the
contributing page's pure parts: tests/unit/publish/; the HTML guard's: tests/unit/check/test_sanitize.py)."""

from __future__ import annotations

import re

from site_model import BuiltSite, HtmlPage, attribute, one

from hooks.paths import HOOKS  # noqa: E402

EVENT_ATTRIBUTE_RE = re.compile(r"^on[a-z]+$", re.IGNORECASE)
SCRIPT_TYPES = {None, "", "text/javascript", "application/javascript", "module"}


def every_page(site: BuiltSite) -> list[HtmlPage]:
    pages = site.pages("zh-Hans") + site.pages("zh-Hant")
    return pages + [site.page("404.html"), site.page("zh-Hant/404.html")]


def policy_of(page: HtmlPage) -> dict[str, list[str]]:
    meta = page.soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, f"{page.rel}: no Content-Security-Policy meta tag"
    assert meta.find_parent("head") is not None
    directives = [d.split() for d in attribute(meta, "content").split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


# ---------------------------------------------------------------- the built site


def test_no_inline_event_handlers(site: BuiltSite) -> None:
    found = [
        f"{page.rel}: <{tag.name} {name}=…>"
        for page in every_page(site)
        for tag in page.soup.find_all(True)
        for name in tag.attrs
        if EVENT_ATTRIBUTE_RE.match(name)
    ]
    assert found == []


def test_no_script_urls(site: BuiltSite) -> None:
    """Only Material's search-share button has `href="javascript:void(0)"` (it copies a link on
    click; the URL itself does nothing, and the policy would refuse to run it)."""
    found = [
        f"{page.rel}: {tag.name} {attr}={tag[attr][:40]}"
        for page in every_page(site)
        for tag in page.soup.find_all(href=True) + page.soup.find_all(src=True)
        for attr in ("href", "src")
        if tag.get(attr) and re.match(r"\s*(javascript|vbscript|data):", attribute(tag, attr), re.IGNORECASE)
        and not (tag.get("data-md-component") == "search-share" and tag[attr] == "javascript:void(0)")
    ]
    assert found == []


def test_every_page_has_a_strict_policy(site: BuiltSite) -> None:
    for page in every_page(site):
        policy = policy_of(page)
        assert policy["default-src"] == ["'self'"], page.rel
        assert policy["object-src"] == ["'none'"], page.rel
        assert policy["base-uri"] == ["'self'"], page.rel
        assert "'unsafe-inline'" not in policy["script-src"], page.rel
        assert "'unsafe-eval'" not in policy["script-src"], page.rel
        assert not any(src in ("*", "https:", "http:") for src in policy["script-src"]), page.rel


def test_pages_hold_no_inline_script_or_style_and_the_policy_no_hash(site: BuiltSite) -> None:
    """The policy is the same fixed text everywhere: it trusts files of the site, nothing inline."""
    wrong = []
    for page in every_page(site):
        policy = policy_of(page)
        if any(s.startswith("'sha") for s in policy["script-src"] + policy["style-src"]):
            wrong.append(f"{page.rel}: hashes in the policy")
        inline = [tag for tag in page.soup.find_all("script")
                  if not tag.get("src") and tag.get("type") in SCRIPT_TYPES]
        if inline or page.soup.find("style"):
            wrong.append(f"{page.rel}: inline script or style")
        first = one(page.soup, "head").find(True)
        if first is None or first.get("http-equiv") != "Content-Security-Policy":
            wrong.append(f"{page.rel}: the policy is not first in <head>")
    assert wrong == []


def test_contributing_guide_is_a_page_in_both_scripts(site: BuiltSite) -> None:
    guide = (HOOKS.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## 添加主题" in guide
    hans = site.page("about/contributing/index.html")
    hant = site.page("zh-Hant/about/contributing/index.html")
    assert "添加主题" in hans.text and "make check" in hans.text
    assert "新增主題" in hant.text or "添加主題" in hant.text
    for page in (hans, hant):
        edit = page.soup.select_one("a.md-content__button[href*='/edit/']")
        assert edit is not None and attribute(edit, "href").endswith("/CONTRIBUTING.md"), page.rel
        hrefs = [a["href"] for a in page.article.find_all("a", href=True)]
        assert "../sources/" in hrefs, page.rel  # docs/about/sources.md became a link between pages
        assert any(h.endswith("/blob/main/hooks/data/topics.yml") for h in hrefs), page.rel
    nav = one(site.page("about/index.html").soup, "nav.md-nav--primary")
    assert "参与贡献" in nav.get_text()
