"""zh-Hant in Taiwan usage: glossary rows and phrase rules, quotation marks, the 行/列 check.

The cases of tests/data/zh_hant_cases.tsv are written by hand as a Taiwanese reader would
write each sentence; every glossary row and every rule has at least one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.check.table_words import check_table_words
from hooks.convert.chinese import ScriptConverter, convert_markdown
from hooks.convert.taiwan import PROJECT_RULES, RuleError, load_rules, taiwan_postprocess, taiwan_quotes
from hooks.languages import to_traditional as converter_for
from hooks.parse.data_files import DataFileError
from hooks.parse.markdown import Source
from hooks.paths import GLOSSARY as PROJECT_GLOSSARY
from hooks.paths import ROOT

HOOKS = ROOT / "hooks"

CASES_FILE = ROOT / "tests" / "data" / "zh_hant_cases.tsv"


def _cases() -> list[tuple[str, str]]:
    cases = []
    for raw in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            source, expected = raw.split("\t")
            cases.append((source, expected))
    return cases


def _glossary_rows() -> list[list[str]]:
    rows = []
    for raw in PROJECT_GLOSSARY.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            rows.append(raw.split("\t"))
    return rows


CASES = _cases()


@pytest.fixture(scope="module")
def convert():
    return converter_for().convert


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case_converts_as_taiwan_writes_it(convert, source: str, expected: str) -> None:
    assert convert_markdown(source + "\n", convert) == expected + "\n"


def test_every_glossary_row_has_a_reason_and_a_case() -> None:
    sources = [source for source, _ in CASES]
    no_reason = [row[0] for row in _glossary_rows() if len(row) != 3 or not row[2].strip()]
    no_case = [row[0] for row in _glossary_rows() if not any(row[0] in s for s in sources)]
    assert no_reason == []
    assert no_case == []


def test_every_rule_has_a_case() -> None:
    plain = ScriptConverter.from_glossary(PROJECT_GLOSSARY)  # the glossary without the rules
    converted = [plain.convert(source) for source, _ in CASES]
    rules = load_rules(PROJECT_RULES)
    assert rules
    unused = [rule.line for rule in rules if not any(rule.pattern.search(c) for c in converted)]
    assert unused == []


def test_meaning_of_achieve_and_pass_is_kept(convert) -> None:
    # 实现 (to achieve) and 通过 (to pass) keep their Taiwan form; only the code senses change.
    assert convert("实现高效的迁移学习") == "實現高效的遷移學習"
    assert convert("测试全部通过") == "測試全部通過"
    assert convert("向量数据库与知识库") == "向量資料庫與知識庫"


# --- quotation marks -----------------------------------------------------------------------


def test_quotes_become_corner_brackets() -> None:
    assert taiwan_quotes("三个“家族”") == "三个「家族」"
    assert taiwan_quotes("“外层‘内层’外层”") == "「外层『内层』外层」"
    assert taiwan_quotes("单独的‘引号’") == "单独的『引号』"


def test_quotes_inside_english_and_apostrophes_are_kept() -> None:
    assert taiwan_quotes("the “Hello World” example") == "the “Hello World” example"
    assert taiwan_quotes("Let’s go") == "Let’s go"


def test_quotes_never_change_in_code_urls_or_attributes(convert) -> None:
    markdown = (
        "正文“引号”，代码 `print(“引号”)` 不变\n\n"
        "[“标题”](https://example.com/“路径”) 与 <span data-x=\"“属性”\">“文字”</span>\n\n"
        "```\ns = “代码块”\n```\n"
    )
    result = convert_markdown(markdown, convert)
    assert "正文「引號」，程式碼 `print(“引号”)` 不變" in result
    assert "[「標題」](https://example.com/“路径”)" in result
    assert "data-x=\"“属性”\"" in result and ">「文字」</span>" in result
    assert "s = “代码块”" in result


# --- the rules file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("庫\t函式庫\n", "expected 3 non-empty tab-separated columns"),
        ("(庫\t函式庫\t理由\n", "not an RE2 regular expression"),
        ("庫\t\\1函式庫\t理由\n", "uses group 1, which the pattern does not have"),
        ("(a)庫\t\\g<name>\t理由\n", "uses group name, which the pattern does not have"),
        ("(?<=[A-Z])庫\t函式庫\t理由\n", "not an RE2 regular expression"),
        ("(a)\\1\t函式庫\t理由\n", "not an RE2 regular expression"),
        ("a*\t函式庫\t理由\n", "can match empty text"),
        ("庫\t函式庫函式庫\t理由\n", "6.0 times as long"),
        ("(庫)\t\\1\\1\\1\\1\\1\t理由\n", "5.0 times as long"),
        ("庫\t\\n\t理由\n", "not a group reference"),
    ],
)
def test_bad_rules_name_file_and_line(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("# rules\n" + text, encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rules(path)
    assert f"{path}:2:" in str(error.value)
    assert fragment in str(error.value)


def test_a_pattern_that_backtracks_in_python_runs_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("(a+)+b\tc\t理由\n", encoding="utf-8")
    (rule,) = load_rules(path)
    assert rule.apply("a" * 100_000) == "a" * 100_000  # Python's re would not finish


def test_every_problem_of_the_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("(\tx\t理由\nok\tfine\t理由\nb\t\\2\t理由\n", encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rules(path)
    assert [problem.line for problem in error.value.problems] == [1, 3]


def test_a_rules_file_over_its_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("# " + "x" * 60_000 + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:1: the file is larger than 50000 bytes"):
        load_rules(path)


def test_replacements_keep_the_characters_they_capture(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("([A-Za-z0-9])( ?)庫\t\\1\\2函式庫\t理由\n", encoding="utf-8")
    (rule,) = load_rules(path)
    assert rule.apply("PEFT 庫和Accelerate庫、資料庫") == "PEFT 函式庫和Accelerate函式庫、資料庫"


def test_rules_that_together_multiply_the_text_stop_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("a\taaaa\t理由\naa\taaaaaaaa\t理由\n", encoding="utf-8")
    taiwan_postprocess.cache_clear()
    with pytest.raises(RuleError, match=r"rules.tsv:1: the rules together made a text of 100 characters"):
        taiwan_postprocess(path)("a" * 100)


# --- 行/列 in a table ---------------------------------------------------------------------

TABLE_PAGE = """---
title: 表
---

