"""hooks/check/sanitize.py: the element count that spares most pages the HTML parser, the check
of a page's source that names the line of each removal, and ``clean`` publishing what
``sanitize`` keeps."""

import random
import re
from collections import Counter

import markdown
import pytest
from bs4 import BeautifulSoup

from hooks import paths
from hooks.check.sanitize import (
    check_page_html,
    clean,
    markdown_renderer,
    published,
    published_link,
    sanitize,
    scheme_words,
    start_tags,
    tag_names,
)


@pytest.mark.parametrize("text", [
    'javascript:alert(1) <a href="JaVaScRiPt:x">', "9abc:def: 1a2b: +.x-y: ::: a:b:c", "no colon at all",
    "https://example.com/a?b=c:d", "x9abc:", "漢字abc:文字", "1+2.3-: é1x:",
])
def test_scheme_words_are_the_words_a_scheme_pattern_finds_left_to_right(text: str) -> None:
    forward = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
    assert scheme_words(text) == {word.lower() for word in forward.findall(text)}


def test_scheme_words_equal_the_forward_pattern_on_random_text() -> None:
    forward = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice("ab9+.-:X /\n字") for _ in range(rng.randint(0, 16)))
        assert scheme_words(text) == {word.lower() for word in forward.findall(text)}, text


@pytest.mark.parametrize("href", [
    "https://example.com/a", "../../training/peft/#lora", "javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x",
    "//evil.example/x", "/\\evil.example", "data:text/html,x", "mailto:a@b.c", "ftp://x", "a:b", "./x:y", "#e-1",
    "https://example.com/?a=1&amp;b=2", "https://example.com/&lt;x&gt;", "https://example.com/&quot;q&quot;",
    "https://example.com/\u00a0x", "http://[bad", "%20x", "",
])
def test_published_link_is_what_the_allowlist_publishes_of_a_link(href: str) -> None:
    html = published(f'<a href="{href}"></a>')
    if html is None or 'href="' not in html:
        assert published_link(href) is None
    else:
        assert html == f'<a href="{published_link(href)}"></a>'


def test_published_html_is_none_when_anything_is_removed() -> None:
    assert published('<span hidden>x</span>') == '<span hidden="">x</span>'
    assert published('<span onclick="x()">x</span>') is None


def test_tag_names_bound_what_an_html_parser_counts() -> None:
    html = ('<p title="a <b> c">x</p><!-- <script>alert(1)</script> --><DIV>y</DIV>'
            '<style>p > i {}</style><br/>')
    bound, parsed = tag_names(html), start_tags(html)
    assert all(bound[name] >= count for name, count in parsed.items())
    assert bound["script"] == 1 and "script" not in parsed  # a comment: text, not an element
    assert bound["div"] == parsed["div"] == 1


def test_tag_names_are_exact_on_sanitised_html() -> None:
    clean, _ = sanitize('<p title="a <b> c">x <i>y</i></p><!-- <script> --><svg><path d="M0"/></svg>')
    assert tag_names(clean) == start_tags(clean) == Counter({"p": 1, "i": 1, "svg": 1, "path": 1})


def test_tags_in_comments_and_attribute_values_are_not_removals() -> None:
    html = '<p title="&lt;script&gt; or <script>">x</p><!-- <iframe src="x"></iframe> -->'
    safe, removed = sanitize(html)
    assert removed == []
    assert "<p" in safe and "<iframe" not in safe


def test_a_removed_element_is_still_reported_beside_an_allowed_one() -> None:
    _, removed = sanitize("<p>a</p><script>alert(1)</script><p>b</p>")
    assert removed == ["raw HTML <script> is not allowed"]


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html"])


def test_check_page_html_names_the_source_line_of_each_removal() -> None:
    text = "---\ntitle: x\n---\n\n# 标题\n\n正文\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">y</p>\n"
    findings = check_page_html("docs/x.md", text, 3, _render)
    by_line = {f.line: f for f in findings}
    assert sorted(by_line) == [9, 11] and {f.code for f in findings} == {"unsafe-html"}
    assert "<script>" in by_line[9].reason and "onclick" in by_line[11].reason


