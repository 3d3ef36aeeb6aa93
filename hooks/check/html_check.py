"""Raw HTML that could run script: found in the source, and made inert in the rendered page.

`check_raw_html` reports it in the Markdown (file:line); `neutralize` is the build's safety net
on the rendered HTML of a page: active elements are shown as text, event-handler attributes
are dropped and script URLs replaced, so no build, strict or not, publishes them.
"""

from __future__ import annotations

import re

from .findings import Finding
from hooks.parse.markdown import ATTR_LIST_RE, ATTR_RE, TAG_RE, URL_ATTRIBUTES, Source
from .urls import SCRIPT_SCHEMES, scheme_of

ACTIVE_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base")
ACTIVE_TAG_RE = re.compile(rf"<(?=/?(?:{'|'.join(ACTIVE_ELEMENTS)})(?:[\s/>]|$))", re.IGNORECASE)
EVENT_ATTRIBUTE_RE = re.compile(r"^on[a-z]+$", re.IGNORECASE)
HTML_FIX = ("remove it: pages hold Markdown and the few HTML blocks the layout needs (div/span with "
            "classes); to show HTML as an example, put it in `code`")


def check_raw_html(source: Source) -> list[Finding]:
    """<script>, <iframe>, <object>, <embed>… tags and on*= attributes, outside code."""
    problems = []
    for tag in source.tags:
        line = source.line(tag.offset)
        if tag.name in ACTIVE_ELEMENTS and not tag.closing:
            problems.append(Finding(source.path, line, f"raw HTML <{tag.name}> can run script or load "
                                    "another page into this one", HTML_FIX, "unsafe-html"))
        for name, _ in tag.attrs:
            if EVENT_ATTRIBUTE_RE.match(name):
                problems.append(Finding(source.path, line, f"event-handler attribute {name}= on <{tag.name}> "
                                        "runs script", HTML_FIX, "unsafe-html"))
    for m in ACTIVE_TAG_RE.finditer(source.masked):  # an active tag that is not well-formed
        if not any(t.offset == m.start() for t in source.tags):
            problems.append(Finding(source.path, source.line(m.start()), "raw HTML "
                                    f"{source.masked[m.start():m.start() + 12].split()[0]}… can run script",
                                    HTML_FIX, "unsafe-html"))
    for m in ATTR_LIST_RE.finditer(source.masked):
        for a in ATTR_RE.finditer(m["attrs"]):
            if EVENT_ATTRIBUTE_RE.match(a["name"]):
                problems.append(Finding(source.path, source.line(m.start()),
                                        f"attribute list sets the event handler {a['name']}=, which runs script",
                                        "remove it from the { … } list; attribute lists may set ids and classes",
                                        "unsafe-html"))
    return problems


def _clean_tag(m: re.Match[str], removed: list[str]) -> str:
    """The tag without event handlers and with script URLs replaced by '#'."""
    attrs = m["attrs"] or ""
    if not attrs.strip():
        return m.group(0)
    kept: list[str] = []
    changed = False
    for a in ATTR_RE.finditer(attrs):
        name = a["name"].lower()
        if EVENT_ATTRIBUTE_RE.match(name):
            removed.append(f"{name}= on <{m['name'].lower()}>")
            changed = True
            continue
        value = a["value"]
        if value is not None and name in URL_ATTRIBUTES and scheme_of(value.strip("\"'")) in SCRIPT_SCHEMES:
            removed.append(f"{scheme_of(value.strip(chr(34) + chr(39)))}: URL in {name}=")
            kept.append(f'{a["name"]}="#"')
            changed = True
            continue
        kept.append(a.group(0))
    if not changed:
        return m.group(0)
    end = "/>" if m.group(0).endswith("/>") else ">"
    return f"<{m['close']}{m['name']}{''.join(' ' + k for k in kept)}{end}"


def neutralize(html_text: str) -> tuple[str, list[str]]:
    """(the HTML made inert, what was changed). Active elements become visible text."""
    removed: list[str] = []

    def escape(m: re.Match[str]) -> str:
        removed.append(f"<{html_text[m.end():m.end() + 10].split('>')[0].split()[0].lower()}>")
        return "&lt;"

    out = ACTIVE_TAG_RE.sub(escape, html_text)
    out = TAG_RE.sub(lambda m: _clean_tag(m, removed), out)
    return out, removed
