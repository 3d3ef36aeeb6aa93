"""Cross-linked topic indexes: every entry is anchored, exported, and reachable by topic."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from project_copy import SHARED, ChangedCopy
from site_model import BuiltSite, one

SCRIPTS = ("zh-Hans", "zh-Hant")
GENERATED = ("topics/index.html", "topics/by-source/index.html", "topics/all-entries/index.html")


@pytest.fixture(scope="module")
def catalog(site: BuiltSite) -> dict:
    return json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))


def prefix(script: str) -> str:
    return "zh-Hant/" if script == "zh-Hant" else ""


def is_single_page(rel: str) -> bool:
    """The single-page edition repeats every page (tests/test_single_page.py checks it)."""
    return rel.removeprefix("zh-Hant/").startswith("single-page/")


def entry_anchors(site: BuiltSite, script: str) -> dict[str, set[str]]:
    """Page path → ids of the entry anchors rendered on it (section and article pages)."""
    found: dict[str, set[str]] = {}
    for page in site.pages(script):
        if "/topics/" in f"/{page.rel}" or is_single_page(page.rel):
            continue
        ids = {span["id"] for span in page.article.select("span.kb-entry[id]")}
        if ids:
            found[page.rel.removeprefix("zh-Hant/")] = ids
    return found


def test_catalog_lists_every_entry_once(catalog: dict) -> None:
    entries = catalog["entries"]
    assert catalog["entry_count"] == len(entries) > 300
    keys = [(e["page"]["zh-Hans"], e["anchor"]) for e in entries]
    assert len(keys) == len(set(keys))
    for entry in entries:
        assert entry["title"]["zh-Hans"] and entry["title"]["zh-Hant"]
        assert entry["url"] is None or entry["url"].startswith(("http://", "https://"))


def test_catalog_carries_each_entrys_type(catalog: dict) -> None:
    assert catalog["version"] == 4
    slugs = {kind["slug"] for kind in catalog["types"]}
    assert {"paper", "code", "video", "qa", "article", "name-only"} <= slugs
    for kind in catalog["types"]:
        assert kind["name"]["zh-Hans"] and kind["name"]["zh-Hant"]
    by_url = {e["url"]: e["type"] for e in catalog["entries"] if e["url"]}
    assert all(e["type"] in slugs for e in catalog["entries"])
    assert {e["type"] for e in catalog["entries"] if e["url"] is None} == {"name-only"}
    assert any(t == "code" for u, t in by_url.items() if u.startswith("https://github.com/"))
    assert any(t == "qa" for u, t in by_url.items() if "zhihu.com/question/" in u)
    assert any(t == "video" for u, t in by_url.items() if "bilibili.com/video/" in u)
    supports = [e for e in catalog["entries"] if e["supports"]]
    assert supports and all(e["title"]["zh-Hans"] in ("配套代码", "配套代码（原地址）") for e in supports)
    assert any(e["title"]["zh-Hans"] == "配套代码" for e in supports)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_catalog_entry_is_rendered_with_its_anchor(site: BuiltSite, catalog: dict, script: str) -> None:
    anchors = entry_anchors(site, script)
    rendered = sum(len(ids) for ids in anchors.values())
    missing = [
        (e["page"]["zh-Hans"], e["anchor"])
        for e in catalog["entries"]
        if e["anchor"] not in anchors.get(e["page"]["zh-Hans"] + "index.html", set())
    ]
    assert missing == []
    assert rendered == catalog["entry_count"]


def test_every_list_item_of_a_section_page_is_an_entry(site: BuiltSite) -> None:
    bare = []
    for page in site.pages("zh-Hans"):
        if page.rel.startswith(("topics/", "articles/", "about/", "single-page/")) or page.rel == "index.html":
            continue
        for item in page.article.select("li"):
            if item.find("span", class_="kb-entry", recursive=False) is None:
                bare.append(f"{page.rel}: {item.get_text(' ', strip=True)[:60]}")
    assert bare == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_entry_is_reachable_from_a_topic_page_or_the_untagged_list(
    site: BuiltSite, catalog: dict, script: str
) -> None:
    """Through its section-page anchor, or (one item per URL) through its own URL."""
    reached: set[tuple[str, str]] = set()
    urls: set[str] = set()
    for page in site.pages(script):
        rel = page.rel.removeprefix("zh-Hant/")
        if not rel.startswith("topics/") or rel in GENERATED[1:]:
            continue
        for link in page.article.find_all("a", href=True):
            urls.add(link["href"])
            parts = urlsplit(link["href"])
            if parts.fragment.startswith("e-"):
                target = site.resolve(page, unquote(parts.path))
                page_rel = target.relative_to(site.root.resolve()).as_posix()
                reached.add((page_rel.removeprefix("zh-Hant/").removesuffix("index.html"), parts.fragment))
    unreached = [
        e["title"]["zh-Hans"] for e in catalog["entries"]
        if (e["page"]["zh-Hans"], e["anchor"]) not in reached and e["url"] not in urls
    ]
    assert unreached == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_generated_pages_exist(site: BuiltSite, catalog: dict, script: str) -> None:
    for rel in GENERATED:
        assert (site.root / prefix(script) / rel).is_file()
    for topic in catalog["topics"]:
        page = site.page(f"{prefix(script)}topics/{topic['slug']}/index.html")
        assert page.path.is_file()
        assert topic["name"][script] in one(page.soup, "h1").get_text()


def test_section_pages_show_their_topics_and_entry_chips(site: BuiltSite) -> None:
    for script, label in (("zh-Hans", "本页主题"), ("zh-Hant", "本頁主題")):
        page = site.page(f"{prefix(script)}training/peft/index.html")
        assert label in page.text
        chips = page.article.select("a.kb-topic")
        assert any("topics/lora/" in a["href"] for a in chips)


def test_url_on_several_pages_links_to_the_others(site: BuiltSite, catalog: dict) -> None:
    pages_by_url: dict[str, set[str]] = {}
    for e in catalog["entries"]:
        if e["url"]:
            pages_by_url.setdefault(e["url"], set()).add(e["page"]["zh-Hans"])
    shared = {url: pages for url, pages in pages_by_url.items() if len(pages) > 1}
    assert shared, "the seeds share URLs across pages"
    page = site.page("training/peft/index.html")
    also = page.article.select("a.kb-also")
    assert any("articles/llm-practice-summary/" in a["href"] for a in also)


# ---------------------------------------------------------------- overrides, on the changed copy

OVERRIDDEN_PAGE = "docs/systems/environment.md"
OVERRIDDEN_ENTRY = "- [Linux 常见命令大全](https://juejin.cn/post/6992742028605915150)"


@SHARED.change("topic override")
def tag_an_entry_with_lora(project: Path) -> None:
    page = project / OVERRIDDEN_PAGE
    text = page.read_text(encoding="utf-8")
    assert OVERRIDDEN_ENTRY in text
    page.write_text(text.replace(OVERRIDDEN_ENTRY, OVERRIDDEN_ENTRY + ' { topics="lora" }'), encoding="utf-8")


def test_topic_overrides_change_an_entrys_topics(changed_copy: ChangedCopy) -> None:
    lora = (changed_copy.site / "topics" / "lora" / "index.html").read_text(encoding="utf-8")
    assert "Linux 常见命令大全" in lora
    rendered = (changed_copy.site / "systems" / "environment" / "index.html").read_text(encoding="utf-8")
    assert 'topics="lora"' not in rendered


@pytest.mark.parametrize("script", SCRIPTS)
def test_merged_topics_are_named_on_the_broader_topic(site: BuiltSite, script: str) -> None:
    """PPO, DPO and 对齐 have too few resources for a page of their own: RLHF covers them."""
    page = site.page(f"{prefix(script)}topics/rlhf/index.html")
    assert re.search(r"也包括：PPO、DPO、(对齐|對齊)", page.article.get_text())
    chip = site.page(f"{prefix(script)}topics/index.html").article.select_one('.kb-topic-grid a[href="rlhf/"]')
    assert chip is not None and chip["title"].startswith("也包括：PPO")
    assert not (site.root / f"{prefix(script)}topics/ppo/index.html").exists()


def topic_groups(site: BuiltSite, script: str, slug: str) -> dict[str, list[str]]:
    """Group heading (without its count) → the link texts listed under it on a topic page."""
    groups: dict[str, list[str]] = {}
    current = ""
    for tag in site.page(f"{prefix(script)}topics/{slug}/index.html").article.select("h2, ul > li > a.external-link"):
        if tag.name == "h2":
            current = re.sub(r"（\d+）|¶", "", tag.get_text()).strip()
            groups[current] = []
        elif current:
            groups[current].append(tag.get_text(strip=True))
    return groups


@pytest.mark.parametrize("script", SCRIPTS)
def test_topic_pages_hold_only_what_is_about_them(site: BuiltSite, script: str) -> None:
    """A readers' report: a list repository under 原理与综述, a tool that mentions RAG in passing under
    RAG, Zero-Shot Prompting under ZeRO."""
    rag = topic_groups(site, script, "rag")
    [survey_group] = [group for group, titles in rag.items() if "RAG-Survey" in titles]
    assert not survey_group.startswith("原理")  # 原理与综述 / 原理與綜述
    if script == "zh-Hans":
        assert survey_group == "代码与文档"
    assert not any("EvalScope" in titles for titles in rag.values())
    zero = site.page(f"{prefix(script)}topics/zero/index.html").article.get_text()
    assert "Zero-Shot" not in zero and "ZeRO-2" in zero
