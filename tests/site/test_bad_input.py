"""Bad input is refused with a message naming the file, the line, the reason and the fix.

Each case changes a copy of the real project (tests/project_copy.py) in a temporary folder.
Cases that do not disturb each other share one copy (`batches`), and the cases that stop the
build share copies of their own. Each copy is checked once with the standalone check,
`python -m hooks.check`, and built once with `mkdocs build --strict`, two copies at a time;
every case is then looked for, at its own file and line, in its copy's output, and no build
may end in a traceback. MkDocs 1.6 renders and writes every page with or without `--strict`
and only then fails on the warnings it counted (mkdocs/commands/build.py), so the pages of the
strict build are those a plain build publishes: the script-capable cases' pages are read for
unsafe HTML and opened in Chromium. The real project passes the same checks with no finding.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT, _clean_env
from project_copy import SHARED, ChangedCopy, copy_project
from site_model import one
from test_bad_data_files import ALIAS_BOMB, HUGE_INT

from hooks.check.shape import LIMITS

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Request

SECTION_PAGE = "docs/training/peft.md"
ABOUT_PAGE = "docs/about/index.md"
KNOWN_URL = "https://zhuanlan.zhihu.com/p/635152813"  # listed on the section page above
ABOUT = ("about/index.html", "zh-Hant/about/index.html")
TRAINING = ("training/index.html", "zh-Hant/training/index.html")
# Pages of their own for the changes that replace or insert lines, so that one copy holds them all;
# none is the only page of a topic's entries or of a reading-path entry (a broken page loses its entries)
UNCLOSED_PAGE = "docs/articles/index.md"
DUPLICATE_KEY_PAGE = "docs/systems/index.md"
EMPTY_TITLE_PAGE = "docs/data.md"
TOPICS_PAGE = "docs/inference/frameworks.md"
TITLE_PAGE = "docs/overview/index.md"
DESCRIPTION_PAGE = "docs/compression/index.md"
BOM_PAGE = "docs/systems/llmops.md"
UTF8_PAGE = "docs/overview/chatgpt-news.md"
ENTRY_ATTRIBUTE_PAGE = "docs/systems/environment.md"
SUBTITLE_PAGE = "docs/training/practice.md"
STATUS_PAGE = "docs/systems/localization.md"
PAYLOAD_SCRIPT = "/llm-kb/javascripts/payload.js"  # what a script list in front matter asked every page to load


def both_scripts(rel: str) -> tuple[str, str]:
    """A built page in both scripts: ``training/rlhf/index.html`` and its zh-Hant page."""
    return rel, "zh-Hant/" + rel


# ---------------------------------------------------------------- project copies


def append(project: Path, rel: str, text: str) -> int:
    """Append lines to a file; returns the line number of the first non-blank appended line."""
    path = project / rel
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    lines_before = before.count("\n")
    leading_blank = len(text) - len(text.lstrip("\n"))
    return lines_before + leading_blank + 1


def replace_line(project: Path, rel: str, starts_with: str, new: str) -> int:
    """Replace the first line starting with `starts_with`; returns its line number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts_with))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def insert_after(project: Path, rel: str, starts_with: str, new: str) -> int:
    """Insert a line after the first line starting with `starts_with`; returns its number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts_with)) + 1
    lines.insert(number, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def section(text: str) -> str:
    """Markdown appended to a section page: a new section holding the given lines."""
    return "\n## 测试小节\n\n" + text


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """A change to the project, and the finding it must produce (`path:line: …reason…`)."""

    name: str
    path: str
    apply: Callable[[Path], int]  # makes the change, returns the line the finding must name
    reason: str  # a regular expression the reason must match
    pages: tuple[str, ...] = ()  # script-capable: the built pages (both scripts) a browser opens
    stops: bool = False  # stops the build before pages are written (its finding is logged first):
    # shares a copy only with other such cases
    reads: tuple[str, ...] = ()  # other files its finding needs unchanged (unknown topics: topics.yml)

    @property
    def appends(self) -> bool:
        return getattr(self.apply, "appends", False)


def appending(apply: Callable[[Path], int]) -> Callable[[Path], int]:
    """Mark a change that only appends to its file: several such changes can share a copy."""
    apply.appends = True  # type: ignore[attr-defined]  # read back by Case.appends
    return apply


def _entry(text: str) -> Callable[[Path], int]:
    return appending(lambda p: append(p, SECTION_PAGE, section(text + "\n")) + 2)  # heading, blank line, entry


def _about(text: str) -> Callable[[Path], int]:
    return appending(lambda p: append(p, ABOUT_PAGE, "\n" + text + "\n"))


def _front_matter(rel: str, text: str) -> Callable[[Path], int]:
    """Front-matter lines put right after a page's opening ``---`` (line 2)."""
    return lambda p: insert_after(p, rel, "---", text.rstrip("\n"))


def _front_matter_page(rel: str, text: str) -> Callable[[Path], int]:
    """A new page whose front matter starts with these lines (line 2): one the build leaves out,
    so that no topic loses its entries."""
    return lambda p: _write(p, rel, f"---\n{text}title: 甲\n---\n\n# 甲\n\n正文。\n") + 1


