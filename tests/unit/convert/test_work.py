"""Pages converted ahead (in the helper) are converted as the zh-Hant build converts them."""

from __future__ import annotations

from hooks import languages
from hooks.convert.chinese import convert_markdown
from hooks.convert.titles import cited_title_pattern
from hooks.convert.work import ConvertWork, convert_page

PAGE = """---
title: 显存优化
---

# 显存优化

- [大模型显存优化指南](https://example.com/a)：讲解显存与软件的关系。

`代码 显存` 不变。
"""
TITLES = frozenset({"大模型显存优化指南"})


def test_a_page_is_converted_as_the_build_converts_it():
    pattern = cited_title_pattern(TITLES)
    expected = convert_markdown(PAGE, languages.to_traditional().convert, pattern,
                                languages.to_traditional_titles().convert)
    work = ConvertWork()
    work.use_titles(TITLES)
    assert [work.convert(PAGE), work.convert("软件")] == [expected, convert_page("软件", None)]
    assert "[大模型顯存優化指南]" in expected  # a cited title: script only
    assert "# 顯示記憶體優化" in expected and "軟體" in expected  # prose: Taiwan vocabulary
    assert "`代码 显存`" in expected


def test_without_cited_titles_every_title_is_prose():
    work = ConvertWork()
    work.use_titles(frozenset())
    converted = work.convert(PAGE)
    assert "[大模型顯示記憶體優化指南]" in converted



class FakeHelper:
    """Answers convert requests in this process, as ``hooks.helper.Helper`` would."""

    fallback_reason = None

    def __init__(self) -> None:
        self.work = ConvertWork()
        self.asked: list[tuple] = []
        self.answers = 0

    def ask(self, method: str, *args) -> None:
        self.asked.append((method, args))

    def answer(self) -> list:
        self.answers += 1
        replies = [getattr(self.work, method)(*args) for method, args in self.asked]
        self.asked = []
        return replies


def test_a_run_that_stopped_early_leaves_no_reply_to_the_next():
    from types import SimpleNamespace

    from hooks.convert.stage import ConvertStage

    i18n = SimpleNamespace(current_language=languages.TRADITIONAL, config=SimpleNamespace(languages=[]))
    hans = SimpleNamespace(plugins={})
    hant = SimpleNamespace(plugins={"i18n": i18n})
    page = SimpleNamespace(file=SimpleNamespace(locale=None), meta={})
    stage, helper = ConvertStage(), FakeHelper()
    stage.helper = helper
    stage.convert_ahead("甲：软件\n", hans)
    stage.convert_ahead("乙：软件\n", hans)  # then the build stopped (an error) before zh-Hant
    stage.find_cited_titles(None, hans, None)  # the next run begins
    assert helper.answers == 1 and stage.sent == []
    stage.convert_ahead("丙：软件\n", hans)
    assert stage.page("丙：软件\n", page, hant, None) == "丙：軟體\n"
    assert stage.ahead == {"丙：软件\n": "丙：軟體\n"}
