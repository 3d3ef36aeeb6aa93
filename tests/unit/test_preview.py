"""What makes ``make serve`` build the whole site again: the docs files by name, ``.pages`` and mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path

from hooks.preview import site_layout


def project(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    (docs / "training").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "training" / "peft.md").write_text("# PEFT\n", encoding="utf-8")
    (docs / "training" / ".pages").write_text("nav:\n  - peft.md\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    return docs, config


def test_adding_removing_or_renaming_a_page_changes_the_layout_and_editing_one_does_not(tmp_path) -> None:
    docs, config = project(tmp_path)
    before = site_layout(docs, config)
    assert before[0] == ("index.md", "training/peft.md")
    (docs / "training" / "peft.md").write_text("# PEFT\n\n改过的一句。\n", encoding="utf-8")
    assert site_layout(docs, config) == before
    (docs / "training" / "peft.md").rename(docs / "training" / "lora.md")
    renamed = site_layout(docs, config)
    assert renamed[0] == ("index.md", "training/lora.md")
    (docs / "training" / "new.md").write_text("# 新页\n", encoding="utf-8")
    assert site_layout(docs, config)[0] == ("index.md", "training/lora.md", "training/new.md")
    (docs / "training" / "new.md").unlink()
    assert site_layout(docs, config) == renamed


def test_navigation_files_and_mkdocs_yml_count_and_hidden_files_do_not(tmp_path) -> None:
    docs, config = project(tmp_path)
    before = site_layout(docs, config)
    (docs / "training" / ".peft.md.swp").write_bytes(b"swap")
    assert site_layout(docs, config) == before
    pages = docs / "training" / ".pages"
    pages.write_text("nav:\n  - ...\n", encoding="utf-8")
    os.utime(pages, ns=(1, 1))
    after_nav = site_layout(docs, config)
    assert after_nav != before and after_nav[0] == before[0]
    config.write_text("site_name: y2\n", encoding="utf-8")
    assert site_layout(docs, config) != after_nav