TOPICS = "hooks/data/topics.yml"
NO_MATCH_TOPIC = ("  - slug: no-match\n    name: 无匹配\n    category: evaluation\n"
                  "    aliases: [一个不会出现的写法]\n    description: 没有条目的主题。\n")


CASES = [
    Case("front-matter-invalid-yaml", SECTION_PAGE,
         lambda p: replace_line(p, SECTION_PAGE, "description:", "description: 说明: 冒号后有空格的值没有加引号"),
         r"front matter: not valid YAML", stops=True),
    Case("front-matter-unclosed", UNCLOSED_PAGE,
         lambda p: _drop_closing_front_matter(p, UNCLOSED_PAGE),
         r"front matter is never closed"),
    Case("front-matter-duplicate-key", DUPLICATE_KEY_PAGE,
         lambda p: insert_after(p, DUPLICATE_KEY_PAGE, "description:", "title: 又一个标题"),
         r"key 'title' is given twice"),
    Case("front-matter-empty-title", EMPTY_TITLE_PAGE,
         lambda p: replace_line(p, EMPTY_TITLE_PAGE, "title:", "title:"),
         r"'title' must be a non-empty text"),
    Case("entry-unclosed-link", SECTION_PAGE, _entry("- [没有闭合的链接](https://example.com/unclosed — 说明"),
         r"unclosed link", stops=True),
    Case("entry-empty-title", SECTION_PAGE, _entry("- [](https://example.com/no-title) — 说明"),
         r"empty link text", stops=True),
    Case("entry-empty-url", SECTION_PAGE, _entry("- [有标题没有链接]() — 说明"),
         r"empty URL", stops=True),
    Case("entry-javascript-url", SECTION_PAGE, _entry("- [标题](javascript:alert(1)) — 说明"),
         r"URL scheme 'javascript:' is not allowed", stops=True),
    Case("link-data-url", ABOUT_PAGE, _about("另见[这里](data:text/html;base64,PHNjcmlwdD4=)。"),
         r"URL scheme 'data:' is not allowed .*run script", pages=ABOUT),
    Case("image-file-url", ABOUT_PAGE, _about("![配图](file:///etc/passwd)"),
         r"URL scheme 'file:' is not allowed"),
    Case("reference-vbscript-url", ABOUT_PAGE, _about("[ref]: vbscript:msgbox(1)"),
         r"URL scheme 'vbscript:' is not allowed"),
    Case("html-script", ABOUT_PAGE, _about("<script>alert(1)</script>"),
         r"raw HTML <script> is not allowed", pages=ABOUT),
    Case("html-iframe", ABOUT_PAGE, _about('<iframe src="https://example.com/"></iframe>'),
         r"raw HTML <iframe>", pages=ABOUT),
    Case("html-object", ABOUT_PAGE, _about('<object data="movie.swf"></object>'),
         r"raw HTML <object>", pages=ABOUT),
    Case("html-event-handler", ABOUT_PAGE, _about('<img src="x.png" alt="图" onerror="alert(1)">'),
         r"event-handler attribute onerror=", pages=ABOUT),
    Case("html-javascript-href", ABOUT_PAGE, _about('<a href="javascript:alert(1)">链接</a>'),
         r"URL scheme 'javascript:' is not allowed", pages=ABOUT),
    Case("attribute-list-event-handler", ABOUT_PAGE,
         _about('[链接](https://example.com/){ onclick="alert(1)" }'),
         r"event-handler attribute onclick= on <a> runs script", pages=ABOUT),
    Case("duplicate-url", SECTION_PAGE, _entry(f"- [同一篇文章再收录一次]({KNOWN_URL}) — 说明"),
         r"the same URL is listed twice on this page \(first at line \d+\)"),
    Case("empty-section", SECTION_PAGE,
         appending(lambda p: append(p, SECTION_PAGE, section("原合集在这一小节还没有列出文章。\n"))),
         r"the section '测试小节' holds no entry"),
    Case("pointing-note", SECTION_PAGE, _entry("- [配套网站](https://example.com/pointing) — 上一条那本书的网站"),
         r"the note of '配套网站' says '上一条' \(the entry above\)"),
    Case("debris-note", SECTION_PAGE,
         _entry("- [某个论文仓库](https://example.com/debris) — GitHub 仓库，原合集只给出了地址"),
         r"the note of '某个论文仓库' says '原合集' \(the source list\)"),
    Case("nothing-claim", SECTION_PAGE,
         appending(lambda p: append(p, SECTION_PAGE, section(
             "这一节暂无可收录的文章。\n\n- [后来导入的文章](https://example.com/nothing)\n")) + 2),
         r"the text under '测试小节' says '暂无可收录' above 1 entries"),
    Case("unknown-topic-on-entry", SECTION_PAGE,
         _entry('- [标题](https://example.com/topic) — 说明 { topics="lroa" }'),
         r"unknown topic 'lroa'.*did you mean lora", stops=True, reads=(TOPICS,)),
    Case("unknown-topic-in-front-matter", TOPICS_PAGE,
         lambda p: insert_after(p, TOPICS_PAGE, "description:", 'topics: "no-such-topic"'),
         r"unknown topic 'no-such-topic'", stops=True, reads=(TOPICS,)),
    Case("unknown-topic-on-a-listed-entry", ENTRY_ATTRIBUTE_PAGE,
         lambda p: _add_to_line(p, ENTRY_ATTRIBUTE_PAGE, "- [Linux 常见命令大全](", ' { topics="no-such-topic" }'),
         r"unknown topic 'no-such-topic'", stops=True, reads=(TOPICS,)),
    Case("broken-link", ABOUT_PAGE, _about("参见[不存在的页面](../training/no-such-page.md)。"),
         r"points at training/no-such-page\.md, which does not exist"),
    Case("broken-anchor", ABOUT_PAGE, _about("参见[来源](sources.md#no-such-heading)。"),
         r"about/sources\.md has no heading or anchor '#no-such-heading'"),
    Case("absolute-link", ABOUT_PAGE, _about("参见[来源](/about/sources.md)。"),
         r"absolute link"),
    Case("traditional-script", ABOUT_PAGE, _about("這個頁面是用繁體字寫的，應該改成簡體。"),
         r"written in traditional script \(這→这"),
    Case("glossary-duplicate-term", "hooks/data/zh_hant_terms.tsv",
         appending(lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "参数\t參數\n")),
         r"duplicate simplified term '参数'", stops=True),
    Case("glossary-malformed-line", "hooks/data/zh_hant_terms.tsv",
         lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "显卡\t顯示卡\t理由\t多余的一列\n"),
         r"expected 2 tab-separated columns", stops=True),
    Case("topics-duplicate-slug", "hooks/data/topics.yml",
         appending(lambda p: append(p, "hooks/data/topics.yml",
                                    "  - slug: lora\n    name: 重复\n    category: peft\n    aliases: [重复的写法]\n"
                                    "    description: 重复的主题。\n")),
         r"duplicate topic slug 'lora'", stops=True),
    Case("topics-invalid-yaml", "hooks/data/topics.yml",
         lambda p: append(p, "hooks/data/topics.yml", "  - slug: [broken\n"),
         r"not valid YAML", stops=True),
    Case("source-sites-duplicate-key", "hooks/data/source_sites.yml",
         lambda p: append(p, "hooks/data/source_sites.yml", "other: 又一个其他\n"),
         r"key 'other' is given twice", stops=True,
         reads=(SECTION_PAGE, TOPICS_PAGE, ENTRY_ATTRIBUTE_PAGE)),  # unreadable, it leaves the entries unread
    Case("pages-file-invalid-yaml", "docs/training/.pages",
         lambda p: append(p, "docs/training/.pages", "  - [broken\n"),
         r"not valid YAML", stops=True),
    Case("title-script", TITLE_PAGE,
         lambda p: replace_line(p, TITLE_PAGE, "title:", 'title: "综合资料<script>alert(1)</script>"'),
         r"HTML is not allowed in a page title", pages=both_scripts("overview/index.html")),
    Case("description-script", DESCRIPTION_PAGE,
         lambda p: replace_line(p, DESCRIPTION_PAGE, "description:", 'description: "<img src=x onerror=alert(1)>"'),
         r"HTML is not allowed in a page description", pages=both_scripts("compression/index.html")),
    Case("pages-title-html", "docs/compression/.pages",
         lambda p: replace_line(p, "docs/compression/.pages", "title:", 'title: "压缩<img src=x onerror=alert(1)>"'),
         r"HTML is not allowed in a navigation title", pages=both_scripts("compression/index.html")),
    Case("glossary-html", "hooks/data/zh_hant_terms.tsv",
         lambda p: append(p, "hooks/data/zh_hant_terms.tsv", "显卡\t<script>alert(1)</script>\n"),
         r"HTML is not allowed in a glossary term"),
    Case("html-attribute-without-space", ABOUT_PAGE, _about('<div><img src="x"onerror=alert(1)></div>'),
         r"event-handler attribute onerror= on <img>", pages=ABOUT),
    Case("html-slash-separator", ABOUT_PAGE, _about("<svg/onload=alert(1)>"),
         r"event-handler attribute onload= on <svg>", pages=ABOUT),
    Case("html-abrupt-comment", ABOUT_PAGE, _about("<!--><img src=x onerror=alert(1)>-->"),
         r"event-handler attribute onerror= on <img>", pages=ABOUT),
    Case("html-handler-in-div", ABOUT_PAGE,
         appending(lambda p: _about('<div markdown>\n<p onclick="alert(1)">x</p>\n</div>')(p) + 1),
         r"event-handler attribute onclick= on <p>", pages=ABOUT),
    Case("html-meta-refresh", ABOUT_PAGE, _about('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
         r"raw HTML <meta> is not allowed", pages=ABOUT),
    Case("html-form", ABOUT_PAGE, _about('<form action="https://evil.example/"><input name="q"></form>'),
         r"raw HTML <form> is not allowed", pages=ABOUT),
    Case("html-foreign-stylesheet", ABOUT_PAGE, _about('<link rel="stylesheet" href="https://evil.example/x.css">'),
         r"raw HTML <link> is not allowed", pages=ABOUT),
    Case("html-style", ABOUT_PAGE, _about("<style>body{display:none}</style>"), r"raw HTML <style> is not allowed",
         pages=ABOUT),
    Case("protocol-relative-link", ABOUT_PAGE, _about("见[这里](//evil.example/p)。"),
         r"protocol-relative link", pages=ABOUT),
    Case("invalid-utf8", UTF8_PAGE, lambda p: _append_bytes(p, UTF8_PAGE, b"x \xff y\n"),
         r"not valid UTF-8"),
    Case("duplicate-source", "docs/about/sources.md",
         lambda p: _write(p, "docs/about/sources/index.md", "# 重复\n"), r"both make the page"),
    # navigation files, topics, hand-written zh-Hant pages
    Case("pages-missing-entry", "docs/inference/.pages",
         lambda p: insert_after(p, "docs/inference/.pages", "  - frameworks.md", "  - no-such-page.md"),
         r"navigation entry 'no-such-page\.md' names a page or folder that does not exist"),
    Case("pages-unlisted-page", "docs/applications/.pages",
         lambda p: _write(p, "docs/applications/unlisted.md", "---\ntitle: 未列出的页\nkind: page\n---\n\n"
                          "# 未列出的页\n\n这一页没有列在导航里。\n") + 1,  # on the nav: line, the second
         r"page 'unlisted\.md' of applications/ is built but shown in no navigation"),
    Case("pages-javascript-link", "docs/training/.pages",
         lambda p: insert_after(p, "docs/training/.pages", "  - rlhf.md", '  - "链接": "javascript:alert(1)"'),
         r"URL scheme 'javascript:' is not allowed", pages=TRAINING),
    Case("pages-protocol-relative-link", "docs/about/.pages",
         lambda p: append(p, "docs/about/.pages", '  - "外站": "//evil.example/"\n'),
         r"protocol-relative link", pages=ABOUT),
    Case("topic-without-entries", "hooks/data/topics.yml",
         lambda p: append(p, "hooks/data/topics.yml", NO_MATCH_TOPIC),
         r"topic 'no-match' has no entry", stops=True),
    Case("topic-name-html", "hooks/data/topics.yml",
         lambda p: replace_line(p, "hooks/data/topics.yml", "    name: 检索增强生成（RAG）",
                                '    name: "检索增强生成<script>alert(1)</script>"'),
         r"HTML is not allowed in a topic name", pages=("topics/rag/index.html", "topics/index.html")),
    Case("handwritten-hant-title", "docs/evaluation.zh-Hant.md",
         lambda p: _write(p, "docs/evaluation.zh-Hant.md",
                          '---\ntitle: "測評<img src=x onerror=alert(1)>"\n---\n\n# 測評\n\n手寫的頁面。\n') + 1,
         r"HTML is not allowed in a page title", pages=("zh-Hant/evaluation/index.html",)),
    Case("bom-hides-front-matter", BOM_PAGE,
         lambda p: _with_bom(p, BOM_PAGE, "title:", 'title: "LLMOps<script>alert(1)</script>"'),
         r"HTML is not allowed in a page title", pages=("systems/llmops/index.html",)),
    Case("symlink-outside", "docs/about/leak.md", lambda p: _symlink(p, "docs/about/leak.md", "/etc/hostname"),
         r"symbolic link to /etc/hostname, outside the project"),
    # SVG and other markup the allowlist lacks
    Case("svg-animate-javascript", ABOUT_PAGE,
         _about('<svg><a href="#"><animate attributeName="href" values="javascript:alert(1)"/>'
                '<text y="10">点我</text></a></svg>'),
         r"raw HTML <animate> is not allowed", pages=ABOUT),
    Case("svg-set-handler", ABOUT_PAGE, _about('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>'),
         r"raw HTML <set> is not allowed", pages=ABOUT),
    Case("svg-foreign-object", ABOUT_PAGE,
         _about('<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>'),
         r"raw HTML <foreignobject> is not allowed", pages=ABOUT),
    Case("html-base", ABOUT_PAGE, _about('<base href="https://evil.example/">'), r"raw HTML <base> is not allowed",
         pages=ABOUT),
    Case("html-embed", ABOUT_PAGE, _about('<embed src="https://evil.example/x.swf">'),
         r"raw HTML <embed> is not allowed", pages=ABOUT),
    Case("html-iframe-srcdoc", ABOUT_PAGE, _about('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
         r"raw HTML <iframe> is not allowed", pages=ABOUT),
    Case("html-data-image", ABOUT_PAGE, _about('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="图">'),
         r"URL scheme 'data:'", pages=ABOUT),
    Case("html-details-ontoggle", ABOUT_PAGE,
         _about('<details open ontoggle="alert(1)"><summary>x</summary></details>'),
         r"event-handler attribute ontoggle=", pages=ABOUT),
    Case("html-entity-javascript-href", ABOUT_PAGE, _about('<a href="jav&#x09;ascript:alert(1)">链接</a>'),
         r"URL scheme 'javascript:'", pages=ABOUT),
    # shapes that make rendering slow: refused before any stage reads or renders the page
    Case("shape-unclosed-tags", "docs/about/shape-tags.md",
         lambda p: _shape_page(p, "docs/about/shape-tags.md", "比较 a <b 的大小\n\n", 30, 2, "open_tags"),
         r"'<' that start a tag, comment or <pre>/<code> block not closed"),
    Case("shape-nested-brackets", "docs/about/shape-brackets.md",
         lambda p: _shape_page(p, "docs/about/shape-brackets.md", "[" * 3000 + "x" + "]" * 3000 + "\n", 1, 1),
         r"'\[' nested \d+ deep"),
    Case("shape-deep-quote", "docs/about/shape-quote.md",
         lambda p: _shape_page(p, "docs/about/shape-quote.md", "> " * 2000 + "引文\n", 1, 1),
         r"a quote nested \d+ deep"),
    Case("shape-nested-div", "docs/about/shape-div.md",
         lambda p: _shape_page(p, "docs/about/shape-div.md", "<div markdown>\n", 200, 1, "html_depth",
                               after="x\n" + "</div>\n" * 200), r"HTML blocks nested \d+ deep"),
    Case("shape-definition-chain", "docs/about/shape-definitions.md",
         lambda p: _shape_page(p, "docs/about/shape-definitions.md", ": 释义\n", 300, 1, "definition_run",
                               "术语\n"),
         r"definition lines"),
    Case("shape-contributing", "CONTRIBUTING.md",  # shown as the site's contributing page
         appending(lambda p: append(p, "CONTRIBUTING.md", "\n" + "[" * 3000 + "x" + "]" * 3000 + "\n")),
         r"'\[' nested \d+ deep"),
    Case("shape-large-page", "docs/about/shape-large.md",
         lambda p: _write(p, "docs/about/shape-large.md", ("很长的一页。" * 50 + "\n\n") * 300),
         r"the page is \d+ bytes"),
    # front matter of the wrong shape: lists that once put a refresh or a script into every page
    # (read back below), unreviewed values, YAML that would cost far more than its size
    Case("front-matter-subtitle-list", SUBTITLE_PAGE,
         _front_matter(SUBTITLE_PAGE, "subtitle: ['<meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid/\">']"),
         r"subtitle: \[.*\] is not of type 'string'", pages=("training/practice/index.html", "training/index.html")),
    Case("front-matter-status-list", STATUS_PAGE,
         _front_matter(STATUS_PAGE, f"status: ['<script src=\"{PAYLOAD_SCRIPT}\"></script>']"),
         r"status: \[.*\] is not one of", pages=("systems/localization/index.html", "systems/index.html")),
    Case("front-matter-search-flag", "docs/systems/compilers.md",
         _front_matter("docs/systems/compilers.md", "search: true"),
         r"search: True is not of type 'object'"),
    Case("front-matter-hide-number", "docs/training/rlhf.md", _front_matter("docs/training/rlhf.md", "hide: 5"),
         r"hide: 5 is not of type 'array'"),
    Case("front-matter-empty-icon", "docs/training/distributed.md",
         _front_matter("docs/training/distributed.md", "icon:"),
         r"icon: None is not one of"),
    Case("front-matter-template", "docs/inference/frameworks.md",
         _front_matter("docs/inference/frameworks.md", "template: partials/x.html"),
         r"template: 'partials/x.html' is not one of"),
    Case("front-matter-unknown-key", "docs/inference/generation.md",
         _front_matter("docs/inference/generation.md", "author: 某人"), r"unknown key 'author'"),
    Case("front-matter-huge-number", "docs/systems/front-matter-number.md",
         _front_matter_page("docs/systems/front-matter-number.md", f"size: {HUGE_INT}\n"),
         r"a number of 4900 characters"),
    Case("front-matter-deep", "docs/systems/front-matter-deep.md",
         _front_matter_page("docs/systems/front-matter-deep.md", "deep: " + "[" * 4_000 + "\n"),
         r"nested more than 20 deep"),
    Case("front-matter-aliases", "docs/systems/front-matter-aliases.md",
         _front_matter_page("docs/systems/front-matter-aliases.md", ALIAS_BOMB), r"an anchor \(&a\)"),
]


def _with_bom(project: Path, rel: str, starts_with: str, new: str) -> int:
    line = replace_line(project, rel, starts_with, new)
    path = project / rel
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return line


def _add_to_line(project: Path, rel: str, starts_with: str, text: str) -> int:
    """Add text at the end of the first line starting with `starts_with`; returns its number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(starts_with))
    lines[number] += text
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def _symlink(project: Path, rel: str, target: str) -> int:
    (project / rel).symlink_to(target)
    return 1


def _append_bytes(project: Path, rel: str, data: bytes) -> int:
    path = project / rel
    before = path.read_bytes()
    path.write_bytes(before + data)
    return before.count(b"\n") + 1


def _write(project: Path, rel: str, text: str) -> int:
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(text, encoding="utf-8")
    return 1


SHAPE_HEAD = "# 形状\n\n"  # two lines before the repeated text


def _shape_page(project: Path, rel: str, unit: str, count: int, lines_per_unit: int, limit: str = "",
                before: str = "", after: str = "") -> int:
    """A new page of `count` copies of `unit`: the line of the copy that passes the named limit
    of hooks/check/shape.py (the first copy's line without one)."""
    _write(project, rel, SHAPE_HEAD + before + unit * count + after)
    passing = LIMITS[limit].limit if limit else 0  # copies before the one past the limit
    return SHAPE_HEAD.count("\n") + before.count("\n") + 1 + passing * lines_per_unit


def _drop_closing_front_matter(project: Path, rel: str) -> int:
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i] == "---")
    del lines[closing]
    path.write_text("\n".join(lines), encoding="utf-8")
    return 1


