"""The check as a maintainer runs it, in a process of its own: Ctrl-C and two runs at once."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hooks.links.cli import main
from hooks.links.status_file import LinkRecord, load_status, write_status

from .conftest import FaultServer

ROOT = Path(__file__).resolve().parents[3]
SLOW = ["--loopback-only", "--pace", "0", "--timeout", "30", "--retries", "0"]  # default deadline: 30 s
OLD = LinkRecord("ok", "2025-12-01", since="2025-06-01", code=200)
WAIT = 30.0  # seconds at most for a line the run is expected to print


class Run:
    """A ``check`` in a subprocess whose stderr lines are read as they come."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "hooks.links.cli", *args], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, text: str) -> None:
        """Read lines until one holds ``text`` (fails if the run ends or stays silent first)."""
        while True:
            line = self.lines.get(timeout=WAIT)
            assert line is not None, f"the run ended before printing {text!r}: {''.join(self.seen)}"
            self.seen.append(line)
            if text in line:
                return

    def finish(self) -> tuple[int, str]:
        """Exit code and everything it printed."""
        code = self.proc.wait(timeout=WAIT)
        while (line := self.lines.get(timeout=WAIT)) is not None:
            self.seen.append(line)
        return code, "".join(self.seen)


@contextmanager
def running(args: list[str]) -> Iterator[Run]:
    run = Run(args)
    try:
        yield run
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait()


@pytest.fixture
def project(tmp_path: Path, fault_server: FaultServer) -> tuple[list[str], Path, FaultServer]:
    """A page with a 403 (the probe: its URL sorts first), a 404 and an answer that never ends in
    time (/trickle, 10 s), and a data file holding an old record for each."""
    docs = tmp_path / "docs"
    docs.mkdir()
    paths = ("/forbidden", "/gone404", "/trickle")
    (docs / "p.md").write_text("".join(f"- [a]({fault_server.url(p)}) 说明\n" for p in paths), encoding="utf-8")
    data = tmp_path / "link_status.yml"
    write_status({fault_server.url(p): OLD for p in paths}, data)
    return ["--docs", str(docs), "--data", str(data)], data, fault_server


def test_ctrl_c_keeps_what_was_checked_and_prints_one_line(project) -> None:
    base, data, server = project
    with running([*base, "check", *SLOW]) as run:
        run.wait_for(f"dead       {server.url('/gone404')}")  # two results in, /trickle under way
        run.proc.send_signal(signal.SIGINT)
        code, err = run.finish()
    assert code == 130
    assert "Traceback" not in err and "CancelledError" not in err
    assert "interrupted: 2 of 3 URL(s) checked and saved in" in err
    status = load_status(data)
    assert (status[server.url("/forbidden")].status, status[server.url("/gone404")].status) == ("blocked", "dead")
    assert status[server.url("/trickle")] == OLD  # not checked: its record kept


def test_a_second_run_on_the_same_data_file_is_refused(project, capsys: pytest.CaptureFixture[str]) -> None:
    base, data, server = project
    with running([*base, "check", *SLOW]) as first:
        first.wait_for(f"dead       {server.url('/gone404')}")
        assert main([*base, "check", *SLOW]) == 1
        assert "another link check is running on this file" in capsys.readouterr().err
        first.proc.send_signal(signal.SIGINT)
        code, _ = first.finish()
    assert code == 130
    status = load_status(data)  # the first run's results, not lost to the second
    assert status[server.url("/gone404")].status == "dead"
    assert len([hit for hit in server.hits if hit.path == "/gone404"]) == 2  # HEAD + GET, one run only
