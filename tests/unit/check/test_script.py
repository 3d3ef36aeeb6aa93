"""hooks/check/script.py: the simplified source holds no traditional prose."""

from hooks.check.script import check_script, simplify
from hooks.convert.chinese import convert_markdown
from hooks.languages import to_simplified
from hooks.parse.markdown import Source


def page(text: str) -> Source:
    return Source("docs/x.md", "x.md", text)


def test_simplified_prose_passes() -> None:
    assert check_script(page("# 训练\n\n参数高效微调的说明。\n"), to_simplified(), ()) == []


def test_a_traditional_line_is_reported_with_its_characters() -> None:
    problems = check_script(page("# 训练\n\n這是繁體的說明。\n"), to_simplified(), ())
    assert [p.line for p in problems] == [3]
    assert "這→这" in problems[0].reason


def test_article_titles_code_and_exceptions_are_not_judged() -> None:
    text = "- [繁體標題](https://a.example/) — 说明\n\n`程式碼`\n\n昇腾芯片\n"
    assert check_script(page(text), to_simplified(), ("昇腾",)) == []


def test_simplify_converts_prose_and_keeps_urls_and_code() -> None:
    text = "這是說明，見[連結](https://a.example/繁體)與`程式碼`。\n"
    out = simplify(text, to_simplified(), (), convert_markdown)
    assert out == "这是说明，见[连结](https://a.example/繁體)与`程式碼`。\n"