FINDING_RE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<reason>.+?) — (?P<fix>.+)$", re.MULTILINE)


def findings(output: str) -> list[re.Match[str]]:
    return list(FINDING_RE.finditer(output))


def expect_finding(output: str, case: Case, line: int) -> None:
    """The output names the case's file and line, a reason matching the case, and a fix."""
    located = [m for m in findings(output) if m["path"] == case.path and int(m["line"]) == line]
    assert located, f"no finding at {case.path}:{line} in:\n{output[-3000:]}"
    assert any(re.search(case.reason, m.group(0)) for m in located), \
        f"no reason matching {case.reason!r} at {case.path}:{line}:\n" + "\n".join(m.group(0) for m in located)
    assert all(len(m["fix"]) > 10 for m in located)


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project; each case copies it again (cheap) and changes that copy."""
    return copy_project(tmp_path_factory.mktemp("pristine"))


def prepared(case: Case, base: Path, pristine: Path) -> tuple[Path, int]:
    project = base / case.name
    shutil.copytree(pristine, project)
    return project, case.apply(project)


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.check", *args],
                          cwd=project, capture_output=True, text=True, env=_clean_env(), timeout=120)


# ---------------------------------------------------------------- one copy per batch of cases


def batches(cases: list[Case]) -> list[list[Case]]:
    """Cases that can share one project copy: different files, or only appends to the same one,
    and none changing a file another one's finding reads; those that stop the build together (the
    others' pages are built, checked and opened)."""
    found: list[list[Case]] = []
    for case in cases:
        for batch in found:
            same_file = [c for c in batch if c.path == case.path]
            if (case.stops != batch[0].stops
                    or (same_file and not (case.appends and all(c.appends for c in same_file)))
                    or any(c.path in case.reads or case.path in c.reads for c in batch)):
                continue
            batch.append(case)
            break
        else:
            found.append([case])
    return found


