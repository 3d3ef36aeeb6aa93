"""The search helper: the same indexes from a second process, and from this one when it fails."""

from __future__ import annotations

import io
import json
import pickle

import pytest

from hooks import helper as helper_module
from hooks import paths
from hooks.helper import Helper, serve
from hooks.search.index import search_config

SECTIONS = {
    "zh-Hans": [
        {"location": "peft/", "title": "参数高效微调", "text": "<p>LoRA 与 QLoRA 的训练方法</p>"},
        {"location": "peft/#lora", "title": "LoRA", "text": "<p>低秩适配让大模型微调更省显存</p>"},
    ],
    "zh-Hant": [
        {"location": "zh-Hant/peft/", "title": "參數高效微調", "text": "<p>LoRA 與 QLoRA 的訓練方法</p>"},
        {"location": "zh-Hant/peft/#lora", "title": "LoRA", "text": "<p>低秩適配讓大模型微調更省顯存</p>"},
    ],
}
PREFIXES = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
CONFIG = search_config({"lang": ["zh"], "separator": "[\\s]+", "pipeline": [], "fields": {}})


def build(helper: Helper, site, prepare: bool = True) -> tuple[list, dict]:
    helper.ask("load")
    if prepare:
        helper.ask("prepare", [doc["text"] for doc in SECTIONS["zh-Hans"]])
    helper.ask("write", SECTIONS, PREFIXES, CONFIG, {}, {}, str(site))
    replies = helper.answer()
    indexes = {language: json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
               for language, prefix in PREFIXES.items()}
    return replies, indexes


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    helper = Helper("search", paths.ROOT, separate=False)
    replies, indexes = build(helper, tmp_path_factory.mktemp("local"))
    assert helper.process is None and helper.fallback_reason is None
    return replies, indexes


def test_the_helper_process_writes_the_same_indexes(tmp_path, in_process):
    helper = Helper("search", paths.ROOT)
    try:
        replies, indexes = build(helper, tmp_path)
        assert helper.process is not None and helper.process.poll() is None  # still there for the next build
        assert helper.fallback_reason is None
    finally:
        process = helper.process
        helper.stop()
    assert helper.process is None
    assert process.wait(10) == 0  # it exits once its input is closed, without the build waiting
    assert indexes == in_process[1]
    assert replies[0] == [] and replies[1] is None  # load: no warnings; prepare: nothing to say
    assert [row[:2] for row in replies[-1]] == [("zh-Hans", 2), ("zh-Hant", 2)]
    assert replies[-1][0][2] == (tmp_path / "search" / "search_index.json").stat().st_size
    assert indexes["zh-Hant"]["config"]["forms"]["显存"] == "顯存"  # the other script's spelling is known


def test_words_are_cut(in_process):
    text = in_process[1]["zh-Hans"]["docs"][1]["text"]
    assert "\u200b微调\u200b" in text and "\u200b显存" in text


