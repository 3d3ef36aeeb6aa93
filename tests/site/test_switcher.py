"""The language switcher on every page leads to the same page in the other script."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from site_model import BuiltSite, HtmlPage, attribute


def switcher_targets(site: BuiltSite, page: HtmlPage) -> dict[str, str]:
    """hreflang → resolved path (relative to the site root) of the switcher's links."""
    found = {}
    for link in page.soup.select(".md-select a[hreflang]"):
        target = site.resolve(page, urlsplit(attribute(link, "href")).path)
        found[attribute(link, "hreflang")] = target.relative_to(site.root.resolve()).as_posix()
    return found


@pytest.mark.parametrize("script, other", [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")])
def test_switcher_points_to_counterpart(site: BuiltSite, script: str, other: str) -> None:
    wrong = []
    for page in site.pages(script):
        rel = page.rel.removeprefix("zh-Hant/")
        expected = {"zh-Hans": rel, "zh-Hant": f"zh-Hant/{rel}"}
        targets = switcher_targets(site, page)
        if targets.get(other) != expected[other] or targets.get(script) != expected[script]:
            wrong.append((page.rel, targets))
    assert wrong == []
