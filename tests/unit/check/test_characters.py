"""Control characters, bidirectional controls, invisible titles and addresses that hide their host."""

from __future__ import annotations

import pytest

from hooks.check.characters import control_findings, title_finding, visible
from hooks.check.urls import host_problem


def test_xml_invalid_and_bidi_characters_are_found_on_their_line() -> None:
    text = "# 标题\n\n- [测评\u202egnp.exe\u202c](https://a.org/)\n- [a\x07b](https://b.org/)\n\ttab ok\r\n"
    found = control_findings("docs/x.md", text)
    assert [(f.line, f.reason.split(" (")[0]) for f in found] == [(3, "a bidirectional control"),
                                                                  (4, "a control character")]
    assert "U+202E" in found[0].reason and " — " in str(found[0])


@pytest.mark.parametrize("title", ["\u200b\u200c\u200d", "\u2060 \u3000", "\u0301\u0302", "\u3164", ""])
def test_titles_that_show_nothing_are_refused(title: str) -> None:
    assert not visible(title)
    finding = title_finding("docs/x.md", 3, title)
    assert finding is not None and "no visible character" in finding.reason


@pytest.mark.parametrize("title", ["LoRA", "微调\u200b方法", "é", "①"])
def test_titles_with_something_to_show_pass(title: str) -> None:
    assert title_finding("docs/x.md", 3, title) is None


@pytest.mark.parametrize("url, words", [
    ("https://user:pass@example.org/x", "user name or password"),
    ("https://user@example.org/x", "user name or password"),
    ("http://192.168.1.10/admin", "private IP"),
    ("http://8.8.8.8/", "raw IP"),
    ("http://127.0.0.1:8000/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1%25eth0]/", "link-local"),
    ("http://localhost:8000/", "loopback"),
    ("http://2130706433/", "by a number"),
    ("http://0x7f.1/", "by a number"),
])
def test_addresses_with_credentials_or_without_a_public_host_name_are_refused(url: str, words: str) -> None:
    problem = host_problem(url)
    assert problem is not None and words in problem[0]


@pytest.mark.parametrize("url", ["https://arxiv.org/abs/2106.09685", "../training/peft.md", "#a",
                                 "https://例子.中国/", "mailto:a@b.org", "https://1password.com/"])
def test_ordinary_addresses_pass(url: str) -> None:
    assert host_problem(url) is None


def test_a_navigation_link_that_hides_its_host_is_found_on_its_line(tmp_path) -> None:
    from hooks.check.nav_files import check_nav_file

    pages = tmp_path / ".pages"
    pages.write_text("nav:\n  - a.md\n  - 内网: http://10.0.0.1/admin\n  - 凭据: https://u:p@example.org/\n",
                     encoding="utf-8")
    found = check_nav_file(pages, "docs/.pages", "", {"a.md": True}, [])
    assert [(f.line, f.code) for f in found] == [(3, "url-host"), (4, "url-host")]
