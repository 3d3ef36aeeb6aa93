"""Unit tests of hooks/index/pages.py on a small hand-made set of entries and topics."""

from __future__ import annotations

import re
from dataclasses import replace

import markdown
import pytest

from hooks.index.entry_types import default_entry_types  # noqa: E402
from hooks.index.pages import (  # noqa: E402
    DEFAULT_LAYOUT,
    Layout,
    PageRef,
    build_index,
    entry_decoration,
    escape,
    first_read_messages,
    page_topic_counts,
    page_topics_block,
    page_wide_topics,
    reading_groups,
    relative,
    render_all_entries,
    render_sources_index,
    render_topic_page,
    render_topics_index,
    resource_counts,
    section_wide_topics,
    thin_topic_messages,
    thin_topics,
    topic_counts,
    topic_without_links_messages,
    topics_without_entries,
    topics_without_links,
    type_label,
)
from hooks.index.reading_order import default_reading_order  # noqa: E402
from hooks.index.topics import Category, Topic, Vocabulary  # noqa: E402
from hooks.parse.entries import Entry, TopicOverrides, default_source_sites, parse_entries  # noqa: E402

VOCAB = Vocabulary(
    categories=(Category("methods", "方法与技术", 2), Category("models", "模型", 4), Category("empty", "空类", 6)),
    topics=(
        Topic("peft", "参数高效微调", "methods", ("PEFT",), "只训练少量参数。", 10),
        Topic("lora", "LoRA", "methods", ("LoRA",), "低秩适配。", 15),
        Topic("qlora", "QLoRA", "methods", ("QLoRA",), "量化后的 LoRA。", 20),
        Topic("rlhf", "RLHF", "methods", ("RLHF",), "人类反馈强化学习。", 25),
        Topic("gpt", "GPT | ChatGPT", "models", ("GPT",), "OpenAI 的模型。", 30),
    ),
    path="topics.yml",
)

TITLES = {
    "training/peft.md": "参数高效微调（PEFT）",
    "training/practice.md": "训练实战",
    "overview/news.md": "动态",
}
NAV = ["training/practice.md", "training/peft.md"]  # overview/news.md is not in the nav


def entry(title: str, url: str | None, page: str, line: int, anchor: str, note: str = "",
          site: str = "知乎专栏") -> Entry:
    return Entry(title=title, url=url, note=note, page=page, line=line, heading="小节", heading_anchor="小节",
                 source_site=site, topic_overrides=TopicOverrides(), page_topic_overrides=TopicOverrides(),
                 anchor=anchor)


E1 = entry("PEFT 综述", "https://zhuanlan.zhihu.com/p/1", "training/peft.md", 10, "e-00000001")
E2 = entry("LoRA 实战", "https://zhuanlan.zhihu.com/p/2", "training/peft.md", 12, "e-00000002")
E3 = entry("QLoRA 详解", "https://zhuanlan.zhihu.com/p/3", "training/peft.md", 14, "e-00000003")
E4 = entry("LoRA 实战", "https://zhuanlan.zhihu.com/p/2", "training/practice.md", 8, "e-00000004", "Alpaca · 7B")
E5 = entry("配套代码", "https://github.com/x/alpaca-lora", "training/practice.md", 8, "e-00000005",
           "Alpaca · 7B", site="GitHub")
E6 = entry("尚无链接的条目", None, "overview/news.md", 5, "e-00000006", site="无链接")
E7 = entry("RLHF 与 GPT 新闻", "https://zhuanlan.zhihu.com/p/7", "overview/news.md", 3, "e-00000007")
ENTRIES = [E1, E2, E3, E4, E5, E6, E7]
TOPICS = {
    E1.key: frozenset({"peft"}),
    E2.key: frozenset({"peft", "lora"}),
    E3.key: frozenset({"peft", "lora", "qlora"}),
    E4.key: frozenset({"lora", "peft"}),
    E5.key: frozenset({"lora"}),
    E6.key: frozenset(),
    E7.key: frozenset({"rlhf", "gpt"}),
}


@pytest.fixture(scope="module")
def index():
    return build_index(ENTRIES, TOPICS, NAV, VOCAB)


# --- the index -------------------------------------------------------------------------


