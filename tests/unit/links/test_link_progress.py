"""The progress display: a tqdm bar on a terminal, plain lines in logs."""

from __future__ import annotations

import io

from hooks.links.checker import CheckResult
from hooks.links.policy import Status
from hooks.links.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


RESULTS = [CheckResult("https://a.test/", Status.OK, code=200),
           CheckResult("https://b.test/", Status.DEAD, code=404, error="HTTP 404"),
           CheckResult("https://c.test/", Status.REDIRECTED, code=200, moved_to="https://c.test/new")]


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(len(RESULTS), stream, every=2)
    for result in RESULTS:
        progress(result)
    progress.close()
    assert progress.bar is None
    assert stream.getvalue().splitlines() == [
        "dead       https://b.test/ (HTTP 404)",
        "checked 2/3",
        "redirected https://c.test/ → https://c.test/new (200)",
        "checked 3/3",
    ]


def test_a_bar_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(len(RESULTS), stream)
    for result in RESULTS:
        progress(result)
    progress.close()
    assert progress.bar is not None and progress.bar.n == 3
    out = stream.getvalue()
    assert "3/3" in out and "dead       https://b.test/ (HTTP 404)" in out
