"""A link to a page of the site names that page by its title (hooks/check/link_titles.py)."""

from __future__ import annotations

from pathlib import Path

from hooks.check.link_titles import check_link_titles, load_exceptions
from hooks.check.runner import check_project
from hooks.parse.markdown import Source
from hooks.paths import ROOT

TITLES = {"training/practice.md": "训练实战", "fundamentals/models.md": "模型与算法", "index.md": "首页"}


def findings(text: str, page: str = "articles/x.md", exceptions=None) -> list:
    return check_link_titles(Source(f"docs/{page}", page, text), TITLES, exceptions)


def test_link_text_other_than_the_title_is_reported_with_the_title() -> None:
    found = findings("相关文章另见[训练实践](../training/practice.md)。\n")
    assert len(found) == 1
    assert found[0].line == 1 and found[0].code == "link-title"
    assert "'训练实践'" in found[0].reason and "'训练实战'" in found[0].reason
    assert "[训练实战](../training/practice.md)" in found[0].fix


def test_the_title_in_quotes_or_emphasis_is_the_title() -> None:
    text = ("见[训练实战](../training/practice.md)、《[模型与算法](../fundamentals/models.md)》、"
            "[**训练实战**](../training/practice.md)、[“模型与算法”](../fundamentals/models.md)。\n")
    assert findings(text) == []


def test_links_to_a_place_outside_pages_and_unknown_pages_are_not_judged() -> None:
    text = ("[LoRA 实践](../training/practice.md#lora)、[站外](https://example.org/a.md)、"
            "[新页](../nowhere.md)、![图](../img.png)\n")
    assert findings(text) == []


def test_listed_exceptions_are_allowed(tmp_path: Path) -> None:
    data = tmp_path / "link_text_exceptions.yml"
    data.write_text("exceptions:\n  - page: articles/x.md\n    text: 实践篇\n    reason: 原文的叫法\n",
                    encoding="utf-8")
    exceptions = load_exceptions(data)
    assert findings("[实践篇](../training/practice.md)\n", exceptions=exceptions) == []
    assert load_exceptions(tmp_path / "absent.yml") == {}


def test_the_site_has_no_link_naming_a_page_otherwise() -> None:
    report = check_project(ROOT)
    assert [str(f) for f in report.findings if f.code == "link-title"] == []
