"""One name per thing: each navigation tab opens a page of the same title, in both scripts."""

from __future__ import annotations

import pytest

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_tab_opens_a_page_of_its_name(site, script) -> None:
    home = site.page(SCRIPTS[script] + "index.html")
    tabs = home.soup.select("a.md-tabs__link[href]")
    assert len(tabs) >= 10
    mismatched = []
    for tab in tabs:
        name = " ".join(tab.get_text(" ").split())
        target = site.resolve(home, tab["href"])
        page = site.page(target.relative_to(site.root).as_posix())
        h1 = page.soup.select_one("article h1")
        title = " ".join(h1.get_text(" ").split()).rstrip("¶").strip() if h1 else ""
        if name not in ("首页", "首頁") and title != name:  # the home page is titled with the site name
            mismatched.append((name, title))
    assert mismatched == []