def test_a_helper_that_stops_is_replaced_by_this_process(tmp_path, in_process):
    helper = Helper("search", paths.ROOT)
    helper.ask("load")
    helper.process.kill()
    helper.process.wait()
    helper.ask("prepare", ["训练"])  # the pipe may be closed already, or only at the answer
    helper.ask("write", SECTIONS, PREFIXES, CONFIG, {}, {}, str(tmp_path))
    replies = helper.answer()
    assert helper.fallback_reason and helper.local is not None and helper.process is None
    indexes = {language: json.loads((tmp_path / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
               for language, prefix in PREFIXES.items()}
    assert indexes == in_process[1] and len(replies) == 3


def test_an_error_in_the_helper_is_raised_here(tmp_path):
    helper = Helper("search", paths.ROOT)
    try:
        helper.ask("load")
        helper.ask("write", {"zh-Hans": [{"title": "no location"}]}, PREFIXES, CONFIG, {}, {}, str(tmp_path))
        with pytest.raises(KeyError, match="location"):
            helper.answer()
        assert "KeyError" in helper.fallback_reason
    finally:
        helper.stop()


def test_only_search_work_is_requested():
    helper = Helper("search", paths.ROOT, separate=False)
    with pytest.raises(ValueError, match="not a request of search work"):
        helper.ask("__init__")
    with pytest.raises(ValueError, match="not a kind of work"):
        Helper("os", paths.ROOT)
    requests, replies = io.BytesIO(), io.BytesIO()
    pickle.dump(("stop", ()), requests)
    pickle.dump(("prepare", (["训练"],)), requests)
    requests.seek(0)
    serve("search", requests, replies)  # returns at the end of its input
    replies.seek(0)
    refused, done = pickle.load(replies), pickle.load(replies)
    assert refused[0] is False and "not a request of search work: stop" in refused[1]
    assert done == (True, None)


def test_the_convert_helper_converts_as_this_process_does():
    from hooks.convert.work import ConvertWork

    pages = ["# 显存优化\n\n[大模型显存优化指南](https://example.com)：软件与显存。\n", "`代码` 与软件\n"]
    titles = frozenset({"大模型显存优化指南"})
    helper = Helper("convert", paths.ROOT)
    try:
        helper.ask("use_titles", titles)
        for page in pages:
            helper.ask("convert", page)
        replies = helper.answer()
        assert helper.fallback_reason is None
    finally:
        helper.stop()
    work = ConvertWork()
    work.use_titles(titles)
    assert replies == [None, *(work.convert(page) for page in pages)]


class Unmakeable:
    """A work object whose making fails, as SearchWork's does when the glossary does not load."""

    REQUESTS = frozenset({"load"})

    def __init__(self) -> None:
        raise ValueError("zh_hant_terms.tsv:3: duplicate simplified term — keep a single line for it")


def test_work_that_cannot_be_made_answers_each_request_with_the_error(monkeypatch):
    monkeypatch.setitem(helper_module.WORKS, "unmakeable", (__name__, "Unmakeable"))
    requests, replies = io.BytesIO(), io.BytesIO()
    for _ in range(2):
        pickle.dump(("load", ()), requests)
    requests.seek(0)
    serve("unmakeable", requests, replies)
    replies.seek(0)
    for _ in range(2):
        ok, text = pickle.load(replies)
        assert ok is False and "duplicate simplified term" in text
    helper = Helper("unmakeable", paths.ROOT, separate=False)
    helper.ask("load")
    with pytest.raises(ValueError, match="duplicate simplified term"):  # raised in the build, as before
        helper.answer()


def test_answers_come_with_what_the_asker_noted():
    helper = Helper("convert", paths.ROOT)
    try:
        helper.ask("use_titles", frozenset(), tag="titles")
        helper.ask("convert", "软件\n", tag=("page", 1))
        assert helper.waiting
        assert helper.answer_tagged() == [("titles", None), (("page", 1), "軟體\n")]
        assert not helper.waiting and helper.tags == []
    finally:
        helper.stop()


def test_a_helper_whose_replies_are_never_read_still_exits_when_stopped():
    """A build that stops early leaves replies unread: more than the pipe holds must not keep
    the helper (and the build's exit, which waits for it) from ending."""
    helper = Helper("convert", paths.ROOT)
    page = "软件与显存。" * 20_000  # each reply about 360 kB: beyond any pipe's buffer
    helper.ask("use_titles", frozenset())
    for _ in range(3):
        helper.ask("convert", page)
    process = helper.process
    helper.stop()
    assert process.wait(5) == 0


def test_a_helper_runs_at_a_lower_priority_than_the_build():
    import os

    helper = Helper("check", paths.ROOT)
    try:
        helper.ask("removals", "<p>x</p>")
        assert helper.answer() == [[]]
        own = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, helper.process.pid) == min(19, own + helper_module.NICENESS)
    finally:
        helper.stop()
