"""Unit tests of hooks/zh_convert.py: glossary loading, the OpenCC converter, Markdown safety."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hooks.convert.chinese import (  # noqa: E402
    GlossaryError,
    ScriptConverter,
    convert_markdown,
    load_glossary,
)
from hooks.parse.markdown import Source, code_blocks, inline_marks
from hooks.paths import HOOKS  # noqa: E402
from unit.parse.test_markdown_agreement import FIXTURES as AGREEMENT_FIXTURES

GLOSSARY = HOOKS / "data" / "zh_hant_terms.tsv"


@pytest.fixture(scope="module")
def converter() -> ScriptConverter:
    return ScriptConverter.from_glossary(GLOSSARY)


# --- the project glossary wins over s2twp ------------------------------------------------


@pytest.mark.parametrize(
    ("simplified", "expected", "stock_mistake"),
    [
        ("模型参数", "模型參數", "引數"),
        ("超参数", "超參數", "引數"),
        ("显存不够", "顯示記憶體不夠", "視訊記憶體"),
        ("卸载到 CPU", "卸載到 CPU", "解除安裝"),
        ("优化器状态", "優化器狀態", "最佳化"),
        ("推理优化", "推論優化", "最佳化"),
        ("数据并行", "資料平行", "並行"),
        ("适配器", "適配器", "介面卡"),
        ("前缀微调", "前綴微調", "字首"),
        ("算子融合", "運算子融合", "運算元"),
        ("激活函数", "活化函數", "啟用函式"),
        ("百川智能开源大模型", "百川智能開源大模型", "智慧"),
    ],
)
def test_glossary_terms_win(
    converter: ScriptConverter, simplified: str, expected: str, stock_mistake: str
) -> None:
    result = converter.convert(simplified)
    assert result == expected
    assert stock_mistake not in result


def test_ordinary_text_still_gets_s2twp(converter: ScriptConverter) -> None:
    assert converter.convert("分布式训练的源码和软件") == "分散式訓練的原始碼和軟體"


def test_compound_segmentation_is_not_broken(converter: ScriptConverter) -> None:
    # 并行 is a glossary term (→ 平行) but here 并 belongs to 合并.
    assert converter.convert("合并行数据") == "合併行資料"
    assert converter.convert("把两处合并为一条") == "把兩處合併為一條"


def test_glossary_terms_are_single_segments(converter: ScriptConverter) -> None:
    # Stock segmentation reads 单只 as one word (單隻, a measure word) and 个中 as 箇中.
    assert converter.convert("这份清单只列出名称") == "這份清單只列出名稱"
    assert converter.convert("训练个中文版ChatGPT") == "訓練個中文版ChatGPT"


def test_glossary_from_any_file(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("# test terms\n并行\t平行\n参数\t參數\n", encoding="utf-8")
    own = ScriptConverter.from_glossary(glossary)
    assert own.convert("合并行数据") == "合併行資料"
    assert own.convert("数据并行与模型参数") == "資料平行與模型參數"
    assert own.convert("显存") == "視訊記憶體"  # not in this glossary: stock s2twp


def test_converter_leaves_no_temporary_files(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    converter = ScriptConverter({"参数": "參數"})
    assert converter.convert("参数") == "參數"
    assert list(tmp_path.iterdir()) == []


# --- convert_markdown leaves the machinery alone -----------------------------------------


def test_fenced_code_is_kept(converter: ScriptConverter) -> None:
    markdown = (
        "参数说明\n\n```python\nx = '参数'  # 显存\n```\n\n~~~\n显存 参数\n~~~\n\n    - 列表参数\n"
    )
    result = convert_markdown(markdown, converter.convert)
    assert result.startswith("參數說明\n")
    assert "```python\nx = '参数'  # 显存\n```" in result
    assert "~~~\n显存 参数\n~~~" in result


def test_indented_code_is_kept_but_indented_prose_is_converted(converter: ScriptConverter) -> None:
    markdown = (
        "段落参数\n\n    缩进代码参数\n\n- 列表参数\n\n    列表里的段落参数\n\n"
        '!!! note "提示参数"\n\n    提示内容参数\n'
    )
    result = convert_markdown(markdown, converter.convert)
    assert "    缩进代码参数\n" in result
    assert "- 清單參數" in result
    assert "    清單裡的段落參數" in result
    assert '!!! note "提示參數"' in result
    assert "    提示內容參數" in result


def test_what_python_markdown_renders_as_text_is_converted(converter: ScriptConverter) -> None:
    # options superfences refuses open no fence; a fence left open is no fence either
    markdown = "```python foo\n\n参数说明\n\n```\n显存参数\n"
    assert convert_markdown(markdown, converter.convert) == "```python foo\n\n參數說明\n\n```\n顯示記憶體參數\n"


def test_inline_code_is_kept(converter: ScriptConverter) -> None:
    result = convert_markdown("设置 `参数` 与 ``a`显存`b`` 的值\n", converter.convert)
    assert result == "設定 `参数` 與 ``a`显存`b`` 的值\n"


def test_link_url_kept_text_title_fragment_converted(converter: ScriptConverter) -> None:
    markdown = (
        '见[参数说明](../training/参数.md#模型参数 "显存标题")，'
        "外链[原文](https://example.com/文档/参数#显存)。\n"
    )
    result = convert_markdown(markdown, converter.convert)
    assert '[參數說明](../training/参数.md#模型參數 "顯示記憶體標題")' in result
    assert "[原文](https://example.com/文档/参数#显存)" in result


def test_same_page_anchor_is_converted(converter: ScriptConverter) -> None:
    result = convert_markdown("见[下文](#数据并行)\n", converter.convert)
    assert result == "見[下文](#資料平行)\n"


def test_image_alt_is_converted_and_source_kept(converter: ScriptConverter) -> None:
    result = convert_markdown("![显存占用示意图](img/显存.png)\n", converter.convert)
    assert result == "![顯示記憶體佔用示意圖](img/显存.png)\n"


def test_html_attributes(converter: ScriptConverter) -> None:
    markdown = '<img src="图/参数.png" alt="参数图" title=\'显存\' data-note="参数"> 正文参数\n'
    result = convert_markdown(markdown, converter.convert)
    assert result == '<img src="图/参数.png" alt="參數圖" title=\'顯示記憶體\' data-note="参数"> 正文參數\n'


def test_comment_autolink_bare_url_reference_definition(converter: ScriptConverter) -> None:
    markdown = (
        "<!-- 参数注释 -->\n"
        "见 <https://zh.wikipedia.org/wiki/参数> 和 https://example.com/显存?q=参数 文档\n"
        '[ref]: https://example.com/参数 "参数"\n'
    )
    result = convert_markdown(markdown, converter.convert)
    assert "<!-- 参数注释 -->" in result
    assert "<https://zh.wikipedia.org/wiki/参数>" in result
    assert "https://example.com/显存?q=参数 文件" in result
    assert '[ref]: https://example.com/参数 "参数"' in result


def test_attr_list_is_kept(converter: ScriptConverter) -> None:
    result = convert_markdown("## 参数高效微调 { #peft .参数 data-x=显存 }\n", converter.convert)
    assert result == "## 參數高效微調 { #peft .参数 data-x=显存 }\n"


def test_front_matter_keys_kept_title_description_converted(converter: ScriptConverter) -> None:
    markdown = (
        "---\n"
        "title: 参数高效微调\n"
        'description: "显存优化资料"\n'
        "tags: [参数, 显存]\n"
        "参数: 显存\n"
        "---\n\n"
        "# 参数\n"
    )
    result = convert_markdown(markdown, converter.convert)
    assert result == (
        "---\n"
        "title: 參數高效微調\n"
        'description: "顯示記憶體優化資料"\n'
        "tags: [参数, 显存]\n"
        "参数: 显存\n"
        "---\n\n"
        "# 參數\n"
    )


def test_reference_labels_match_their_untouched_definitions(converter: ScriptConverter) -> None:
    markdown = "见[说明][参数表]和[参数表]，[普通参数]。\n\n[参数表]: https://example.com/a\n"
    result = convert_markdown(markdown, converter.convert)
    assert result == "見[說明][参数表]和[参数表]，[普通參數]。\n\n[参数表]: https://example.com/a\n"


def test_heading_and_its_anchor_convert_alike(converter: ScriptConverter) -> None:
    markdown = "## 数据并行与显存优化\n\n见[上文](#数据并行与显存优化)。\n"
    result = convert_markdown(markdown, converter.convert)
    assert result == "## 資料平行與顯示記憶體優化\n\n見[上文](#資料平行與顯示記憶體優化)。\n"


def test_page_is_converted_in_one_call() -> None:
    calls: list[str] = []

    def convert(text: str) -> str:
        calls.append(text)
        return text.replace("参", "參")

    markdown = "参数 `参数` [参数](a.md#参数) 参数\n\n```\n参数\n```\n\n参数\n"
    result = convert_markdown(markdown, convert)
    assert len(calls) == 1
    assert result == "參数 `参数` [參数](a.md#參数) 參数\n\n```\n参数\n```\n\n參数\n"


# --- glossary errors name file:line --------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_glossary_loads_and_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "# comment\n\n参数\t參數\n  # indented comment\n显存\t顯存\n")
    assert load_glossary(path) == {"参数": "參數", "显存": "顯存"}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("参数\t參數\n显存\n", 2, "expected 2 tab-separated columns"),
        ("# c\n参数\t參數\t理由\t引數\n", 2, "found 4"),
        ("参数\t\n", 1, "traditional column is empty"),
        ("\t參數\n", 1, "simplified column is empty"),
        ("显存\tGPU 記憶體\n", 1, "contains a space"),
        ("参数\t參數\n\n显存\t顯示記憶體\n参数\t引數\n", 4, "duplicate simplified term '参数'"),
    ],
)
def test_glossary_errors_name_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    message = str(error.value)
    assert f"{path}:{line}:" in message
    assert fragment in message


def test_duplicate_error_points_at_first_definition(tmp_path: Path) -> None:
    path = _write(tmp_path, "参数\t參數\n显存\t顯示記憶體\n参数\t引數\n")
    with pytest.raises(GlossaryError, match=rf"first defined at {path}:1\b"):
        load_glossary(path)


def test_glossary_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ScriptConverter.from_glossary(_write(tmp_path, "参数\n"))


def test_project_glossary_is_valid() -> None:
    terms = load_glossary(GLOSSARY)
    assert terms["参数"] == "參數"
    assert terms["显存"] == "顯示記憶體"
    assert all(" " not in value for value in terms.values())


# --- convert_markdown keeps what the shared scanner calls code and link targets ---------------

DOCS = HOOKS.parent / "docs"
SCANNER_PIECES = {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8-sig") for p in sorted(DOCS.rglob("*.md"))}
SCANNER_PIECES.update({name: text for name, (text, _) in AGREEMENT_FIXTURES.items()})


def _changes_every_letter(text: str) -> str:
    """A stand-in converter that changes every ASCII letter and keeps the length."""
    return text.swapcase()


@pytest.mark.parametrize("name", SCANNER_PIECES)
def test_code_and_link_targets_the_scanner_finds_are_not_converted(name: str) -> None:
    text = SCANNER_PIECES[name]
    source = Source(name, name, text)
    converted = convert_markdown(text, _changes_every_letter)
    assert len(converted) == len(text)
    blocks = code_blocks(text, source.body_offset)
    kept = blocks + [(start, end) for kind, start, end in inline_marks(text, source.body_offset, blocks)
                     if kind == "code"]
    kept += [link.span for link in source.links  # a fragment of this site follows its heading
             if link.span and not ("#" in link.dest and not urlsplit(link.dest).scheme)]
    for start, end in kept:
        assert converted[start:end] == text[start:end], (source.line(start), text[start:end])
