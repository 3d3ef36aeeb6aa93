"""hooks/check/sanitize.py: the element count that spares most pages the HTML parser, and the
check of a page's source that names the line of each removal."""

from collections import Counter

import markdown

from hooks.check.sanitize import check_page_html, sanitize, start_tags, tag_names


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
