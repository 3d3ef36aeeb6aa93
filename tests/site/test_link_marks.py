"""The link-health data file drives the 失效 marks and the 链接状态 report page.

The real data file may hold no results yet, so a project copy gets a status file of its own:
one dead URL and one permanently moved URL, taken from the pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from project_copy import ROOT, SHARED, ChangedCopy
from site_model import BuiltSite

from hooks.links.sources import collect_urls

SCRIPTS = ("zh-Hans", "zh-Hant")
ARCHIVE = "https://web.archive.org/web/"


def prefix(script: str) -> str:
    return "zh-Hant/" if script == "zh-Hant" else ""


def html_path(page: str) -> str:
    stem = page.removesuffix(".md")
    return "index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html"


@SHARED.change("link status")
def mark_one_url_dead_and_one_moved(project: Path):
    """The copy's status file says one URL is dead and another moved; returns both sources."""
    sources = [s for s in collect_urls(ROOT / "docs") if not s.page.endswith(".zh-Hant.md")]
    counts: dict[str, int] = {}
    for source in sources:
        counts[source.url] = counts.get(source.url, 0) + 1
    once = [s for s in sources if counts[s.url] == 1 and s.page.startswith("training/")]
    dead, moved = once[0], once[1]
    status = {
        dead.url: {"status": "dead", "code": 404, "checked": "2026-11-20", "since": "2026-11-13"},
        moved.url: {"status": "redirected", "code": 200, "final_url": "https://moved.example/new",
                    "moved_to": "https://moved.example/new", "checked": "2026-11-20", "since": "2026-11-20"},
        "https://ok.example/": {"status": "ok", "code": 200, "checked": "2026-11-20"},
    }
    (project / "hooks/data/link_status.yml").write_text(yaml.safe_dump(status), encoding="utf-8")
    return dead, moved


@pytest.fixture(scope="module")
def marked(changed_copy: ChangedCopy):
    """The changed copy's site (built strictly) and the dead and moved sources."""
    return (BuiltSite(changed_copy.site), *changed_copy.made["link status"])


@pytest.mark.parametrize("script", SCRIPTS)
def test_dead_link_stays_marked_with_archive_link(marked, script: str) -> None:
    site, dead, moved = marked
    page = site.page(prefix(script) + html_path(dead.page))
    links = page.article.select(f'a[href="{dead.url}"]')
    assert links, "the dead link stays on the page"
    for link in links:
        assert "kb-dead-link" in link["class"]
        mark = link.find_next_sibling()
        assert mark.name == "span" and "kb-link-dead" in mark["class"]
        assert mark.select_one(".kb-link-dead__label").get_text() == "失效"
        archive = mark.select_one("a.kb-archive")
        assert archive["href"] == ARCHIVE + dead.url
        assert archive.get_text() == ("网页存档" if script == "zh-Hans" else "網頁存檔")
    assert not page.article.select(f'a[href="{moved.url}"].kb-dead-link')  # moved is not dead
    assert len(page.article.select(".kb-link-dead")) == len(links)


@pytest.mark.parametrize("script", SCRIPTS)
def test_report_page_lists_dead_and_moved_links_by_page(marked, script: str) -> None:
    site, dead, moved = marked
    report = site.page(prefix(script) + "about/link-status/index.html")
    text = report.text
    assert report.soup.title.get_text().startswith("链接状态" if script == "zh-Hans" else "連結狀態")
    assert dead.url in text and f"第 {dead.line} 行" in text
    assert report.article.select_one(f'a[href="{ARCHIVE + dead.url}"]') is not None
    assert report.article.select_one(f'a[href="{moved.url}"]') is not None
    assert report.article.select_one('a[href="https://moved.example/new"]') is not None
    assert "ok.example" not in text
    headings = [h.get_text() for h in report.article.select("h2")]
    assert len(headings) == len({dead.page, moved.page})
    home = site.page(prefix(script) + "index.html")
    assert not any("link-status" in a.get("href", "") for a in home.soup.select("nav a"))  # out of the nav


@pytest.mark.parametrize("script", SCRIPTS)
def test_empty_status_file_marks_nothing(site: BuiltSite, script: str) -> None:
    real = yaml.safe_load((ROOT / "hooks/data/link_status.yml").read_text(encoding="utf-8")) or {}
    if any(record.get("status") == "dead" for record in real.values()):
        pytest.skip("the data file holds dead links")
    report = site.page(prefix(script) + "about/link-status/index.html")
    assert report.article.select("h2") == []
    assert not any(p.soup.select_one(".kb-link-dead") for p in site.pages(script)[:60])
