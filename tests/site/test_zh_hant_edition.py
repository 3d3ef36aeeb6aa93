"""The whole zh-Hant edition holds no simplified-only character outside code.

Read from the built site: every page's text, title, navigation, interface strings (attributes
a reader hears or sees: aria-label, title, alt, placeholder, meta content) and the zh-Hant
search index. OpenCC's s2tw (character and phrase tables, not the project's converter) judges
each character, so 这 or 体 fail while 若干 and 公里 pass (BOTH_SCRIPTS). The language
switcher names each edition in its own script (简体中文) and is left out.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import opencc
import pytest
from bs4 import BeautifulSoup
from site_model import BuiltSite, attribute, one

READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "content")
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Characters s2tw changes alone but Taiwan also writes: 若干/干擾, 公里, 下游, 征服.
BOTH_SCRIPTS = frozenset("干里游征")


def simplified_only(text: str, to_taiwan: Callable[[str], str]) -> list[str]:
    """Han characters of ``text`` that s2tw changes, with a little context.

    Characters are judged one at a time: s2tw's phrase tables misread text that is already
    traditional (說明了 → 說明瞭). The few characters that Taiwan also writes as they are
    (BOTH_SCRIPTS) pass.
    """
    found = []
    for run in HAN_RUN.finditer(text):
        original = run.group(0)
        for i, ch in enumerate(original):
            if ch not in BOTH_SCRIPTS and to_taiwan(ch) != ch:
                found.append(f"{ch}→{to_taiwan(ch)} in {original[max(0, i - 4):i + 5]}")
    return found


def visible_strings(html: str) -> Iterator[str]:
    soup = BeautifulSoup(html, "html.parser")
    for switcher in soup.select("a[hreflang]"):  # the language switcher: each edition's own name
        switcher.decompose()
    for marked in soup.select('[lang="zh-Hans"]'):  # words shown in simplified on purpose (the 术语表's 简体)
        marked.decompose()
    for tag in soup.find_all(["code", "pre", "script", "style"]):
        tag.decompose()
    if soup.title:
        yield soup.title.get_text()
    for tag in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = tag.attrs.get(name)
            if isinstance(value, str) and not (tag.name == "meta" and tag.get("name") not in
                                               ("description", None)):
                yield value
    yield soup.get_text(" ")


def search_strings(index_path: Path) -> Iterator[str]:
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        yield doc.get("title", "")
        yield re.sub(r"<code>.*?</code>|<pre>.*?</pre>", " ", doc.get("text", ""), flags=re.S)


@pytest.fixture(scope="module")
def to_taiwan() -> Callable[[str], str]:
    """OpenCC's s2tw of one character, asked once per character (the edition holds a few
    thousand distinct characters, millions in all)."""
    return functools.cache(opencc.OpenCC("s2tw").convert)


def test_helper_finds_simplified_characters(to_taiwan) -> None:
    assert simplified_only("若干小節，三公里。", to_taiwan) == []
    assert simplified_only("這是简体", to_taiwan) == ["简→簡 in 這是简体", "体→體 in 這是简体"]


def test_no_zh_hant_page_holds_a_simplified_only_character(site: BuiltSite, to_taiwan) -> None:
    offenders: dict[str, list[str]] = {}
    hant = site.root / "zh-Hant"
    for path in sorted(hant.rglob("*.html")):
        found = []
        for text in visible_strings(path.read_text(encoding="utf-8")):
            found += simplified_only(text, to_taiwan)
        if found:
            offenders[path.relative_to(site.root).as_posix()] = sorted(set(found))[:5]
    assert offenders == {}


def test_zh_hant_search_index_holds_no_simplified_only_character(site: BuiltSite, to_taiwan) -> None:
    index = site.root / "zh-Hant" / "search" / "search_index.json"
    assert index.is_file()
    found = sorted({hit for text in search_strings(index) for hit in simplified_only(text, to_taiwan)})
    assert found[:10] == []


def test_interface_strings_are_taiwan_usage(site: BuiltSite) -> None:
    html = (site.root / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    for wrong in ("頁脚", "標籤頁", "前往倉庫", "導航", "查看源代碼", "拷貝"):
        assert wrong not in html, wrong
    soup = BeautifulSoup(html, "html.parser")
    assert attribute(one(soup, "nav.md-footer__inner"), "aria-label") == "頁尾"
    assert attribute(one(soup, "nav.md-tabs"), "aria-label") == "分頁"


def test_zh_hant_prose_uses_corner_quotes(site: BuiltSite) -> None:
    pages = [p.rel for p in site.pages("zh-Hant") if re.search(r"“[^”]*[\u4e00-\u9fff]", p.prose)]
    assert pages == []


# ---------------------------------------------------------------- 推論 and 推理, cited titles


def site_prose(page) -> str:
    """A page's prose without cited titles (links to other sites, titles a note quotes in 《》) and code."""
    article = BeautifulSoup(str(page.article), "html.parser")
    for tag in article.select("a[href^='http'], code, pre"):
        tag.decompose()
    return re.sub(r"《[^》]*》", "《》", " ".join(article.get_text(" ").split()))


