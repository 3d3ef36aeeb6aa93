"""Content may not take the ids the theme's own elements use (__config, __search, __nav_1…)."""

from __future__ import annotations

import pytest

from hooks.check.sanitize import check_page_html, clean, sanitize


@pytest.mark.parametrize("html", [
    '<p id="__config">x</p>',
    '<p id="&#95;_search" class="a">x</p>',
    '<a name="__md_scope" href="https://a.org/">x</a>',
    '<label for="__drawer">x</label>',
    '<h2 id="__nav_1">T</h2>',
])
def test_reserved_ids_are_dropped_and_reported(html: str) -> None:
    published = clean(html)
    assert "__" not in published
    cleaned, removed = sanitize(html)
    assert cleaned == published
    assert len(removed) == 1 and "reserved for the theme" in removed[0]


def test_other_ids_and_text_that_looks_like_one_stay() -> None:
    html = '<p id="a__b" title="id=&quot;__config&quot;">id="__config" <code>id="__x"</code></p>'
    assert clean(html) == sanitize(html)[0]
    assert 'id="a__b"' in clean(html) and 'id="__config" <code>id="__x"</code>' in clean(html)
    assert sanitize(html)[1] == []


def test_an_attribute_list_naming_the_config_element_is_found_on_its_line() -> None:
    import markdown

    md = markdown.Markdown(extensions=["attr_list"])

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    text = "# T\n\nfirst\n\nsecond\n{: #__config }\n"
    findings = check_page_html("docs/x.md", text, 0, render)
    assert [(f.line, "reserved" in f.reason) for f in findings] == [(6, True)]
