"""Search on the built site: one index per script, Chinese in both scripts, titles, Latin names.

The index checks read the built files; the ``browser`` tests put the queries of
``tests/data/search_cases.yml`` into Material's search box in Chromium whole, as a paste or an
input method does (search_relevance.py does the same), and type broad queries key by key.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
import yaml
from browser_support import SearchBox, new_context
from conftest import DATA
from site_model import HANT_DIR, BuiltSite

from hooks.paths import HOOKS  # noqa: E402

DOCS = HOOKS.parent / "docs"

from hooks.search.index import index_path, index_sizes, terms  # noqa: E402
from hooks.search.worker import WORKER_GLOB, is_fixed  # noqa: E402

CASES = yaml.safe_load((DATA / "search_cases.yml").read_text(encoding="utf-8"))
EDITIONS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
CONFIG_BASE_RE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base": "(?P<base>[^"]*)"')


def _index(site: BuiltSite, edition: str) -> dict:
    return json.loads(index_path(site.root, EDITIONS[edition]).read_text(encoding="utf-8"))


def _index_terms(site: BuiltSite, edition: str) -> set[str]:
    found: set[str] = set()
    for doc in _index(site, edition)["docs"]:
        found.update(terms(doc["title"]))
        found.update(terms(doc["text"]))
    return found


# --- the index files ----------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_has_its_own_index(site: BuiltSite, edition: str) -> None:
    """Every document of an edition's index is a page of that edition (and every page is there)."""
    root = site.root / EDITIONS[edition]
    docs = _index(site, edition)["docs"]
    assert len(docs) > 500
    for doc in docs:
        page = unquote(doc["location"].split("#")[0])
        assert not page.startswith(f"{HANT_DIR}/"), doc["location"]
        assert (root / page / "index.html").is_file() or (root / page).is_file(), doc["location"]
    indexed = {unquote(doc["location"].split("#")[0]) for doc in docs}
    content = {_folder(path.relative_to(DOCS).as_posix()) for path in DOCS.rglob("*.md")
               if not path.name.endswith(".zh-Hant.md")}
    assert content <= indexed, f"content pages missing from the {edition} index: {sorted(content - indexed)}"


def _folder(source: str) -> str:
    """Where a docs/ page is served from: training/peft.md → training/peft/, index.md → ""."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


NAVIGATION_RE = {"zh-Hans": re.compile(r"本页主题|也见于|另外 \d+ 个主题|相关主题："),
                 "zh-Hant": re.compile(r"本頁主題|也見於|另外 \d+ 個主題|相關主題：")}
TYPE_LABELS = ("文章", "论文", "論文", "代码", "程式碼", "视频", "影片", "文档", "文件", "问答", "問答",
               "仅列名称", "僅列名稱")


@pytest.mark.parametrize("edition", EDITIONS)
def test_navigation_blocks_stay_out_of_the_index(site: BuiltSite, edition: str) -> None:
    """本页主题, topic chips, type labels, "也见于" links and 相关主题 are navigation: a section's
    search summary holds the page's own text. 链接状态 is not searched at all."""
    docs = _index(site, edition)["docs"]
    plain = {doc["location"]: doc["text"].replace("\u200b", "") for doc in docs}
    assert not [loc for loc in plain if loc.startswith("about/link-status/")]
    found = [loc for loc, text in plain.items()
             if NAVIGATION_RE[edition].search(text) and not loc.startswith("about/contributing/")]
    assert found == []
    # the first section of 参数高效微调 lists articles whose chips name 综述与资源汇总 (its own text does not)
    peft = [text for loc, text in plain.items() if loc.startswith("training/peft/#")]
    assert peft and all("综述与资源汇总" not in text and "綜述與資源彙總" not in text for text in peft)
    items = [item for text in plain.values() for item in re.findall(r"<li>(.*?)</li>", text)]
    assert len(items) > 300
    assert [item for item in items if item.startswith(tuple(label + " " for label in TYPE_LABELS))] == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_merged_topic_is_found_by_its_old_name(site: BuiltSite, edition: str) -> None:
    """PPO, DPO and 对齐 became part of RLHF: its topic page says so, in words the index holds."""
    docs = {doc["location"]: doc["text"].replace("\u200b", "") for doc in _index(site, edition)["docs"]}
    assert re.search(r"也包括：PPO、DPO、(对齐|對齊)", docs["topics/rlhf/"])
    assert "topics/ppo/" not in docs


