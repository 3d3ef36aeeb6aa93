"""Search that understands English, typos and run-together names, loaded on first use; the 术语表.

The file checks read the built 术语表 pages and the search indexes; the ``browser`` tests open
the site in Chromium (the queries themselves are cases of ``tests/data/search_cases.yml`` and
``tests/data/search_relevance.yml``; the offline edition's are in ``test_offline.py``).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser_support import SearchBox
from site_model import HANT_DIR, BuiltSite

from hooks.search.index import index_path, terms  # noqa: E402

EDITIONS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
GLOSSARY = "about/glossary/index.html"


def _rows(site: BuiltSite, edition: str) -> dict[str, list[str]]:
    """English cell → the other cells of the 术语表's table, as the page shows them."""
    table = site.page(EDITIONS[edition] + GLOSSARY).article.select_one(".kb-glossary table")
    assert table is not None, f"no table on the {edition} 术语表"
    rows = {}
    for tr in table.select("tbody tr"):
        cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
        rows[cells[0]] = cells[1:]
    return rows


def _page_doc(site: BuiltSite, edition: str, location: str) -> dict:
    index = json.loads(index_path(site.root, EDITIONS[edition]).read_text(encoding="utf-8"))
    [doc] = [d for d in index["docs"] if d["location"] == location]
    return doc


# --- the 术语表 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_glossary_is_in_the_navigation(site: BuiltSite, edition: str) -> None:
    page = site.page(EDITIONS[edition] + "about/index.html")
    links = [str(a.get("href") or "") for a in page.soup.select("nav.md-nav a.md-nav__link")]
    assert any(href.rstrip("/").endswith("glossary") for href in links), links


def test_the_simplified_glossary_is_not_converted(site: BuiltSite) -> None:
    rows = _rows(site, "zh-Hans")
    assert rows["alignment"][:2] == ["对齐", "對齊"]
    assert rows["parameter-efficient fine-tuning"][:2] == ["参数高效微调", "參數高效微調"]
    assert "页" in rows["alignment"][2]  # the reason, in simplified
    header = [th.get_text(strip=True) for th in site.page(GLOSSARY).article.select(".kb-glossary th")]
    assert header == ["English", "简体", "繁体", "理由"]


def test_the_traditional_glossary_shows_the_real_conversion(site: BuiltSite) -> None:
    rows = _rows(site, "zh-Hant")
    assert rows["alignment"][:2] == ["对齐", "對齊"]  # the 简体 cell stays simplified
    # the site's glossary, not OpenCC's 引數, and the row says so
    assert rows["parameter-efficient fine-tuning"][:2] == ["参数高效微调", "參數高效微調"]
    assert "依本站詞彙表" in rows["parameter-efficient fine-tuning"][2]
    assert "依本站詞彙表" not in rows["alignment"][2]
    assert rows["reinforcement learning from human feedback"][1] == "人類回饋強化學習"  # s2twp's Taiwan phrasing
    assert "頁" in rows["alignment"][2]  # the reason, converted as prose
    page = site.page(f"{HANT_DIR}/{GLOSSARY}")
    header = [th.get_text(strip=True) for th in page.article.select(".kb-glossary th")]
    assert header == ["English", "簡體", "繁體", "理由"]
    assert page.article.select_one('.kb-glossary [lang="zh-Hans"]').get_text() == "对齐"


def test_every_english_query_of_the_relevance_set_is_in_the_glossary(site: BuiltSite) -> None:
    from search_relevance import load_cases

    listed = {phrase.lower().replace("-", " ") for english in _rows(site, "zh-Hans") for phrase in english.split(" / ")}
    queries = {c["query"].lower().replace("-", " ") for c in load_cases() if c["kind"] == "english"}
    assert queries <= listed, queries - listed


# --- the index ---------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_in_chinese_carry_the_english_words(site: BuiltSite, edition: str) -> None:
    rlhf = _page_doc(site, edition, "training/rlhf/")
    assert "alignment" in terms(rlhf["title_alt"]) and "alignment" in terms(rlhf["headings"])
    rag = _page_doc(site, edition, "applications/rag/")
    assert {"retrieval", "augmented", "generation"} <= set(terms(rag["title_alt"]))


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_spaced_name_is_also_indexed_run_together(site: BuiltSite, edition: str) -> None:
    prompt = _page_doc(site, edition, "applications/prompt/#prompt-engineering")
    assert "promptengineering" in terms(prompt["title_alt"])
    assert "prompt" in terms(prompt["title"]) and "promptengineering" not in terms(prompt["title"])


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_topic_page_takes_the_english_words_as_running_text(site: BuiltSite, edition: str) -> None:
    moe = _page_doc(site, edition, "topics/moe/")
    assert "mixture" in terms(moe.get("text_alt", "")) and "mixture" not in terms(moe.get("title_alt", ""))


# --- in the browser ------------------------------------------------------------------------------


