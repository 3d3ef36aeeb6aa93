"""Unit tests of hooks/entries.py: what counts as an entry, its fields, and the error messages."""

from __future__ import annotations

import hashlib
import re

import markdown
import pytest
from pymdownx.slugs import slugify as pymdownx_slugify

from hooks.parse.entries import (  # noqa: E402
    EntryError,
    TopicOverrides,
    default_source_sites,
    parse_entries,
    plain_text,
    strip_topic_overrides,
)

PAGE = "training/peft.md"


def simple_slug(text: str) -> str:
    return text.strip().lower().replace(" ", "-")


def parse(md: str, page: str = PAGE):
    return parse_entries(md, page, slugify=simple_slug)


def sha(text: str) -> str:
    return "e-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# --- list items ------------------------------------------------------------------------


def test_linked_entry_with_note() -> None:
    md = "# 页\n\n## 小节\n\n- [标题一](https://zhuanlan.zhihu.com/p/1) — 本站的注释\n"
    [e] = parse(md)
    assert (e.title, e.url, e.note, e.line) == ("标题一", "https://zhuanlan.zhihu.com/p/1", "本站的注释", 5)
    assert (e.page, e.heading, e.heading_anchor) == (PAGE, "小节", "小节")
    assert e.source_site == "知乎专栏"
    assert e.anchor == sha("https://zhuanlan.zhihu.com/p/1")
    assert e.key == f"{PAGE}#{e.anchor}"
    assert e.topic_overrides == TopicOverrides() and not e.topic_overrides


def test_linkless_entries_with_and_without_note() -> None:
    md = ("## 量化\n\n- SmoothQuant\n"
          "- TensorRT-LLM保姆级教程（三）-基于Triton完成模型服务化 — 原合集预告的文章，尚未发布\n")
    first, second = parse(md)
    assert (first.title, first.url, first.note) == ("SmoothQuant", None, "")
    assert first.source_site == "无链接"
    assert first.anchor == sha(PAGE + "SmoothQuant")
    assert second.title == "TensorRT-LLM保姆级教程（三）-基于Triton完成模型服务化"
    assert second.note == "原合集预告的文章，尚未发布"


def test_every_marker_and_nesting_level() -> None:
    md = (
        "## 框架\n\n"
        "- [PyTorch](https://github.com/a/pytorch)\n"
        "    - PyTorch 单机多卡训练\n"
        "\t- PyTorch 多机多卡训练\n"
        "        1. 第三层\n"
        "* 星号条目\n"
        "+ 加号条目\n"
        "1. 有序条目\n"
        "2) 另一种有序条目\n"
    )
    titles = [(e.title, e.line) for e in parse(md)]
    assert titles == [
        ("PyTorch", 3), ("PyTorch 单机多卡训练", 4), ("PyTorch 多机多卡训练", 5), ("第三层", 6),
        ("星号条目", 7), ("加号条目", 8), ("有序条目", 9), ("另一种有序条目", 10),
    ]


def test_escaped_and_nested_brackets_in_titles() -> None:
    md = (
        "- [心法利器\\[103\\] | 大模型bad case修复方案思考](https://mp.weixin.qq.com/s/x)\n"
        "- [[源码解析] PyTorch 分布式](https://juejin.cn/post/1) — 作者：罗西的思考\n"
        "- [a [b [c]] d](https://example.com/n)\n"
        "- \\[大模型技术祛魅\\]关于FlexGen的一点理解\n"
    )
    assert [e.title for e in parse(md)] == [
        "心法利器[103] | 大模型bad case修复方案思考",
        "[源码解析] PyTorch 分布式",
        "a [b [c]] d",
        "[大模型技术祛魅]关于FlexGen的一点理解",
    ]


def test_url_kept_character_for_character() -> None:
    url = "https://mp.weixin.qq.com/s?__biz=MzU3&mid=22&idx=2&sn=52&scene=21#wechat_redirect"
    [e] = parse(f"- [2024年2月大模型文章集锦]({url})\n")
    assert e.url == url