def test_pages_follow_the_nav_then_the_rest(index) -> None:
    assert index.pages == ("training/practice.md", "training/peft.md", "overview/news.md")
    assert index.by_page["overview/news.md"] == (E7, E6)  # by line
    assert list(index.entries) == [E4, E5, E1, E2, E3, E7, E6]
    assert index.count == 7


def test_entries_by_topic_and_counts(index) -> None:
    assert index.by_topic["peft"] == (E4, E1, E2, E3)
    assert index.by_topic["lora"] == (E4, E5, E2, E3)
    assert index.by_topic["qlora"] == (E3,)
    assert index.by_topic["rlhf"] == (E7,)
    assert index.untagged == (E6,)


def test_related_topics_ranked_by_co_occurrence(index) -> None:
    assert index.related["lora"] == (("peft", 3), ("qlora", 1))
    assert index.related["peft"] == (("lora", 3), ("qlora", 1))
    assert index.related["qlora"] == (("peft", 1), ("lora", 1))  # tie: vocabulary order
    assert index.related["rlhf"] == (("gpt", 1),)


def test_entries_by_site_and_url(index) -> None:
    assert index.by_site["知乎专栏"] == (E4, E1, E2, E3, E7)
    assert index.by_site["GitHub"] == (E5,)
    assert index.by_site["无链接"] == (E6,)
    assert index.by_url["https://zhuanlan.zhihu.com/p/2"] == (E4, E2)


def test_other_pages_with_the_same_url(index) -> None:
    assert index.other_pages(E2, TITLES) == (PageRef("training/practice.md", "训练实战", "e-00000004"),)
    assert index.other_pages(E4, TITLES) == (PageRef("training/peft.md", "参数高效微调（PEFT）", "e-00000002"),)
    assert index.other_pages(E1, TITLES) == ()
    assert index.other_pages(E6, TITLES) == ()


def test_topics_without_entries() -> None:
    index = build_index([E1], {E1.key: frozenset({"peft"})}, NAV, VOCAB)
    assert topics_without_entries(index, VOCAB) == ("lora", "qlora", "rlhf", "gpt")


def test_thin_topics_are_those_with_one_or_two_resources(index) -> None:
    # peft: E4/E2 (one URL), E1, E3 → 3; lora: E4/E2, E3 → 2; qlora, rlhf, gpt: 1
    assert thin_topics(index, VOCAB) == (("lora", 2), ("qlora", 1), ("rlhf", 1), ("gpt", 1))
    assert thin_topics(index, VOCAB, minimum=2) == (("qlora", 1), ("rlhf", 1), ("gpt", 1))
    empty = build_index([E1], {E1.key: frozenset({"peft"})}, NAV, VOCAB)
    assert thin_topics(empty, VOCAB) == (("peft", 1),)  # topics without entries are reported apart
    assert thin_topic_messages([("lora", 2)], VOCAB, "hooks/data/topics.yml") == [
        "hooks/data/topics.yml:15: topic lora has 2 resources (minimum 3) — merge it into a broader topic: "
        "move its aliases there and add its name to that topic's covers"]


def test_a_topic_outside_the_vocabulary_is_an_error() -> None:
    with pytest.raises(ValueError, match="training/peft.md:10: topic 'mystery'"):
        build_index([E1], {E1.key: frozenset({"mystery"})}, NAV, VOCAB)


# --- generated pages -------------------------------------------------------------------


def test_supporting_links_belong_to_the_article_on_their_row(index) -> None:
    assert index.article_of == {E5.key: E4}
    assert index.supporting == {E4.key: (E5,)}


def test_items_one_per_url_with_every_place(index) -> None:
    items = index.items(index.by_topic["lora"])
    assert [item.main for item in items] == [E4, E3]  # E5 stands for E4, E2 shares E4's URL
    assert items[0].entries == (E4, E2) and items[0].supporting == (E5,)
    assert items[0].places(TITLES) == (PageRef("training/practice.md", "训练实战", "e-00000004"),
                                       PageRef("training/peft.md", "参数高效微调（PEFT）", "e-00000002"))
    assert len(index.resources) == 5  # E4/E2, E1, E3, E7 and the link-less E6


