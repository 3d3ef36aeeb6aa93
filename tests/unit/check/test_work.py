"""hooks/check/work.py: what the allowlist removed, found in the check helper as in this process."""

from hooks import paths
from hooks.check.sanitize import sanitize
from hooks.check.work import CheckWork
from hooks.helper import Helper

PAGES = [
    "<p>正文</p>",
    '<p onclick="alert(1)">x</p><script>alert(1)</script>',
    '<a href="javascript:alert(1)">链接</a><a href="//evil.example/">x</a>',
]


def test_removals_are_what_sanitize_reports() -> None:
    work = CheckWork()
    assert [work.removals(page) for page in PAGES] == [sanitize(page)[1] for page in PAGES]
    assert work.removals(PAGES[0]) == []
    assert "raw HTML <script> is not allowed" in work.removals(PAGES[1])


def test_the_check_helper_finds_the_same_removals() -> None:
    helper = Helper("check", paths.ROOT)
    try:
        for page in PAGES:
            helper.ask("removals", page)
        replies = helper.answer()
        assert helper.fallback_reason is None and helper.process is not None
    finally:
        helper.stop()
    assert replies == [sanitize(page)[1] for page in PAGES]