def test_url_with_parentheses_and_title() -> None:
    md = '- [维基](https://en.wikipedia.org/wiki/Mamba_(deep_learning) "标题")\n'
    [e] = parse(md)
    assert e.url == "https://en.wikipedia.org/wiki/Mamba_(deep_learning)"


def test_dash_inside_link_text_is_not_the_note_separator() -> None:
    [e] = parse("- [甲 — 乙](https://example.com/a) — 注释\n")
    assert (e.title, e.note) == ("甲 — 乙", "注释")


def test_text_outside_the_link_goes_to_the_note() -> None:
    [e] = parse("- [PyTorch 源码解读系列](https://zhuanlan.zhihu.com/p/3) @ OpenMMLab 团队 — 系列文章\n")
    assert (e.title, e.note) == ("PyTorch 源码解读系列", "@ OpenMMLab 团队 · 系列文章")


def test_bold_labels_are_not_entries() -> None:
    md = "- **结构化剪枝**：\n- **Standard KD**:\n- **标签：**\n- **SmoothQuant**\n- **CPU**：每个节点 1TB 内存\n"
    assert [e.title for e in parse(md)] == ["SmoothQuant", "CPU：每个节点 1TB 内存"]


def test_items_that_only_point_into_the_site_are_not_entries() -> None:
    md = ("- [训练实战](practice.md)\n- [PEFT](../training/peft.md#原理) — 本站页面\n"
          "- 见 [来源](../about/sources.md#notes)\n")
    assert parse(md) == []


def test_internal_link_in_a_note_is_fine() -> None:
    [e] = parse("- [甲](https://example.com/a) — 另见[训练实战](practice.md)\n")
    assert (e.url, e.note) == ("https://example.com/a", "另见训练实战")


# --- tables ----------------------------------------------------------------------------


def test_table_rows_every_link_is_an_entry() -> None:
    md = (
        "## 训练实战\n"
        "\n"
        "| LLM | 方法 | 参数 | 教程 | 代码 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Alpaca | LoRA | 7B | [甲](https://zhuanlan.zhihu.com/p/1)；[乙](https://zhuanlan.zhihu.com/p/2) "
        "| [配套代码](https://github.com/x/y) |\n"
        "| Vicuna | full fine-turning |  | [丙](https://zhuanlan.zhihu.com/p/3) | N/A |\n"
        "| 只有文字的行 | 没有链接 | 1 | 2 | 3 |\n"
    )
    found = [(e.title, e.note, e.line, e.source_site) for e in parse(md)]
    assert found == [
        ("甲", "Alpaca · LoRA · 7B", 5, "知乎专栏"),
        ("乙", "Alpaca · LoRA · 7B", 5, "知乎专栏"),
        ("配套代码", "Alpaca · LoRA · 7B", 5, "GitHub"),
        ("丙", "Vicuna · full fine-turning", 6, "知乎专栏"),
    ]


def test_table_cells_with_escaped_pipes_and_a_table_without_outer_pipes() -> None:
    md = (
        "表头一 | 表头二\n"
        "--- | ---\n"
        "[标题 \\| 副标题](https://example.com/t) | 说明 \\| 补充\n"
    )
    [e] = parse(md)
    assert (e.title, e.note) == ("标题 | 副标题", "说明 | 补充")


def test_links_in_the_header_row_are_not_entries() -> None:
    md = "| [表头](https://example.com/h) | b |\n| --- | --- |\n| [行](https://example.com/r) | x |\n"
    assert [e.title for e in parse(md)] == ["行"]


# --- page structure --------------------------------------------------------------------


def test_front_matter_is_skipped_but_counted() -> None:
    md = "---\ntitle: 页\ndescription: 说明\n---\n\n# 页\n\n- [甲](https://example.com/a)\n"
    [e] = parse(md)
    assert e.line == 8
    assert e.heading == "页"


