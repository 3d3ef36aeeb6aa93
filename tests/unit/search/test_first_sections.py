"""The search plugin reads a generated page only as far as the one document the index keeps of it
(``SearchStage.index_first_section_of_generated_pages``), with Material's own SearchIndex."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from hooks.search.index import collapse_pages
from hooks.search.stage import first_sections

TOPIC_PAGE = (
    '<p>导语：本页列出 LoRA 的条目。</p>'
    '<h1 id="lora">LoRA</h1><p>低秩适配的条目，<code>r=8</code>。</p>'
    '<h2>没有 id 的小标题</h2><p>仍属第一节</p>'
    '<h2 id="papers">论文</h2><ul><li>LoRA 原论文</li></ul>'
    '<h3 id="more">更多</h3><p>QLoRA</p>'
)


def page(content: str, generated: bool) -> SimpleNamespace:
    return SimpleNamespace(content=content, meta={}, toc=[], url="topics/lora/", title="LoRA",
                           file=SimpleNamespace(generated_by="hooks" if generated else None))


def new_index() -> SearchIndex:
    index = SearchIndex(lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields={})
    index._segment_chinese = str  # as the build has it (SearchStage.skip_material_segmentation)
    return index


def entries(generated: bool, wrapped: bool) -> list[dict]:
    index = new_index()
    add = first_sections(index.add_entry_from_context) if wrapped else index.add_entry_from_context
    the_page = page(TOPIC_PAGE, generated)
    add(the_page)
    assert the_page.content == TOPIC_PAGE  # the page is rendered with all of its HTML
    return index.entries


def test_a_generated_page_is_read_up_to_its_third_section() -> None:
    whole, first = entries(generated=True, wrapped=False), entries(generated=True, wrapped=True)
    assert [e["location"] for e in whole] == ["topics/lora/", "topics/lora/#lora", "topics/lora/#papers",
                                             "topics/lora/#more"]
    assert [e["location"] for e in first] == ["topics/lora/", "topics/lora/#lora"]
    assert first == whole[:2]
    assert "仍属第一节" in first[1]["text"]
    labels = {"topics/lora/": "主题："}
    assert collapse_pages(first, labels) == collapse_pages(whole, labels)


def test_other_pages_are_read_whole() -> None:
    assert entries(generated=False, wrapped=True) == entries(generated=False, wrapped=False)
    assert len(entries(generated=False, wrapped=True)) == 4


@pytest.mark.parametrize(("content", "locations"), [
    ('<h1 id="t">T</h1><p>只有一节</p><h2>无 id</h2><p>仍是这一节</p>', ["topics/lora/"]),
    ('<p>前言</p><h1 id="t">T</h1><p>正文</p>', ["topics/lora/", "topics/lora/#t"]),
    ("", []),
])
def test_a_generated_page_without_a_third_section_is_read_whole(content: str, locations: list[str]) -> None:
    index = new_index()
    first_sections(index.add_entry_from_context)(page(content, generated=True))
    assert [e["location"] for e in index.entries] == locations
