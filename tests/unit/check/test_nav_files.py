"""A page that its folder's `.pages` neither names nor matches is a finding on the `nav:` line."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_awesome_pages_plugin.meta import MetaNavRestItem

from hooks.check.nav_files import check_unlisted_pages, rest_matches


def unlisted(tmp_path: Path, nav: str, pages: list[str], folder: str = "training") -> list[str]:
    pages_file = tmp_path / ".pages"
    pages_file.write_text(nav, encoding="utf-8")
    return [str(f) for f in check_unlisted_pages(pages_file, "docs/training/.pages", folder, pages)]


def test_a_page_no_entry_names_is_reported_on_the_nav_line_with_the_fix(tmp_path):
    found = unlisted(tmp_path, "title: 训练\nnav:\n  - ... | index*.md\n  - peft.md\n",
                     ["training/index.md", "training/peft.md", "training/new.md"])
    assert found == ["docs/training/.pages:2: page 'new.md' of training/ is built but shown in no navigation: "
                     "this nav: neither names it nor has a '...' entry that matches it — "
                     "add the page (- new.md) or list it with '- ...'"]


def test_names_titled_entries_virtual_sections_and_rest_entries_list_a_page(tmp_path):
    nav = ("nav:\n  - 入门: a.md\n  - 小节:\n      - b.md\n  - ... | c*.md\n  - ... | regex=^d\n"
           "  - https://example.com/\n")
    pages = ["training/a.md", "training/b.md", "training/c1.md", "training/d.md", "training/e.md"]
    assert [line.split(": ", 1)[1][:14] for line in unlisted(tmp_path, nav, pages)] == ["page 'e.md' of"]
    assert unlisted(tmp_path, "nav:\n  - a.md\n  - ...\n", pages) == []


def test_pages_of_other_folders_hand_written_zh_hant_pages_and_files_without_nav_are_not_findings(tmp_path):
    pages = ["training/peft.md", "training/peft.zh-Hant.md", "training/sub/x.md", "x.md", "training/pic.png"]
    assert unlisted(tmp_path, "nav:\n  - peft.md\n", pages) == []
    assert unlisted(tmp_path, "title: 训练\n", ["training/new.md"]) == []
    assert unlisted(tmp_path, "hide: true\nnav:\n  - peft.md\n", ["training/new.md"]) == []  # folder hidden
    assert unlisted(tmp_path, "nav: [\n", ["training/new.md"]) == []  # not YAML: reported elsewhere


@pytest.mark.parametrize("entry", ["...", "... | index*.md", "... | flat | *.md", "... | glob=c*.md",
                                   "... | regex=^d", "... | regex=\\.zh-Hant\\.md$", "... |"])
def test_rest_entries_take_the_names_awesome_pages_takes(entry: str) -> None:
    names = ["index.md", "index.zh-Hant.md", "c1.md", "d.md", "e.md", "peft.zh-Hant.md"]
    theirs = MetaNavRestItem(entry)
    assert [rest_matches(entry, name) for name in names] == [theirs.matches(name) for name in names]
