"""The whole zh-Hant edition holds no simplified-only character outside code.

Read from the built site: every page's text, title, navigation, interface strings (attributes
a reader hears or sees: aria-label, title, alt, placeholder, meta content) and the zh-Hant
search index. OpenCC's s2tw (character and phrase tables, not the project's converter) judges
each character, so 这 or 体 fail while 若干 and 公里 pass (BOTH_SCRIPTS). The language
switcher names each edition in its own script (简体中文) and is left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from bs4 import BeautifulSoup
from site_model import BuiltSite, attribute, one

READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "content")
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Characters s2tw changes alone but Taiwan also writes: 若干/干擾, 公里, 下游, 征服.
BOTH_SCRIPTS = frozenset("干里游征")


def simplified_only(text: str, to_taiwan: opencc.OpenCC) -> list[str]:
    """Han characters of ``text`` that s2tw changes, with a little context.

    Characters are judged one at a time: s2tw's phrase tables misread text that is already
    traditional (說明了 → 說明瞭). The few characters that Taiwan also writes as they are
    (BOTH_SCRIPTS) pass.
    """
    found = []
    for run in HAN_RUN.finditer(text):
        original = run.group(0)
        for i, ch in enumerate(original):
            if ch not in BOTH_SCRIPTS and to_taiwan.convert(ch) != ch:
                found.append(f"{ch}→{to_taiwan.convert(ch)} in {original[max(0, i - 4):i + 5]}")
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
def to_taiwan() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


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
