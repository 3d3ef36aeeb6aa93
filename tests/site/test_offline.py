"""The offline edition (``make offline``): read from file:// with nothing from the network.

One offline build per session (``offline`` fixture: ``make offline`` as the publishing workflow
runs it, on a copy of the project). The file
checks read its HTML; the ``browser`` tests open it from ``file://`` in Chromium with every
request that is not ``file://`` recorded and refused, and every Content-Security-Policy violation,
console error and page error recorded: a test fails on any of them.
"""

from __future__ import annotations

import json
import posixpath
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from browser_support import SEARCH_PROBE, VIEWPORT, SearchBox
from bs4 import BeautifulSoup, Tag
from conftest import DATA, Published
from site_model import HANT_DIR, attribute

from hooks.paths import ROOT  # noqa: E402

HOOKS = ROOT / "hooks"

from hooks.editions.offline import (  # noqa: E402
    SHIM,
    SHIM_SOURCE,
    worker_url,
)

EDITION = "llm-kb-offline"
SCRIPTS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
SEARCH_CASES = yaml.safe_load((DATA / "search_cases.yml").read_text(encoding="utf-8"))
# A few of tests/data/search_cases.yml: each script, the other script's spelling, Latin names.
OFFLINE_QUERIES = [("zh-Hans", "参数高效微调"), ("zh-Hant", "參數高效微調"), ("zh-Hans", "訓練"),
                   ("zh-Hant", "训练"), ("zh-Hant", "張量並行"), ("zh-Hans", "vLLM"), ("zh-Hant", "kv cache"),
                   # English, a typo, a name typed run together (hooks/data/search_terms.yml)
                   ("zh-Hans", "alignment"), ("zh-Hant", "alignment"), ("zh-Hans", "quantizaton"),
                   ("zh-Hant", "quantizaton"), ("zh-Hans", "promptengineering"), ("zh-Hant", "promptengineering")]
ATTR_RE = re.compile(r"""\s(?:href|src)="([^"]*)\"""")
REMOTE_TAG_RE = re.compile(
    r"""<(?:script|link|iframe|object|embed|source|audio|video)\b[^>]*?\s(?:src|href)="(?:https?:)?//[^"]*"[^>]*>""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OfflineEdition:
    root: Path  # the built edition (dist/llm-kb-offline/ for `make offline`)
    archive: Path  # its zip
    log: str
    returncode: int
    seconds: float

    def url(self, rel: str) -> str:
        return (self.root / rel).as_uri()


@pytest.fixture(scope="session")
def offline(published: Published) -> OfflineEdition:
    """``make offline`` once per session: the publishing workflow's own step, replayed on a copy
    (``published``): the strict offline build, then its zip."""
    step = published.step("Offline edition")
    return OfflineEdition(published.dist / EDITION, published.dist / f"{EDITION}.zip", step.output,
                          step.returncode, step.seconds)


@pytest.fixture(scope="session")
def edition(offline: OfflineEdition) -> OfflineEdition:
    if offline.returncode != 0:
        pytest.fail(f"the offline build failed:\n{offline.log[-4000:]}")
    return offline


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


# ---------------------------------------------------------------- the built edition


def test_offline_build_is_clean(edition: OfflineEdition) -> None:
    assert "WARNING" not in edition.log
    for prefix in SCRIPTS.values():
        for rel in ("index.html", "404.html", "single-page.html", "about/sources.html", "search/search_index.js"):
            assert (edition.root / prefix / rel).is_file(), prefix + rel
    print(f"\noffline build + zip: {edition.seconds:.1f} s")


def test_every_link_resolves_from_disk(edition: OfflineEdition) -> None:
    """No absolute or folder link is left; every relative href/src names a file of the edition."""
    broken: list[str] = []
    for path in html_files(edition.root):
        rel = path.relative_to(edition.root).as_posix()
        for url in ATTR_RE.findall(path.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            if url.startswith("/") or parts.path.endswith("/"):
                broken.append(f"{rel}: {url}")
                continue
            if parts.path and not (path.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{rel}: {url}")
    assert broken == []


def test_nothing_is_loaded_from_the_network(edition: OfflineEdition) -> None:
    """No remote script, style, font or frame; the worker shim is the project's copy."""
    remote: list[str] = []
    for path in html_files(edition.root):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(edition.root).as_posix()
        remote += [f"{rel}: {tag}" for tag in REMOTE_TAG_RE.findall(html)]
        for banned in ("unpkg.com", "fonts.googleapis", "fonts.gstatic", 'data-md-component="source"'):
            if banned in html:
                remote.append(f"{rel}: {banned}")
        if "<article" in html:
            shims = re.findall(r'<script src="([^"]*iframe-worker[^"]*)"', html)
            assert len(shims) == 1 and (path.parent / shims[0]).resolve() == (edition.root / SHIM).resolve(), rel
    for css in edition.root.rglob("*.css"):
        if re.search(r"""(@import|url\()\s*["']?(https?:)?//""", css.read_text(encoding="utf-8")):
            remote.append(css.relative_to(edition.root).as_posix())
    assert remote == []
    shipped = edition.root / SHIM
    assert shipped.read_bytes() == SHIM_SOURCE.read_bytes()
    assert shipped.with_name("iframe-worker-shim.LICENSE").is_file()


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_has_its_own_inlined_index(edition: OfflineEdition, script: str) -> None:
    folder = edition.root / SCRIPTS[script] / "search"
    inlined = (folder / "search_index.js").read_text(encoding="utf-8")
    assert inlined.startswith("var __index = ")
    index = json.loads(inlined.removeprefix("var __index = "))
    assert index == json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) > 500
    assert not [loc for loc in locations if loc.startswith(f"{HANT_DIR}/")]
    for loc in locations:
        assert (folder.parent / unquote(loc.split("#")[0])).is_file() if loc.split("#")[0] else True, loc
    page = (edition.root / SCRIPTS[script] / "training" / "peft.html").read_text(encoding="utf-8")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page)
    assert config, f"{script}: training/peft.html has no __config script"
    base = json.loads(config.group(1))["base"]
    assert (edition.root / SCRIPTS[script] / "training" / base).resolve() == folder.parent.resolve()
    assert worker_url(page)


