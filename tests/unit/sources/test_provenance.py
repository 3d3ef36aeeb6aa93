"""Listed dates, snapshots and arXiv months of entries; the news they make; the 来源与致谢 table."""

from __future__ import annotations

from pathlib import Path

from hooks.parse.catalog import heading_slugify
from hooks.parse.entries import parse_entries
from hooks.sources.config import ImportRecord, SourceList, SourceLists
from hooks.sources.credits import credited_lines
from hooks.sources.news import import_news, news_items
from hooks.sources.page import versions_table
from hooks.sources.provenance import paper_month, site_provenance

LISTS = SourceLists((
    SourceList("up", "上游清单", "https://github.com/o/up", "MIT", ("README.md",)),
    SourceList("old", "旧笔记", snapshot="一份没有历史的文本（约 2024 年初）"),
    SourceList("essay", "长文", snapshot="长文的一份文本", pages=("essay.md",)),
), ("文章", "代码", "说明"))
RECORDS = {"up": ImportRecord("c0ffee" * 6 + "abcd", "2025-07-16", 12,
                              {"https://example.org/a": "2023-05-01", "https://example.org/b": "2024-03-09",
                               "name:模型剪枝(pruning)": "2023-06-12"}, 2)}

PAGE = """\
---
title: 训练
---

# 训练

## 上游的文章

收录自：[上游清单](about/sources.md#up)

- [甲](https://www.example.org/a/) — 甲的说明
- [乙](https://example.org/b)
- [丙](https://arxiv.org/abs/2311.07911)
- 模型剪枝（Pruning）
- 模型蒸馏

## 笔记

收录自：[旧笔记](about/sources.md#old)

- [丁](https://example.org/d)
"""
ESSAY = "---\ntitle: 长文\nkind: article\n---\n\n# 长文\n\n- [戊](https://example.org/e)\n"


