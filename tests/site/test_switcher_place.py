"""The script switcher keeps the reader's place (docs/javascripts/script-switch.js): the page in
the other script opens with the same query string, the counterpart of the anchor, and the text
the reader was looking at where it was on the screen, both ways, on a desktop and a phone.

The expected anchor comes from the built HTML, not from the script: both editions of a page hold
the same elements with ids in the same order, so the counterpart of an anchor is the element at
its position. The helpers take a page's URL maker, so test_offline.py runs the same checks on the
offline edition from file://.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import REMOTE
from bs4 import BeautifulSoup
from site_model import HANT_DIR, BuiltSite, attribute, one

SCRIPTS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
WAYS = [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LONG_PAGE = "articles/llm-practice-summary/"  # long enough to be read far from its top
FILTERED_PAGE = "topics/all-entries/"  # the filter of docs/javascripts/filter.js
QUERY = "?topic=lora&type=code"
LINE = 30  # px: the text may move by less than one line (the scripts' words differ in length)


def landmark_ids(html: str) -> list[str]:
    """Ids of the elements with ids in a page's article, in document order."""
    article = one(BeautifulSoup(html, "html.parser"), "article")
    return [attribute(tag, "id") for tag in article.find_all(id=True)]


def heading_ids(html: str) -> list[str]:
    article = one(BeautifulSoup(html, "html.parser"), "article")
    return [attribute(tag, "id") for tag in article.select("h2[id], h3[id]")]


@dataclass(frozen=True)
class Edition:
    """Where a page of the site is, for one way of reading it (served, or from disk)."""

    url: Callable[[str], str]  # a page's path in the site (``zh-Hant/training/``) → its URL
    html: Callable[[str], str]  # the same path → the page's built HTML


def served(site: BuiltSite, site_url: str) -> Edition:
    return Edition(lambda rel: site_url + rel,
                   lambda rel: site.page(rel + "index.html").path.read_text(encoding="utf-8"))