BATCHES = batches(CASES)
BATCH_OF = {case.name: number for number, batch in enumerate(BATCHES) for case in batch}


@dataclass(frozen=True)
class Batch:
    """One copy holding a batch of cases: the standalone check's output and one strict build."""

    cases: tuple[Case, ...]
    lines: tuple[int, ...]
    project: Path
    check: subprocess.CompletedProcess[str]
    site: Path
    log: str
    returncode: int

    def line_of(self, case: Case) -> int:
        return self.lines[self.cases.index(case)]


def run_batch(batch: list[Case], project: Path, pristine: Path) -> Batch:
    """Copy, change, check with ``python -m hooks.check``, then ``mkdocs build --strict``."""
    shutil.copytree(pristine, project)
    lines = tuple(case.apply(project) for case in batch)
    check = run_check(project)
    site = project / "built-site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**_clean_env(), "NO_MKDOCS_2_WARNING": "1"})
    return Batch(tuple(batch), lines, project, check, site, proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory, pristine: Path) -> list[Batch]:
    """Every batch checked and built once, two at a time."""
    base = tmp_path_factory.mktemp("batches")
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda number: run_batch(BATCHES[number], base / f"batch-{number}", pristine),
                             range(len(BATCHES))))


def run_of(runs: list[Batch], case: Case) -> Batch:
    return runs[BATCH_OF[case.name]]


