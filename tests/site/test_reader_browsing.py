"""Reader-first browsing in Chromium: filters on 全部条目 and the topic pages (counting what the
heading counts), topic pages in the navigation with their related topics as chips, 本页主题 on
one line, type labels on section pages, link-less names shown as such; both scripts."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import new_context
from topic_reading_checks import check_related_topics_short

pytestmark = pytest.mark.browser

SCRIPTS = ("zh-Hans", "zh-Hant")
ITEMS = "article li:has(> .kb-type)"
VISIBLE = "article li:has(> .kb-type):not([hidden])"
PHONE = {"width": 390, "height": 844}
STATUS = {"zh-Hans": "显示 {} / {} 条资源，{} / {} 个仅列名称的条目",
          "zh-Hant": "顯示 {} / {} 筆資源，{} / {} 個僅列名稱的條目"}
DISTINCT_LINKED = """items => new Set(items.filter(li => !li.querySelector(':scope > .kb-type--name-only'))
    .map(li => li.querySelector(':scope > a').href)).size"""


EACH = """(items, selector) => items.map(item => [...item.querySelectorAll(selector)]
    .map(element => ({text: element.innerText, classes: element.className})))"""


def each_visible(page, selector: str) -> list[list[dict[str, str]]]:
    """For each shown item, the elements in it matching ``selector`` (their text and classes),
    read in one call rather than one call per item."""
    return page.locator(VISIBLE).evaluate_all(EACH, selector)


def prefix(script: str) -> str:
    return "zh-Hant/" if script == "zh-Hant" else ""


@pytest.mark.parametrize("script", SCRIPTS)
def test_filters_combine_and_are_kept_in_the_address(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.goto(f"{site_url}{prefix(script)}topics/all-entries/")
    total = page.locator(ITEMS).count()
    assert total > 300
    assert page.locator(VISIBLE).count() == total
    page.select_option(".kb-filter select[name=type]", "code")
    code = page.locator(VISIBLE).count()
    assert 0 < code < total
    page.check(".kb-filter input[name=link]")
    page.select_option(".kb-filter select[name=topic]", "lora")
    both = page.locator(VISIBLE).count()
    assert 0 < both < code
    for types, facets in zip(each_visible(page, ":scope > .kb-type"), each_visible(page, ":scope > .kb-facets"),
                             strict=True):
        assert len(types) == 1 and "kb-type--code" in types[0]["classes"], types
        assert len(facets) == 1 and "kb-f-lora" in facets[0]["classes"], facets
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"type": ["code"], "link": ["1"], "topic": ["lora"]}
    status = page.locator(".kb-filter [role=status]").inner_text()
    linked = int(re.findall(r"\d+", page.locator("article h1 + p").inner_text())[0])
    resources = page.locator(VISIBLE).evaluate_all(DISTINCT_LINKED)  # one per URL, like the heading
    assert 0 < resources <= both
    assert status.startswith(STATUS[script].split("，")[0].format(resources, linked))
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # the shared address shows the same list
    assert page.locator(VISIBLE).count() == both
    assert page.locator(".kb-filter select[name=topic] option:checked").inner_text() in ("LoRA",)
    page.click(".kb-filter button[type=reset]")
    page.wait_for_timeout(50)
    assert page.locator(VISIBLE).count() == total
    assert urlsplit(page.url).query == ""


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_filter_counts_what_the_heading_counts(browser_page, site_url: str, script: str) -> None:
    """全部条目 lists a resource under every page holding it; heading and filter count it once."""
    page = browser_page
    page.goto(f"{site_url}{prefix(script)}topics/all-entries/")
    linked, names = (int(n) for n in re.findall(r"\d+", page.locator("article h1 + p").inner_text())[:2])
    listed = page.locator(ITEMS).count()
    assert listed > linked + names  # some resources are listed on several pages
    assert page.locator(ITEMS).evaluate_all(DISTINCT_LINKED) == linked
    assert page.locator(f"{ITEMS}:has(> .kb-type--name-only)").count() == names
    status = page.locator(".kb-filter [role=status]").inner_text()
    assert status == STATUS[script].format(linked, linked, names, names)


@pytest.mark.parametrize("script", SCRIPTS)
def test_filters_by_the_year_a_source_list_first_held_an_entry(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.goto(f"{site_url}{prefix(script)}topics/all-entries/")
    total = page.locator(ITEMS).count()
    years = page.locator(".kb-filter select[name=year] option").evaluate_all("os => os.map(o => o.value)")
    assert years[0] == "" and years[-1] == "none"
    assert years[1:-1] == sorted(years[1:-1], reverse=True) and "2024" in years
    page.select_option(".kb-filter select[name=year]", "2024")
    shown = page.locator(VISIBLE).count()
    assert 0 < shown < total
    for dates in each_visible(page, ":scope > .kb-date"):
        assert dates and dates[0]["text"].startswith("2024-"), dates
    assert parse_qs(urlsplit(page.url).query) == {"year": ["2024"]}
    page.select_option(".kb-filter select[name=year]", "none")
    for dates in each_visible(page, ":scope > .kb-date:not(.kb-date--paper)"):
        assert not dates or not re.match(r"\d{4}", dates[0]["text"]), dates


def test_filters_by_website_section_and_link_on_a_topic_page(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(f"{site_url}topics/peft/")
    total = page.locator(ITEMS).count()
    page.click(".kb-filter summary")  # folded on a topic page
    page.check(".kb-filter input[name=link]")
    assert page.locator(VISIBLE).count() == page.locator(f"{ITEMS}:not(:has(> .kb-type--name-only))").count() < total
    page.uncheck(".kb-filter input[name=link]")
    page.select_option(".kb-filter select[name=site]", "知乎专栏")
    for sites in each_visible(page, ".kb-site"):
        assert [site["text"] for site in sites] == ["知乎专栏"]
    page.select_option(".kb-filter select[name=site]", "")
    page.select_option(".kb-filter select[name=section]", "训练实战")
    assert 0 < page.locator(VISIBLE).count() < total


def test_filters_work_by_keyboard(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(f"{site_url}topics/all-entries/")
    total = page.locator(ITEMS).count()
    page.focus(".kb-filter select[name=type]")
    page.keyboard.press("ArrowDown")  # the first type after 全部
    assert page.locator(VISIBLE).count() < total
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused in ("site", "section", "link")


def test_without_javascript_the_whole_list_is_there(chromium, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}topics/all-entries/?type=code")
    assert page.locator(ITEMS).count() > 300
    assert page.locator(".kb-filter select").count() == 0
    assert page.locator("article li:has(> .kb-type)[hidden]").count() == 0
    context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_topic_pages_are_in_the_navigation(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.goto(f"{site_url}{prefix(script)}topics/lora/")
    active = page.locator(".md-nav--primary .md-nav__link--active").first
    assert active.inner_text().strip() == "LoRA"
    active_tab = page.locator(".md-tabs__item--active").inner_text().strip()
    assert active_tab == ("主题索引" if script == "zh-Hans" else "主題索引")
    title = page.locator("article li:has(> .kb-type) > a").first
    assert title.get_attribute("href").startswith("http")  # straight to the article
    assert "external-link" in (title.get_attribute("class") or "")
    assert page.locator("article .kb-where a").first.get_attribute("href").count("#e-") == 1


@pytest.mark.parametrize("script", SCRIPTS)
def test_page_topics_fit_one_line_on_desktop(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{prefix(script)}training/peft/")
    block = page.locator(".kb-page-topics").bounding_box()
    line = page.locator(".kb-page-topics > p").evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
    assert block["height"] < 2 * line
    assert page.locator(".kb-page-topics details").count() == 1
    # the introduction comes first
    intro = page.locator("article h1 + p").bounding_box()
    assert intro["y"] < block["y"]


def test_chips_never_break_inside_on_a_phone(chromium, site_url: str) -> None:
    context = new_context(chromium)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}training/peft/")
    heights = page.locator("article a.kb-topic").evaluate_all(
        "chips => chips.map(c => c.getClientRects().length)")
    assert heights and max(heights) == 1
    in_cells = page.locator("article td a.kb-topic").all()
    for chip in in_cells:  # never in a cell holding a 配套代码 link
        assert "配套代码" not in chip.locator("xpath=..").inner_text()
    context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_link_less_names_look_different(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.goto(f"{site_url}{prefix(script)}topics/all-entries/")
    name = page.locator("article li:has(> .kb-type--name-only)").first
    linked = page.locator("article li:has(> .kb-type--article)").first
    assert name.locator(":scope > .kb-type").inner_text() in ("仅列名称", "僅列名稱")
    assert name.locator(":scope > a").count() == 0
    colour = lambda loc: loc.evaluate("e => getComputedStyle(e).color")  # noqa: E731
    assert colour(name) != colour(linked)


@pytest.mark.parametrize("script", SCRIPTS)
def test_related_topics_are_a_few_chips_on_a_phone(chromium, site_url: str, script: str) -> None:
    context = new_context(chromium)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{prefix(script)}topics/lora/")
    check_related_topics_short(page, PHONE)
    context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_section_entries_carry_their_type(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    catalog = json.loads(page.request.get(f"{site_url}catalog.json").text())
    names = {kind["name"][script] for kind in catalog["types"]}
    page.goto(f"{site_url}{prefix(script)}training/peft/")
    labels = page.locator("article .kb-type")
    assert labels.count() > 0  # 仅列名称 here; 文章, the default type, has none
    assert set(labels.all_inner_texts()) <= names  # its text is its accessible name
    first = page.locator("article li:has(> .kb-entry):has(> .kb-type)").first
    assert first.locator(":scope > :first-child").get_attribute("class").startswith("kb-type ")
    kinds = {entry["url"]: entry["type"] for entry in catalog["entries"] if entry["url"]}
    unlabelled = page.locator("article li:has(> .kb-entry):not(:has(> .kb-type)) > a[href^='http']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert unlabelled and {kinds[url] for url in unlabelled} == {"article"}  # the default type has no label
    size = lambda loc: float(loc.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))  # noqa: E731
    assert size(first.locator(":scope > .kb-type")) < size(first)
    # a table row's first entry is the article; a later one (配套代码) is its supporting link
    cells = page.locator("article td:has(> .kb-entry)").evaluate_all(
        """tds => tds.map(td => ({supporting: td.parentElement.querySelector('td:has(> .kb-entry)') !== td,
                                  text: td.querySelector(':scope > a').textContent.trim(),
                                  href: td.querySelector(':scope > a').getAttribute('href'),
                                  labels: td.querySelectorAll('.kb-type').length}))""")
    supporting = [c for c in cells if c["supporting"]]
    assert supporting and {c["labels"] for c in supporting} == {0}
    assert {c["text"] for c in supporting} == ({"配套代码"} if script == "zh-Hans" else {"範例程式碼"})
    articles = [c for c in cells if not c["supporting"]]
    assert {c["labels"] for c in articles} <= {0, 1}
    assert all(c["labels"] == (kinds[c["href"]] != "article") for c in articles)  # none on 文章


# Per visible group heading: its text, and how many visible entries lie between it and the next one.
GROUPS = """() => {
  const heads = [...document.querySelectorAll('article h2')].filter(h => h.offsetParent);
  const items = [...document.querySelectorAll('article li')]
    .filter(li => li.querySelector(':scope > .kb-type') && li.offsetParent);
  return heads.map((h, i) => {
    const top = h.getBoundingClientRect().top;
    const next = heads[i + 1] ? heads[i + 1].getBoundingClientRect().top : Infinity;
    return {text: h.textContent.replace('¶', '').trim(), shown: items.filter(li => {
      const y = li.getBoundingClientRect().top; return y > top && y < next; }).length};
  });
}"""
TOC = ".md-sidebar--secondary .md-nav--secondary a"


def heading_parts(pattern: str, heading: str) -> tuple[str, ...]:
    """The parts of a group heading; the test fails when the heading does not have that shape."""
    found = re.fullmatch(pattern, heading)
    assert found is not None, f"group heading {heading!r} is not of the form {pattern}"
    return found.groups()


@pytest.mark.parametrize("script", SCRIPTS)
def test_filtered_groups_count_what_they_show(browser_page, site_url: str, script: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{prefix(script)}topics/all-entries/")
    before = page.evaluate(GROUPS)
    toc_before = [t.strip() for t in page.locator(TOC).all_inner_texts()]
    totals: dict[str, int] = {}
    for group in before:
        name, total = heading_parts(r"(.+)（(\d+)）", group["text"])
        totals[name] = int(total)
    assert all(totals[name] == g["shown"] for name, g in zip(totals, before, strict=True))
    assert toc_before == [g["text"] for g in before]
    page.select_option(".kb-filter select[name=type]", "code")
    page.check(".kb-filter input[name=link]")
    after = page.evaluate(GROUPS)
    assert 0 < len(after) < len(before)  # groups with nothing left are gone
    for group in after:
        name, shown, total = heading_parts(r"(.+)（(\d+) / (\d+)）", group["text"])
        assert int(shown) == group["shown"] > 0
        assert int(total) == totals[name]
    visible_toc = [a.inner_text().strip() for a in page.locator(TOC).all() if a.is_visible()]
    assert visible_toc == [g["text"] for g in after]  # the table of contents follows
    page.click(".kb-filter button[type=reset]")
    page.wait_for_timeout(50)
    assert page.evaluate(GROUPS) == before
    assert [t.strip() for t in page.locator(TOC).all_inner_texts()] == toc_before


FILTER_PAGES = ("topics/all-entries/", "topics/peft/")  # a topic page long enough for a filter


@pytest.mark.parametrize("path", FILTER_PAGES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_filter_is_folded_on_a_phone(chromium, site_url: str, script: str, path: str) -> None:
    context = new_context(chromium)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{prefix(script)}{path}")
    fold = page.locator(".kb-filter details")
    summary = fold.locator("summary")
    assert fold.get_attribute("open") is None
    assert summary.inner_text().strip().lstrip("▸▾ ") == ("筛选" if script == "zh-Hans" else "篩選")
    assert summary.bounding_box()["height"] >= 40
    assert not page.locator(".kb-filter select").first.is_visible()
    first = page.locator(ITEMS).first.bounding_box()
    assert first["y"] < PHONE["height"]  # a resource on the first screen
    summary.click()
    width = page.locator("article").bounding_box()["width"]
    controls = page.locator(".kb-filter :is(select, button, label.kb-filter__check)").all()
    assert len(controls) >= 4
    for control in controls:
        box = control.bounding_box()
        assert box["height"] >= 40 and box["width"] > 0.8 * width
    page.goto(f"{site_url}{prefix(script)}{path}?link=1")  # a filter in the address: open
    assert page.locator(".kb-filter details").get_attribute("open") is not None
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{prefix(script)}{path}")  # a wide screen: open, but a topic page's resources come first
    opened = page.locator(".kb-filter details").get_attribute("open") is not None
    assert opened == (path == "topics/all-entries/")
    context.close()