def site(tmp_path: Path):
    (tmp_path / "training.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "essay.md").write_text(ESSAY, encoding="utf-8")
    entries = (parse_entries(PAGE, "training.md", slugify=heading_slugify)
               + parse_entries(ESSAY, "essay.md", slugify=heading_slugify))
    return entries, site_provenance(entries, tmp_path, LISTS, RECORDS)


def test_an_arxiv_identifier_gives_the_papers_month() -> None:
    assert paper_month("https://arxiv.org/abs/2311.07911") == "2023-11"
    assert paper_month("https://arxiv.org/pdf/2305.18290") == "2023-05"
    assert paper_month("https://example.org/2311.07911") is None
    assert paper_month(None) is None


def test_entries_of_a_followed_list_carry_the_day_it_first_listed_them(tmp_path: Path) -> None:
    entries, found = site(tmp_path)
    by_title = {e.title: found[e.key] for e in entries}
    assert (by_title["甲"].source, by_title["甲"].listed) == ("up", "2023-05-01")
    assert by_title["乙"].listed_month == "2024-03"
    assert by_title["丙"].listed is None and by_title["丙"].paper_month == "2023-11"


def test_a_name_without_link_carries_the_day_its_list_first_named_it(tmp_path: Path) -> None:
    entries, found = site(tmp_path)
    by_title = {e.title: found[e.key] for e in entries}
    assert (by_title["模型剪枝（Pruning）"].source, by_title["模型剪枝（Pruning）"].listed) == ("up", "2023-06-12")
    assert by_title["模型蒸馏"].listed is None  # the record does not name it: no day is made up


def test_entries_of_a_source_without_history_name_its_snapshot_and_no_date(tmp_path: Path) -> None:
    entries, found = site(tmp_path)
    by_title = {e.title: found[e.key] for e in entries}
    assert (by_title["丁"].listed, by_title["丁"].snapshot) == (None, "一份没有历史的文本（约 2024 年初）")
    assert (by_title["戊"].source, by_title["戊"].snapshot) == ("essay", "长文的一份文本")


def test_news_lists_dated_entries_newest_first_and_the_import_as_an_item(tmp_path: Path) -> None:
    entries, found = site(tmp_path)
    items = news_items(list(entries), found, LISTS, RECORDS, {"training.md": "训练"}, limit=10)
    # 模型剪枝 is dated too, but a name without a link is no news
    assert [item.entry.title for item in items] == ["收录 上游清单 2025-07 版，新增 2 条", "乙", "甲"]
    assert [item.added.day for item in items] == ["2025-07-16", "2024-03-09", "2023-05-01"]
    assert items[2].summary == "上游清单：2023-05-01 列入 · 训练 › 上游的文章 · 甲的说明"
    assert "共 12 条，本站新增 2 条" in items[0].summary
    assert items[0].entry.url == "https://github.com/o/up/tree/" + "c0ffee" * 6 + "abcd"


def test_an_import_that_brought_nothing_is_no_news() -> None:
    quiet = {"up": ImportRecord("abc", "2025-07-16", 12, {}, 0)}
    assert import_news(LISTS, quiet) == []


def test_the_sources_table_shows_upstream_version_count_and_what_is_not_followed() -> None:
    table = versions_table(LISTS, RECORDS)
    rows = table.splitlines()
    assert rows[2].startswith("| [上游清单](#up) | [o/up](https://github.com/o/up) | MIT | [c0ffeec0ffee](")
    assert "（2025-07-16） | 12 | 逐条注明" in rows[2]
    assert rows[3].startswith("| [旧笔记](#old) | 未知 | 未注明 | 一份没有历史的文本（约 2024 年初） | — | 不跟踪")


def test_a_credit_line_speaks_for_its_own_heading_and_its_subsections() -> None:
    page = """\
# 页

收录自：[旧笔记](about/sources.md#old)

- 页首

## 合收

收录自：[旧笔记](about/sources.md#old)、[上游清单](about/sources.md#up)

- 合收的条目

### 上游的小节

收录自：[上游清单](about/sources.md#up)

- 上游的条目

#### 更小的小节

- 仍是上游的

### 没有收录行的小节

- 回到合收

```text
## 代码里的标题
收录自：[长文](about/sources.md#essay)
```

- 仍是合收

## 没有收录行的节

- 无
"""
    credits = credited_lines(page)
    line = {text.strip("- "): number for number, text in enumerate(page.splitlines(), start=1) if text.startswith("- ")}
    assert credits[line["页首"]] == ("old",)
    assert credits[line["合收的条目"]] == ("old", "up")
    assert credits[line["上游的条目"]] == ("up",)
    assert credits[line["仍是上游的"]] == ("up",)
    assert credits[line["回到合收"]] == ("old", "up")
    assert credits[line["仍是合收"]] == ("old", "up")  # a heading or credit line in code is not one
    assert credits[line["无"]] == ()  # a second-level heading takes no credit from above


def test_an_entry_of_a_section_credited_to_two_sources_takes_the_snapshot_of_the_one_without_history(
        tmp_path: Path) -> None:
    page = "# 页\n\n## 合收\n\n收录自：[旧笔记](about/sources.md#old)、[上游清单](about/sources.md#up)\n\n" \
           "- [甲](https://example.org/a)\n- [只在旧笔记里](https://example.org/z)\n"
    (tmp_path / "p.md").write_text(page, encoding="utf-8")
    entries = parse_entries(page, "p.md", slugify=heading_slugify)
    found = {e.title: site_provenance(entries, tmp_path, LISTS, RECORDS)[e.key] for e in entries}
    assert (found["甲"].source, found["甲"].listed, found["甲"].snapshot) == ("up", "2023-05-01", None)
    assert (found["只在旧笔记里"].source, found["只在旧笔记里"].listed) == ("old", None)
    assert found["只在旧笔记里"].snapshot == "一份没有历史的文本（约 2024 年初）"