# ---------------------------------------------------------------- in Chromium, from file://


@dataclass
class Guard:
    """What a context tried to fetch from the network, and every problem a page reported."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))

    def violations(self, page) -> list[str]:
        return list(page.evaluate("window.__cspViolations || []"))


# Chromium starts no Worker from file://: the shim replaces window.Worker, so the search probe
# of browser_support is installed on the shim's class as soon as the page sets it.
PROBE_ON_SHIM = (
    "(() => {\n"
    "  window.__cspViolations = [];\n"
    "  document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(\n"
    "    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));\n"
    "  const install = () => {\n" + SEARCH_PROBE + "\n  };\n"
    "  let current = window.Worker;\n"
    "  Object.defineProperty(window, 'Worker', {configurable: true, get: () => current,\n"
    "    set: value => { current = value; install(); }});\n"
    "})();\n"
)


@pytest.fixture
def file_page(chromium) -> Iterator[tuple[object, Guard]]:
    """A page in a fresh context: only file:// is served, everything else is refused and recorded."""
    guard = Guard()
    context = chromium.new_context(viewport=VIEWPORT, locale="zh-CN")

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("file://"):
            request_route.continue_()
        else:
            guard.requests.append(url)
            request_route.abort()

    context.route("**/*", route)
    context.add_init_script(PROBE_ON_SHIM)
    page = context.new_page()
    guard.watch(page)
    yield page, guard
    context.close()


def _assert_clean(page, guard: Guard, allowed: frozenset[str] = frozenset()) -> None:
    assert [url for url in guard.requests if url not in allowed] == []
    assert guard.violations(page) == []
    assert [p for p in guard.problems if not any(url in p for url in allowed)] == []


def _wait_for_fragment(page, fragment: str, timeout: float = 10.0) -> None:
    """Wait until the page's URL ends in ``#fragment`` (polled from here: the pages' policy
    allows no string evaluation, which ``wait_for_function`` with a string needs)."""
    deadline = time.monotonic() + timeout
    while unquote(urlsplit(page.url).fragment) != fragment:
        assert time.monotonic() < deadline, f"{page.url} never reached #{fragment}"
        page.wait_for_timeout(50)


