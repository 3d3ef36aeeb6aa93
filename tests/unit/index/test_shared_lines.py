"""A generated page's resource lines rendered once per script: the page's HTML is what MkDocs
itself renders from the page's Markdown."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hooks.check.sanitize import published, published_link, sanitize
from hooks.index.shared_lines import (
    Allowlist,
    RenderedLine,
    SharedLines,
    Tokens,
    _UrlsAside,
    in_text,
    render_line,
    render_line_list,
    render_lines,
)

EXTENSIONS = """
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.mark
  - pymdownx.superfences
"""
LINE = ('- <span class="kb-type" hidden>文章</span> [**深入** LoRA](https://example.com/a?x=1&y=2) — 笔记 `code`'
        ' <small class="kb-where">见于 [微调](../training/peft.md#lora)、[总览](../index.md)</small>')
OTHER = "- [另一条](https://example.org/b) · [配套代码](../training/peft.md)"
TOKENS = Tokens("test")
PAGES = ("index.md", "training/peft.md", "topics/lora.md", "topics/all.md", "topics/index.md")
PAGE_ALLOWLIST = Allowlist(published, published_link)
HOSTILE = [
    "- [x](javascript:alert(1)) and [y](https://example.com/a)",
    "- <img src=x onerror=alert(1)> [a](https://example.com/b)",
    "- <b>never closed [a](../training/peft.md)",
    "- </li></ul><script>alert(1)</script>",
    "- [q](https://example.com/?a=1&b=<2>&c=\"3\") <span hidden>藏</span>",
    "- [p](//evil.example/x) <span id=\"__config\">x</span>",
]


@pytest.fixture
def site(tmp_path: Path) -> tuple[MkDocsConfig, Files]:
    docs = tmp_path / "docs"
    for name in PAGES:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n" + EXTENSIONS, encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), use_directory_urls=True) for name in PAGES])
    return config, files


def mkdocs_html(markdown: str, src: str, config: MkDocsConfig, files: Files) -> tuple[str, Page]:
    """What MkDocs renders for a page of this Markdown (the truth ``fill`` must equal)."""
    file = files.get_file_from_path(src)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = markdown
    page.render(config, files)
    assert page.content is not None
    return page.content, page


def shared_html(shared: SharedLines, markdown: str, src: str, config: MkDocsConfig, files: Files
                ) -> tuple[str, dict]:
    stashed = shared.stash(markdown, "zh", config, None)
    file = files.get_file_from_path(src)
    assert file is not None
    html, _ = mkdocs_html(stashed, src, config, files)
    return shared.fill(html, "zh", file, files, config)


@pytest.mark.parametrize("src", ["topics/lora.md", "topics/all.md", "topics/index.md"])
def test_every_page_gets_what_mkdocs_renders_from_its_own_markdown(site, src: str) -> None:
    config, files = site
    shared = SharedLines()
    shared.start([LINE, OTHER])
    markdown = f"# 标题\n\n{LINE}\n{OTHER}\n\n<div markdown>\n\n{LINE}\n\n</div>\n"
    html, _ = shared_html(shared, markdown, src, config, files)
    expected, _ = mkdocs_html(markdown, src, config, files)
    assert html == expected
    assert "KBLINE" not in html and "KBURL" not in html


@pytest.mark.parametrize("markdown", [
    f"{LINE}\n{OTHER}\n",  # the text's edges
    f"# 标题\n\n{LINE}\n{OTHER}\n\n正文\n",
    f"- [another list](x.md)\n\n{LINE}\n",  # a list before, across a blank line: one loose list
    f"{LINE}\n\n1. [a numbered list](x.md)\n",
    f"{LINE}\n\n    indented: the item's second paragraph\n",
    f"正文\n{LINE}\n",  # no blank line before
    f"{LINE}\n正文紧接\n",  # no blank line after: the item's lazy continuation
    f"<div markdown>\n\n{LINE}\n{OTHER}\n\n</div>\n\n{OTHER}\n",
])
def test_lines_that_make_a_list_of_their_own_are_one_token_and_render_as_mkdocs_does(site, markdown: str) -> None:
    config, files = site
    shared = SharedLines()
    shared.start([LINE, OTHER])
    html, _ = shared_html(shared, markdown, "topics/lora.md", config, files)
    expected, _ = mkdocs_html(markdown, "topics/lora.md", config, files)
    assert html == expected
    assert shared.tokens.nonce not in html


def test_a_list_of_its_own_is_one_paragraph_token_and_a_joined_one_stays_line_by_line(site) -> None:
    config, _ = site
    shared = SharedLines()
    shared.start([LINE, OTHER])
    alone = shared.stash(f"# 标题\n\n{LINE}\n{OTHER}\n", "zh", config, None)
    assert alone == f"# 标题\n\n{shared.tokens.list(0)}\n"
    joined = shared.stash(f"- [x](y.md)\n\n{LINE}\n{OTHER}\n", "zh", config, None)
    numbers = (shared.numbers[LINE], shared.numbers[OTHER])
    assert joined.splitlines()[2:] == [f"- {shared.tokens.line(n)}" for n in numbers]


def test_a_list_token_out_of_its_paragraph_is_an_error_not_text(site) -> None:
    config, files = site
    file = files.get_file_from_path("topics/lora.md")
    assert file is not None
    shared = SharedLines()
    shared.start([LINE])
    shared.stash(f"{LINE}\n", "zh", config, None)
    with pytest.raises(PluginError, match="^topics/lora.md: the place of a list of resources ends up inside a tag"):
        shared.fill(f"<div>{shared.tokens.list(0)}</div>", "zh", file, files, config)
    with pytest.raises(KeyError, match="no list for"):
        shared.fill(f"<p>{shared.tokens.list(5)}</p>", "zh", file, files, config)


@pytest.mark.parametrize("src", ["topics/lora.md", "topics/all.md"])
def test_with_the_allowlist_every_page_is_what_the_allowlist_makes_of_mkdocs_html(site, src: str) -> None:
    """The build's order: the page around the tokens through the allowlist, then the lines the
    allowlist made once; the same HTML and the same removals as the whole page through it."""
    config, files = site
    shared = SharedLines(allowlist=PAGE_ALLOWLIST)
    shared.start([LINE, OTHER, *HOSTILE])
    markdown = "\n".join(["# 标题", "", LINE, OTHER, *HOSTILE, "", "<div markdown>", "", OTHER, "", "</div>", ""])
    file = files.get_file_from_path(src)
    assert file is not None
    around, removed = sanitize(mkdocs_html(shared.stash(markdown, "zh", config, None), src, config, files)[0])
    html, _ = shared.fill(around, "zh", file, files, config)
    expected, expected_removed = sanitize(mkdocs_html(markdown, src, config, files)[0])
    assert html == expected
    assert sorted(removed) == sorted(expected_removed) and removed
    assert shared.tokens.nonce not in html
    numbers = [shared.numbers[line] for line in (LINE, OTHER, HOSTILE[-2])]
    assert all(shared.rendered[("zh", n)] is not None for n in numbers)  # kept (hidden="" as published)
    assert all(shared.rendered[("zh", shared.numbers[line])] is None for line in HOSTILE[:4] + HOSTILE[-1:])


@pytest.mark.parametrize("around", ['<span title="a\n- {token}\nb" lang="x">y</span>', '<a href="{token}">x</a>',
                                    '<p title="{token}"></p>'])
def test_a_line_token_inside_a_tag_stops_the_build_and_is_never_filled(site, around: str) -> None:
    """Text that carries a token into an attribute's value (a data file's name written into a
    tag): the line's HTML would break out of the value there, after the allowlist has read it."""
    config, files = site
    shared = SharedLines(allowlist=PAGE_ALLOWLIST)
    shared.start([LINE])
    shared.stash(LINE + "\n", "zh", config, None)
    file = files.get_file_from_path("topics/lora.md")
    assert file is not None
    html, _ = sanitize(around.format(token=shared.tokens.line(0)))
    assert shared.tokens.line(0) in html
    with pytest.raises(PluginError, match="^topics/lora.md: the place of a resource line ends up inside a tag .* "
                                          "write them as plain text on one line$"):
        shared.fill(html, "zh", file, files, config)