def test_fenced_code_and_admonitions_are_skipped() -> None:
    md = (
        "## 小节\n"
        "```markdown\n"
        "- [代码里的](https://example.com/code)\n"
        "```\n"
        "~~~~\n"
        "- 波浪线围栏里的\n"
        "```\n"
        "- 仍在围栏里（三个反引号不能关闭四个波浪线）\n"
        "~~~~\n"
        "- [之后的](https://example.com/after)\n"
        "    ```\n"
        "    - 列表里缩进的围栏\n"
        "    ```\n"
        '!!! note "说明"\n'
        "    - [提示框里的](https://example.com/admonition)\n"
        "\n"
        "    提示框的第二段\n"
        '??? tip "折叠"\n'
        "    - 折叠框里的\n"
        "- [提示框之后的](https://example.com/end)\n"
    )
    assert [(e.title, e.line) for e in parse(md)] == [("之后的", 10), ("提示框之后的", 20)]


def test_nearest_heading_h2_to_h4_or_h1() -> None:
    md = (
        "# 页标题\n"
        "- 页首条目\n"
        "## 二级\n"
        "### 三级\n"
        "#### 四级\n"
        "##### 五级不算\n"
        "- 四级下的条目\n"
        "## 二级 {#custom-id}\n"
        "- 自定义锚点下的条目\n"
        "## 三级\n"
        "- 重名标题下的条目\n"
    )
    found = [(e.title, e.heading, e.heading_anchor) for e in parse(md)]
    assert found == [
        ("页首条目", "页标题", "页标题"),
        ("四级下的条目", "四级", "四级"),
        ("自定义锚点下的条目", "二级", "custom-id"),
        ("重名标题下的条目", "三级", "三级_1"),
    ]


def test_entries_before_any_heading_use_the_page_title() -> None:
    [e] = parse("---\ntitle: 标题\n---\n- 条目\n")
    assert (e.heading, e.heading_anchor) == ("标题", "")


def test_heading_anchor_matches_the_toc_extension() -> None:
    """The anchor is the id Python-Markdown's toc gives the heading, with the site's slugify."""
    slug = pymdownx_slugify(case="lower")
    md = (
        "# 参数高效微调（PEFT）\n\n"
        "## LLM 微调\n\n- 甲\n\n"
        "## [LLM量化](https://github.com/x/quantization)\n\n- 乙\n\n"
        "## `vLLM` **源码** & 解析\n\n- 丙\n\n"
        "## LLM 微调\n\n- 丁\n\n"
        "## 固定锚点 { #practice-summary }\n\n- 戊\n"
    )
    entries = parse_entries(md, PAGE, slugify=lambda text: slug(text, "-"))
    html = markdown.markdown(md, extensions=["attr_list", "toc"],
                             extension_configs={"toc": {"slugify": slug}})
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert [e.heading_anchor for e in entries] == ids


def test_article_pages_keep_only_items_with_links() -> None:
    md = (
        "---\nkind: article\n---\n"
        "- **CPU**：每个节点 1TB 内存\n"
        "- **[Baize](https://github.com/project-baize/baize-chatbot)**：白泽基于 LLaMA 训练\n"
        "- 据 [Chinese-LLaMA-Alpaca](https://github.com/ymcui/Chinese-LLaMA-Alpaca) 和 "
        "[BELLE](https://github.com/LianjiaTech/BELLE) 的报告\n"
        "| 模型 | 词表 |\n| --- | --- |\n| LLaMA | 32000 |\n"
    )
    assert [(e.title, e.note, e.line) for e in parse(md)] == [
        ("Baize", "", 5), ("Chinese-LLaMA-Alpaca", "", 6), ("BELLE", "", 6),
    ]


def test_pages_of_kind_page_list_no_entries() -> None:
    assert parse("---\ntitle: 首页\nkind: page\n---\n- [甲](https://example.com/a)\n- 乙\n") == []


