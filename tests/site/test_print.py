"""Printing: the single-page edition prints on at most 80 A4 sheets per script, holds the content
pages only (not the contributor guide), its tables fit the sheet, and every external link is
followed by its address on paper (once: not after a link whose text is the address).

Printed in Debian's Chromium (``page.pdf``) and read back with pypdf. The helpers take URLs, so
test_offline.py runs the same checks on the offline edition from file://.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from browser_support import new_context
from bs4 import BeautifulSoup
from pypdf import PdfReader
from site_model import HANT_DIR, BuiltSite, attribute, one

SCRIPTS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}
SHEETS_MAX = 80  # the budget of A4 sheets per script (it was 82 with the contributor guide)
A4_WIDTH_MM = 210
THEME_PAGE_MARGIN_MM = 25  # Material's own @page margin
PX_PER_MM = 96 / 25.4
TABLE_PAGE = "training/practice/"  # the 训练实战 table: five columns, long addresses in the last
GUIDE = "about/contributing/"  # the contributor guide, on the site only
STYLESHEET = Path(__file__).resolve().parents[2] / "docs" / "stylesheets" / "extra.css"


def printed(page, url: str) -> PdfReader:
    """The page at ``url`` printed on A4 as the browser prints it."""
    page.goto(url, wait_until="load")
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def external_addresses(html: str) -> list[str]:
    """Addresses of the external links of a page's article whose text is not the address."""
    article = one(BeautifulSoup(html, "html.parser"), "article")
    return [attribute(a, "href") for a in article.select("a[href^='http://'], a[href^='https://']")
            if "md-content__button" not in a.get_attribute_list("class")  # the edit button: not printed
            and squeezed(a.get_text()).rstrip("/") != attribute(a, "href").rstrip("/")]


def check_sheets(page, url: str) -> int:
    sheets = len(printed(page, url).pages)
    assert sheets <= SHEETS_MAX, f"{url}: {sheets} A4 sheets"
    return sheets


def check_addresses_printed(page, url: str, html: str) -> None:
    """Every external link of the page is followed on paper by its address; internal links are not."""
    text = squeezed("".join(sheet.extract_text() for sheet in printed(page, url).pages))
    addresses = external_addresses(html)
    assert len(addresses) >= 20
    missing = [href for href in addresses if squeezed(href) not in text]
    assert missing == []
    assert "(../" not in text and "(#" not in text


def printed_text_width() -> float:
    """CSS pixels between the left and right page margins of an A4 sheet, as the site's
    stylesheet sets them (``@page { margin: … }`` in mm: one to four values) or else the theme."""
    css = STYLESHEET.read_text(encoding="utf-8")
    rule = re.search(r"@page\s*\{[^}]*?margin:\s*([^;}]+)", css)
    values = rule[1].split() if rule else [f"{THEME_PAGE_MARGIN_MM}mm"]
    assert all(v.endswith("mm") for v in values) and len(values) in (1, 2, 3, 4), values
    mm = [float(v[:-2]) for v in values]
    left, right = (mm[0], mm[0]) if len(mm) == 1 else (mm[1], mm[1]) if len(mm) < 4 else (mm[3], mm[1])
    return (A4_WIDTH_MM - left - right) * PX_PER_MM


def check_tables_fit(page, url: str) -> None:
    """In print, on an A4 sheet less the page margins, no table is wider than the text and no
    cell's content is wider than its cell."""
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(printed_text_width()), "height": 1000})
    tables = page.evaluate("""() => {
      const column = document.querySelector("article").getBoundingClientRect();
      return [...document.querySelectorAll("article table")].map(table => ({
        overhang: table.getBoundingClientRect().right - column.right,
        cut: [...table.querySelectorAll("th, td")].filter(cell => cell.scrollWidth > cell.clientWidth + 1)
          .map(cell => cell.textContent.trim().slice(0, 40)),
      }));
    }""")
    assert len(tables) >= 3
    assert [t for t in tables if t["overhang"] > 1 or t["cut"]] == []


@pytest.fixture
def print_page(chromium):
    context = new_context(chromium)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_single_page_prints_within_the_budget(print_page, site_url: str, script: str) -> None:
    sheets = check_sheets(print_page, site_url + SCRIPTS[script] + "single-page/")
    print(f"{script}: {sheets} A4 sheets")


@pytest.mark.parametrize("script", SCRIPTS)
def test_contributor_guide_is_left_out(site: BuiltSite, script: str) -> None:
    """The guide is a page of the site, but not of the single page or its list of pages."""
    guide = site.page(SCRIPTS[script] + GUIDE + "index.html")
    assert guide.soup.select_one("article h1")
    single = site.page(SCRIPTS[script] + "single-page/index.html")
    ids = [attribute(tag, "id") for tag in single.soup.find_all(id=True)]
    assert "page-about-sources" in ids  # its neighbour in the navigation is there
    assert [i for i in ids if i == "page-about-contributing" or i.startswith("about-contributing--")] == []
    assert single.soup.select("a[href='#page-about-contributing']") == []


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_tables_fit_the_sheet(print_page, site_url: str, script: str) -> None:
    check_tables_fit(print_page, site_url + SCRIPTS[script] + "single-page/")


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_external_links_print_their_address(print_page, site: BuiltSite, site_url: str, script: str) -> None:
    rel = SCRIPTS[script] + TABLE_PAGE
    check_addresses_printed(print_page, site_url + rel, site.page(rel + "index.html").path.read_text(encoding="utf-8"))


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_a_link_showing_its_address_prints_it_once(print_page, site: BuiltSite, site_url: str, script: str) -> None:
    """The contributor guide links the preview address with the address as its text."""
    rel = SCRIPTS[script] + GUIDE
    article = one(site.page(rel + "index.html").soup, "article")
    shown = [attribute(a, "href") for a in article.select("a[href^='http']")
             if a.get_text().strip() == attribute(a, "href")]
    assert shown
    print_page.goto(site_url + rel, wait_until="load")
    print_page.emulate_media(media="print")
    after = print_page.evaluate("""hrefs => hrefs.map(href => getComputedStyle(
      document.querySelector(`article a[href="${href}"]`), "::after").content)""", shown)
    assert after == ["none"] * len(shown)
    href, after = print_page.evaluate("""() => {
      const link = document.querySelector("article a.external-link[href^='https://github.com']");
      return [link.href, getComputedStyle(link, "::after").content];
    }""")
    assert f"({href})" in after  # any other external link is followed by its address
