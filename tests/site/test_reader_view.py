"""What a reader sees on the generated pages, measured in Chromium in both scripts: type labels
readable in both colour schemes, the page title in the body text colour and on one line on a
phone, short labels and the "·" separators that never break badly, the external-link arrow
never alone on a line, and "另外 N 个" shown as a disclosure."""

from __future__ import annotations

import re

import pytest
from browser_support import new_context

pytestmark = pytest.mark.browser

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 390, "height": 844}
READABLE = 4.5  # WCAG AA for normal text
PAGES = ("training/peft/", "topics/lora/", "topics/all-entries/")

# Every type label: its colour and the first opaque background behind it.
LABEL_COLOURS = """labels => labels.map(e => {
  let bg = e;
  while (bg && /rgba\\(.*, 0\\)|transparent/.test(getComputedStyle(bg).backgroundColor)) { bg = bg.parentElement; }
  return {kind: e.className, fg: getComputedStyle(e).color,
          bg: bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)'};
})"""

# For every "·" in the entries' small print: is the character before it on the same line?
SEPARATORS = """roots => {
  const out = [];
  for (const root of roots) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (let i = node.data.indexOf('·'); i > 0; i = node.data.indexOf('·', i + 1)) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const dot = range.getClientRects()[0];
        range.setStart(node, i - 1); range.setEnd(node, i);
        const before = range.getClientRects()[0];
        if (dot && before) {
          out.push({text: root.textContent.trim().slice(0, 40), same: Math.abs(dot.top - before.top) < 4});
        }
      }
    }
  }
  return out;
}"""

# For every external link: is its last character on the link's last line (where the arrow is)?
ARROWS = """links => links.filter(a => a.offsetParent).map(a => {
  const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walk.nextNode(); node; node = walk.nextNode()) { if (node.data.trim()) { last = node; } }
  if (!last) { return null; }
  const end = last.data.trimEnd().length;
  const range = document.createRange();
  range.setStart(last, end - 1); range.setEnd(last, end);
  const char = range.getClientRects()[0];
  const rects = a.getClientRects();
  const line = rects[rects.length - 1];
  return {text: a.textContent.trim().slice(-20), same: Math.abs(char.bottom - line.bottom) < 4};
}).filter(Boolean)"""


def rgba(css: str) -> tuple[float, float, float, float]:
    red, green, blue, *alpha = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (red, green, blue, alpha[0] if alpha else 1.0)


def over(fg: tuple[float, float, float, float], bg: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """The colour seen: fg blended over an opaque background."""
    alpha = fg[3]
    red, green, blue = (alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3], strict=True))
    return (red, green, blue)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg_css: str, bg_css: str) -> float:
    bg = rgba(bg_css)
    lighter, darker = sorted((luminance(over(rgba(fg_css), bg)), luminance(bg[:3])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    assert contrast("rgba(0, 0, 0, 0.54)", "rgb(255, 255, 255)") == pytest.approx(4.6, abs=0.1)


def open_page(chromium, url: str, scheme: str = "light", viewport: dict | None = None):
    context = new_context(chromium)
    page = context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(url)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", SCHEMES[scheme])
    return context, page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_type_labels_are_readable(chromium, site_url: str, script: str, scheme: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}topics/all-entries/", scheme)
    try:
        labels = page.locator("article .kb-type").evaluate_all(LABEL_COLOURS)
    finally:
        context.close()
    kinds = {label["kind"]: label for label in labels}
    assert len(kinds) >= 6  # every type, 仅列名称 included
    poor = {kind: round(contrast(label["fg"], label["bg"]), 2) for kind, label in kinds.items()
            if contrast(label["fg"], label["bg"]) < READABLE}
    assert not poor, f"type labels below {READABLE}:1 in the {scheme} scheme: {poor}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_page_title_has_the_body_text_colour(chromium, site_url: str, script: str, scheme: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}training/peft/", scheme)
    try:
        title = page.locator("article h1").evaluate("e => getComputedStyle(e).color")
        text = page.locator("article h1 + p").evaluate("e => getComputedStyle(e).color")
        h2 = page.locator("article h2").first.evaluate("e => getComputedStyle(e).color")
    finally:
        context.close()
    assert title == text
    assert rgba(title)[3] >= rgba(h2)[3]  # not fainter than the headings below it


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_title_takes_one_line_on_a_phone(chromium, site_url: str, script: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}training/peft/", viewport=PHONE)
    try:
        h1 = page.locator("article h1")
        height = h1.bounding_box()["height"]
        line = h1.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        gap = page.locator("article h1 + p").bounding_box()["y"] - (h1.bounding_box()["y"] + height)
        margin = h1.evaluate("e => parseFloat(getComputedStyle(e).marginBottom)")
    finally:
        context.close()
    assert height < 1.5 * line  # "参数高效微调（PEFT）" fits: nothing invisible wraps under it
    assert gap <= margin + 1


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_labels_and_separators_never_break_badly_on_a_phone(chromium, site_url: str, script: str,
                                                            path: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}{path}", viewport=PHONE)
    try:
        labels = page.locator("article .kb-label").evaluate_all(
            "ls => ls.map(l => ({text: l.textContent, lines: l.getClientRects().length}))")
        separators = page.locator("article :is(.kb-deco, .kb-where, .kb-page-topics)").evaluate_all(SEPARATORS)
    finally:
        context.close()
    assert labels and all(label["text"].strip() in ("见于", "見於", "也见于：", "也見於：") for label in labels)
    assert [label for label in labels if label["lines"] != 1] == []
    assert separators
    assert [s["text"] for s in separators if not s["same"]] == []  # no line starts with "·"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_external_arrow_stays_with_its_link_on_a_phone(chromium, site_url: str, script: str,
                                                           path: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}{path}", viewport=PHONE)
    try:
        arrow = page.locator("article a.external-link").first.evaluate(
            "a => getComputedStyle(a, '::after').content")
        links = page.locator("article a.external-link").evaluate_all(ARROWS)
    finally:
        context.close()
    assert "↗" in arrow
    assert len(links) > 5
    assert [link["text"] for link in links if not link["same"]] == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_more_topics_read_as_a_disclosure(chromium, site_url: str, script: str) -> None:
    context, page = open_page(chromium, f"{site_url}{SCRIPTS[script]}training/peft/")
    try:
        summary = page.locator("article .kb-page-topics > details.kb-more > summary")
        marker = lambda: summary.evaluate("s => getComputedStyle(s, '::before').content")  # noqa: E731
        closed = marker()
        rule = page.locator("article .kb-page-topics > details.kb-more").evaluate(
            "d => getComputedStyle(d).borderLeftStyle")
        summary.click()
        opened = marker()
    finally:
        context.close()
    assert "▸" in closed and "▾" in opened
    assert rule != "none"  # set apart from the topics before it