def test_indexes_declare_the_other_script_fields(site: BuiltSite) -> None:
    for edition in EDITIONS:
        config = _index(site, edition)["config"]
        assert {"title", "text", "title_alt", "text_alt"} <= set(config["fields"])
        assert "（" in config["separator"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_load_their_own_edition_index(site: BuiltSite, edition: str) -> None:
    """Material fetches ``search/search_index.json`` under ``__config.base``."""
    expected = urljoin("http://host" + site.base_path, EDITIONS[edition])
    pages = [p for p in site.pages(edition)] + [site.page(f"{EDITIONS[edition]}404.html")]
    for page in pages:
        html = page.path.read_text(encoding="utf-8")
        match = CONFIG_BASE_RE.search(html)
        assert match, page.rel
        base = match["base"]
        base = base if base.endswith("/") else base + "/"
        url = urljoin("http://host" + site.base_path + page.rel, base)
        assert url == expected, f"{page.rel}: base {match['base']!r}"


def test_domain_words_are_single_terms_in_both_scripts(site: BuiltSite) -> None:
    hans, hant = _index_terms(site, "zh-Hans"), _index_terms(site, "zh-Hant")
    assert {"参数高效微调", "投机采样", "张量并行", "知识蒸馏", "显存"} <= hans
    assert {"參數高效微調", "推測取樣", "張量平行", "知識蒸餾", "顯示記憶體"} <= hant
    # ordinary traditional words are cut as in simplified, not character by character
    assert {"頁面", "訓練", "開發者", "實踐", "綜述", "資源", "總結"} <= hant


def test_latin_names_are_not_glued_to_punctuation(site: BuiltSite) -> None:
    for edition in EDITIONS:
        found = _index_terms(site, edition)
        assert {"lora", "qlora", "vllm", "llm.int8", "deepspeed", "zero"} <= found
        glued = sorted(t for t in found if re.search(r"[（）“”：《》]", t))
        assert not glued, glued[:20]


def test_the_worker_cuts_chinese_queries_whole(site: BuiltSite) -> None:
    [worker] = site.root.glob(WORKER_GLOB)
    assert is_fixed(worker.read_text(encoding="utf-8"))


def test_index_sizes_are_reported(site: BuiltSite) -> None:
    for edition in EDITIONS:
        size, gzipped = index_sizes(index_path(site.root, EDITIONS[edition]))
        assert 0 < gzipped < size < 3_000_000


# --- in the browser -----------------------------------------------------------------------------


def _case_id(case: dict) -> str:
    return f"{case['site']}:{case['query']}"


def _open(page, site_url: str, edition: str, path: str = "") -> SearchBox:
    page.goto(urljoin(site_url, EDITIONS[edition] + path))
    return SearchBox(page)


def _assert_same_edition(outcome, site_url: str, edition: str) -> None:
    root = urljoin(site_url, EDITIONS[edition])
    other = urljoin(site_url, f"{HANT_DIR}/")
    urls = list(outcome.locations) + [link for group in outcome.groups for link in group.links]
    for url in urls:
        assert url.startswith(root), f"{outcome.query!r}: {url} is outside {root}"
        if edition == "zh-Hans":
            assert not url.startswith(other), f"{outcome.query!r}: zh-Hant result {url}"


@pytest.fixture(scope="module")
def search_box(chromium, site_url: str):
    """One open page per edition, reused by every query of that edition."""
    context = new_context(chromium)
    boxes: dict[str, SearchBox] = {}

    def get(edition: str) -> SearchBox:
        if edition not in boxes:
            boxes[edition] = _open(context.new_page(), site_url, edition)
        return boxes[edition]

    yield get
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_search_finds_the_page(search_box, site_url: str, case: dict) -> None:
    search = search_box(case["site"])  # after an entry case, on that entry's page: any page will do
    outcome = search.query(case["query"], key_by_key=False)  # typing is test_no_result_from_the_other_edition's
    expected = urljoin(site_url, EDITIONS[case["site"]] + case["page"])
    rank = outcome.rank(expected)
    shown = [g.page.removeprefix(site_url) for g in outcome.groups[:8]]
    assert rank is not None and rank <= case.get("top", 5), (
        f"{case['query']!r} on {case['site']}: {case['page']} at {rank}, want ≤ {case.get('top', 5)}; "
        f"results: {shown}"
    )
    _assert_same_edition(outcome, site_url, case["site"])
    if case.get("entry"):
        _open_entry(search.page, outcome.groups[rank - 1], case)


def _open_entry(page, group, case: dict) -> None:
    """Click the result that names the entry: the page scrolls to it and highlights it."""
    entries = [link for link in group.links if urlsplit(link).fragment.startswith("e-")]
    assert entries, f"no entry result for {case['query']!r}: {group.links}"
    link = page.locator(f'.md-search-result__list a.md-search-result__link[href="{entries[0]}"]').first
    if not link.is_visible():  # ranked below its page: under the group's "more on this page"
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_url(re.compile(r"#e-"))
    anchor = unquote(urlsplit(page.url).fragment)
    block = page.locator(f"li:has(> #{anchor}), td:has(> #{anchor})").first
    block.locator("mark[data-md-highlight]").first.wait_for()  # 本页主题's folded part may hold others
    text = " ".join(block.inner_text().split())
    assert " ".join(case.get("shows", case["query"]).split()) in text
    assert block.locator("mark[data-md-highlight]").count() > 0, "the entry is not highlighted"
    box = block.bounding_box()
    viewport = page.viewport_size
    assert box and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= viewport["height"], "entry off screen"


BROAD_QUERIES = ["模型", "訓練", "训练", "LLM", "数据", "資料", "微调 LoRA"]


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_result_from_the_other_edition(search_box, site_url: str, edition: str) -> None:
    """Broad queries in both scripts, typed key by key: every result of every query stays in
    the edition read."""
    search = search_box(edition)
    for query in BROAD_QUERIES:
        outcome = search.query(query)
        assert outcome.locations, query
        _assert_same_edition(outcome, site_url, edition)


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "query", "shown"), [("zh-Hant", "训练", "訓練"), ("zh-Hans", "訓練", "训练")])
def test_a_query_in_the_other_script_highlights_the_page(browser_page, site_url: str, edition: str, query: str,
                                                          shown: str) -> None:
    """The page opened from a result marks the word as the page spells it."""
    search = _open(browser_page, site_url, edition)
    outcome = search.query(query)
    assert outcome.groups, query
    link = outcome.groups[0].links[0]
    assert shown in parse_qs(urlsplit(link).query)["h"][0].split(), link
    browser_page.locator(".md-search-result__list a.md-search-result__link").first.click()
    browser_page.wait_for_url(lambda url: url.split("?")[0].split("#")[0] == link.split("?")[0].split("#")[0])
    browser_page.wait_for_selector("mark[data-md-highlight]")
    marked = browser_page.eval_on_selector_all("article mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")
    assert shown in marked, marked[:10]
