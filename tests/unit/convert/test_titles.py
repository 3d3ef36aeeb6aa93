"""Cited titles in zh-Hant: script only (s2tw + character rows), the same wherever they appear.

Every source line is a real line of docs/; every expected string is written by hand, as the
title reads in Taiwan characters with the author's own words.
"""

from __future__ import annotations

from collections import namedtuple

import pytest

from hooks import languages
from hooks.convert.chinese import character_rows, convert_markdown, title_pattern
from hooks.convert.titles import cited_titles, entry_title_converter
from hooks.freshness.recent import FeedSite, atom_feed
from hooks.search.index import entry_documents

CHATGPT_LOCAL = "国产ChatGPT又开源了！效果大幅升级，在手机上也可以跑"
QLORA = "高效微调技术QLoRA实战，基于LLaMA-65B微调仅需48G显存，真香"
TPU = "AI芯片技术原理剖析（三）：谷歌TPU"
RLHF = "ChatGPT 背后的“功臣”——RLHF 技术详解"
PYTORCH = "[源码解析] PyTorch 分布式"
TITLES = frozenset({CHATGPT_LOCAL, QLORA, TPU, RLHF, PYTORCH})


@pytest.fixture(scope="module")
def convert_page():
    pattern = title_pattern(TITLES)
    prose = languages.to_traditional().convert
    titles = languages.to_traditional_titles().convert
    return lambda markdown: convert_markdown(markdown, prose, pattern, titles)


@pytest.mark.parametrize(("source", "expected"), [
    # link text of an external link: 国产 stays 國產 (the prose says 中國自製)
    ("- [国产ChatGPT又开源了！效果大幅升级，在手机上也可以跑](https://zhuanlan.zhihu.com/p/617679244)",
     "- [國產ChatGPT又開源了！效果大幅升級，在手機上也可以跑](https://zhuanlan.zhihu.com/p/617679244)"),
    # a table cell: 显存 stays 顯存 in the title; the site's label 配套代码 is prose
    ("| LLaMA | QLoRA | 7B/65B | [高效微调技术QLoRA实战，基于LLaMA-65B微调仅需48G显存，真香]"
     "(https://zhuanlan.zhihu.com/p/636644164) | [配套代码](https://github.com/liguodongiot/llm-action"
     "/tree/main/train/qlora) |",
     "| LLaMA | QLoRA | 7B/65B | [高效微調技術QLoRA實戰，基於LLaMA-65B微調僅需48G顯存，真香]"
     "(https://zhuanlan.zhihu.com/p/636644164) | [範例程式碼](https://github.com/liguodongiot/llm-action"
     "/tree/main/train/qlora) |"),
    # a link-less entry: the name as the source lists it, the note in Taiwan prose
    ("- AI芯片技术原理剖析（三）：谷歌TPU — 原合集预告的文章，尚未发布",
     "- AI芯片技術原理剖析（三）：谷歌TPU — 原合集預告的文章，尚未發布"),
    # a title quoted in running text: its words as written, Taiwan's quotation marks
    ("原列表中另有三篇文章按主题放在了别的页面：《ChatGPT 背后的“功臣”——RLHF 技术详解》见 "
     "[RLHF 与对齐](../training/rlhf.md)。",
     "原清單中另有三篇文章按主題放在了別的頁面：《ChatGPT 背後的「功臣」——RLHF 技術詳解》見 "
     "[RLHF 與對齊](../training/rlhf.md)。"),
    # Markdown escapes inside the title are found and kept
    ("- [\\[源码解析\\] PyTorch 分布式](https://juejin.cn/post/7026144707591815175) — 作者：罗西的思考",
     "- [\\[源碼解析\\] PyTorch 分佈式](https://juejin.cn/post/7026144707591815175) — 作者：羅西的思考"),
])
def test_cited_titles_are_converted_by_script_only(convert_page, source: str, expected: str) -> None:
    assert convert_page(source + "\n") == expected + "\n"


def test_the_same_words_outside_a_title_are_taiwan_prose(convert_page) -> None:
    assert convert_page("国产大模型的显存占用\n") == "中國自製大模型的顯示記憶體佔用\n"


def test_character_rows_fix_what_s2tw_gets_wrong_in_titles() -> None:
    titles = languages.to_traditional_titles().convert
    assert titles("训练个中文版ChatGPT没那么难：不用A100，开源Alpaca-LoRA+RTX 4090就能搞定") == (
        "訓練個中文版ChatGPT沒那麼難：不用A100，開源Alpaca-LoRA+RTX 4090就能搞定")  # s2tw: 訓練箇中文版
    assert titles("人手一个ChatGPT！微软DeepSpeed Chat震撼发布，一键RLHF训练千亿级大模型") == (
        "人手一個ChatGPT！微軟DeepSpeed Chat震撼發布，一鍵RLHF訓練千億級大模型")  # s2tw: 發佈


