"""Dead links marked on the page, and the maintainers' report page (no MkDocs here).

A dead link stays where it is, with its text: it gets the ``kb-dead-link`` class, and right
after it a small mark, ``失效``, with a link to the Internet Archive's copy::

    <a class="kb-dead-link" href="URL">…</a><span class="kb-link-dead" title="…">
      <span class="kb-link-dead__label">失效</span> <a class="kb-archive" href="https://web.archive.org/web/URL">网页存档</a></span>

The mark is built while Python-Markdown renders the page, so it goes through the site's HTML
allowlist like everything else. ``render_report`` writes the 链接状态 page from
``report.problems_by_page``.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from hooks import templating
from hooks.links.report import PageProblem
from hooks.links.status_file import LinkRecord, archive_url

DEAD_CLASS = "kb-dead-link"
MARK_CLASS = "kb-link-dead"
ARCHIVE_CLASS = "kb-archive"
REPORT_PAGE = "about/link-status.md"
LABELS = {"dead": "失效", "archive": "网页存档", "title": "{since} 起的检查发现此链接已失效，可以查看网页存档"}


@dataclass
class MarkState:
    """What the marks of the current build need: the link records and the labels' script."""

    records: Mapping[str, LinkRecord] = field(default_factory=dict)
    convert: Callable[[str], str] = str


def dead_mark(record: LinkRecord, url: str, convert: Callable[[str], str]) -> etree.Element:
    """``<span class="kb-link-dead">失效 网页存档</span>`` for one dead link."""
    mark = etree.Element("span", {"class": MARK_CLASS, "title": convert(LABELS["title"].format(since=record.since))})
    label = etree.SubElement(mark, "span", {"class": f"{MARK_CLASS}__label"})
    label.text = convert(LABELS["dead"])
    label.tail = " "
    archive = etree.SubElement(mark, "a", {"class": ARCHIVE_CLASS, "href": archive_url(url)})
    archive.text = convert(LABELS["archive"])
    return mark


def mark_dead_links(root: etree.Element, state: MarkState) -> int:
    """Mark every dead link under ``root``; returns how many were marked."""
    marked = 0
    for parent in list(root.iter()):
        for position, child in reversed(list(enumerate(parent))):
            if child.tag != "a" or DEAD_CLASS in (child.get("class") or "").split():
                continue
            href = child.get("href") or ""
            record = state.records.get(href)
            if record is None or not record.is_dead:
                continue
            child.set("class", " ".join([*(child.get("class") or "").split(), DEAD_CLASS]))
            mark = dead_mark(record, href, state.convert)
            mark.tail, child.tail = child.tail, None
            parent.insert(position + 1, mark)
            marked += 1
    return marked


class DeadLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: MarkState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.records:
            mark_dead_links(root, self.state)


class DeadLinksExtension(Extension):
    """Registered before the external-link marks (priority 0), so the archive link gets them too."""

    def __init__(self, state: MarkState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(DeadLinksTreeprocessor(md, self.state), "dead_links", 1)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]{}<>|" else ch for ch in text)


def render_report(problems: Mapping[str, list[PageProblem]], titles: Mapping[str, str], checked: str,
                  here: str = REPORT_PAGE) -> str:
    """The 链接状态 page's Markdown: dead and moved links by page (simplified; zh-Hant converts it)."""
    pages: list[dict[str, Any]] = []
    for page, items in problems.items():
        pages.append({
            "title": _md_escape(titles.get(page) or page),
            "link": posixpath.relpath(page, posixpath.dirname(here) or "."),
            "source": page,
            "links": [
                {
                    "line": item.source.line,
                    "dead": item.record.is_dead,
                    "url": item.source.url,
                    "archive": archive_url(item.source.url),
                    "moved_to": item.record.moved_to,
                    "why": _md_escape(str(item.record.error or item.record.code or "")),
                    "since": item.record.since,
                }
                for item in items
            ],
        })
    return templating.render("link_status.md", pages=pages, checked=checked,
                             dead=sum(i["dead"] for p in pages for i in p["links"]),
                             moved=sum(not i["dead"] for p in pages for i in p["links"]))