def test_topics_index(index) -> None:
    md = render_topics_index(index, VOCAB, TITLES)
    assert md.startswith('---\ntitle: "主题索引"\n')
    assert "全站有 **4** 条资源，另有 1 个仅列名称的条目，按 **5** 个主题归类" in md
    assert md.index("## 方法与技术") < md.index("## 模型") < md.index("## 未分类")
    assert "## 空类" not in md
    assert md.count('<div class="kb-topic-grid" markdown>') == 2
    assert '- [参数高效微调 <span class="kb-count">3</span>](peft.md)' in md
    assert '- [LoRA <span class="kb-count">2</span>](lora.md)' in md
    assert '- [GPT \\| ChatGPT <span class="kb-count">1</span>](gpt.md)' in md
    assert "以下 1 条没有归入任何主题。" in md
    assert '仅列名称、尚无链接<span class="kb-n">（1）</span>' in md
    assert ('<span class="kb-name">尚无链接的条目</span> <small class="kb-where" data-search-exclude="true">'
            '<span class="kb-label">见于</span> [动态](../overview/news.md#e-00000006)') in md


def test_topics_index_counts_resources_not_names() -> None:
    named = entry("只有名字的 QLoRA 方法", None, "training/peft.md", 16, "e-00000008", site="无链接")
    index = build_index([*ENTRIES, named], {**TOPICS, named.key: frozenset({"qlora"})}, NAV, VOCAB)
    md = render_topics_index(index, VOCAB, TITLES)
    assert '- [QLoRA <span class="kb-count">1</span>](qlora.md)' in md  # E3 only: a name is no resource


def test_topic_page(index) -> None:
    md = render_topic_page("lora", index, VOCAB, TITLES)
    assert "\n# LoRA\n\n低秩适配。\n" in md
    assert "本主题有 **2** 条资源。[返回主题索引](index.md)\n<small class=\"kb-order\"" in md
    assert "kb-first-read" not in md  # no first_read in this vocabulary
    assert "kb-filter" not in md  # two resources: no filter form
    principle = md.index('## 原理与综述<span class="kb-n">（1）</span>')
    practice = md.index('## 教程与实践<span class="kb-n">（1）</span>')
    assert principle < practice < md.index("**相关主题**")  # related topics come after the resources
    assert "[QLoRA 详解](https://zhuanlan.zhihu.com/p/3)" in md[principle:practice]
    # each related topic with its own count of resources, as the topic index shows it
    assert ('<div class="kb-topic-grid kb-related" data-search-exclude="true" markdown>\n\n**相关主题**\n\n'
            '- [参数高效微调 <span class="kb-count">3</span>](peft.md)\n'
            '- [QLoRA <span class="kb-count">1</span>](qlora.md)\n\n</div>\n') in md
    assert "kb-more" not in md  # two related topics: none folded
    assert ('- <span class="kb-type kb-type--article" data-search-exclude="true" hidden>文章</span>'
            '<span class="kb-facets kb-f-lora kb-f-peft"></span>'
            " [LoRA 实战](https://zhuanlan.zhihu.com/p/2)"
            " — Alpaca · 7B · [配套代码](https://github.com/x/alpaca-lora)"
            ' <small class="kb-where" data-search-exclude="true">'
            '<span class="kb-site">知乎专栏</span>&nbsp;· <span class="kb-label">见于</span> '
            "[训练实战](../training/practice.md#e-00000004)、"
            "[参数高效微调（PEFT）](../training/peft.md#e-00000002)</small>") in md[practice:]
    assert "overview/news.md" not in md


def test_topic_page_puts_its_first_read_first(index) -> None:
    topics = tuple(replace(t, first_read="https://zhuanlan.zhihu.com/p/2", first_read_line=16) if t.slug == "lora"
                   else t for t in VOCAB.topics)
    md = render_topic_page("lora", index, replace(VOCAB, topics=topics), TITLES)
    first = md.index('<div class="kb-first-read" markdown>\n\n**先读这一篇**\n\n- ')
    assert md.index("[LoRA 实战](https://zhuanlan.zhihu.com/p/2)") > first
    assert md.count("[LoRA 实战](https://zhuanlan.zhihu.com/p/2)") == 1  # listed once: not again in its group
    assert first < md.index("## 原理与综述") and "## 教程与实践" not in md


