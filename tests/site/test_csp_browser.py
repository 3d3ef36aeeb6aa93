"""In a real browser, pages work under their Content-Security-Policy: nothing is refused, search
finds results and the palette toggle switches the colour scheme.

Uses the shared browser fixtures (tests/browser_support.py): the session build served under its
base path, Debian's Chromium, contexts that load nothing from outside localhost.
"""

from __future__ import annotations

import pytest
from browser_support import new_context

pytestmark = pytest.mark.browser

PAGES = ["", "training/peft/", "about/contributing/", "topics/", "zh-Hant/", "zh-Hant/training/peft/",
         "404.html", "zh-Hant/404.html"]

# Records what the page itself sees: every policy violation, with the blocked thing.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def open_page(chromium, site_url):
    """Opens a page of the site; collects console errors and policy violations."""
    contexts = []

    def open_(path: str):
        context = new_context(chromium)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.console_errors.append(f"uncaught: {e}"))
        page.goto(site_url + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def problems(page) -> list[str]:
    found = list(page.evaluate("window.__cspViolations"))
    found += [m for m in page.console_errors
              if "Content Security Policy" in m or "Refused to" in m or m.startswith("uncaught")]
    return found


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_policy_violation(open_page, path: str) -> None:
    page = open_page(path)
    page.wait_for_timeout(300)
    assert page.locator("header.md-header").count() == 1
    assert problems(page) == []


def test_search_works_under_the_policy(open_page) -> None:
    page = open_page("training/peft/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("LoRA", delay=30)
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0
    share = page.locator("[data-md-component='search-share']")
    if share.is_visible():
        share.click()
    page.wait_for_timeout(300)
    assert problems(page) == []


def test_palette_toggle_works_under_the_policy(open_page) -> None:
    page = open_page("")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    after = before
    for _ in range(50):  # polled from here: an in-page wait would need eval, which the policy forbids
        page.wait_for_timeout(100)
        after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if after != before:
            break
    assert {before, after} == {"default", "slate"}
    page.reload(wait_until="load")  # the choice is kept (local storage) by an inline script
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == after
    assert problems(page) == []
