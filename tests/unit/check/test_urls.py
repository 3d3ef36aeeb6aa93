"""hooks/check/urls.py: only http(s) and relative links."""

from hooks.check.urls import check_url_schemes, scheme_problem
from hooks.parse.markdown import Source


def page(text: str) -> Source:
    return Source("docs/x.md", "x.md", text)


def test_http_https_and_relative_links_pass() -> None:
    text = "[a](https://a.example/) [b](http://b.example/) [c](../c.md#x) ![d](img.png)\n"
    assert check_url_schemes(page(text)) == []


def test_script_schemes_are_reported_with_their_line_and_danger() -> None:
    problems = check_url_schemes(page("第一行\n\n[点我](javascript:alert(1))\n"))
    assert [(p.line, p.code) for p in problems] == [(3, "url-scheme")]
    assert "'javascript:'" in problems[0].reason and "run script" in problems[0].reason


def test_attribute_lists_are_checked_too() -> None:
    problems = check_url_schemes(page("[x](https://ok.example/){ href=\"data:text/html,hi\" }\n"))
    assert [p.line for p in problems] == [1]


def test_links_inside_code_are_not_links() -> None:
    assert check_url_schemes(page("```\n[x](javascript:alert(1))\n```\n`[y](vbscript:z)`\n")) == []


def test_other_schemes_are_refused_without_the_script_warning() -> None:
    problem = scheme_problem("ftp://files.example/a")
    assert problem is not None
    reason, fix = problem
    assert "'ftp:'" in reason and "run script" not in reason and "https://" in fix