def test_reading_groups_order_by_kind_then_newest_news_first() -> None:
    order = default_reading_order()
    news_old = entry("某模型开源了", "https://zhuanlan.zhihu.com/p/20", "overview/news.md", 1, "e-00000020")
    news_new = entry("又一个平替来了", "https://zhuanlan.zhihu.com/p/21", "overview/news.md", 2, "e-00000021")
    news_undated = entry("重磅消息", "https://zhuanlan.zhihu.com/p/22", "overview/news.md", 3, "e-00000022")
    paper = entry("Attention Is All You Need", "https://arxiv.org/abs/1706.03762", "overview/news.md", 4, "e-00000023")
    code = entry("vLLM", "https://github.com/vllm-project/vllm", "overview/news.md", 5, "e-00000024")
    howto = entry("手把手部署", "https://zhuanlan.zhihu.com/p/25", "overview/news.md", 6, "e-00000025")
    name = entry("只有名字", None, "overview/news.md", 7, "e-00000026")
    members = [news_old, news_new, news_undated, paper, code, howto, name]
    index = build_index(members, {e.key: frozenset({"gpt"}) for e in members}, NAV, VOCAB)
    listed = {news_old.key: "2023-03-01", news_new.key: "2024-05-02"}
    found = reading_groups(index.items(members), "", order, default_entry_types(), listed)
    assert found.first is None
    assert [(group.slug, [item.main.title for item in items]) for group, items in found.groups] == [
        ("principle", ["Attention Is All You Need"]), ("code", ["vLLM"]), ("practice", ["手把手部署"]),
        ("news", ["又一个平替来了", "某模型开源了", "重磅消息"])]
    assert [item.main.title for item in found.names] == ["只有名字"]
    picked = reading_groups(index.items(members), "https://zhuanlan.zhihu.com/p/25", order, default_entry_types(), {})
    assert picked.first is not None and picked.first.main.title == "手把手部署"
    assert "practice" not in [group.slug for group, _ in picked.groups]


def test_first_read_must_be_a_linked_resource_of_its_topic(index) -> None:
    topics = tuple(replace(t, first_read={"lora": "https://zhuanlan.zhihu.com/p/1", "peft": "https://zhuanlan.zhihu.com/p/1",
                                          "qlora": "https://zhuanlan.zhihu.com/p/3", "rlhf": "https://zhuanlan.zhihu.com/p/7",
                                          "gpt": "https://zhuanlan.zhihu.com/p/7"}[t.slug], first_read_line=t.line + 4)
                   for t in VOCAB.topics)
    messages = first_read_messages(index, replace(VOCAB, topics=topics), "hooks/data/topics.yml")
    assert messages == ["hooks/data/topics.yml:19: first_read of 'lora' is not a linked resource of this topic — "
                        "use the URL of one the topic page lists"]  # p/1 is PEFT's, not LoRA's
    assert first_read_messages(index, VOCAB, "t.yml")[0] == (
        "t.yml:10: topic 'peft' has no first_read — add first_read: with the URL of a principle or survey "
        "resource the topic page lists")


def test_a_topic_of_link_less_names_only_is_reported(index) -> None:
    named = entry("只有名字的 GPT", None, "overview/news.md", 9, "e-00000030", site="无链接")
    shown = build_index([*ENTRIES, named], {**TOPICS, E7.key: frozenset({"rlhf"}), named.key: frozenset({"gpt"})},
                        NAV, VOCAB)
    assert topics_without_links(shown, VOCAB) == ("gpt",)
    assert topics_without_links(index, VOCAB) == ()
    assert topic_without_links_messages(("gpt",), VOCAB, "hooks/data/topics.yml") == [
        "hooks/data/topics.yml:30: topic 'gpt' has no linked resource, only names without a link — merge it into a "
        "broader topic (move its aliases there, add its name to that topic's covers) or remove it"]


def test_counts_come_from_one_function(index) -> None:
    assert resource_counts(index.resources) == {"linked": 4, "names": 1}  # p/1, p/2, p/3, p/7
    assert topic_counts(index, "lora") == {"linked": 2, "names": 0}  # 配套代码 goes with its article
    assert page_topic_counts(index, "training/practice.md") == {"lora": 1, "peft": 1}


