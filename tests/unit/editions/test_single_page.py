"""hooks/editions/single_page.py: page keys, links resolved and pointed into the document, the
order of pages outside the navigation. (The built single page: tests/site/test_single_page.py.)"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hooks.editions.single_page import page_key, page_order, resolve, rewrite_page


def test_page_key_is_the_same_for_folder_and_file_urls() -> None:
    assert page_key("training/peft/") == page_key("training/peft.html") == "training-peft"
    assert page_key("training/") == page_key("training/index.html") == "training"
    assert page_key("") == page_key("index.html") == "home"
    assert page_key("zh-Hant/training/peft/", "zh-Hant/") == "training-peft"
    assert page_key("zh-Hant/", "zh-Hant/") == "home"


@pytest.mark.parametrize(
    ("url", "href", "expected"),
    [
        ("training/peft/", "../practice/#lora", ("training/practice/", "lora")),
        ("training/peft/", "../../", ("", "")),
        ("training/", "./", ("training/", "")),
        ("training/peft.html", "practice.html#x", ("training/practice.html", "x")),
        ("index.html", "topics/index.html", ("topics/index.html", "")),
        ("", "topics/peft/#%E5%BE%AE", ("topics/peft/", "微")),
        ("training/peft/", "https://example.org/a", None),
        ("training/peft/", "mailto:a@example.org", None),
    ],
)
def test_resolve(url: str, href: str, expected) -> None:
    assert resolve(url, href) == expected


def test_rewrite_page_points_links_into_the_document() -> None:
    keys = {"training/peft/": "training-peft", "topics/lora/": "topics-lora", "": "home"}
    html = (
        '<h2 id="lora">LoRA</h2><a class="headerlink" href="#lora">¶</a>'
        '<a href="../../topics/lora/">LoRA</a><a href="../../topics/lora/#x">x</a>'
        '<a href="../../">home</a><a href="#">top</a><img src="../../img/a.png">'
        '<a href="https://example.org/">out</a><a href="../../catalog.json">data</a>'
    )
    out = rewrite_page(html, "training/peft/", "training-peft", keys, "single-page/")
    assert 'id="training-peft--lora"' in out
    assert 'href="#training-peft--lora"' in out
    assert 'href="#page-topics-lora"' in out
    assert 'href="#topics-lora--x"' in out
    assert 'href="#page-home"' in out
    assert 'href="#page-training-peft"' in out
    assert 'src="../img/a.png"' in out
    assert 'href="https://example.org/"' in out
    assert 'href="../catalog.json"' in out


@dataclass
class _File:
    src_uri: str


@dataclass
class _Page:
    url: str
    src_uri: str

    @property
    def file(self) -> _File:
        return _File(self.src_uri)


def test_pages_outside_the_navigation_follow_their_folder() -> None:
    nav = [_Page("", "index.md"), _Page("topics/", "topics/index.md"), _Page("topics/all/", "topics/all.md"),
           _Page("about/", "about/index.md")]
    other = [_Page("topics/a/", "topics/a.md"), _Page("topics/b/", "topics/b.md"), _Page("x/y/", "x/y.md")]
    links = {"topics/": ["topics/b/", "topics/a/"], "": ["topics/a/"]}
    order = [p.url for p in page_order(nav, other, links)]
    assert order == ["", "topics/", "topics/all/", "topics/b/", "topics/a/", "about/", "x/y/"]
