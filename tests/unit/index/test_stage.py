"""hooks/index/stage.py: where an entry's anchor, type label and decoration go on its line."""

from __future__ import annotations

import pytest

from hooks.index.stage import add_to_entry_line, link_start
from hooks.parse.entries import Entry, TopicOverrides

LABEL = '<span class="kb-type kb-type--paper">论文</span>'
DECO = ' <span class="kb-deco">chips</span>'


def entry(url: str | None, anchor: str = "e-1") -> Entry:
    return Entry(title="t", url=url, note="", page="p.md", line=1, heading="h", heading_anchor="h",
                 source_site="s", topic_overrides=TopicOverrides(), page_topic_overrides=TopicOverrides(),
                 anchor=anchor)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- [A](https://a.org) — note",
         f'- {LABEL} [A](https://a.org) — note <span class="kb-entry" id="e-1"></span>{DECO}'),
        ("  1. [A](https://a.org)",
         f'  1. {LABEL} [A](https://a.org) <span class="kb-entry" id="e-1"></span>{DECO}'),
        ("| 1 | [A \\[v2\\]](https://a.org) | note |",
         f'| 1 | {LABEL} [A \\[v2\\]](https://a.org)<span class="kb-entry" id="e-1"></span>{DECO} | note |'),
    ],
)
def test_label_before_the_entry_and_anchor_after_it(line: str, expected: str) -> None:
    assert add_to_entry_line(line, entry("https://a.org"), DECO, LABEL) == expected


def test_a_link_less_name_is_labelled_after_its_list_marker() -> None:
    assert add_to_entry_line("- P-Tuning — 只列名称", entry(None), "", LABEL) == (
        f'- {LABEL} P-Tuning — 只列名称 <span class="kb-entry" id="e-1"></span>')


def test_no_label_leaves_the_line_as_before() -> None:
    assert add_to_entry_line("| [A](https://a.org) | x |", entry("https://a.org"), "", "") == (
        '| [A](https://a.org)<span class="kb-entry" id="e-1"></span> | x |')


@pytest.mark.parametrize(
    ("line", "start"),
    [("x [A](u)", 2), ("[A [B] C](u)", 0), ("[A \\[ B](u)", 0), ("a \\[b](u)", -1)],
)
def test_link_start_finds_the_opening_bracket(line: str, start: int) -> None:
    assert link_start(line, line.index("](u)")) == start


def test_a_list_item_with_several_links_gets_one_label_each_and_one_decoration() -> None:
    from hooks.index.pages import build_index
    from hooks.index.stage import decorate_page
    from hooks.index.topics import Category, Topic, Vocabulary

    vocabulary = Vocabulary((Category("models", "模型", 1),),
                            (Topic("glm", "GLM 与 ChatGLM", "models", ("GLM",), "GLM。", 3),), "topics.yml")

    def at(title: str, url: str, line: int, anchor: str) -> Entry:
        return Entry(title=title, url=url, note="", page="p.md", line=line, heading="h", heading_anchor="h",
                     source_site="GitHub", topic_overrides=TopicOverrides(), page_topic_overrides=TopicOverrides(),
                     anchor=anchor)

    a = at("VisualGLM-6B", "https://github.com/THUDM/VisualGLM-6B", 1, "e-1")
    b = at("ChatGLM-6B", "https://github.com/THUDM/ChatGLM-6B", 1, "e-2")
    table = at("ChatGLM-Tuning", "https://github.com/mymusise/ChatGLM-Tuning", 2, "e-3")
    index = build_index([a, b, table], {e.key: frozenset({"glm"}) for e in (a, b, table)}, ["p.md"], vocabulary)
    markdown = ("- [VisualGLM-6B](https://github.com/THUDM/VisualGLM-6B) 基于 [ChatGLM-6B](https://github.com/THUDM/ChatGLM-6B)\n"
                "| [ChatGLM-Tuning](https://github.com/mymusise/ChatGLM-Tuning) | 微调 |")
    lines = decorate_page(markdown, 0, (a, b, table), index, vocabulary, {"p.md": "P"}).split("\n")
    item, row = (next(line for line in lines if line.startswith(start)) for start in ("- ", "| "))
    assert item.count('class="kb-type kb-type--code"') == 2  # one label per link, each before its link
    labels = (item.index("kb-type--code"), item.rindex("kb-type--code"))
    assert labels[0] < item.index("[VisualGLM-6B]") < labels[1] < item.index("[ChatGLM-6B]")
    assert item.count("GLM 与 ChatGLM") == 1 and item.count('class="kb-deco"') == 1  # the topic chip once
    assert item.endswith("</span>") and item.index('class="kb-deco"') > item.index("[ChatGLM-6B]")
    assert "kb-topic" not in row and "GLM 与 ChatGLM" not in row  # no chips in a table cell
