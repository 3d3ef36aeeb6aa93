"""Reader points checked in Chromium on a page already open, shared by the served site's tests and
the offline edition's (tests/site/test_offline.py): no dead ends or debris (the single page holds
every section page), one count (home, topic index and its chips, topic pages, 全部条目, 按网站浏览
and ``catalog.json``), a topic as a 主题 search result.

Expected values come from ``catalog.json``, the data files read as plain YAML and the page itself,
never from the build code. Links are read as the reader's browser resolves them, so the same check
works on ``http://…/topics/lora/`` and ``file://…/topics/lora.html``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import yaml
from topic_reading_checks import check_topic_counts

from hooks.paths import POINTING_PHRASES, ROOT

# "463 条资源，另有 140 个仅列名称的条目" (topic index, 全部条目, 按网站浏览, topic pages) in both scripts
TOTAL = re.compile(r"(\d[\d,]*) ?[条條筆](?:有[链連][接結]的)?[资資]源(?:，另有 ?(\d[\d,]*) ?[个個][仅僅]列名[称稱])?")
HOME_NAMES = re.compile(r"(\d[\d,]*) ?[个個][仅僅]列名[称稱]的[条條]目")
TOPIC_HREF = re.compile(r"/topics/([a-z0-9-]+)(?:/|\.html)$")
COUNTED_TOPICS = ("lora", "vllm", "survey")  # a middling, a short and a long topic page

# For each section of the single page that holds entries (but the pages named in the argument):
# its headings with no entry before the
# next heading of the same or a higher level (what a reader opens from the table of contents to
# find nothing), as "page-id: heading".
EMPTY_SECTIONS = """(article, prose) => [...article.querySelectorAll('section.kb-single-page__page')]
  .filter(page => page.querySelector('.kb-entry') && !prose.includes(page.id))
  .flatMap(page => {
    const headings = [...page.querySelectorAll('h2, h3, h4, h5, h6')];
    const entries = [...page.querySelectorAll('.kb-entry')];
    const after = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    return headings.filter((h, i) => {
      const end = headings.slice(i + 1).find(next => next.tagName <= h.tagName);
      return !entries.some(e => after(h, e) && (!end || after(e, end)));
    }).map(h => page.id + ': ' + h.textContent.replace('¶', '').trim());
  })"""

# The note of each listed entry: its text after " — ", without the labels, dates, places and
# topic chips around it and without the entries nested under it.
NOTES = """article => [...article.querySelectorAll('li:has(> .kb-entry)')].map(li => {
    const copy = li.cloneNode(true);
    copy.querySelectorAll(':scope > ul, :scope > ol, .kb-type, .kb-date, .kb-where, .kb-deco')
      .forEach(el => el.remove());
    const text = copy.textContent.replace(/\\s+/g, ' ').trim();
    const at = text.indexOf(' — ');
    return at < 0 ? '' : text.slice(at + 3);
  }).filter(note => note)"""


def number(text: str) -> int:
    return int(text.replace(",", ""))


def article_text(page) -> str:
    """The article's text, whitespace collapsed (a stat's big number is a block of its own)."""
    return " ".join(page.locator("article").evaluate("a => a.textContent").split())


def totals(text: str) -> tuple[int, int]:
    """The first "N 条资源，另有 M 个仅列名称的条目" of a text (M is 0 when it names none)."""
    found = TOTAL.search(text)
    assert found is not None, f"no resource count in {text[:200]!r}"
    return number(found.group(1)), number(found.group(2) or "0")


def pointing_phrases(to_script: Callable[[str], str]) -> list[tuple[str, tuple[str, ...]]]:
    """hooks/data/pointing_phrases.yml in the script read: each phrase and the longer words
    holding it that point at nothing."""
    phrases = yaml.safe_load(POINTING_PHRASES.read_text(encoding="utf-8"))["phrases"]
    return [(to_script(p["text"]), tuple(to_script(word) for word in p.get("not_in", ()))) for p in phrases]


def prose_pages() -> list[str]:
    """Single-page section ids (``page-articles-llm-practice-summary``) of the pages whose source
    declares a ``kind`` (an article, the home page, about pages): prose, whose sections need no
    entry; the other pages with entries are lists."""
    ids = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        if not text.startswith("---\n") or source.name.endswith(".zh-Hant.md"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        if meta.get("kind"):
            key = source.relative_to(ROOT / "docs").with_suffix("").as_posix().removesuffix("index").strip("/")
            ids.append("page-" + (key.replace("/", "-") or "home"))
    return ids


def check_no_dead_ends(page, to_script: Callable[[str], str]) -> None:
    """On the single page (every section page, as a reader scrolls through it): every section of
    a list page holds an entry, and no entry's note points at another entry by its place
    (上一条, 见下文): topic pages and search show the note on its own."""
    article = page.locator("article")
    assert article.locator("section.kb-single-page__page .kb-entry").count() > 300
    prose = prose_pages()
    assert "page-articles-llm-practice-summary" in prose
    assert article.evaluate(EMPTY_SECTIONS, prose) == []
    notes = article.evaluate(NOTES)
    assert len(notes) > 50  # the page shows notes: the check reads them

    def points(note: str) -> bool:
        return any(phrase in _without(note, words) for phrase, words in pointing_phrases(to_script))

    assert [note for note in notes if points(note)] == []


def _without(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, "")
    return text


def resources_per_topic(catalog: dict) -> dict[str, set[str]]:
    """Per topic, the URLs of its linked resources; a supporting link (配套代码) stands for the
    article of its row, as the site counts it."""
    url_of_anchor = {(e["page"]["zh-Hans"], e["anchor"]): e["url"] for e in catalog["entries"]}
    per_topic: dict[str, set[str]] = defaultdict(set)
    for record in catalog["entries"]:
        if record["url"]:
            url = record["url"]
            if record["supports"]:
                url = url_of_anchor[(record["page"]["zh-Hans"], record["supports"])]
            for slug in record["topics"]:
                per_topic[slug].add(url)
    return per_topic


def chips(page, selector: str) -> dict[str, int]:
    """Topic chips matching ``selector`` (links holding a .kb-count): slug → the count shown."""
    found = page.locator(selector).evaluate_all(
        "links => links.map(a => [a.href, a.querySelector('.kb-count').textContent])")
    counted = {}
    for href, count in found:
        slug = TOPIC_HREF.search(href.split("#")[0].split("?")[0])
        assert slug is not None, href
        counted[slug.group(1)] = int(count)
    return counted


def check_one_count(page, url: Callable[[str], str], catalog: dict) -> None:
    """What the reader reads on the home page, the topic index (total and chips), 全部条目,
    按网站浏览 and on a few topic pages (total, group headings, related topics) agrees with
    ``catalog.json``. ``url`` makes a page's URL from its folder (``topics/lora/``)."""
    expected = (catalog["resources"], catalog["names"])
    page.goto(url(""))
    home = article_text(page)
    names = HOME_NAMES.search(home)
    assert totals(home)[0] == expected[0] and names is not None and number(names.group(1)) == expected[1]
    for rel in ("topics/all-entries/", "topics/by-source/", "topics/"):
        page.goto(url(rel))
        assert totals(article_text(page)) == expected, rel
    per_topic = resources_per_topic(catalog)
    index = chips(page, "article .kb-topic-grid li > a")
    assert {slug: n for slug, n in index.items() if n} == {slug: len(urls) for slug, urls in per_topic.items()}
    assert all(index.values())  # no topic without linked resources
    for slug in COUNTED_TOPICS:
        page.goto(url(f"topics/{slug}/"))
        assert totals(article_text(page))[0] == index[slug], slug
        check_topic_counts(page)
        related = chips(page, "article .kb-related li > a")
        assert related and all(index[other] == n for other, n in related.items()), (slug, related)