def test_in_text_tells_text_from_the_inside_of_a_tag() -> None:
    html = '<p title="x &gt; y">ab<i>c</i></p>'
    assert [in_text(html, i) for i in (0, 3, 12, 20, 21, 23, 25)] == [True, False, False, True, True, False, True]


def test_a_link_that_the_allowlist_removes_only_once_resolved_stops_the_build_naming_the_page(site) -> None:
    """MkDocs writes a page's address with ':' escaped, so no resolved link takes a scheme; were an
    allowlist to refuse a link only as resolved, the page would not be published with it."""
    config, files = site
    line = "- [x](../training/peft.md)"
    refusing = Allowlist(published, lambda href: None if "peft/" in href else published_link(href))
    shared = SharedLines(allowlist=refusing)
    shared.start([line])
    file = files.get_file_from_path("topics/lora.md")
    assert file is not None
    around, _ = sanitize(mkdocs_html(shared.stash(line + "\n", "zh", config, None), "topics/lora.md", config, files)[0])
    with pytest.raises(PluginError, match="^topics/lora.md: the link '../training/peft.md' of a listed resource "
                                          "becomes '../../training/peft/' on this page, which the allowlist removes"):
        shared.fill(around, "zh", file, files, config)


def test_a_line_is_rendered_once_for_all_pages_of_a_script(site) -> None:
    config, files = site
    shared = SharedLines()
    shared.start([LINE])
    for src in ("topics/lora.md", "topics/all.md"):
        shared_html(shared, LINE + "\n", src, config, files)
    assert list(shared.rendered) == [("zh", 0)]
    shared.stash(LINE, "zh-Hant", config, lambda text: text.replace("笔记", "筆記"))
    hant, hans = shared.rendered[("zh-Hant", 0)], shared.rendered[("zh", 0)]
    assert hant is not None and hans is not None
    assert "筆記" in hant.html and "笔记" in hans.html


