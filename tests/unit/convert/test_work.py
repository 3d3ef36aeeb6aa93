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

    def ask(self, method: str, *args, tag=None) -> None:
        self.asked.append((method, args, tag))

    @property
    def waiting(self) -> bool:
        return bool(self.asked)

    def answer_tagged(self) -> list:
        tags = [tag for _, _, tag in self.asked]
        return list(zip(tags, self.answer()))

    def answer(self) -> list:
        self.answers += 1
        replies = [getattr(self.work, method)(*args) for method, args, _ in self.asked]
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
    assert helper.answers == 1 and not helper.waiting
    stage.convert_ahead("丙：软件\n", hans)
    assert stage.page("丙：软件\n", page, hant, None) == "丙：軟體\n"
    assert stage.ahead == {"丙：软件\n": "丙：軟體\n"}


def test_strings_are_converted_as_prose_and_as_cited_titles():
    prose, titles = ConvertWork().strings(["显存优化", "国产ChatGPT又开源了"])
    assert prose == [languages.traditional_converter().convert(t) for t in ("显存优化", "国产ChatGPT又开源了")]
    assert titles[1] == "國產ChatGPT又開源了" and prose[0] != titles[0]  # 記憶體 in prose, 顯存 cited


def test_the_build_converts_from_strings_fetched_from_the_helper():
    """The zh-Hant strings of the build come from the helper: asked ahead, or fetched when
    asked for; the build's own converters are never built."""
    from hooks.convert.chinese import KnownFirst
    from hooks.convert.stage import ConvertStage

    stage, helper = ConvertStage(), FakeHelper()
    stage.helper = helper
    built = []
    prose = KnownFirst(lambda: built.append("prose") or str)
    helper.ask("strings", ["软件"], tag=("strings", ["软件"]))
    stage.collect()
    assert languages.to_traditional().known["软件"] == "軟體"
    prose.fetch = lambda texts: prose.learn(zip(texts, ConvertWork().strings(texts)[0]))
    assert prose.convert("显存") == languages.traditional_converter().convert("显存") and prose.misses == 1
    assert prose.convert("显存") and prose.misses == 1 and built == []
    languages.to_traditional().forget()


def test_known_first_builds_its_own_converter_only_when_nothing_else_answers():
    from hooks.convert.chinese import KnownFirst

    built = []

    def make():
        built.append(1)
        return lambda text: text.upper()

    converter = KnownFirst(make)
    converter.learn([("a", "甲")])
    assert converter("a") == "甲" and converter("") == "" and built == []
    converter.fetch = lambda texts: None  # a helper that cannot answer
    assert converter("b") == "B" and converter("c") == "C" and built == [1] and converter.misses == 2
    converter.forget()
    assert converter.fetch is None and converter("a") == "A"
