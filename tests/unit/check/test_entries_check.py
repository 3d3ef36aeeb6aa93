"""hooks/check/entries_check.py: every malformed entry at once, URLs once per page, known topics."""

from hooks.check.entries_check import check_duplicate_urls, check_entries, check_topic_overrides
from hooks.index.topics import TopicError, assign_topics
from hooks.parse.catalog import heading_slugify
from hooks.parse.markdown import Source

PAGE = "training/peft.md"


def page(text: str) -> Source:
    return Source(f"docs/{PAGE}", PAGE, text)


def test_well_formed_entries_are_returned() -> None:
    entries, problems = check_entries(page("# 微调\n\n- [甲](https://a.example/) — 说明\n- 乙 — 只有名称\n"),
                                      heading_slugify)
    assert problems == [] and entries is not None
    assert [(e.title, e.url) for e in entries] == [("甲", "https://a.example/"), ("乙", None)]


def test_every_malformed_entry_is_reported_not_only_the_first() -> None:
    text = "# 微调\n\n- [甲](https://a.example/\n- [乙](https://b.example/) — 好\n- [](https://c.example/)\n"
    entries, problems = check_entries(page(text), heading_slugify)
    assert [p.line for p in problems] == [3, 5]
    assert all(p.code == "entry" for p in problems)


def test_the_same_url_twice_on_a_page_is_reported_at_the_second() -> None:
    text = "# 微调\n\n- [甲](https://a.example/)\n- [乙](https://b.example/)\n- [丙](https://a.example/)\n"
    entries, _ = check_entries(page(text), heading_slugify)
    assert entries is not None
    problems = check_duplicate_urls(page(text), entries)
    assert [(p.line, p.code) for p in problems] == [(5, "duplicate-url")]
    assert "first at line 3" in problems[0].reason


def test_an_unknown_topic_override_is_reported_on_its_entry() -> None:
    text = '# 微调\n\n- [甲](https://a.example/) { topics="lora" }\n- [乙](https://b.example/) { topics="nosuch" }\n'
    entries, _ = check_entries(page(text), heading_slugify)
    assert entries is not None
    problems = check_topic_overrides(page(text), entries, {"lora"}, assign_topics, TopicError)
    assert [(p.line, p.code) for p in problems] == [(4, "unknown-topic")]
    assert "nosuch" in problems[0].reason
