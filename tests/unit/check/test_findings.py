"""hooks/check/findings.py: a finding prints as `path:line: reason — fix`."""

from hooks.check.findings import Finding, from_message


def test_a_finding_prints_path_line_reason_and_fix() -> None:
    finding = Finding("docs/a.md", 3, "the title is empty", "write a title")
    assert str(finding) == "docs/a.md:3: the title is empty — write a title"


def test_a_located_message_keeps_its_line_and_takes_the_given_path() -> None:
    finding = from_message("/abs/docs/a.md:7: bad entry — write [标题](URL)", "entry", "docs/a.md")
    assert (finding.path, finding.line, finding.reason, finding.fix) == (
        "docs/a.md", 7, "bad entry", "write [标题](URL)")


def test_a_message_without_location_or_fix_is_placed_at_the_given_line() -> None:
    finding = from_message("something odd", "data-file", "hooks/data/x.yml", line=4)
    assert (finding.line, finding.reason, finding.fix) == (4, "something odd", "see the message")
