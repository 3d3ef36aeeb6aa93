"""What a reader sees on a topic page and a section page, checked in Chromium; shared by the
online tests (tests/site/test_topic_reading.py) and the offline edition's (tests/site/test_offline.py).

Each check takes a Playwright page already showing the page and the viewport it was opened in.
Expected values come from the data files (``topics.yml``, ``reading_order.yml``), read here as plain
YAML, and from the page itself, never from the build code.
"""

from __future__ import annotations

import re

import yaml

from hooks.paths import READING_ORDER, TOPICS

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
ITEMS = "article li:has(> .kb-type)"


def first_reads() -> dict[str, str]:
    """Topic slug → the URL its 先读这一篇 names."""
    return {topic["slug"]: topic["first_read"] for topic in yaml.safe_load(TOPICS.read_text(encoding="utf-8"))["topics"]
            if "first_read" in topic}


def group_names() -> list[str]:
    return [group["name"] for group in yaml.safe_load(READING_ORDER.read_text(encoding="utf-8"))["groups"]]


def check_topic_page_leads(page, slug: str, viewport: dict, to_script=lambda text: text) -> None:
    """The first resource is the topic's 先读这一篇, on the first screen, above any form; the groups
    follow the reading order; related topics come after the resources; the filter, when there is
    one, is folded."""
    first = page.locator(ITEMS).first
    assert first.locator("xpath=ancestor::div[contains(@class, 'kb-first-read')]").count() == 1
    assert first.locator(":scope > a[href]").first.get_attribute("href") == first_reads()[slug]
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= viewport["height"], "the pick is below the first screen"
    controls = page.locator("article .kb-filter :is(select, button, input)")
    for control in controls.all():
        assert not control.is_visible()  # folded until the reader opens it
    headings = [re.sub(r"（\d+）$", "", h.strip().rstrip("¶").strip())
                for h in page.locator("article h2").all_inner_texts()]
    order = [to_script(name) for name in group_names()]
    grouped = [h for h in headings if h in order]
    assert grouped and grouped == sorted(grouped, key=order.index)
    assert headings[:len(grouped)] == grouped  # the groups first, link-less names after them
    related = page.locator("article .kb-related")
    if related.count():
        last = page.locator(ITEMS).last.bounding_box()
        assert last is not None and related.bounding_box()["y"] > last["y"]  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def check_default_type_has_no_badge(page, others_listed: bool = True) -> None:
    """Articles carry no label; the other types (when the page lists any) keep theirs."""
    articles = page.locator("article .kb-type--article")
    assert all(not label.is_visible() for label in articles.all())
    others = page.locator("article .kb-type:not(.kb-type--article)")
    assert (others.count() > 0) == others_listed and all(label.is_visible() for label in others.all())


def check_no_chips_in_table_cells(page) -> None:
    assert page.locator("article td .kb-entry").count() > 5  # the page has entries in table cells
    assert page.locator("article td a.kb-topic").count() == 0
    assert page.locator("article td .kb-type--article").count() == 0


def check_one_badge_and_name_per_entry(page, topic_name: str) -> None:
    """A list item holding several links: each link after its own label, one topic chip set."""
    item = page.locator("article li", has=page.locator("a[href^='https://github.com/THUDM/VisualGLM-6B']")).first
    assert item.locator(f"a.kb-topic:text-is('{topic_name}')").count() == 1
    assert item.locator(".kb-deco").count() == 1
    # in document order, labels and the links they name: each label is followed by its own link
    order = item.evaluate("""li => [...li.querySelectorAll('.kb-type, a.external-link')]
        .map(el => el.classList.contains('kb-type') ? 'label' : el.textContent.trim())""")
    named = [order[i + 1] for i, part in enumerate(order) if part == "label"]
    assert len(named) >= 3 and "label" not in named and len(set(named)) == len(named)


def check_topic_counts(page) -> None:
    """The total a topic page states is what it lists: distinct linked resources, names apart;
    its group headings add up to the same (with the pick, which heads no group)."""
    stated = [int(n) for n in re.findall(r"\d+", page.locator("article h1 ~ p").nth(1).inner_text())[:2]]
    linked = page.locator(ITEMS).evaluate_all("""items => new Set(items
        .filter(li => !li.querySelector(':scope > .kb-type--name-only'))
        .map(li => li.querySelector(':scope > a[href]').href)).size""")
    names = page.locator(f"{ITEMS}:has(> .kb-type--name-only)").count()
    assert stated == ([linked, names] if names else [linked])
    headings = [int(m.group(1)) for h in page.locator("article h2").all_inner_texts()
                if (m := re.search(r"（(\d+)）", h))]
    assert sum(headings) + page.locator("article .kb-first-read li").count() == linked + names


def check_filter_folded_or_absent(page, slug: str) -> None:
    """A long topic page (survey) has its filter folded until the reader opens it; a short one
    (vllm) has none: a short list needs no form."""
    fold = page.locator(".kb-filter details")
    if slug == "vllm":
        assert page.locator(".kb-filter").count() == 0
        return
    assert fold.count() == 1 and fold.get_attribute("open") is None
    assert not page.locator(".kb-filter select[name=type]").is_visible()
    fold.locator("summary").click()
    assert page.locator(".kb-filter select[name=type]").is_visible()


def check_related_topics_short(page, viewport: dict) -> None:
    """Related topics are a few chips (name and count, one line each) and the rest folded: never a
    wall of text."""
    block = page.locator("article .kb-related")
    shown = block.locator(":scope > ul > li > a")
    assert 3 <= shown.count() <= 6
    for chip in shown.all():
        assert re.fullmatch(r".+ \d+", " ".join(chip.inner_text().split()))  # name and count
        assert re.search(r"/topics/[a-z0-9-]+(/|\.html)$", chip.evaluate("a => a.href"))
    assert max(shown.evaluate_all("chips => chips.map(c => c.getClientRects().length)")) == 1
    folded = block.locator(":scope > details.kb-more")
    assert folded.count() == 1 and folded.get_attribute("open") is None
    hidden = folded.locator("ul > li > a")
    assert hidden.count() > 0 and not hidden.first.is_visible()
    assert block.bounding_box()["height"] < viewport["height"] / 3  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    folded.locator("summary").click()
    assert hidden.first.is_visible()
