"""hooks/index/reading_order.py: a topic page's groups and the rules that fill them."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.index.reading_order import default_reading_order, load_reading_order
from hooks.parse.data_files import DataFileError


def test_the_project_order_reads_principle_first_and_news_last() -> None:
    order = default_reading_order()
    assert [group.slug for group in order.groups] == ["principle", "code", "practice", "news"]
    assert order.group_of("paper", "发布了一个新模型") == "principle"  # a paper whatever its title
    assert order.group_of("article", "斯坦福羊驼爆火") == "news"
    assert order.group_of("article", "Transformer 原理详解") == "principle"
    assert order.group_of("code", "vLLM") == "code"
    assert order.group_of("article", "手把手部署") == "practice"  # the last rule takes the rest


@pytest.mark.parametrize("title", ["RAG-Survey", "Awesome-LLM-Survey", "Awesome Model Quantization",
                                   "语言模型数据选择综述", "Awesome Transformer Attention (GitHub)"])
def test_a_repository_listing_links_is_code_and_docs_not_a_survey(title: str) -> None:
    assert default_reading_order().group_of("code", title) == "code"


def test_documentation_is_code_and_docs_whatever_its_title() -> None:
    assert default_reading_order().group_of("docs", "PEFT 原理详解") == "code"


def test_a_survey_article_stays_with_principle() -> None:
    assert default_reading_order().group_of("article", "全新大语言模型驱动的Agent Survey") == "principle"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reading_order.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_naming_an_unknown_group_or_type_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "groups:\n  - {slug: principle, name: 原理}\nrules:\n  - group: basics\n"
                           "  - group: principle\n    types: [book]\n  - group: principle\n")
    with pytest.raises(DataFileError) as raised:
        load_reading_order(path)
    text = str(raised.value)
    assert ":4: rule names the group 'basics', which groups: does not define — use one of: principle" in text
    assert ":6: unknown entry type 'book'" in text


def test_the_rules_must_end_with_one_for_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "groups:\n  - {slug: principle, name: 原理}\nrules:\n"
                           "  - group: principle\n    types: [paper]\n")
    with pytest.raises(DataFileError) as raised:
        load_reading_order(path)
    assert (":4: the last rule does not take every remaining resource — "
            "end the rules with one that has only group:") in str(raised.value)


def test_a_group_name_on_more_than_one_line_is_reported_at_its_line(tmp_path: Path) -> None:
    """A name is written into a page's tags and headings: a line break there would end them."""
    path = write(tmp_path, 'groups:\n  - {slug: principle, name: "原理\\n\\n<div>"}\nrules:\n  - group: principle\n')
    with pytest.raises(DataFileError) as raised:
        load_reading_order(path)
    assert ":2: " in str(raised.value) and "write a short group name on one line" in str(raised.value)
