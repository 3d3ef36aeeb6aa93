"""Topic pages that lead and labels that inform, in Chromium, both scripts, desktop and phone:
the 先读这一篇 pick first and on the first screen, groups in reading order, related topics after
the resources, the filter folded; no label on the default type, no chips in table cells, one
label per link and one chip set per list item. The offline edition runs the same checks
(tests/site/test_offline.py)."""

from __future__ import annotations

import pytest
from browser_support import new_context
from topic_reading_checks import (
    DESKTOP,
    PHONE,
    check_default_type_has_no_badge,
    check_filter_folded_or_absent,
    check_no_chips_in_table_cells,
    check_one_badge_and_name_per_entry,
    check_topic_counts,
    check_topic_page_leads,
)

from hooks.languages import to_traditional

pytestmark = pytest.mark.browser

SCRIPTS = ("zh-Hans", "zh-Hant")
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def in_script(script: str):
    return to_traditional().convert if script == "zh-Hant" else (lambda text: text)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("slug", ["vllm", "survey", "rag"])  # a short, a long (with its filter) and a small topic
@pytest.mark.parametrize("script", SCRIPTS)
def test_a_topic_page_leads_with_what_to_read_first(chromium, site_url: str, script: str, slug: str,
                                                     viewport: str) -> None:
    context = new_context(chromium)
    page = context.new_page()
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{site_url}{PREFIX[script]}topics/{slug}/")
    check_topic_page_leads(page, slug, VIEWPORTS[viewport], in_script(script))
    check_default_type_has_no_badge(page)
    check_topic_counts(page)
    context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_long_topic_page_keeps_its_filter_folded(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.set_viewport_size(DESKTOP)
    for slug in ("survey", "vllm"):
        page.goto(f"{site_url}{PREFIX[script]}topics/{slug}/")
        check_filter_folded_or_absent(page, slug)


@pytest.mark.parametrize("script", SCRIPTS)
def test_section_pages_label_what_informs(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site_url}{PREFIX[script]}training/practice/")
    check_no_chips_in_table_cells(page)
    check_default_type_has_no_badge(page, others_listed=False)  # articles and their 配套代码 only
    page.goto(f"{site_url}{PREFIX[script]}articles/llm-practice-summary/")
    check_one_badge_and_name_per_entry(page, in_script(script)("GLM 与 ChatGLM"))