def _located(log: str) -> str:
    return re.sub(r"^(WARNING|ERROR|INFO)\s+-\s+", "", log, flags=re.MULTILINE)


def test_every_case_is_in_one_batch() -> None:
    assert sorted(case.name for batch in BATCHES for case in batch) == sorted(case.name for case in CASES)
    assert len(BATCHES) <= 6, "batch more cases into one copy: each batch costs a build"


# ---------------------------------------------------------------- the standalone command


def test_there_are_enough_distinct_cases() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 15


def test_real_project_passes_the_checks() -> None:
    proc = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=ROOT, capture_output=True,
                          text=True, env=_clean_env(), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "no problems" in proc.stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_standalone_check_names_file_line_and_fix(case: Case, runs: list[Batch]) -> None:
    run = run_of(runs, case)
    assert run.check.returncode == 1, run.check.stdout + run.check.stderr
    expect_finding(run.check.stdout, case, run.line_of(case))


@pytest.mark.parametrize("number", range(len(BATCHES)), ids=[f"batch-{n}" for n in range(len(BATCHES))])
def test_standalone_check_reports_only_the_changes(runs: list[Batch], number: int) -> None:
    """Every finding is at a line one of the batch's changes made: a change is reported in its
    own file only, and never beside another change."""
    run = runs[number]
    changed = {(case.path, line) for case, line in zip(run.cases, run.lines, strict=True)}
    others = sorted({f"{m['path']}:{m['line']}" for m in findings(run.check.stdout)
                     if (m["path"], int(m["line"])) not in changed})
    assert others == [], run.check.stdout


