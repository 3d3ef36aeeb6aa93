"""The newest entries, the 最近更新 page and the Atom feed, from entries and dates made here;
the feed is read back with feedparser."""

from __future__ import annotations

import feedparser

from hooks.freshness.history import Moment
from hooks.freshness.recent import (
    Dated,
    FeedSite,
    atom_feed,
    by_day,
    chinese_date,
    entry_id,
    feed_path,
    newest,
    render_recent_page,
)
from hooks.parse.entries import NO_OVERRIDES, Entry


def entry(title: str, url: str | None, page: str = "training/peft.md", line: int = 3, note: str = "") -> Entry:
    return Entry(title=title, url=url, note=note, page=page, line=line, heading="", heading_anchor="",
                 source_site="", topic_overrides=NO_OVERRIDES, page_topic_overrides=NO_OVERRIDES,
                 anchor=f"e-{line}")


OLD = Moment("2025-01-02T10:00:00+08:00", 1735783200)
NEW = Moment("2025-03-04T01:00:00-05:00", 1741068000)
ENTRIES = [entry("甲 <b>", "https://a.org/x", line=3, note="注 *一*"), entry("乙", None, line=4),
           entry("丙", "https://c.org/", page="data.md", line=5), entry("丁", "https://d.org/", line=6)]
DATES = {ENTRIES[0].key: OLD, ENTRIES[1].key: NEW, ENTRIES[2].key: NEW}  # 丁: not committed yet
SITE = FeedSite(site_url="https://kb.example/llm/", feed_path="feed-zh-Hant.xml", language="zh-Hant",
                title="知识库 · 最近更新", subtitle="新条目", recent_url="zh-Hant/topics/recent/",
                page_urls={"training/peft.md": "zh-Hant/training/peft/", "data.md": "zh-Hant/data/"})


def test_newest_first_ties_in_nav_order_undated_left_out() -> None:
    assert [item.entry.title for item in newest(ENTRIES, DATES)] == ["乙", "丙", "甲 <b>"]
    assert [item.entry.title for item in newest(ENTRIES, DATES, limit=1)] == ["乙"]
    assert [day for day, _ in by_day(newest(ENTRIES, DATES))] == ["2025-03-04", "2025-01-02"]


def test_feed_files_sit_at_the_site_root() -> None:
    assert feed_path("zh-Hans", "zh-Hans") == "feed.xml"
    assert feed_path("zh-Hant", "zh-Hans") == "feed-zh-Hant.xml"


def test_chinese_date() -> None:
    assert chinese_date("2025-03-04") == "2025年3月4日"


def test_recent_page_groups_by_day_and_links_article_and_place() -> None:
    markdown = render_recent_page(newest(ENTRIES, DATES), {"training/peft.md": "PEFT", "data.md": "数据"}, "")
    assert markdown.index("## 2025年3月4日") < markdown.index("## 2025年1月2日")
    assert "[甲 &lt;b>](https://a.org/x) — 注 \\*一\\*（见[PEFT](../training/peft.md#e-3)）" in markdown
    assert ('- <span class="kb-type kb-type--name-only" data-search-exclude="true">仅列名称</span> '
            '<span class="kb-name">乙</span>（见[PEFT](../training/peft.md#e-4)）') in markdown
    assert "](../feed.xml)" in markdown


def test_recent_page_without_history_says_why() -> None:
    markdown = render_recent_page([], {}, "the clone is shallow")
    assert "没有完整的提交历史" in markdown and "## " not in markdown


def test_feed_is_valid_atom_with_stable_unique_ids() -> None:
    items = newest(ENTRIES, DATES)
    text = atom_feed(items, SITE, str, "2025-05-01T00:00:00+00:00")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "知识库 · 最近更新"
    assert feed.feed.updated == NEW.iso
    assert [link.href for link in feed.feed.links] == ["https://kb.example/llm/feed-zh-Hant.xml",
                                                        "https://kb.example/llm/zh-Hant/topics/recent/"]
    assert [e.title for e in feed.entries] == ["乙", "丙", "甲 <b>"]
    first = feed.entries[2]
    assert first.link == "https://a.org/x"
    assert [link.href for link in first.links if link.rel == "related"] == ["https://kb.example/llm/zh-Hant/training/peft/#e-3"]
    assert first.published == OLD.iso and first.summary == "注 *一*"
    assert feed.entries[0].link == "https://kb.example/llm/zh-Hant/training/peft/#e-4"  # no URL: its place
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert ids == [entry_id(item.entry, SITE) for item in items]
    assert atom_feed(items, SITE, str, "other") == text  # the same history, the same feed


def test_an_import_item_is_titled_in_the_sites_words_and_an_entry_as_cited() -> None:
    """An import's title comes from news.yml (the site's prose: zh-Hant words); an entry's title
    is cited (script only)."""
    news = entry("新增 2 条", "https://github.com/o/up", line=0)
    items = [Dated(news, NEW, "共 12 条", "<span>收录</span>"), Dated(ENTRIES[2], OLD)]
    text = atom_feed(items, SITE, lambda s: "prose:" + s, "x", lambda s: "cited:" + s)
    titles = [e.title for e in feedparser.parse(text).entries]
    assert titles == ["prose:新增 2 条", "cited:丙"]


def test_feed_ids_do_not_depend_on_position_or_date() -> None:
    moved = entry("甲 renamed", "https://a.org/x", line=30)
    assert entry_id(moved, SITE) == entry_id(ENTRIES[0], SITE)
    assert entry_id(ENTRIES[0], SITE) != entry_id(ENTRIES[0], FeedSite(**{**SITE.__dict__, "language": "zh-Hans"}))


def test_empty_feed_is_still_valid() -> None:
    feed = feedparser.parse(atom_feed([], SITE, str, "2025-05-01T00:00:00+00:00"))
    assert not feed.bozo and feed.entries == [] and feed.feed.updated == "2025-05-01T00:00:00+00:00"


def test_a_feed_without_entries_is_dated_by_source_date_epoch():
    from hooks.freshness.stage import build_moment

    assert build_moment({"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20+00:00"
    now = build_moment({})
    assert now.endswith("+00:00") and now[:4] >= "2026"
    assert build_moment({"SOURCE_DATE_EPOCH": "soon"}) != "2023-11-14T22:13:20+00:00"  # not a number: now


def test_the_feed_stays_well_formed_xml_with_control_characters_in_a_title() -> None:
    import xml.etree.ElementTree as etree

    from hooks.freshness.recent import Dated, FeedSite, atom_feed

    item = entry("a\x07b\x0c", "https://a.org/\x1b", note="说明\x00")
    feed = FeedSite("https://x.org/", "feed.xml", "zh-Hans", "T · 最近更新", "s", "topics/recent/",
                    {"training/peft.md": "training/peft/"})
    xml = atom_feed([Dated(item, Moment("2026-01-02T00:00:00+00:00", 1767312000))], feed, str,
                    "2026-01-02T00:00:00+00:00")
    root = etree.fromstring(xml.encode())
    title = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert title is not None and title.text == "ab"
