"""hooks/publish/contributing.py: the links of CONTRIBUTING.md, shown as the site's 参与贡献 page."""

from __future__ import annotations

from hooks.publish.contributing import rebase_links


def test_rebase_links_of_an_included_file() -> None:
    text = "见[来源](docs/about/sources.md#notes)、[词表](hooks/data/topics.yml)和[外站](https://example.com/)。"
    out = rebase_links(text, "CONTRIBUTING.md", "about/contributing.md", "docs", "https://github.com/o/r/blob/main")
    assert "](sources.md#notes)" in out
    assert "](https://github.com/o/r/blob/main/hooks/data/topics.yml)" in out
    assert "](https://example.com/)" in out