def _at(page, edition: OfflineEdition, rel: str) -> None:
    """The page shows ``rel`` of the edition (once it has loaded), styled by the theme."""
    expected = edition.url(posixpath.normpath(rel))
    page.wait_for_url(lambda url: url.split("#")[0].split("?")[0] == expected, timeout=10_000)
    page.wait_for_load_state("load")
    assert page.locator("header.md-header").count() == 1
    colour = page.evaluate("getComputedStyle(document.querySelector('header.md-header')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), f"{rel}: the theme's stylesheet did not load"


@pytest.mark.browser
def test_browse_and_switch_language(file_page, edition: OfflineEdition) -> None:
    page, guard = file_page
    page.goto(edition.url("index.html"))
    _at(page, edition, "index.html")
    page.locator("a.md-tabs__link", has_text="训练").first.click()
    _at(page, edition, "training/index.html")
    topic = page.locator("article a.kb-topic").first
    topic_href = topic.get_attribute("href")
    topic.click()
    _at(page, edition, "training/" + topic_href)
    assert "topics/" in page.url
    entry = page.locator("article a[href*='#e-']").first  # an entry of the topic, on its page
    expected = urljoin(page.url, entry.get_attribute("href"))
    entry.click()
    page.wait_for_url(expected)
    assert page.locator(f"[id='{urlsplit(expected).fragment}']").count() == 1
    page.locator("a.md-tabs__link", has_text="关于").first.click()
    _at(page, edition, "about/index.html")
    page.locator("nav.md-nav--primary a.md-nav__link[href$='sources.html']").first.click()
    _at(page, edition, "about/sources.html")
    toc = page.locator("nav.md-nav--secondary a.md-nav__link:visible").nth(1)
    anchor = unquote(urlsplit(toc.get_attribute("href")).fragment)
    toc.click()
    _wait_for_fragment(page, anchor)
    assert page.locator(f"[id='{anchor}']").count() == 1
    for script, title in (("zh-Hant", "來源"), ("zh-Hans", "来源")):
        page.locator(".md-header__option .md-select button").first.click()
        page.locator(f"a.md-select__link[hreflang='{script}']").click()
        _at(page, edition, SCRIPTS[script] + "about/sources.html")
        assert title in page.title()
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_not_found_page_works(file_page, edition: OfflineEdition, script: str) -> None:
    page, guard = file_page
    rel = SCRIPTS[script] + "404.html"
    page.goto(edition.url(rel))
    _at(page, edition, rel)
    other = "zh-Hant" if script == "zh-Hans" else "zh-Hans"
    switch = page.locator(f"a.md-select__link[hreflang='{other}']").get_attribute("href")
    assert urljoin(page.url, switch) == edition.url(SCRIPTS[other] + "index.html")
    page.locator("article a", has_text="首").last.click()
    _at(page, edition, SCRIPTS[script] + "index.html")
    _assert_clean(page, guard)


def _offline_url(edition: OfflineEdition, prefix: str, page: str) -> str:
    """A page of tests/data/search_cases.yml (``training/``, ``training/peft/``) in the edition."""
    rel = prefix + page
    if rel.endswith("/") and (edition.root / (rel.rstrip("/") + ".html")).is_file():
        rel = rel.rstrip("/") + ".html"
    elif rel.endswith("/") or not rel:
        rel += "index.html"
    return edition.url(rel)


@pytest.mark.browser
def test_search_from_disk_in_both_scripts(file_page, edition: OfflineEdition) -> None:
    """A few queries of tests/data/search_cases.yml, each on its script's offline pages: the
    expected page comes up, and every result stays in the script being read. The queries are
    put in whole; the tests below type theirs key by key."""
    page, guard = file_page
    cases = {(case["site"], case["query"]): case for case in SEARCH_CASES}
    missing = [q for q in OFFLINE_QUERIES if q not in cases]
    assert missing == [], f"no longer in tests/data/search_cases.yml, choose others: {missing}"
    opened = None
    for script, query in OFFLINE_QUERIES:
        case = cases[(script, query)]
        if opened != script:
            page.goto(edition.url(SCRIPTS[script] + "training/index.html"))
            opened = script
            search = SearchBox(page)
        outcome = search.query(query, key_by_key=False)  # whole, as test_search.py's cases; typed below
        expected = _offline_url(edition, SCRIPTS[script], case["page"])
        rank = outcome.rank(expected)
        shown = [g.page for g in outcome.groups[:8]]
        assert rank is not None and rank <= case.get("top", 5), f"{query!r} on {script}: {shown}"
        hant = edition.url(HANT_DIR) + "/"
        for url in list(outcome.locations) + [link for g in outcome.groups for link in g.links]:
            assert url.startswith(edition.root.as_uri() + "/"), url
            assert url.startswith(hant) == (script == "zh-Hant"), f"{query!r} on {script}: {url}"
    _assert_clean(page, guard)


INDEX_SCRIPT_LOADED = "() => typeof window.__index !== 'undefined'"  # search/search_index.js sets __index


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_index_is_read_on_first_use_of_search_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    """A page from file:// reads its script's index only once the reader searches, and then
    only the parts the query needs (scripts of ``search/parts/``, ``hooks/search/parts.py``)."""
    page, guard = file_page
    read: list[str] = []
    page.context.on("request", lambda request: read.append(request.url))
    page.goto(edition.url(SCRIPTS[script] + "training/index.html"))
    page.wait_for_load_state("load")
    assert page.evaluate(INDEX_SCRIPT_LOADED) is False
    folder = edition.url(SCRIPTS[script] + "search/parts") + "/"
    assert [url for url in read if "/search/" in url] == []
    outcome = SearchBox(page).query("alignment")
    assert outcome.groups, "no result"
    assert page.evaluate(INDEX_SCRIPT_LOADED) is True
    loaded = [url for url in read if "/search/" in url]
    assert loaded[0] == folder + "index.js" and all(url.startswith(folder) for url in loaded), loaded
    whole = list((edition.root / SCRIPTS[script] / "search" / "parts").glob("*.js"))
    assert 2 < len(set(loaded)) < len(whole) / 2, f"{len(set(loaded))} of {len(whole)} parts"
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_glossary_reads_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    page, guard = file_page
    page.goto(edition.url(SCRIPTS[script] + "about/glossary.html"))
    row = page.locator(".kb-glossary tr", has_text="alignment").first
    assert row.locator('[lang="zh-Hans"]').inner_text() == "对齐"
    assert row.locator('[lang="zh-Hant"]').inner_text() == "對齊"
    _assert_clean(page, guard)


@pytest.mark.browser
def test_single_page_edition_reads_in_place(file_page, edition: OfflineEdition) -> None:
    page, guard = file_page
    for script in SCRIPTS:
        rel = SCRIPTS[script] + "single-page.html"
        page.goto(edition.url(SCRIPTS[script] + "index.html"))
        page.locator(".kb-single-page-link a").click()
        _at(page, edition, rel)
        page.locator("ul.kb-single-page__contents a[href='#page-training-peft']").click()
        _wait_for_fragment(page, "page-training-peft")
        topic = page.locator("#page-training-peft a.kb-topic").first
        target = topic.get_attribute("href")  # topic pages are not in the single page: the link
        assert re.fullmatch(r"topics/[a-z0-9-]+\.html", target), target  # opens the topic page
        topic.click()
        _at(page, edition, SCRIPTS[script] + target)
    _assert_clean(page, guard)


@pytest.mark.parametrize("script", SCRIPTS)
def test_single_page_holds_every_catalog_entry(edition: OfflineEdition, script: str) -> None:
    from hooks.editions.single_page import inner_id, page_key

    catalog = json.loads((edition.root / "catalog.json").read_text(encoding="utf-8"))
    html = (edition.root / SCRIPTS[script] / "single-page.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    missing = [e["source"] for e in catalog["entries"]
               if inner_id(page_key(e["page"][script], SCRIPTS[script]), e["anchor"]) not in ids]
    assert len(catalog["entries"]) > 300 and missing == []


def enclosing_href(element: Tag) -> str:
    """The href of the link around an element; the test fails when it stands in no link."""
    link = element.find_parent("a")
    assert link is not None, f"{element} stands in no link"
    return attribute(link, "href")


def test_remote_figures_become_links_to_them(edition: OfflineEdition, site) -> None:
    """Each remote figure of the online site is, offline, a link to it showing its alt text."""
    figures = 0
    for script in SCRIPTS:
        for online in site.pages(script):
            if not re.search(r'<img[^>]*src="http', online.path.read_text(encoding="utf-8")):
                continue
            remote = online.soup.select("article img[src^='http']")
            rel = online.rel.removesuffix("/index.html") + ".html" if online.rel.endswith("/index.html") else online.rel
            offline = BeautifulSoup((edition.root / rel).read_text(encoding="utf-8"), "html.parser")
            assert offline.select("article img[src^='http']") == [], rel
            links = [(a.get("href") or enclosing_href(a), a.get_text())  # a linked image keeps
                     for a in offline.select("article .kb-remote-figure")]  # its link, framed
            assert links == [(img.find_parent("a")["href"] if img.find_parent("a") else img["src"], img["alt"])
                             for img in remote], rel
            figures += len(remote)
    assert figures >= 10


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["articles/llm-practice-summary.html", "zh-Hant/articles/llm-practice-summary.html"])
def test_remote_figures_show_their_description(file_page, edition: OfflineEdition, tmp_path: Path, rel: str) -> None:
    """Read from disk, a remote figure is a framed box with its description, within the text
    column, and marked external; the page asks the network for nothing."""
    page, guard = file_page
    page.goto(edition.url(rel))
    _at(page, edition, rel)
    figures = page.locator("article a.kb-remote-figure")
    assert figures.count() >= 1
    column = page.locator("article").bounding_box()
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        assert figure.is_visible() and figure.inner_text().strip()
        box = figure.bounding_box()
        assert 30 <= box["height"] < 200 and box["width"] <= column["width"] + 1
        assert figure.evaluate("a => getComputedStyle(a).borderTopStyle") == "dashed"
        assert figure.evaluate("a => getComputedStyle(a, '::after').content") == '"\u2060↗"'  # glued to the text
    figures.first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "remote-figure-offline.png"))
    _assert_clean(page, guard)