def test_page_template_passes_the_checks(tmp_path: Path, pristine: Path) -> None:
    """.github/PAGE_TEMPLATE.md, copied into a section as CONTRIBUTING.md says, is a valid page."""
    project = tmp_path / "template"
    shutil.copytree(pristine, project)
    shutil.copy2(project / ".github" / "PAGE_TEMPLATE.md", project / "docs" / "training" / "new-page.md")
    append(project, "docs/training/.pages", "  - new-page.md\n")
    proc = run_check(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_of_chosen_pages_only(tmp_path: Path, pristine: Path) -> None:
    case = next(c for c in CASES if c.name == "html-script")  # <script> on the about page
    project, line = prepared(case, tmp_path, pristine)
    assert run_check(project, "docs/training/peft.md").returncode == 0
    proc = run_check(project, ABOUT_PAGE)
    assert proc.returncode == 1
    expect_finding(proc.stdout, case, line)


AMBIGUOUS_WORD = Case("ambiguous-word", ABOUT_PAGE, _about("这一节讲推理。"),
                      r"推理 here may mean 推論 or 推理 in the zh-Hant edition, and no glossary row says which")
"""Checked on its own copy: its finding needs the glossary that the batches' glossary cases break."""


def test_an_undecided_use_of_a_word_with_two_meanings_is_named(tmp_path: Path, pristine: Path) -> None:
    project, line = prepared(AMBIGUOUS_WORD, tmp_path, pristine)
    proc = run_check(project)
    assert proc.returncode == 1
    expect_finding(proc.stdout, AMBIGUOUS_WORD, line)
    assert proc.stdout.count("here may mean") == 1  # the site's own uses are all decided


def test_simplify_converts_a_traditional_page(tmp_path: Path, pristine: Path) -> None:
    case = next(c for c in CASES if c.name == "traditional-script")
    project, _ = prepared(case, tmp_path, pristine)
    page = project / ABOUT_PAGE
    proc = run_check(project, "--simplify", str(page))
    assert proc.returncode == 0, proc.stderr
    text = page.read_text(encoding="utf-8")
    assert "这个页面是用繁体字写的，应该改成简体。" in text
    assert "(sources.md)" in text  # links untouched
    assert run_check(project).returncode == 0


# ---------------------------------------------------------------- inside mkdocs build --strict


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_strict_build_fails_naming_file_line_and_fix(case: Case, runs: list[Batch]) -> None:
    run = run_of(runs, case)
    assert run.returncode != 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-5000:]
    expect_finding(_located(run.log), case, run.line_of(case))