def test_character_rows_are_the_rows_that_change_no_word() -> None:
    glossary = {"发布": "發布", "个中文": "個中文", "显存": "顯示記憶體", "国产": "中國國產"}
    assert character_rows(glossary, languages.to_simplified()) == {"发布": "發布", "个中文": "個中文"}


def test_site_labels_are_not_cited_titles() -> None:
    assert cited_titles(["配套代码", TPU, ""], ["配套代码"]) == frozenset({TPU})
    convert = entry_title_converter()
    assert convert("配套代码") == "範例程式碼"
    assert convert("LLM国产化适配") == "LLM國產化適配"


def test_titles_without_han_characters_need_no_pattern() -> None:
    assert title_pattern(["vLLM", "PPO"]) is None


def test_search_documents_cite_the_title_and_convert_the_note() -> None:
    Entry = namedtuple("Entry", "title note anchor")
    entries = [Entry("LLM国产化适配", "llm-action 仓库中该系列的目录", "e-1")]
    docs = entry_documents(entries, "zh-Hant/systems/localization/", '<span id="e-1"></span>',
                           languages.to_traditional().convert, entry_title_converter())
    assert docs == [{"location": "zh-Hant/systems/localization/#e-1", "title": "LLM國產化適配",
                     "text": "llm-action 儲存庫中該系列的目錄"}]


def test_feed_cites_the_title() -> None:
    from hooks.freshness.history import Moment
    from hooks.freshness.recent import Dated
    from hooks.parse.entries import NO_OVERRIDES, Entry

    entry = Entry(title=CHATGPT_LOCAL, url="https://zhuanlan.zhihu.com/p/617679244", note="",
                  page="overview/chatgpt-news.md", line=46, heading="", heading_anchor="", source_site="",
                  topic_overrides=NO_OVERRIDES, page_topic_overrides=NO_OVERRIDES, anchor="e-1")
    site = FeedSite(site_url="https://example.org/", feed_path="feed-zh-Hant.xml", language="zh-Hant",
                    title="LLM 知识库", subtitle="最近收录", recent_url="zh-Hant/topics/recent/",
                    page_urls={})
    feed = atom_feed([Dated(entry, Moment("2026-11-26T10:00:00+00:00", 1795687200))], site,
                     languages.to_traditional().convert, "2026-11-26T10:00:00+00:00",
                     entry_title_converter())
    assert "<title>國產ChatGPT又開源了！效果大幅升級，在手機上也可以跑</title>" in feed
    assert "中國自製" not in feed


def test_titles_the_site_wrote_are_prose(tmp_path) -> None:
    from hooks.convert.titles import load_own_titles

    own = tmp_path / "own_titles.txt"
    own.write_text("# comment\nHELM（GitHub 仓库）\n\nNExT-GPT（项目主页）\n", encoding="utf-8")
    assert load_own_titles(own) == {"HELM（GitHub 仓库）", "NExT-GPT（项目主页）"}
    assert load_own_titles(tmp_path / "missing.txt") == frozenset()
    convert = entry_title_converter()
    assert convert("HELM（GitHub 仓库）") == "HELM（GitHub 儲存庫）"
    assert convert("NExT-GPT（项目主页）") == "NExT-GPT（專案主頁）"
    assert convert("HELM（榜单网站）") == "HELM（排行榜網站）"  # the site's label, in the page's word for a leaderboard


def test_every_own_title_is_an_entry_title() -> None:
    from hooks.convert.titles import load_own_titles
    from hooks.parse.catalog import read_catalog
    from hooks.paths import ROOT

    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    titles = {entry.title for entry in read_catalog(docs, pages).entries}
    assert sorted(load_own_titles() - titles) == []


def test_title_pattern_takes_the_longest_title_that_begins_at_each_place() -> None:
    """Titles that share a beginning, one inside another, and Markdown's optional backslash
    before ASCII punctuation: each match is the longest cited title starting there."""
    pattern = title_pattern(["大模型", "大模型推理", "大模型推理优化", "大语言模型", "[源码解析] 推理", "模型"])
    assert pattern is not None
    text = "大模型推理优化与大模型推理，大模型；大语言模型与\\[源码解析\\] 推理和[源码解析] 推理；大模"
    assert [m.group(0) for m in pattern.finditer(text)] == [
        "大模型推理优化", "大模型推理", "大模型", "大语言模型", "\\[源码解析\\] 推理", "[源码解析] 推理"]