def _search_requests(requested: list[str], site_url: str) -> list[str]:
    """The requested search files of either script (index, parts), relative to the site."""
    return [url.removeprefix(site_url) for url in requested
            if url.startswith(site_url) and "/search/" in "/" + url.removeprefix(site_url)]


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_first_query_downloads_part_of_its_own_index(browser_page, site: BuiltSite, site_url: str,
                                                       edition: str) -> None:
    """Nothing of the index on page load; the first query loads the manifest of its script's
    index, some postings shards and some shown text, and fewer files than the index has."""
    page = browser_page
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(urljoin(site_url, EDITIONS[edition] + "training/"))
    page.wait_for_load_state("networkidle")
    assert _search_requests(requested, site_url) == []
    outcome = SearchBox(page).query("alignment")
    assert outcome.groups, "no result"
    loaded = _search_requests(requested, site_url)
    folder = EDITIONS[edition] + "search/parts/"
    assert loaded[0] == folder + "index.js" and all(url.startswith(folder) for url in loaded), loaded
    names = [url.removeprefix(folder) for url in loaded]
    assert any(name.startswith("t") for name in names) and any(name.startswith("d") for name in names), names
    whole = sorted(p.name for p in (site.root / folder).glob("*.js"))
    assert set(names) < set(whole) and len(names) == len(set(names)), names
    assert len(names) < len(whole) / 2, f"{len(names)} of {len(whole)} files"


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "query"), [("zh-Hans", "模型"), ("zh-Hant", "模型")])
def test_result_pages_after_the_tenth_show_on_scrolling(browser_page, site_url: str, edition: str,
                                                        query: str) -> None:
    """The worker answers the first ten result pages whole; scrolling the list shows the next
    ones with their titles, links and highlighted words, and the count is of every page found."""
    page = browser_page
    page.goto(urljoin(site_url, EDITIONS[edition]))
    outcome = SearchBox(page).query(query)
    count = page.evaluate("() => window.__searchProbe.results.at(-1).items.length")  # result pages
    assert count > 12, outcome.meta
    assert str(count) in outcome.meta
    items = page.locator(".md-search-result__list > li.md-search-result__item")
    for _ in range(20):
        if items.count() > 12:
            break
        items.last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    later = items.nth(11)
    href = later.locator("a.md-search-result__link").first.get_attribute("href") or ""
    assert urlsplit(urljoin(site_url, href)).path.startswith(urlsplit(urljoin(site_url, EDITIONS[edition])).path)
    assert later.locator("h1").first.inner_text().strip()
    assert later.locator("mark").count() > 0


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_page_opened_from_a_result_highlights_the_chinese_word(browser_page, site_url: str, edition: str) -> None:
    """alignment finds 对齐 (對齊): the result link carries both, and the page marks the word."""
    page = browser_page
    page.goto(urljoin(site_url, EDITIONS[edition]))
    outcome = SearchBox(page).query("alignment")
    link = outcome.groups[0].links[0]
    highlight = parse_qs(urlsplit(link).query)["h"][0].split()
    own = "对齐" if edition == "zh-Hans" else "對齊"
    assert "alignment" in highlight and own in highlight
    page.goto(link)
    page.locator("mark[data-md-highlight]").first.wait_for()
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")
    assert own in marked


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_chinese_query_finds_a_passage_written_in_english(browser_page, site_url: str, edition: str) -> None:
    """The 术语表's own example: 提示工程 finds the source description that says only Prompt Engineering."""
    page = browser_page
    page.goto(urljoin(site_url, EDITIONS[edition]))
    outcome = SearchBox(page).query("提示工程")  # the same characters in both scripts
    links = [link.split("?")[0] + "#" + urlsplit(link).fragment for group in outcome.groups for link in group.links]
    assert urljoin(site_url, EDITIONS[edition] + "about/sources/#easyllm") in links, links


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "label"), [("zh-Hans", "主题："), ("zh-Hant", "主題：")])
def test_a_topic_page_is_one_labelled_result_below_the_section_page(browser_page, site_url: str, edition: str,
                                                                    label: str) -> None:
    page = browser_page
    page.goto(urljoin(site_url, EDITIONS[edition]))
    outcome = SearchBox(page).query("mixture of experts")
    root = urljoin(site_url, EDITIONS[edition])
    shown = [g.page.removeprefix(root) for g in outcome.groups]
    assert shown[0] == "fundamentals/models/", shown
    assert shown.count("topics/moe/") == 1 and shown.index("topics/moe/") > 0, shown
    titles = [title.replace("\u200b", "") for title in page.eval_on_selector_all(
        ".md-search-result__item > a h1", "hs => hs.map(h => h.textContent.trim())")]  # U+200B: word cuts
    assert any(title.startswith(label + "混合") for title in titles), titles


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "name", "hans", "hant"), [("zh-Hans", "术语表", "简体", "繁体"),
                                                               ("zh-Hant", "術語表", "簡體", "繁體")])
def test_a_reader_reaches_the_glossary_from_the_navigation(browser_page, site_url: str, edition: str, name: str,
                                                          hans: str, hant: str) -> None:
    page = browser_page
    page.goto(urljoin(site_url, EDITIONS[edition] + "about/"))
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(urljoin(site_url, EDITIONS[edition] + "about/glossary/"))
    header = page.locator(".kb-glossary th").all_inner_texts()
    assert header == ["English", hans, hant, "理由"]
    row = page.locator(".kb-glossary tr", has_text="alignment").first
    assert row.locator('[lang="zh-Hans"]').inner_text() == "对齐"
    assert row.locator('[lang="zh-Hant"]').inner_text() == "對齊"
    assert row.is_visible()