# --- anchors ---------------------------------------------------------------------------


def test_anchor_is_stable_and_unique_within_the_page() -> None:
    md = (
        "- [甲](https://example.com/a)\n"
        "- QLoRA\n"
        "- [同一地址再次出现](https://example.com/a)\n"
        "- QLoRA — 另一个小节里的同名条目\n"
        "- [第三次](https://example.com/a)\n"
    )
    url_anchor, title_anchor = sha("https://example.com/a"), sha(PAGE + "QLoRA")
    assert [e.anchor for e in parse(md)] == [
        url_anchor, title_anchor, url_anchor + "-2", title_anchor + "-2", url_anchor + "-3",
    ]


def test_same_url_on_two_pages_has_the_same_anchor() -> None:
    md = "- [甲](https://example.com/a)\n"
    assert parse(md, "a/x.md")[0].anchor == parse(md, "b/y.md")[0].anchor


# --- topic overrides -------------------------------------------------------------------


def test_entry_and_page_overrides_are_parsed() -> None:
    md = (
        "---\n"
        "title: 页\n"
        'topics: "lora -rlhf"\n'
        "---\n"
        '- [甲](https://example.com/a) — 注释 { topics="qlora p-tuning -rlhf" }\n'
        "- 乙 { topics='+peft' }\n"
        "- 丙\n"
    )
    first, second, third = parse(md)
    assert first.note == "注释"
    assert first.topic_overrides == TopicOverrides(("qlora", "p-tuning"), ("rlhf",), 5)
    assert (second.title, second.topic_overrides) == ("乙", TopicOverrides(("peft",), (), 6))
    assert third.topic_overrides == TopicOverrides()
    assert {e.page_topic_overrides for e in (first, second, third)} == {TopicOverrides(("lora",), ("rlhf",), 3)}


def test_page_overrides_may_be_a_list() -> None:
    [e] = parse("---\ntopics:\n  - lora\n  - -rlhf\n---\n- 甲\n")
    assert e.page_topic_overrides == TopicOverrides(("lora",), ("rlhf",), 2)


def test_override_on_a_table_row_applies_to_each_link() -> None:
    md = '| a | b |\n| --- | --- |\n| [甲](https://example.com/a) | [乙](https://example.com/b) | { topics="lora" }\n'
    assert [e.topic_overrides.added for e in parse(md)] == [("lora",), ("lora",)]


def test_code_is_what_python_markdown_renders_as_code() -> None:
    md = (
        "```python foo\n"  # options superfences refuses: no fence, as on the page
        "\n"
        "- [之后的](https://example.com/after) — 注释\n"
        "\n"
        "正文。\n"
        "\n"
        "    - [缩进代码里的](https://example.com/code)\n"
    )
    assert [e.url for e in parse(md)] == ["https://example.com/after"]


def test_strip_topic_overrides_keeps_lines_and_code() -> None:
    md = (
        "---\ntopics: \"lora\"\n---\n"
        '- [甲](https://example.com/a) — 注释 { topics="qlora -rlhf" }\n'
        "```\n"
        '- 代码 { topics="lora" }\n'
        "```\n"
        '- 乙 {topics="peft"}   \n'
    )
    assert strip_topic_overrides(md) == (
        "---\ntopics: \"lora\"\n---\n"
        "- [甲](https://example.com/a) — 注释\n"
        "```\n"
        '- 代码 { topics="lora" }\n'
        "```\n"
        "- 乙\n"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('- 甲 { topics="LoRA" }', "'LoRA' is not a topic slug"),
        ('- 甲 { topics="lora -lora" }', "topic 'lora' is both added and removed"),
    ],
)
def test_bad_overrides(line: str, message: str) -> None:
    with pytest.raises(EntryError, match=re.escape(f"{PAGE}:2: {message}")):
        parse("# 页\n" + line + "\n")


