"""A hand-written ``*.zh-Hant.md`` page wins over conversion in the zh-Hant build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from project_copy import SHARED, ChangedCopy
from site_model import attribute, one

HANDWRITTEN = """---
title: 關於本站（手寫版）
kind: page
---

# 關於本站（手寫版）

這一頁由譯者親自撰寫，使用「引號」與台灣慣用語，建置時不會再被轉換。简体字保留：参数。
"""


@SHARED.change("hand-written about page")
def write_the_about_page_by_hand(project: Path) -> None:
    (project / "docs" / "about" / "index.zh-Hant.md").write_text(HANDWRITTEN, encoding="utf-8")


def test_handwritten_traditional_page_is_used_as_is(changed_copy: ChangedCopy) -> None:
    site = changed_copy.site
    hant = BeautifulSoup((site / "zh-Hant/about/index.html").read_text(encoding="utf-8"), "html.parser")
    text = one(hant, "article").get_text(" ", strip=True)
    assert "由譯者親自撰寫" in text
    assert "简体字保留：参数" in text  # not converted: the hand-written page is taken as written

    hans = BeautifulSoup((site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "关于本站" in one(hans, "article h1").get_text()
    switch = {attribute(a, "hreflang"): attribute(a, "href") for a in hant.select(".md-select a[hreflang]")}
    assert switch["zh-Hans"].rstrip("/").endswith("about")
