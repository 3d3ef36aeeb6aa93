"""One count: every count a reader sees — the home page, the topic index and its chips, each topic
page (its total, its group headings, its related topics), 本页主题 on the section pages, 全部条目,
按网站浏览 — and ``catalog.json`` agree with each other, in both scripts. Each number is read from
the built HTML or worked out from the catalog's records, never from the code that prints it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_model import BuiltSite, HtmlPage

SCRIPTS = ("zh-Hans", "zh-Hant")
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
# "463 条资源，另有 140 个仅列名称的条目" (topic index, 全部条目, 按网站浏览, topic pages) in both scripts
TOTAL = re.compile(r"(\d[\d,]*) ?[条條筆](?:有[链連][接結]的)?[资資]源(?:，另有 ?(\d[\d,]*) ?[个個][仅僅]列名[称稱])?")
HOME_NAMES = re.compile(r"(\d[\d,]*) ?[个個][仅僅]列名[称稱]的[条條]目")
COUNT_IN_HEADING = re.compile(r"（(\d+)）$")


@pytest.fixture(scope="module")
def catalog(site: BuiltSite) -> dict:
    return json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))


def number(text: str) -> int:
    return int(text.replace(",", ""))


def totals(page: HtmlPage) -> tuple[int, int]:
    """The first "N 条资源，另有 M 个仅列名称的条目" of a page (M is 0 when the page names none)."""
    found = TOTAL.search(page.text)
    assert found is not None, f"{page.rel} shows no resource count"
    return number(found.group(1)), number(found.group(2) or "0")


def resources_of(catalog: dict) -> dict[str, set[str]]:
    """Per URL, the topics of every record listing it; a supporting link (配套代码) stands for
    the article of its row, as the site counts it. Link-less records under ""."""
    url_of_anchor = {(e["page"]["zh-Hans"], e["anchor"]): e["url"] for e in catalog["entries"]}
    topics: dict[str, set[str]] = defaultdict(set)
    for record in catalog["entries"]:
        if not record["url"]:
            continue
        url = url_of_anchor[(record["page"]["zh-Hans"], record["supports"])] if record["supports"] else record["url"]
        topics[url].update(record["topics"])
    return topics


def topic_index_chips(site: BuiltSite, script: str) -> dict[str, int]:
    page = site.page(f"{PREFIX[script]}topics/index.html")
    chips = {}
    for a in page.article.select(".kb-topic-grid li > a"):
        slug = urlsplit(a["href"]).path.rstrip("/").split("/")[-1]
        chips[slug] = int(a.select_one(".kb-count").get_text())
    return chips


def test_catalog_counts_what_its_records_hold(catalog: dict) -> None:
    linked = resources_of(catalog)
    names = sum(1 for record in catalog["entries"] if not record["url"])
    assert (catalog["resources"], catalog["names"]) == (len(linked), names)
    assert catalog["entry_count"] == len(catalog["entries"]) > catalog["resources"] + catalog["names"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_site_totals_agree_everywhere(site: BuiltSite, catalog: dict, script: str) -> None:
    expected = (catalog["resources"], catalog["names"])
    for rel in ("topics/index.html", "topics/all-entries/index.html", "topics/by-source/index.html"):
        assert totals(site.page(PREFIX[script] + rel)) == expected, rel
    home = site.page(PREFIX[script] + "index.html")
    assert totals(home)[0] == expected[0]
    names = HOME_NAMES.search(home.text)
    assert names is not None and number(names.group(1)) == expected[1]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_topic_count_agrees(site: BuiltSite, catalog: dict, script: str) -> None:
    """A topic's chip on the index, its page's total and group headings, the resources its page
    lists, its chip among the related topics of other pages and the catalog: one number."""
    chips = topic_index_chips(site, script)
    per_topic: dict[str, set[str]] = defaultdict(set)
    for url, topics in resources_of(catalog).items():
        for slug in topics:
            per_topic[slug].add(url)
    assert {slug for slug in chips if chips[slug]} == set(per_topic)
    assert all(chips.values())  # no topic without linked resources
    for slug, count in chips.items():
        assert count == len(per_topic[slug]), slug
        page = site.page(f"{PREFIX[script]}topics/{slug}/index.html")
        linked, names = totals(page)
        assert linked == count, slug
        listed = page.article.select("li:has(> .kb-type)")
        urls = {li.select_one(":scope > a[href]")["href"] for li in listed
                if "kb-type--name-only" not in li.select_one(":scope > .kb-type")["class"]}
        assert len(urls) == count and urls == per_topic[slug], slug
        assert len(listed) - len(urls) == names, slug
        headings = [number(m.group(1)) for h in page.article.select("h2")
                    if (m := COUNT_IN_HEADING.search(h.get_text().replace("¶", "").strip()))]
        first = len(page.article.select(".kb-first-read li"))
        assert sum(headings) + first == linked + names, slug
        for chip in page.article.select(".kb-related li > a"):
            other = urlsplit(chip["href"]).path.rstrip("/").split("/")[-1]
            assert int(chip.select_one(".kb-count").get_text()) == chips[other], (slug, other)


@pytest.mark.parametrize("script", SCRIPTS)
def test_page_topic_counts_agree_with_all_entries(site: BuiltSite, script: str) -> None:
    """本页主题 on a section page counts the page's linked resources of each topic, as 全部条目
    lists them under that page."""
    everything = site.page(f"{PREFIX[script]}topics/all-entries/index.html")
    under: dict[Path, list] = {}
    for heading in everything.article.select("h2"):
        link = heading.select_one("a[href]")
        if link is None:
            continue
        page = site.resolve(everything, urlsplit(link["href"]).path)
        items: list = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            items += sibling.select("li:has(> .kb-type)") if sibling.name == "ul" else []
        under[page] = items
    checked = 0
    for section in site.pages(script):
        block = section.article.select_one(".kb-page-topics")
        if block is None or "/topics/" in f"/{section.rel}" or "single-page" in section.rel:
            continue
        items = under[section.path.resolve()]
        for a in block.select("a[href]"):
            slug = urlsplit(a["href"]).path.rstrip("/").split("/")[-1]
            shown = re.match(r"（(\d+)）", (a.next_sibling or "").strip())
            carried = {li.select_one(":scope > a[href]")["href"] for li in items
                       if f"kb-f-{slug}" in li.select_one(":scope > .kb-facets")["class"]
                       and "kb-type--name-only" not in li.select_one(":scope > .kb-type")["class"]}
            assert (number(shown.group(1)) if shown else 0) == len(carried), (section.rel, slug)
            checked += 1
    assert checked > 50
