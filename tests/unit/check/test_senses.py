"""hooks/check/senses.py: every use of a word with two meanings is decided by a glossary row."""

import shutil
from pathlib import Path

import opencc
import pytest

from hooks import paths
from hooks.check.senses import ambiguous_words, check_data_senses, check_senses, load_words
from hooks.convert.chinese import load_glossary
from hooks.parse.data_files import DataFileError
from hooks.parse.markdown import Source

GLOSSARY = {"推理": "推論", "推理优化": "推論優化", "推理能力": "推理能力", "逻辑推理": "邏輯推理"}


def page(text: str) -> Source:
    return Source("docs/x.md", "x.md", text)


@pytest.fixture(scope="module")
def words():
    return ambiguous_words(["推理"], GLOSSARY, opencc.OpenCC("s2tw").convert)


def test_the_word_knows_both_forms_and_its_compounds(words) -> None:
    (word,) = words
    assert (word.word, word.alone, word.kept) == ("推理", "推論", "推理")
    assert set(word.compounds) == {"推理优化", "推理能力", "逻辑推理"}


def test_uses_inside_compound_rows_pass(words) -> None:
    text = "---\ntitle: 推理\n---\n\n# 推理\n\n推理优化与逻辑推理能力，见[推理](x.md)。\n"
    assert check_senses(page(text), words) == []


def test_an_undecided_use_is_reported_at_its_line(words) -> None:
    text = "# 推理\n\n推理优化的文章。\n\n模型需要推理才能回答。\n"
    problems = check_senses(page(text), words)
    assert [(p.path, p.line, p.code) for p in problems] == [("docs/x.md", 5, "ambiguous-word")]
    assert "推論" in problems[0].reason and "推理" in problems[0].reason
    assert "zh_hant_terms.tsv" in problems[0].fix


def test_cited_titles_code_and_urls_are_not_judged(words) -> None:
    text = "- [需要推理的题目](https://a.example/推理) — 说明\n- 模型为何推理变慢 — 说明\n\n`推理服务`\n"
    assert check_senses(page(text), words, [(2, "模型为何推理变慢")]) == []


def test_every_listed_word_has_its_rows() -> None:
    """Every listed word has its row, and the rows decide the cases written for them."""
    glossary = load_glossary(paths.GLOSSARY)
    listed = load_words(paths.SENSES)
    assert "推理" in listed
    for word in ambiguous_words(listed, glossary, opencc.OpenCC("s2tw").convert):
        assert word.word in glossary and word.compounds


def test_a_words_file_over_its_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zh_hant_senses.txt"
    path.write_text("推理\n" * 10000, encoding="utf-8")
    with pytest.raises(DataFileError):
        load_words(path)


def test_data_files_shown_in_zh_hant_are_checked_but_not_their_aliases(words) -> None:
    text = ("topics:\n  - slug: cot\n    name: 思维链\n    aliases: [逐步推理, 推理链]\n"
            "    description: 引导模型逐步推理的技术。\n  - slug: opt\n    name: 推理\n"
            "    description: 推理优化的手段。\n")
    problems = check_data_senses("hooks/data/topics.yml", text, words)
    assert [(p.path, p.line) for p in problems] == [("hooks/data/topics.yml", 5)]


def test_the_glossary_and_reading_groups_shown_in_zh_hant_are_checked(tmp_path: Path, monkeypatch) -> None:
    """search_terms.yml's reasons (the 术语表 page) and reading_order.yml's group names are prose
    of the zh-Hant edition: an undecided 推理 there is reported at its line."""
    from hooks.check.runner import check_project
    from hooks.paths import ROOT

    for part in ("docs", "hooks/data"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.setattr(paths, "DATA", tmp_path / "hooks/data")
    terms = tmp_path / "hooks/data/search_terms.yml"
    text = terms.read_text(encoding="utf-8")
    undecided = text.replace("让模型写出逐步推理过程的提示方法", "让模型分步写出推理过程的提示方法")
    terms.write_text(undecided, encoding="utf-8")
    line = text[:text.index("让模型写出逐步推理过程")].count("\n") + 1
    found = [(f.path, f.line) for f in check_project(tmp_path).findings if "推理" in f.reason]
    assert found == [("hooks/data/search_terms.yml", line)]