# --- source sites ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://zhuanlan.zhihu.com/p/635152813", "知乎专栏"),
        ("https://www.zhihu.com/question/625415776/answer/3243562246", "知乎问答"),
        ("https://www.zhihu.com/tardis/zm/art/677638939?source_id=1003", "知乎问答"),
        ("https://mp.weixin.qq.com/s/yzVqh4d6ynNROJxHycDUXg", "微信公众号"),
        ("https://juejin.cn/post/7290740395913969705", "掘金"),
        ("https://blog.csdn.net/zwqjoy/article/details/135314202", "CSDN"),
        ("https://github.com/liguodongiot/llm-action", "GitHub"),
        ("https://next-gpt.github.io/", "GitHub"),
        ("https://huggingface.co/blog/zh/moe", "Hugging Face"),
        ("https://arxiv.org/abs/2301.12597", "arXiv"),
        ("https://www.bilibili.com/video/BV1No4y1t7Zn/", "bilibili"),
        ("https://www.bilibili.com/read/cv21242696/", "bilibili"),
        ("https://www.cnblogs.com/huggingface/p/17040315.html", "其他"),
        ("http://www.lavicleva.com/#/homepage/overview", "其他"),
        (None, "无链接"),
    ],
)
def test_source_sites(url: str | None, site: str) -> None:
    assert default_source_sites().site_of(url) == site


def test_source_site_order_ends_with_other_and_no_link() -> None:
    order = default_source_sites().order
    assert order[0] == "知乎专栏" and order[-2:] == ("其他", "无链接")


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "reason", "fix"),
    [
        ("- [标题](https://example.com/a", "unclosed link", "end the URL with ')'"),
        ("- [标题 — 注释", "unclosed '['", "write a literal bracket as \\["),
        ("- [](https://example.com/a)", "empty link text", "put the article title between the brackets"),
        ("- [标题]()", "empty URL in [标题]()",
         "a resource without a link is a link-less entry: write `- 标题 — 注释`"),
        ("- [标题](ftp://example.com/a)", "URL scheme 'ftp:' is not allowed", "http:// or https://"),
        ("- [标题](mailto:a@example.com)", "URL scheme 'mailto:' is not allowed", "http:// or https://"),
        ("- [标题](zhuanlan.zhihu.com/p/1)", "URL without http(s)://", "write https://zhuanlan.zhihu.com/p/1"),
        ("- 名称：https://github.com/x/y", "bare URL outside link syntax", "[标题](URL)"),
        ("| [标题]() | b |", "empty URL", "link-less entry"),
    ],
)
def test_malformed_entries_name_file_line_reason_and_fix(item: str, reason: str, fix: str) -> None:
    md = "---\ntitle: 页\n---\n\n| a | b |\n| --- | --- |\n" + item + "\n" if item.startswith("|") \
        else "---\ntitle: 页\n---\n\n## 小节\n\n" + item + "\n"
    with pytest.raises(EntryError) as info:
        parse(md)
    message = str(info.value)
    assert message.startswith(f"{PAGE}:7: ")
    assert reason in message
    assert " — " in message and fix in message.split(" — ", 1)[1]
    assert info.value.line == 7 and isinstance(info.value, ValueError)


def test_errors_in_an_article_page_too() -> None:
    with pytest.raises(EntryError, match=re.escape("articles/a.md:4: empty URL")):
        parse("---\nkind: article\n---\n- [标题]()\n", page="articles/a.md")


def test_front_matter_that_is_not_yaml() -> None:
    with pytest.raises(EntryError, match=re.escape(f"{PAGE}:3: front matter is not valid YAML")):
        parse("---\ntitle: 页\ntopics: [lora\n---\n- 甲\n")


def test_plain_text() -> None:
    assert plain_text("**粗体** [链接 \\[1\\]](https://x.y/z) `code` &amp; \\*星\\*") == "粗体 链接 [1] code & *星*"