def test_inference_is_推論_in_navigation_titles_and_prose(site: BuiltSite) -> None:
    page = site.page("zh-Hant/inference/frameworks/index.html")
    tabs = one(page.soup, "nav.md-tabs").get_text(" ")
    assert "推論" in tabs and "推理" not in tabs
    sidebar = one(page.soup, "nav.md-nav--primary").get_text(" ")
    assert "推論框架與服務部署" in sidebar and "推理" not in sidebar
    assert page.soup.title is not None and page.soup.title.get_text().startswith("推論框架與服務部署")
    assert "推論框架與推論服務部署資料" in attribute(one(page.soup, "meta[name=description]"), "content")
    prose = site_prose(page)
    assert "用純 Python 開發的大模型推論與服務框架" in prose and "推理" not in prose


def test_reasoning_keeps_推理_and_cited_titles_keep_their_words(site: BuiltSite) -> None:
    article = site_prose(site.page("zh-Hant/articles/llm-practice-summary/index.html"))
    assert "邏輯推理能力" in article and "需要推理或邏輯分析的問題" in article
    assert "衡量大模型水準" in article and "評估一個大型語言模型的水準" in article
    assert "模型推論是模型上線的「最後一哩路」" in article
    assert "引導模型逐步推理的思維鏈" in site.page("zh-Hant/topics/cot/index.html").text  # a topic's description
    titles = site.page("zh-Hant/inference/index.html").article.select("a[href^='http']")
    assert "使用HuggingFace的Accelerate庫加載和運行超大模型" in [a.get_text(" ").strip() for a in titles]


def test_cited_titles_take_taiwan_characters_for_praise(site: BuiltSite) -> None:
    text = site.page("zh-Hant/overview/chatgpt-news/index.html").text
    assert "LeCun狂讚：600刀GPT-3.5平替！" in text and "狂贊" not in text


def test_about_pages_say_what_zh_hant_does_to_cited_titles(site: BuiltSite) -> None:
    about = site.page("zh-Hant/about/index.html").text
    assert "按發表時的用詞引用（繁體版只把字形換成臺灣通行的寫法）" in about
    assert "按發表時的原樣引用" not in about
    sources = site.page("zh-Hant/about/sources/index.html").text
    assert "繁體版只把字形換成臺灣通行的寫法，不改用詞" in sources


def test_contributor_guide_numbers_every_step_in_both_editions(site: BuiltSite) -> None:
    for rel in ("about/contributing/index.html", "zh-Hant/about/contributing/index.html"):
        lists = site.page(rel).article.find_all("ol")
        assert [len(ol.find_all("li", recursive=False)) for ol in lists] == [4, 4, 4], rel


# ---------------------------------------------------------------- a Taiwanese reviewer's list


def test_reviewed_words_read_as_taiwan_writes_them(site: BuiltSite) -> None:
    """The words a Taiwanese engineer marked as mainland usage, in the prose of the pages where
    they were found; the cited titles beside them keep the author's words."""
    evaluation = site_prose(site.page("zh-Hant/evaluation/index.html"))
    for word in ("排行榜與評測框架", "13948 個選擇題", "含關鍵字偵測", "做端對端 RAG 評測", "評估智慧代理"):
        assert word in evaluation, word
    for word in ("榜單", "多項選擇題", "關鍵詞", "端到端", "AI 代理"):
        assert word not in evaluation, word
    applications = site_prose(site.page("zh-Hant/applications/index.html"))
    assert "個人 AI 助理" in applications and "向量資料庫與智慧代理" in applications
    assert "助手" not in applications and "AI 代理" not in applications
    inference = site.page("zh-Hant/inference/index.html")
    assert "推測取樣的加速原理" in site_prose(inference) and "投機" not in site_prose(inference)
    titles = [a.get_text(" ").strip() for a in inference.article.select("a[href^='http']")]
    assert "LLM投機採樣（Speculative Sampling）為何能加速模型推理" in titles
    fundamentals = site_prose(site.page("zh-Hant/fundamentals/index.html"))
    assert "位置編碼、活化函數、正規化" in fundamentals and "激活" not in fundamentals
    distributed = site_prose(site.page("zh-Hant/training/distributed/index.html"))
    assert "分散式訓練平行技術系列" in distributed
    assert "分佈式" not in distributed and "並行" not in distributed
    assert "大模型分佈式訓練並行技術（一）-概述" in site.page("zh-Hant/training/distributed/index.html").text


def test_resources_are_counted_with_筆_and_the_memory_topic_is_converted(site: BuiltSite) -> None:
    topic = site.page("zh-Hant/topics/compute-estimation/index.html")
    assert topic.soup.title is not None and topic.soup.title.get_text().startswith("參數量、計算量與顯示記憶體估算")
    assert re.search(r"本主題有 \d+ 筆資源", topic.text)
    index = site.page("zh-Hant/topics/index.html").text
    assert "一筆資源可以同時屬於幾個主題" in index and re.search(r"全站有 \d+ 筆資源", index)
    for page in site.pages("zh-Hant"):
        assert not re.search(r"\d 條(?:相關|有連結的)?資源|[一每]條資源|顯存估算", page.text), page.rel