def test_check_page_html_finds_nothing_in_plain_markdown() -> None:
    assert check_page_html("docs/x.md", "# 标题\n\n- [a](https://a.example/) `<script>`\n", 0, _render) == []


# ---------------------------------------------------------------- clean: what the build publishes

HOSTILE = [
    "<p>a</p><script>alert(1)</script>", '<iframe src="https://example.com/"></iframe>',
    '<OBJECT data="x.swf"></OBJECT>',
    '<img src="x.png" onerror="alert(1)" alt="图">', '<img src="x"onerror=alert(1)>', "<svg/onload=alert(1)>",
    "<!--><img src=x onerror=alert(1)>-->", '<a href="javascript:alert(1)" class="x">链接</a>',
    '<a href=" jav&#x61;script:alert(1)">x</a>', '<a href="java\nscript:x">x</a>', '<a href="JaVaScRiPt:x">x</a>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', "<svg><foreignObject><p>x</p></foreignObject></svg>",
    "<svg><kbd>x</kbd></svg>", '<div><p onclick="alert(1)">x</p></div>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><input name="q"></form>', '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>", '<p aria-label="x" data-x="1" style="color:red" id="b" title="t">y</p>',
    # protocol-relative and other URL forms
    '<a href="//evil.example/">x</a>', '<a href=" /\t/evil">x</a>', '<a href="\\\\evil">x</a>',
    '<a href="/\\evil">x</a>', '<a href="\\/evil">x</a>', '<a href="\x01//evil">x</a>',
    '<a href=" \n//evil">x</a>', '<a href="&#x2F;&#x2F;evil">x</a>', '<img src="//x/y.png">',
    '<a href="vbscript:x">x</a>', '<a href="file:///etc/passwd">x</a>', '<a href="tel:1">x</a>',
    '<a href="data:text/html,x">x</a>', '<img src="data:image/png;base64,AAAA">', '<a href="foo:bar">x</a>',
    '<a href="c:\\x">x</a>', '<a href="tg://resolve?domain=x">x</a>', '<img src="chrome-extension://x/y.png">',
    # attributes allowed with some values only
    '<input type="radio">', '<a target="_top">x</a>', '<table><tr><th style=" text-align:right">x</th></tr></table>',
    '<table><tr><td style="color: red">x</td></tr></table>',
    '<svg viewbox="0 0 1 1" onload="x"><path d="M0" fill="red" stroke="x"/></svg>', '<col span="2">',
]
ORDINARY = [  # nothing to report
    '<a href="/%2F/evil">x</a>', '<a href="\u3000//evil">x</a>', '<a href="http:/\\evil">x</a>',
    '<input type="CHECKBOX">', '<input type="chec\u212abox">', '<a target="_BLANK" href="https://a">x</a>',  # any case
    '<table><tr><td style="TEXT-ALIGN: left">x</td></tr></table>',
    '<a href="#frag">x</a>', '<a href="../x/">x</a>', '<a href="mailto:a@b">x</a>', '<a href="HTTPS://x">x</a>',
    '<a href="https://a" rel="nofollow" target="_blank">x</a>', '<input type="checkbox" checked disabled>',
    '<table><tr><th style="text-align: left;" scope="col" colspan="2" rowspan="1" align="left">x</th>'
    '<td style="text-align:center">y</td></tr></table>',
    '<ol start="3" type="a" reversed><li value="2">x</li></ol>', '<time datetime="2020">x</time>',
    '<label for="x">y</label>', '<details open><summary>s</summary>x</details>',
    '<img width="1" height="2" loading="lazy" src="a.png" alt="">', '<div data-search-exclude>x</div>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" width="1" height="1" fill="none" focusable="false">'
    '<path d="M0" fill="x"/></svg>', '<a name="x" hidden role="note" dir="ltr" lang="zh" aria-hidden="true">x</a>',
]


def _elements(html: str) -> tuple[list, str]:
    """Each element with its attributes (in any order), and the text: what a reader's browser has."""
    soup = BeautifulSoup(html, "html.parser")
    return [(tag.name, sorted(tag.attrs.items())) for tag in soup.find_all(True)], soup.get_text()


