"""The home page: a newcomer's reading path from hooks/data/reading_path.yml, counts that mean
what they say and agree with the topic index and the single page, the stats below the fold on a
phone, and no download link when the publishing workflow has not described the archive."""

from __future__ import annotations

import json
import re

import pytest

from hooks import paths

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


@pytest.mark.parametrize("script", SCRIPTS)
def test_reading_path_lists_chosen_entries_and_pages(site, script) -> None:
    home = site.page(SCRIPTS[script] + "index.html")
    steps = home.article.select("ol.kb-reading-path > li")
    assert len(steps) >= 6
    catalog_urls = {e["url"] for e in json.loads((site.root / "catalog.json").read_text("utf-8"))["entries"]}
    for step in steps:
        links = step.find_all("a", href=True)
        external = [a["href"] for a in links if a["href"].startswith("http")]
        internal = [a for a in links if not a["href"].startswith("http")]
        assert external and set(external) <= catalog_urls, step.get_text()
        assert len(internal) == 1 and site.resolve(home, internal[0]["href"]).is_file()


@pytest.mark.parametrize("script", SCRIPTS)
def test_counts_agree_with_the_topic_index_and_the_single_page(site, script) -> None:
    prefix = SCRIPTS[script]
    stats = [_numbers(div.get_text())[0] for div in site.page(prefix + "index.html").article.select(".kb-stats > div")]
    resources, names, pages, topics, sources = stats
    topic_index = site.page(prefix + "topics/index.html").article.find("p").get_text()
    assert _numbers(topic_index)[:3] == [resources, names, topics]
    single = site.page(prefix + "single-page/index.html")
    readers_pages = pages - 1  # the single page holds every content page once, but the contributor guide
    assert _numbers(single.article.find("p").get_text())[0] == readers_pages
    assert len(single.soup.select("section.kb-single-page__page")) == readers_pages
    catalog = json.loads((site.root / "catalog.json").read_text("utf-8"))
    assert resources <= len({e["url"] for e in catalog["entries"] if e["url"]})  # 配套代码 count with their article
    assert topics == len(catalog["topics"]) and sources == 5


def test_no_download_link_without_the_workflow_data(site) -> None:
    if paths.OFFLINE_DOWNLOAD.is_file():
        pytest.skip("this checkout holds the publishing workflow's download data")
    for prefix in SCRIPTS.values():
        for rel in ("index.html", "about/index.html"):
            assert not site.page(prefix + rel).soup.select(".kb-offline-download"), rel


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_stats_are_below_the_fold_on_a_phone(chromium, site_url, script) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script])
        top = page.eval_on_selector(".kb-stats", "e => e.getBoundingClientRect().top")
        path_top = page.eval_on_selector(".kb-reading-path", "e => e.getBoundingClientRect().top")
    finally:
        context.close()
    assert top > 844 and path_top < top