def test_supporting_links_sharing_a_label_are_told_apart_by_their_page() -> None:
    # the same article on two pages, each row with its own 配套代码 link
    code = entry("配套代码", "https://github.com/y/lora-code", "training/peft.md", 12, "e-00000009", site="GitHub")
    index = build_index([*ENTRIES, code], {**TOPICS, code.key: frozenset({"lora"})}, NAV, VOCAB)
    md = render_topic_page("lora", index, VOCAB, TITLES)
    assert (" · [配套代码（训练实战）](https://github.com/x/alpaca-lora)"
            " · [配套代码（参数高效微调（PEFT））](https://github.com/y/lora-code)") in md


def test_topic_page_shows_a_few_related_topics_and_folds_the_rest() -> None:
    topics = tuple(Topic(f"t{i}", f"主题{i}", "methods", (f"T{i}",), "说明。", 10 + i) for i in range(9))
    vocabulary = Vocabulary(categories=VOCAB.categories, topics=topics, path="topics.yml")
    every = frozenset(t.slug for t in topics)
    index = build_index([E1], {E1.key: every}, NAV, vocabulary)
    html = markdown.markdown(render_topic_page("t0", index, vocabulary, TITLES), extensions=["md_in_html"])
    grid = html[html.index('<div class="kb-topic-grid kb-related"'):]
    grid = grid[:grid.index("</div>")]
    shown, folded = grid.split("<details")
    assert shown.count("<li>") == 4 and folded.count("<li>") == 4
    assert "<summary>另外 4 个相关主题</summary>" in folded


def test_topic_page_names_the_topics_merged_into_it(index) -> None:
    topics = (*VOCAB.topics[:1], Topic("lora", "LoRA", "methods", ("LoRA",), "低秩适配。", 15, ("AdaLoRA", "DoRA")),
              *VOCAB.topics[2:])
    vocabulary = Vocabulary(categories=VOCAB.categories, topics=topics, path="topics.yml")
    covers = "\n低秩适配。也包括：AdaLoRA、DoRA（这些较窄的主题已并入本主题）。\n"
    assert covers in render_topic_page("lora", index, vocabulary, TITLES)
    assert "\n也包括：" not in render_topic_page("peft", index, vocabulary, TITLES)
    chips = render_topics_index(index, vocabulary, TITLES)
    assert '- [LoRA <span class="kb-count">2</span>](lora.md "也包括：AdaLoRA、DoRA")' in chips


def test_type_label_names_the_type_and_stays_out_of_search() -> None:
    assert type_label(E1) == ""  # the default type: most entries are articles, a label would say nothing
    assert type_label(E6) == '<span class="kb-type kb-type--name-only" data-search-exclude="true">仅列名称</span>'
    assert type_label(E5) == '<span class="kb-type kb-type--code" data-search-exclude="true">代码</span>'
    assert type_label(E5, supporting=True) == ""


def test_topic_page_without_related_topics(index) -> None:
    md = render_topic_page("peft", build_index([E1], {E1.key: frozenset({"peft"})}, NAV, VOCAB), VOCAB, TITLES)
    assert "相关主题" not in md
    assert "本主题有 **1** 条资源。" in md


def test_sources_index(index) -> None:
    md = render_sources_index(index, TITLES, default_source_sites())
    assert "# 按网站浏览" in md
    zhihu, none = md.index("## 知乎专栏（4）"), md.index("## 无链接（1）")
    assert zhihu < none
    assert "## GitHub" not in md  # its one link supports a zhihu article
    assert md[zhihu:none].count("\n### ") == 3  # practice, peft, news
    assert "尚无链接的条目" in md[none:]
    assert "## 微信公众号" not in md


def test_all_entries(index) -> None:
    md = render_all_entries(index, TITLES)
    assert md.count("\n- ") == 6  # E5 goes with E4
    heading = '## [{}]({})<span class="kb-n">（{}）</span>'
    assert md.index(heading.format("训练实战", "../training/practice.md", 1)) < md.index(
        heading.format("参数高效微调（PEFT）", "../training/peft.md", 3)) < md.index(
        heading.format("动态", "../overview/news.md", 2))
    for e in ENTRIES:
        assert f"(../{e.page}#{e.anchor})" in md or e is E5


