"""The search work: a rebuild reuses the word cuts unless the dictionary changed."""

from __future__ import annotations

from pathlib import Path

from hooks.search.index import sections_text
from hooks.search.work import SearchWork


def test_cuts_are_kept_while_the_dictionary_is_the_same():
    work = SearchWork()
    assert work.load() == []
    first = work.segmenter
    work.prepare(["参数高效微调的训练方法"])
    work.load()  # the next build of `mkdocs serve`, same vocabulary
    assert work.segmenter is first
    work.dictionary = Path("an-earlier-vocabulary.txt")
    work.load()  # the vocabulary changed: jieba's words may differ
    assert work.segmenter is not first


def test_sections_text_takes_the_fields_the_index_cuts():
    sections = [{"location": "a/", "title": "训练", "text": "<p>数据</p>"}, {"location": "b/", "title": "模型"}]
    assert sections_text(sections) == ["训练", "<p>数据</p>", "模型"]


def test_the_cache_folder_is_private_to_the_user(tmp_path):
    import os
    import stat

    from hooks.search.work import private_cache_dir

    folder = private_cache_dir(tmp_path)
    info = folder.stat()
    assert folder.parent == tmp_path and folder.name == f"llm-kb-search-{os.getuid()}"
    assert info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077 == 0
    assert private_cache_dir(tmp_path) == folder  # the next process finds its cache


def test_a_cache_folder_others_may_write_to_is_not_used(tmp_path):
    import os

    from hooks.search.work import private_cache_dir

    planted = tmp_path / f"llm-kb-search-{os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)  # as if another user had made it for us
    folder = private_cache_dir(tmp_path)
    assert folder != planted and folder.parent == tmp_path and (folder.stat().st_mode & 0o077) == 0


def test_a_link_in_place_of_the_cache_folder_is_not_followed(tmp_path):
    import os

    from hooks.search.work import private_cache_dir

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / f"llm-kb-search-{os.getuid()}").symlink_to(elsewhere)
    assert private_cache_dir(tmp_path) not in (elsewhere, tmp_path / f"llm-kb-search-{os.getuid()}")


def test_user_dictionaries_unused_for_a_week_are_removed(tmp_path):
    from hooks.search.work import UNUSED_SECONDS, write_user_dictionary

    day = 24 * 3600
    first = write_user_dictionary("甲 3\n", tmp_path, now=1_000_000)
    second = write_user_dictionary("乙 3\n", tmp_path, now=1_000_000 + 2 * day)
    again = write_user_dictionary("甲 3\n", tmp_path, now=1_000_000 + 6 * day)  # still in use: kept fresh
    assert again == first and first.is_file() and second.is_file()
    third = write_user_dictionary("丙 3\n", tmp_path, now=1_000_000 + 2 * day + UNUSED_SECONDS + 1)
    assert first.is_file() and third.is_file() and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, third.name])
