"""A page's Markdown as the zh-Hant build converts it (``convert.stage.convert_page``)."""

from __future__ import annotations

from hooks.convert.stage import convert_page
from hooks.convert.titles import cited_title_pattern

PAGE = """---
title: 显存优化
---

# 显存优化

- [大模型显存优化指南](https://example.com/a)：讲解显存与软件的关系。

`代码 显存` 不变。
"""
TITLES = frozenset({"大模型显存优化指南"})


def test_cited_titles_keep_their_words_and_prose_takes_taiwan_vocabulary():
    converted = convert_page(PAGE, cited_title_pattern(TITLES))
    assert "[大模型顯存優化指南]" in converted  # a cited title: script only
    assert "# 顯示記憶體優化" in converted and "軟體" in converted  # prose: Taiwan vocabulary
    assert "`代码 显存`" in converted


def test_without_cited_titles_every_title_is_prose():
    assert "[大模型顯示記憶體優化指南]" in convert_page(PAGE, None)