@pytest.mark.parametrize("number", range(len(BATCHES)), ids=[f"batch-{n}" for n in range(len(BATCHES))])
def test_only_the_cases_that_stop_the_build_stop_it(runs: list[Batch], number: int) -> None:
    """MkDocs 1.6 builds every page with or without --strict and fails a strict build at the end
    on the warnings it counted (mkdocs/commands/build.py): a batch that stops nothing ends that
    way, so a plain build (``mkdocs serve``) of it publishes its pages, those read below."""
    run = runs[number]
    counted = re.search(r"Aborted with \d+ warnings? in strict mode!", run.log)
    if run.cases[0].stops:
        assert counted is None, run.log[-3000:]
    else:
        assert counted, run.log[-3000:]
        assert (run.site / "index.html").is_file() and (run.site / "zh-Hant/index.html").is_file()


def test_mkdocs_own_link_validation_also_fails_strict(runs: list[Batch]) -> None:
    """mkdocs.yml's validation options warn about the same anchor, so strict fails either way."""
    log = run_of(runs, next(c for c in CASES if c.name == "broken-anchor")).log
    warning = r"WARNING\s+-\s+Doc file 'about/index\.md' contains a link 'sources\.md#no-such-heading'"
    assert re.search(warning, log), log[-3000:]


SCRIPT_CAPABLE = [case for case in CASES if case.pages]