@pytest.mark.parametrize("render", ["index", "topic", "sources", "all"])
def test_generated_links_are_relative_md_links_or_the_entries_urls(index, render: str) -> None:
    md = {
        "index": lambda: render_topics_index(index, VOCAB, TITLES),
        "topic": lambda: render_topic_page("lora", index, VOCAB, TITLES),
        "sources": lambda: render_sources_index(index, TITLES, default_source_sites()),
        "all": lambda: render_all_entries(index, TITLES),
    }[render]()
    urls = {e.url for e in ENTRIES if e.url}
    targets = re.findall(r"\]\(([^)]*)\)", md)
    assert targets
    for target in targets:
        assert target in urls or re.fullmatch(r"(\.\./)*[a-z0-9_/-]+\.md(#e-[0-9a-f]{8}(-\d+)?)?", target), target


def test_generated_pages_are_not_section_pages(index) -> None:
    for md in (render_topics_index(index, VOCAB, TITLES), render_topic_page("lora", index, VOCAB, TITLES),
               render_sources_index(index, TITLES, default_source_sites()), render_all_entries(index, TITLES)):
        assert parse_entries(re.sub(r"\]\(https?://[^)]*\)", "](x.md)", md), "topics/x.md", slugify=str) == []


# --- additions to section pages --------------------------------------------------------


def test_entry_decoration(index) -> None:
    others = index.other_pages(E2, TITLES)
    assert entry_decoration(E2, TOPICS[E2.key], VOCAB, others) == (
        ' <span class="kb-deco" data-search-exclude="true">'
        "[参数高效微调](../topics/peft.md){ .kb-topic } [LoRA](../topics/lora.md){ .kb-topic }"
        '\u00a0· <span class="kb-label">也见于：</span>[训练实战](practice.md#e-00000004){ .kb-also }</span>'
    )
    assert entry_decoration(E7, TOPICS[E7.key], VOCAB, ()) == (
        ' <span class="kb-deco" data-search-exclude="true">'
        "[RLHF](../topics/rlhf.md){ .kb-topic } [GPT \\| ChatGPT](../topics/gpt.md){ .kb-topic }</span>"
    )
    assert entry_decoration(E6, TOPICS[E6.key], VOCAB, ()) == ""
    assert entry_decoration(E6, (), VOCAB, (PageRef("evaluation.md", "测评", "e-1"),)) == (
        ' <span class="kb-deco" data-search-exclude="true"><span class="kb-label">也见于：</span>'
        "[测评](../evaluation.md#e-1){ .kb-also }</span>"
    )


def test_page_wide_topics_are_not_repeated_on_entries(index) -> None:
    assert page_wide_topics("training/peft.md", ENTRIES, TOPICS) == frozenset()  # 3 entries: too few
    many = [entry(f"PEFT {i}", f"https://x.org/{i}", "p.md", i, f"e-{i:08x}") for i in range(5)]
    tags = {e.key: frozenset({"peft", "lora"} if i < 3 else {"peft"}) for i, e in enumerate(many)}
    assert page_wide_topics("p.md", many, tags) == frozenset({"peft", "lora"})
    assert entry_decoration(E3, TOPICS[E3.key], VOCAB, (), page_wide=frozenset({"peft"})) == (
        ' <span class="kb-deco" data-search-exclude="true">'
        "[LoRA](../topics/lora.md){ .kb-topic } [QLoRA](../topics/qlora.md){ .kb-topic }</span>"
    )


def test_topics_most_of_a_section_carries_are_not_repeated_on_its_entries() -> None:
    def tagged(i: int, heading: str) -> Entry:
        return replace(entry(f"篇 {i}", f"https://x.org/{i}", "p.md", i, f"e-{i:08x}"), heading_anchor=heading)

    series = [tagged(i, "series") for i in range(4)] + [tagged(i, "other") for i in range(4, 8)]
    tags = {e.key: frozenset({"survey"} if e.heading_anchor == "series" else {"lora"} if e.line == 4 else set())
            for e in series}
    wide = section_wide_topics(series, tags)
    assert wide["series"] == frozenset({"survey"})  # all four entries of the series carry it
    assert wide["other"] == frozenset()  # one of four: a chip worth showing
    assert page_wide_topics("p.md", series, tags) == frozenset()  # half the page: not page-wide


