"""hooks/links/sources.py: the URLs `make linkcheck` checks are every link the pages render."""

from pathlib import Path

from hooks.links.sources import UrlSource, collect_urls


def test_links_after_a_list_item_written_like_a_fence_are_collected(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text(
        "- ```text\n"  # a list item, not a fence: Python-Markdown renders the links below
        "  [文章](https://item.test/a)\n\n"
        "[另一篇](https://after.test/b)\n\n"
        "```\n[代码里的](https://code.test/c)\n```\n",
        encoding="utf-8")
    assert collect_urls(tmp_path) == [UrlSource("https://item.test/a", "x.md", 2),
                                      UrlSource("https://after.test/b", "x.md", 4)]