def test_published_pages_hold_no_unsafe_html(runs: list[Batch]) -> None:
    """The pages of every script-capable case, as the build writes them: nothing the allowlist
    lacks is left in their content."""
    from bs4 import BeautifulSoup

    html_script = next(c for c in CASES if c.name == "html-script")
    run = run_of(runs, html_script)
    line = run.line_of(html_script)
    assert re.search(rf"WARNING\s+-\s+{re.escape(ABOUT_PAGE)}:{line}: raw HTML <script>", run.log)
    assert SCRIPT_CAPABLE
    for case in SCRIPT_CAPABLE:
        site = run_of(runs, case).site
        for rel in case.pages:
            article = one(BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser"), "article")
            assert not article.find_all(["script", "iframe", "object", "embed", "form", "style", "meta", "base",
                                         "animate", "set", "foreignobject"]), rel
            for element in article.find_all(True):
                assert not [name for name in element.attrs if name.lower().startswith("on")], (rel, str(element)[:200])
                for name in ("href", "src"):
                    value = re.sub(r"[\x00-\x20]", "", str(element.get(name, ""))).lower()
                    assert not value.startswith(("javascript:", "data:", "vbscript:", "//")), (rel, str(element)[:200])


def test_front_matter_lists_leave_no_refresh_or_script_on_the_pages(runs: list[Batch]) -> None:
    """The lists once written into every page's head (subtitle, status) are nowhere in the HTML
    of the page or of the section page whose navigation lists it (Chromium opens both below);
    the build names no error of its own (a template not found, say)."""
    for name in ("front-matter-subtitle-list", "front-matter-status-list"):
        case = next(c for c in CASES if c.name == name)
        assert "Error:" not in run_of(runs, case).log.replace("PluginError", ""), run_of(runs, case).log[-3000:]
        for rel in case.pages:
            html = (run_of(runs, case).site / rel).read_text(encoding="utf-8")
            assert 'http-equiv="refresh"' not in html and f'{PAYLOAD_SCRIPT}"></script>' not in html, rel


@SHARED.change("hand-written page listed by name")
def write_the_evaluation_page_by_hand(project: Path) -> None:
    text = (project / "docs/evaluation.md").read_text(encoding="utf-8")
    (project / "docs/evaluation.zh-Hant.md").write_text(text.replace("\n# 测评\n", "\n# 手寫的測評頁\n", 1),
                                                         encoding="utf-8")


def test_handwritten_page_listed_by_name_wins(changed_copy: ChangedCopy) -> None:
    """A hand-written evaluation.zh-Hant.md, while .pages lists evaluation.md by name, is the
    zh-Hant page (no crash, no finding), and the simplified page stays as it was."""
    assert run_check(changed_copy.project).returncode == 0
    site = changed_copy.site
    assert "手寫的測評頁" in (site / "zh-Hant/evaluation/index.html").read_text(encoding="utf-8")
    assert "手寫的測評頁" not in (site / "evaluation/index.html").read_text(encoding="utf-8")
    home = (site / "zh-Hant/index.html").read_text(encoding="utf-8")
    assert 'href="evaluation/"' in home  # still in the navigation, where .pages puts it


# ---------------------------------------------------------------- script-capable cases in a browser


SITE_HOSTS = ("https://api.github.com/repos/",)  # Material's repository widget (allowed by the policy)


def _expected_request(url: str, known: str) -> bool:
    """The loopback, the site's own widget, or an address the real pages hold (their figures)."""
    return (url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) or url.startswith(SITE_HOSTS)
            or url in known)


def _note_requests(events: list[str], known: str) -> Callable[[Request], None]:
    """A request handler noting each request that is not one the pages may make."""
    def note(request: Request) -> None:
        if not _expected_request(request.url, known):
            events.append(f"request {request.url}")
    return note


def _note_dialogs(events: list[str], rel: str) -> Callable[[Dialog], None]:
    """A dialog handler noting each dialog of the page at rel, then dismissing it."""
    def note(dialog: Dialog) -> None:
        events.append(f"dialog {dialog.message!r} on {rel}")
        dialog.dismiss()
    return note


# Every element of the article and every javascript: link of the navigation is pointed at,
# focused and left, as a reader's mouse and keyboard would: the events an injected handler
# (onmouseover=, onfocus= …) waits for, on every element, not only those a real mouse could reach.
POINTER_EVENTS_TO_EVERY_ELEMENT = """() => {
  for (const element of document.querySelectorAll("article *, nav a[href^='javascript']")) {
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "mouseout"]) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    }
    for (const type of ["focus", "focusin", "blur"]) {
      element.dispatchEvent(new FocusEvent(type, {bubbles: type === "focusin"}));
    }
  }
}"""


@pytest.mark.browser
def test_published_pages_run_no_payload_in_a_browser(runs: list[Batch], chromium) -> None:
    """The pages of every script-capable case, as the build writes them, in Chromium: no dialog
    (the payloads call alert), no navigation away, no request off the loopback, no marker set."""
    from browser_support import new_context, serve_site

    known = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md"))
    numbers = sorted({BATCH_OF[case.name] for case in SCRIPT_CAPABLE})
    assert numbers
    for number in numbers:
        built = runs[number]
        assert not built.cases[0].stops
        server = serve_site(built.site, "/llm-kb/")
        context = new_context(chromium)
        events: list[str] = []
        context.on("request", _note_requests(events, known))
        try:
            for rel in sorted({rel for case in built.cases for rel in case.pages}):
                page = context.new_page()
                page.on("dialog", _note_dialogs(events, rel))
                url = server.url + rel.removesuffix("index.html")
                page.goto(url, wait_until="load")
                page.mouse.move(200, 300)  # hover handlers
                page.evaluate(POINTER_EVENTS_TO_EVERY_ELEMENT)
                page.wait_for_timeout(300)
                if page.url.split("#")[0] != url:
                    events.append(f"navigated from {url} to {page.url}")
                if page.evaluate("() => Boolean(window.__pwned)"):
                    events.append(f"marker set on {rel}")
                page.close()
        finally:
            context.close()
            server.stop()
        assert events == [], "\n".join(events)