def test_at_most_three_chips_and_none_on_supporting_links() -> None:
    four = frozenset({"peft", "lora", "qlora", "rlhf"})
    assert entry_decoration(E2, four, VOCAB, ()).count("kb-topic") == 3
    assert entry_decoration(E5, TOPICS[E5.key], VOCAB, (), supporting=True) == ""


def test_page_topics_block() -> None:
    block = page_topics_block("training/peft.md", ENTRIES, TOPICS, VOCAB)
    assert block.startswith('<div class="kb-page-topics" data-search-exclude="true" markdown>\n\n'
                            "**本页主题**：[参数高效微调](../topics/peft.md)（3）")
    assert "[QLoRA](../topics/qlora.md)（1）" in block
    assert page_topics_block("overview/news.md", [E6], TOPICS, VOCAB) == ""
    rendered = markdown.markdown(block, extensions=["md_in_html"])
    assert rendered.count("<a ") == 3


def test_page_topics_beyond_one_line_are_folded() -> None:
    many = [entry(f"E{i}", f"https://x.org/{i}", "p.md", i, f"e-{i:08x}") for i in range(5)]
    tags = {e.key: frozenset({"peft", "lora", "qlora", "rlhf", "gpt"}) for e in many}
    block = page_topics_block("p.md", many, tags, VOCAB)
    html = markdown.markdown(block, extensions=["md_in_html"])
    assert '<details class="kb-more">' in html and "<summary>另外 " in html
    assert html.count("<a ") == 5


def test_decorated_entry_renders_with_the_chip_class() -> None:
    line = "- [LoRA 实战](https://zhuanlan.zhihu.com/p/2)" + entry_decoration(E2, TOPICS[E2.key], VOCAB, ())
    html = markdown.markdown(line, extensions=["attr_list"])
    assert html.count('class="kb-topic"') == 2
    assert '<a class="kb-topic" href="../topics/lora.md">LoRA</a>' in html


# --- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "anchor", "link"),
    [
        ("topics/lora.md", "training/peft.md", "e-1a2b3c4d", "../training/peft.md#e-1a2b3c4d"),
        ("topics/index.md", "topics/lora.md", "", "lora.md"),
        ("evaluation.md", "topics/lora.md", "", "topics/lora.md"),
        ("training/peft.md", "evaluation.md", "e-1", "../evaluation.md#e-1"),
        ("training/peft.md", "training/peft.md", "e-1", "peft.md#e-1"),
        ("a/b/c.md", "a/d/e.md", "", "../d/e.md"),
    ],
)
def test_relative(source: str, target: str, anchor: str, link: str) -> None:
    assert relative(source, target, anchor) == link


@pytest.mark.parametrize(
    "title",
    [
        "[源码解析] PyTorch 分布式",
        "心法利器[103] | 大模型bad case修复方案思考",
        "peft_lora_clm 与 *星号* 与 __下划线__",
        "Alpaca(LLaMA) · LoRA · 7B~65B 与 ~下标~",
        "`code` 与 {#not-an-id} 与 <br> 与 a\\b 与 &amp;",
    ],
)
def test_escaped_titles_render_verbatim(title: str) -> None:
    html = markdown.markdown(f"- [{escape(title)}](x.md)",
                             extensions=["tables", "attr_list", "pymdownx.tilde", "pymdownx.mark"])
    link = re.search(r'<a href="x.md">(.*)</a>', html)
    assert link is not None
    text = link.group(1)
    assert text.replace("&lt;", "<").replace("&amp;", "&").replace("&gt;", ">") == title.replace("&amp;", "&")


def test_layout_paths_and_collisions() -> None:
    assert DEFAULT_LAYOUT.topic_page("lora") == "topics/lora.md"
    DEFAULT_LAYOUT.check(VOCAB)
    clash = Layout(all_entries="topics/lora.md")
    with pytest.raises(ValueError, match="topics.yml:15: topic slug 'lora' collides"):
        clash.check(VOCAB)