# 表

下表中每一行对应一个模型。第二列沿用原作者的写法；没有代码的行标为 N/A。

| 模型 | 写法 |
| --- | --- |
| A | b |

代码的第一行是注释。[^n]

[^n]: 原文这一行的链接文字与 Alpaca 一行第 2 篇相同。
"""


def test_table_rows_and_columns_are_flagged_with_line_and_fix() -> None:
    findings = check_table_words(Source("docs/t.md", "t.md", TABLE_PAGE))
    by_line = {f.line: str(f) for f in findings}
    assert sorted(by_line) == [7, 15]
    assert by_line[7].startswith("docs/t.md:7: '每一行' calls a table row 行")
    assert "第二栏" in by_line[7] and "条" in by_line[7]


def test_unambiguous_table_words_pass() -> None:
    page = TABLE_PAGE.replace("每一行对应一个模型", "每个模型一条").replace("第二列", "第二栏") \
        .replace("没有代码的行标为", "没有代码的条目标为").replace("原文这一行", "原文这一条") \
        .replace("一行第 2 篇", "那一条的第 2 篇")
    assert check_table_words(Source("docs/t.md", "t.md", page)) == []


def test_lines_of_text_outside_tables_pass() -> None:
    page = "# 说明\n\n术语表每行一条。代码的第一行是注释。\n"
    assert check_table_words(Source("docs/t.md", "t.md", page)) == []
