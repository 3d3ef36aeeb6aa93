"""Files read once per build run, and from disk outside a run."""

from __future__ import annotations

from pathlib import Path

from hooks.file_texts import FileTexts


def test_outside_a_run_every_read_goes_to_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    files = FileTexts()
    path.write_text("一", encoding="utf-8")
    assert files.read_text(path) == "一"
    path.write_text("二", encoding="utf-8")
    assert files.read_text(path) == "二"
    assert files.read == {}


def test_within_a_run_a_file_is_read_once_and_a_new_run_reads_it_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("一", encoding="utf-8")
    files = FileTexts()
    files.start()
    assert files.read_text(path) == "一"
    path.write_text("二", encoding="utf-8")
    assert files.read_text(str(path)) == "一"  # the same file, however it is named
    files.start()
    assert files.read_text(path) == "二"
    files.stop()
    path.write_text("三", encoding="utf-8")
    assert files.read_text(path) == "三" and files.read == {}


def test_text_drops_a_leading_bom_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff# 标题".encode())
    files = FileTexts()
    files.start()
    assert files.read_text(path, "utf-8-sig") == "# 标题"
    assert files.read_text(path).startswith("\ufeff")
