"""行 and 列 for the rows and columns of a table: words the two editions read the other way.

Mainland usage says 行 for a row and 列 for a column; Taiwan says 列 for a row and 行 for a
column. The zh-Hant edition keeps the characters, so "第二列" or "每一行对应一个模型" swaps rows
and columns for a Taiwanese reader. Where a paragraph speaks of a table, write 条 for a row
and 栏 for a column (表中每个模型一条, 第二栏): both editions read them the same way.

Judged: paragraphs that speak of a table (表格, 下表, 单元格 …), and on a page that holds a
Markdown table every paragraph that does not speak of code or files, so lines of text or code
(代码的第一行, 术语表每行一条) are left alone. Not judged: code, URLs, HTML tags and the text of
links to other sites (article titles are quoted as published).
"""

from __future__ import annotations

import re

from hooks.parse.markdown import Source

from .findings import Finding
from .script import prose

TABLE_RE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|", re.M)  # a table's delimiter row
TABLE_CUES = re.compile(r"表格|表中|表里|下表|上表|本表|该表|此表|张表|单元格|表头|同一格|这一格")
# a paragraph about lines of code or of a file, on a page that also holds a table
TEXT_CUES = re.compile(r"代码的|代码块|文件的|脚本|命令|输出|日志|注释|术语表")
# 行/列 as a noun after a pointing word: 第二列, 每一行, 这一行, 同一行, 该列, 一行第 2 篇, 的行标为
ROW_COLUMN = re.compile(
    r"(?:第[一二三四五六七八九十两\d]+|每一?|这一?|那一?|此|同一|该|各|哪一?)(?P<word>[行列])"
    r"(?![出为入表有在了上举明车业动程为数号首末])"
    r"|(?<![\u4e00-\u9fff])一(?P<word2>[行列])第"
    r"|的(?P<word3>[行列])(?=标|中|里|上|写)"
)
FIX = ("in a table write 条 for a row and 栏 for a column (e.g. 表中每个模型一条, 第二栏): Taiwan "
       "reads 行 as a column and 列 as a row, and the zh-Hant edition keeps the character")


def _paragraphs(text: str):
    """(start offset, paragraph text) of each blank-line separated block."""
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def check_table_words(source: Source) -> list[Finding]:
    """One finding per line that uses 行/列 for a table's row or column."""
    text = prose(source, ())
    page_has_table = bool(TABLE_RE.search(source.masked))
    problems: dict[int, Finding] = {}
    for start, paragraph in _paragraphs(text):
        if not TABLE_CUES.search(paragraph) and (not page_has_table or TEXT_CUES.search(paragraph)):
            continue
        for match in ROW_COLUMN.finditer(paragraph):
            word = match.group("word") or match.group("word2") or match.group("word3")
            meaning = "row" if word == "行" else "column"
            line = source.line(start + match.start())
            problems.setdefault(line, Finding(
                source.path, line,
                f"'{match.group(0)}' calls a table {meaning} {word}, which a Taiwanese reader takes "
                f"for a {'column' if word == '行' else 'row'}", FIX, "table-row-column"))
    return list(problems.values())
