"""hooks/check/links.py on an in-memory page and a made-up site."""

from hooks.check.links import check_internal_links
from hooks.parse.markdown import Source

TARGETS = {"index.md": True, "training/index.md": True, "training/peft.md": True, "img/a.png": False}
ANCHORS = {"index.md": frozenset({"intro"}), "training/index.md": frozenset(),
           "training/peft.md": frozenset({"lora", "qlora"})}


def check(text: str, page: str = "training/index.md") -> list:
    return check_internal_links(Source(f"docs/{page}", page, text), TARGETS, ANCHORS.get)


def test_good_links_pass() -> None:
    good = "[a](peft.md) [b](peft.md#lora) [c](../index.md#intro) ![d](../img/a.png) [e](https://x.example/)\n"
    assert check(good) == []


def test_a_missing_page_is_reported_with_a_suggestion() -> None:
    problems = check("\n[a](pef.md)\n")
    assert [(p.line, p.code) for p in problems] == [(2, "broken-link")]
    assert "training/pef.md, which does not exist" in problems[0].reason
    assert "did you mean training/peft.md" in problems[0].reason


def test_a_missing_anchor_is_reported_with_a_suggestion() -> None:
    problems = check("[a](peft.md#lorra)\n")
    assert [p.code for p in problems] == ["broken-anchor"]
    assert "did you mean lora" in problems[0].reason


def test_absolute_folder_and_outside_links_are_refused() -> None:
    problems = check("[a](/training/peft/)\n[b](../)\n[c](../../etc/passwd)\n")
    assert [p.line for p in problems] == [1, 2, 3]
    assert "absolute link" in problems[0].reason
    assert "points at a folder" in problems[1].reason
    assert "outside docs/" in problems[2].reason


def test_links_into_an_unlisted_folder_are_not_judged() -> None:
    page = Source("docs/index.md", "index.md", "[t](topics/lora.md)\n")
    assert check_internal_links(page, TARGETS, ANCHORS.get, unlisted=["topics"]) == []


def test_only_the_first_broken_links_of_a_page_get_a_suggestion() -> None:
    """Each suggestion is a fuzzy search over every page: a page of many broken links stays cheap."""
    problems = check("".join(f"[a{i}](pef.md)\n" for i in range(30)))
    suggested = [p.line for p in problems if "did you mean training/peft.md" in p.reason]
    assert len(problems) == 30
    assert suggested == list(range(1, 21))
