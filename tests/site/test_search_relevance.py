"""Relevance of the site search in Chromium: the page a reader expects comes first.

Types each query of ``tests/data/search_relevance.yml`` into Material's search box and
measures success@1 (the expected page is the first result group) and the mean reciprocal
rank (``search_relevance``); ``make bench`` prints the same figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import SearchBox, new_context
from search_relevance import EDITIONS, load_cases, measure

SUCCESS_AT_1 = 0.95
MRR = 0.95


def test_the_set_is_broad_and_points_at_pages(site) -> None:
    cases = load_cases()
    assert len(cases) >= 40
    assert {c["site"] for c in cases} == set(EDITIONS)
    assert {c["kind"] for c in cases} >= {"term", "name", "title", "other", "pair", "english", "typo", "together"}
    assert sum(c["kind"] in {"english", "typo", "together"} for c in cases) >= 20
    for case in cases:
        page = Path(site.root, EDITIONS[case["site"]], case["page"], "index.html")
        assert page.is_file(), f"{case['query']!r}: no page {case['page']} on {case['site']}"


@pytest.fixture(scope="module")
def relevance(chromium, site_url: str):
    context = new_context(chromium)
    boxes: dict[str, SearchBox] = {}

    def box_for(edition: str) -> SearchBox:
        if edition not in boxes:
            page = context.new_page()
            page.goto(site_url + EDITIONS[edition])
            boxes[edition] = SearchBox(page)
        return boxes[edition]

    summary = measure(box_for, site_url)
    print("search relevance:", summary.figures())
    yield summary
    context.close()


@pytest.mark.browser
def test_the_expected_page_comes_first(relevance) -> None:
    assert relevance.success_at_1 >= SUCCESS_AT_1 and relevance.mrr >= MRR, (
        f"success@1 {relevance.success_at_1:.0%} (MRR {relevance.mrr:.2f}); misses:\n" + "\n".join(relevance.misses()))


@pytest.mark.browser
def test_no_generated_page_above_the_expected_page(relevance) -> None:
    assert not relevance.generated_first, "\n".join(
        f"{o.case['query']!r}: {o.generated_above} above {o.case['page']}" for o in relevance.generated_first)


@pytest.mark.browser
def test_each_url_once_per_result_list(relevance) -> None:
    found = {o.case["query"]: o.duplicates for o in relevance.outcomes if o.duplicates}
    assert not found, found


@pytest.mark.browser
def test_no_empty_highlight(relevance) -> None:
    found = {o.case["query"]: o.empty_highlight[:3] for o in relevance.outcomes if o.empty_highlight}
    assert not found, found
