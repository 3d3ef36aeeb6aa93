"""The home page's reading path (hooks/data/reading_path.yml) and the offline download block."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hooks import paths
from hooks.index.figures import describe_archive, download_block, fill_placeholders, human_size, read_download
from hooks.index.reading_path import ReadingPathError, load_steps, render
from hooks.parse.catalog import read_catalog


def _catalog():
    docs = paths.ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if ".zh-Hant" not in p.name)
    return read_catalog(docs, pages)


def test_every_step_of_the_real_path_names_entries_of_the_site() -> None:
    steps = load_steps(_catalog())
    assert [s.name for s in steps][:6] == ["入门", "原理", "训练与微调", "推理", "压缩", "应用"]
    assert all(1 <= len(s.entries) <= 4 and s.page_title for s in steps)
    markdown = render(steps)
    assert "](training/index.md)" in markdown and markdown.count("<li markdown>") == len(steps)


def test_an_unknown_url_names_the_data_file_line(tmp_path: Path) -> None:
    source = tmp_path / "reading_path.yml"
    source.write_text("steps:\n  - name: 入门\n    entries:\n      - https://example.org/none\n"
                      "    continue: overview/index.md\n", encoding="utf-8")
    with pytest.raises(ReadingPathError, match=r"reading_path.yml:4: no entry of the site has the URL"):
        load_steps(_catalog(), source)


def test_an_unknown_page_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "reading_path.yml"
    source.write_text("steps:\n  - name: 入门\n    entries:\n      - https://zhuanlan.zhihu.com/p/597586623\n"
                      "    continue: overview/nope.md\n", encoding="utf-8")
    with pytest.raises(ReadingPathError, match="no page docs/overview/nope.md"):
        load_steps(_catalog(), source)


def test_download_block_is_empty_without_data(tmp_path: Path) -> None:
    assert read_download(tmp_path / "absent.yml") is None
    assert download_block(None, "") == ""


def test_download_block_links_the_archive_from_any_page(tmp_path: Path) -> None:
    archive = tmp_path / "llm-kb-offline.zip"
    archive.write_bytes(b"x" * 2_345_678)
    data_file = tmp_path / "offline_download.yml"
    describe_archive(archive, data_file, date(2026, 11, 30))
    download = read_download(data_file)
    assert download == {"size": 2_345_678, "built": "2026-11-30"}
    assert 'href="llm-kb-offline.zip"' in download_block(download, "")
    assert 'href="../../llm-kb-offline.zip"' in download_block(download, "zh-Hant/about/")
    assert "2.3 MB" in download_block(download, "about/") and "2026-11-30" in download_block(download, "about/")
    assert human_size(12_000) == "12 KB"


def test_placeholders_take_numbers_and_blocks() -> None:
    assert fill_placeholders("{{ kb.pages }} / {{ kb.block }}", {"pages": 1234, "block": "<p>x</p>"}, "p.md") \
        == "1,234 / <p>x</p>"