@pytest.mark.browser
def test_zip_unpacks_to_a_working_site(file_page, edition: OfflineEdition, tmp_path: Path) -> None:
    with zipfile.ZipFile(edition.archive) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path)
    files = [p for p in edition.root.rglob("*") if p.is_file()]
    assert len(names) == len(files)
    unpacked = OfflineEdition(tmp_path / EDITION, edition.archive, "", 0, 0.0)
    page, guard = file_page
    page.goto(unpacked.url("index.html"))
    _at(page, unpacked, "index.html")
    page.locator("a.md-tabs__link", has_text="推理").first.click()
    _at(page, unpacked, "inference/index.html")
    outcome = SearchBox(page).query("KV Cache")
    assert outcome.rank(unpacked.url("inference/index.html")) is not None
    size = sum(p.stat().st_size for p in files)
    archive_size = edition.archive.stat().st_size
    print(f"\noffline edition: {len(files)} files, {size / 1e6:.1f} MB; zip {archive_size / 1e6:.1f} MB")
    _assert_clean(page, guard)


# ---------------------------------------------------------------- the reader's place and printing, from disk


def _on_disk(edition: OfflineEdition):
    """The checks of test_switcher_place.py and test_print.py name pages by folder
    (``training/practice/``): here each is its ``.html`` file."""
    from test_switcher_place import Edition

    def rel_file(rel: str) -> str:
        if rel.endswith("/") and (edition.root / (rel.rstrip("/") + ".html")).is_file():
            return rel.rstrip("/") + ".html"
        return rel + "index.html" if rel.endswith("/") or not rel else rel

    return Edition(lambda rel: edition.url(rel_file(rel)),
                   lambda rel: (edition.root / rel_file(rel)).read_text(encoding="utf-8"))


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("here, there", [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")])
def test_script_switch_keeps_the_place_from_disk(file_page, edition: OfflineEdition, here: str, there: str,
                                                 viewport: str) -> None:
    from test_switcher_place import (
        DESKTOP,
        FILTERED_PAGE,
        LONG_PAGE,
        PHONE,
        check_place_kept,
        check_query_and_anchor_kept,
    )

    page, guard = file_page
    page.set_viewport_size(PHONE if viewport == "phone" else DESKTOP)
    check_place_kept(page, _on_disk(edition), LONG_PAGE, here, there, heading=4)
    if viewport == "desktop":
        check_query_and_anchor_kept(page, _on_disk(edition), FILTERED_PAGE, here, there)
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_printing_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    from test_print import TABLE_PAGE, check_addresses_printed, check_sheets, check_tables_fit

    page, guard = file_page
    disk = _on_disk(edition)
    print(f"{script}: {check_sheets(page, edition.url(SCRIPTS[script] + 'single-page.html'))} A4 sheets from disk")
    check_addresses_printed(page, disk.url(SCRIPTS[script] + TABLE_PAGE), disk.html(SCRIPTS[script] + TABLE_PAGE))
    check_tables_fit(page, edition.url(SCRIPTS[script] + "single-page.html"))
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_topic_and_section_pages_read_the_same_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    """The checks of test_topic_reading.py on the offline edition: the pick first, groups in
    reading order, the filter folded or absent, related topics short, labels that inform
    (desktop and phone)."""
    from test_topic_reading import VIEWPORTS, in_script
    from topic_reading_checks import (
        check_default_type_has_no_badge,
        check_filter_folded_or_absent,
        check_no_chips_in_table_cells,
        check_one_badge_and_name_per_entry,
        check_related_topics_short,
        check_topic_counts,
        check_topic_page_leads,
    )

    page, guard = file_page
    disk = _on_disk(edition)
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        for slug in ("vllm", "survey"):
            page.goto(disk.url(f"{SCRIPTS[script]}topics/{slug}/"))
            check_topic_page_leads(page, slug, viewport, in_script(script))
            check_default_type_has_no_badge(page)
            check_topic_counts(page)
            check_filter_folded_or_absent(page, slug)  # opens the fold: last
    page.goto(disk.url(f"{SCRIPTS[script]}topics/lora/"))  # on a phone still
    check_related_topics_short(page, VIEWPORTS["phone"])
    page.goto(disk.url(f"{SCRIPTS[script]}training/practice/"))
    check_no_chips_in_table_cells(page)
    page.goto(disk.url(f"{SCRIPTS[script]}articles/llm-practice-summary/"))
    check_one_badge_and_name_per_entry(page, in_script(script)("GLM 与 ChatGLM"))
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_no_section_is_a_dead_end_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    from reader_point_checks import check_no_dead_ends
    from test_topic_reading import in_script

    page, guard = file_page
    page.goto(edition.url(SCRIPTS[script] + "single-page.html"))
    check_no_dead_ends(page, in_script(script))
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_every_count_a_reader_sees_agrees_from_disk(file_page, edition: OfflineEdition, script: str) -> None:
    from reader_point_checks import check_one_count

    page, guard = file_page
    catalog = json.loads((edition.root / "catalog.json").read_text(encoding="utf-8"))
    check_one_count(page, lambda rel: _on_disk(edition).url(SCRIPTS[script] + rel), catalog)
    _assert_clean(page, guard)


@pytest.mark.browser
@pytest.mark.parametrize(("script", "label"), [("zh-Hans", "主题："), ("zh-Hant", "主題：")])
def test_a_topic_page_is_one_labelled_result_from_disk(file_page, edition: OfflineEdition, script: str,
                                                       label: str) -> None:
    """Typed in the search box from disk: mixture of experts gives the section page first and the
    MoE topic page once below it, titled 主题：混合…"""
    page, guard = file_page
    page.goto(edition.url(SCRIPTS[script] + "index.html"))
    outcome = SearchBox(page).query("mixture of experts")
    shown = [group.page for group in outcome.groups]
    models, moe = _offline_url(edition, SCRIPTS[script], "fundamentals/models/"), \
        _offline_url(edition, SCRIPTS[script], "topics/moe/")
    assert shown and shown[0] == models, shown
    assert shown.count(moe) == 1 and shown.index(moe) > 0, shown
    titles = [title.replace("\u200b", "") for title in page.eval_on_selector_all(
        ".md-search-result__item > a h1", "hs => hs.map(h => h.textContent.trim())")]  # U+200B: word cuts
    assert any(title.startswith(label + "混合") for title in titles), titles
    _assert_clean(page, guard)
