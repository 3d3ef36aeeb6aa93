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