def test_links_to_anchors_are_the_pages_own_as_mkdocs_records_them(site) -> None:
    config, files = site
    shared = SharedLines()
    shared.start([LINE])
    _, anchors = shared_html(shared, LINE + "\n", "topics/lora.md", config, files)
    _, page = mkdocs_html(LINE + "\n", "topics/lora.md", config, files)
    assert anchors == page.links_to_anchors
    assert anchors == {files.get_file_from_path("training/peft.md"): {"lora": "../training/peft.md#lora"}}


def test_a_missing_target_gets_mkdocs_warning_naming_the_page(site, caplog) -> None:
    config, files = site
    line = "- [缺失](../nowhere.md)"
    shared = SharedLines()
    shared.start([line])
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        html, _ = shared_html(shared, line + "\n", "topics/lora.md", config, files)
    assert "Doc file 'topics/lora.md' contains a link '../nowhere.md'" in caplog.text
    assert 'href="../nowhere.md"' in html


@pytest.mark.parametrize("line", ["a paragraph, not an item", "- item *x*{: #its-id }",
                                  "- an <span id=\"q\">anchor</span>", "- one\n- two"])
def test_what_is_not_one_plain_list_item_stays_in_the_page(site, line: str) -> None:
    config, _ = site
    shared = SharedLines()
    shared.start([line])
    assert shared.stash(line, "zh", config, None) == line


def test_render_line_gives_the_item_html_and_its_links() -> None:
    aside = _UrlsAside(TOKENS)
    md = markdown.Markdown()
    md.treeprocessors.register(aside, "relpath", 0)
    rendered = render_line("- [a](x.md) and ![b](y.png)", md, aside)
    assert rendered is not None
    assert rendered.html == '<a href="KBURLtestN0Z">a</a> and <img alt="b" src="KBURLtestN1Z" />'
    assert rendered.urls == ("x.md", "y.png")


def test_a_token_without_its_line_is_an_error_not_text(site) -> None:
    config, files = site
    file = files.get_file_from_path("topics/lora.md")
    assert file is not None
    shared = SharedLines()
    with pytest.raises(KeyError, match=shared.tokens.line(7)):
        shared.fill(f"<li>{shared.tokens.line(7)}</li>", "zh", file, files, config)


def test_a_page_or_a_note_that_writes_a_token_keeps_its_text(site) -> None:
    """Tokens hold a part drawn at random for each run: text cannot name a line or a link."""
    config, files = site
    line = "- [x](../training/peft.md) — KBLINE0Z KBURL0Z"
    shared = SharedLines()
    shared.start([line])
    html, _ = shared_html(shared, f"KBLINE0Z\n\n{line}\n", "topics/lora.md", config, files)
    expected, _ = mkdocs_html(f"KBLINE0Z\n\n{line}\n", "topics/lora.md", config, files)
    assert html == expected
    assert SharedLines().tokens.nonce != shared.tokens.nonce


def with_urls(rendered: RenderedLine | None) -> str | None:
    """A rendered line with its links put back: what it says, whatever its tokens' numbers."""
    return None if rendered is None else TOKENS.url_re.sub(lambda m: rendered.urls[int(m.group(1))], rendered.html)


def test_lines_rendered_as_one_list_equal_each_line_rendered_alone() -> None:
    aside = _UrlsAside(TOKENS)
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "pymdownx.mark", "pymdownx.superfences"])
    md.treeprocessors.register(aside, "relpath", 0)
    lines = [LINE, OTHER, "- `code` and ==mark== and *em*", "- <small>raw</small> [x](../a.md#b)", "- trailing  "]
    together = render_line_list(lines, md, aside)
    assert together is not None
    alone = [render_line(line, md, aside) for line in lines]
    assert None not in alone
    assert [with_urls(r) for r in together] == [with_urls(r) for r in alone]
    assert with_urls(together[3]) == '<small>raw</small> <a href="../a.md#b">x</a>'


def test_a_line_that_is_not_one_item_sends_the_list_back_to_one_line_at_a_time() -> None:
    aside = _UrlsAside(TOKENS)
    md = markdown.Markdown(extensions=["attr_list"])
    mixed = [LINE, "- item *x*{: #its-id }"]
    assert render_line_list(mixed, md, aside) is None
    assert [r is None for r in render_lines(mixed, md, aside)] == [False, True]