@pytest.mark.parametrize("html", HOSTILE)
def test_clean_publishes_what_sanitize_keeps_of_hostile_html(html: str) -> None:
    """Where something goes, ammonia may list the remaining attributes in another order."""
    safe, removed = sanitize(html)
    assert removed
    assert _elements(clean(html)) == _elements(safe)


@pytest.mark.parametrize("html", ORDINARY)
def test_clean_leaves_ordinary_html_as_sanitize_does(html: str) -> None:
    assert sanitize(html) == (clean(html), [])


def test_clean_and_sanitize_agree_on_every_page_of_the_docs() -> None:
    render = markdown_renderer(paths.ROOT)
    pages = sorted((paths.ROOT / "docs").rglob("*.md"))
    assert len(pages) > 30
    for page in pages:
        html = render(page.read_text(encoding="utf-8"))
        assert sanitize(html) == (clean(html), []), page


def test_a_url_of_any_scheme_not_allowed_is_reported() -> None:
    for html, scheme in [('<a href="foo:bar">x</a>', "foo"), ('<a href="TG://resolve">x</a>', "tg"),
                         ('<img src="chrome-extension://x/y.png">', "chrome-extension"),
                         ('<a href="f&#111;o:bar">x</a>', "foo"), ('<a href="f&#x6F;o&#9;o:bar">x</a>', "fooo")]:
        safe, removed = sanitize(html)
        assert removed == [f"URL scheme '{scheme}:' in {'src' if 'img' in html else 'href'}= on "
                           f"<{'img' if 'img' in html else 'a'}> is not allowed"], html
        assert scheme not in safe.lower()


# ---------------------------------------------------------------- exactly what is kept and reported


@pytest.mark.parametrize("html, kept, gone", [
    ("<p>a</p><script>alert(1)</script>", "<p>a</p>", "script"),
    ('<iframe src="https://example.com/"></iframe>', "", "iframe"),
    ('<OBJECT data="x.swf"></OBJECT>', "", "object"),
    ('<img src="x.png" onerror="alert(1)" alt="图">', '<img src="x.png" alt="图">', "onerror"),
    ('<img src="x"onerror=alert(1)>', '<img src="x">', "onerror"),
    ("<svg/onload=alert(1)>", "<svg></svg>", "onload"),
    ("<!--><img src=x onerror=alert(1)>-->", '<img src="x">--&gt;', "onerror"),
    ('<a href="javascript:alert(1)" class="x">链接</a>', '<a class="x">链接</a>', "javascript"),
    ('<a href=" jav&#x61;script:alert(1)">x</a>', "<a>x</a>", "script:"),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "<svg></svg>", "javascript"),
    ('<div><p onclick="alert(1)">x</p></div>', "<div><p>x</p></div>", "onclick"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "", "refresh"),
    ('<form action="https://evil.example/"><input name="q"></form>', "<input>", "form"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "", "stylesheet"),
    ("<style>body{display:none}</style>", "", "display"),
    ('<a href="//evil.example/">x</a>', "<a>x</a>", "evil"),
])
def test_sanitize_keeps_exactly_what_the_allowlist_allows(html: str, kept: str, gone: str) -> None:
    safe, removed = sanitize(html)
    assert safe == kept
    assert gone not in safe.lower()
    assert removed


@pytest.mark.parametrize("html, name", [
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "animate"),
    ('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', "set"),
    ("<svg><foreignObject><p>x</p></foreignObject></svg>", "foreignobject"),
    ("<svg><kbd>x</kbd></svg>", "kbd"),
])
def test_sanitize_reports_what_ammonia_drops_by_itself(html: str, name: str) -> None:
    """ammonia drops SVG animation children and elements out of their namespace whatever it is
    told: they are reported like any other removal."""
    safe, removed = sanitize(html)
    assert f"<{name}" not in safe.lower()
    assert f"raw HTML <{name}> is not allowed" in removed


def test_sanitize_leaves_ordinary_html_alone() -> None:
    html = ('<div class="grid cards"><p><a href="https://example.com/" rel="noopener" target="_blank">链接</a>'
            '<code>&lt;script&gt;</code><img alt="a &gt; b" src="x.png"></p></div>'
            '<table><tbody><tr><th style="text-align: left;">a</th></tr></tbody></table>')
    assert sanitize(html) == (html, [])
