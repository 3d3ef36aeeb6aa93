"""hooks/publish/text.py: every front-matter value reaches the templates escaped, whatever its
shape, and keys that break the front-matter schema never reach them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks.publish.text import page_meta, page_strings

REFRESH = '<meta http-equiv="refresh" content="0;url=https://example.invalid/">'
SCRIPT = '<script src="/llm-kb/javascripts/payload.js"></script>'


CONFIG, FILES = MkDocsConfig(), Files([])  # neither hook reads them


def page(meta: dict) -> Page:
    """A stand-in holding the attributes these hooks read and write."""
    return cast(Page, SimpleNamespace(title="标题", meta=meta, toc=[], file=SimpleNamespace(src_uri="x.md")))


def test_front_matter_values_of_every_shape_are_escaped() -> None:
    shown = page({"subtitle": [REFRESH], "status": {"a": [SCRIPT, 5, None, True]}, "extra": (SCRIPT,),
                  "description": SCRIPT, "count": 5})
    page_strings("", shown, CONFIG, FILES)
    meta = shown.meta
    assert meta["subtitle"] == [Markup("&lt;meta http-equiv=&#34;refresh&#34; content=&#34;0;url=https://example.invalid/&#34;&gt;")]
    assert meta["status"]["a"][0].startswith("&lt;script") and meta["status"]["a"][1:] == [5, None, True]
    assert meta["extra"][0].startswith("&lt;script") and meta["description"].startswith("&lt;script")
    assert meta["count"] == 5
    assert all(isinstance(v, Markup) for v in (meta["subtitle"][0], meta["status"]["a"][0], meta["extra"][0]))


def test_a_key_written_as_markup_is_escaped_too() -> None:
    shown = page({"search": {SCRIPT: True}})
    page_strings("", shown, CONFIG, FILES)
    escaped = "&lt;script src=&#34;/llm-kb/javascripts/payload.js&#34;&gt;&lt;/script&gt;"
    assert list(shown.meta["search"]) == [Markup(escaped)]


def test_keys_that_break_the_schema_are_left_out_before_any_stage_reads_them() -> None:
    read = page({"title": "甲", "search": True, "hide": 5, "icon": None, "template": "partials/x.html",
                 "subtitle": [REFRESH], "status": [SCRIPT], "author": "乙", "kind": "page",
                 "description": "一句话"})
    assert page_meta("# 甲", read, CONFIG, FILES) == "# 甲"
    assert read.meta == {"title": "甲", "kind": "page", "description": "一句话"}


def test_keys_the_site_allows_stay() -> None:
    meta = {"title": "甲", "hide": ["toc"], "search": {"exclude": True}, "status": "new", "template": "main.html",
            "icon": "material/school", "topics": "lora -rlhf"}
    read = page(dict(meta))
    page_meta("", read, CONFIG, FILES)
    assert read.meta == meta