def point_at_switcher(page, to: str) -> dict[str, float]:
    """Move the mouse over the header's script menu and then over its link to ``to``, as a reader
    does: nothing scrolls. (Playwright's hover() and click() scroll an element into view first;
    the menu's link is still sliding in when they look, later the busier the machine, so they
    scrolled the page by a different amount in each run: 48 to 348 px.) Returns the link's
    centre, once the menu has finished opening."""
    button = page.locator(".md-header__option .md-select button").first.bounding_box()
    assert button is not None
    page.mouse.move(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
    selector = f".md-header__option a.md-select__link[hreflang='{to}']"
    page.wait_for_function("""selector => {
        const menu = document.querySelector(selector).closest(".md-select__inner");
        return getComputedStyle(menu).opacity === "1" && menu.getAnimations().length === 0;
    }""", arg=selector)
    link = page.locator(selector).bounding_box()
    assert link is not None
    point = {"x": link["x"] + link["width"] / 2, "y": link["y"] + link["height"] / 2}
    page.mouse.move(point["x"], point["y"])
    return point


def click_switcher(page, point: dict[str, float]) -> None:
    """Click the switcher's link at ``point`` and wait for the other script's page to have put
    the place back (it says so with <html data-kb-place="settled"> once late layout is done)."""
    before = page.url
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state("load")
    page.wait_for_selector("html[data-kb-place='settled']", state="attached")


def switch_script(page, to: str) -> None:
    """Point at the other script in the switcher and click it, as a reader does."""
    click_switcher(page, point_at_switcher(page, to))


def top_of(page, element_id: str) -> float:
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", element_id)


def scroll_heading_to(page, element_id: str, y: float) -> None:
    page.evaluate("([id, y]) => window.scrollBy(0, document.getElementById(id).getBoundingClientRect().top - y)",
                  [element_id, y])
    page.wait_for_timeout(200)  # let the theme's scroll handlers run (the table of contents follows)


def check_place_kept(page, edition: Edition, rel: str, here: str, there: str, heading: int) -> None:
    """On ``rel`` in script ``here``, with heading number ``heading`` a third down the window and
    the mouse on the switcher: switching to ``there`` shows the same heading at the same height,
    within a line."""
    ids_here = heading_ids(edition.html(SCRIPTS[here] + rel))
    ids_there = heading_ids(edition.html(SCRIPTS[there] + rel))
    assert len(ids_here) == len(ids_there) > heading
    page.goto(edition.url(SCRIPTS[here] + rel), wait_until="load")
    point = point_at_switcher(page, there)
    height = page.viewport_size["height"] / 3
    scroll_heading_to(page, ids_here[heading], height)
    before = top_of(page, ids_here[heading])
    assert abs(before - height) < 1 and page.evaluate("scrollY") > 1000
    click_switcher(page, point)
    assert urlsplit(page.url).path.endswith(urlsplit(edition.url(SCRIPTS[there] + rel)).path)
    after = top_of(page, ids_there[heading])
    assert abs(after - before) < LINE, f"{rel} {here} → {there}: heading at {before:.0f} px, then {after:.0f} px"


def check_query_and_anchor_kept(page, edition: Edition, rel: str, here: str, there: str) -> None:
    """On ``rel`` with the filter's query and a heading's anchor (the fourth heading, whose id
    differs between the scripts): the other script's page has the same query, the filter
    applied, and the anchor's counterpart, where the anchor was on the screen."""
    html_here, html_there = edition.html(SCRIPTS[here] + rel), edition.html(SCRIPTS[there] + rel)
    ids_here, ids_there = landmark_ids(html_here), landmark_ids(html_there)
    headings = set(heading_ids(html_here)) - set(heading_ids(html_there))
    position = [i for i, element_id in enumerate(ids_here) if element_id in headings][3]
    assert len(ids_here) == len(ids_there) > position
    page.goto(edition.url(SCRIPTS[here] + rel) + QUERY + "#" + ids_here[position], wait_until="load")
    anchor_top = top_of(page, ids_here[position])
    switch_script(page, there)
    parts = urlsplit(page.url)
    assert parts.path.endswith(urlsplit(edition.url(SCRIPTS[there] + rel)).path)
    assert "?" + parts.query == QUERY
    assert unquote(parts.fragment) == ids_there[position]
    assert page.locator(".kb-filter select").first.input_value() == "lora"  # the filter read the query
    assert abs(top_of(page, ids_there[position]) - anchor_top) < LINE


@pytest.fixture
def page_of(chromium):
    """A page in a fresh context of the given viewport (nothing loaded from outside localhost);
    closed after the test."""
    contexts = []

    def make(viewport: dict[str, int]):
        phone = viewport == PHONE
        context = chromium.new_context(viewport=viewport, locale="zh-CN", is_mobile=phone, has_touch=phone)
        context.route(REMOTE, lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("here, there", WAYS)
def test_switch_keeps_the_scroll_position(page_of, site: BuiltSite, site_url: str, viewport,
                                          here: str, there: str) -> None:
    check_place_kept(page_of(viewport), served(site, site_url), LONG_PAGE, here, there, heading=4)


@pytest.mark.browser
@pytest.mark.parametrize("here, there", WAYS)
def test_switch_keeps_the_query_and_the_anchor(page_of, site: BuiltSite, site_url: str, here: str, there: str) -> None:
    check_query_and_anchor_kept(page_of(DESKTOP), served(site, site_url), FILTERED_PAGE, here, there)


def test_both_scripts_hold_the_same_elements_with_ids(site: BuiltSite) -> None:
    """What the switcher relies on: every page's article has the same elements with ids, in the
    same order, in both scripts (their ids may differ)."""
    different, checked = [], 0
    for page in site.pages("zh-Hans"):
        other = site.root / HANT_DIR / page.rel
        article = page.soup.select_one("article")
        if article is None or not other.is_file():
            continue
        hant = one(BeautifulSoup(other.read_text(encoding="utf-8"), "html.parser"), "article")
        checked += 1
        if [t.name for t in article.find_all(id=True)] != [t.name for t in hant.find_all(id=True)]:
            different.append(page.rel)
    assert checked > 100 and different == []
