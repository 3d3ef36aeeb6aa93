"""The command end to end, against the fault server: check, report, rewrite-moved."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from hooks.links.cli import main
from hooks.links.status_file import LinkRecord, load_status, write_status

from .conftest import FaultServer

FAST = ["--loopback-only", "--pace", "0", "--timeout", "0.6", "--retries", "1", "--backoff", "0.05"]


@pytest.fixture
def project(tmp_path: Path, fault_server: FaultServer) -> tuple[Path, Path, FaultServer]:
    docs = tmp_path / "docs"
    docs.mkdir()
    url = fault_server.url
    (docs / "page.md").write_text(
        f"- [好]({url('/ok')}) — 说明\n- [没了]({url('/gone404')})\n- [搬家]({url('/chain/start')})\n"
        f"\n```\n{url('/chain/start')}\n```\n", encoding="utf-8")
    return docs, tmp_path / "link_status.yml", fault_server


def test_check_report_and_rewrite(project, capsys: pytest.CaptureFixture[str]) -> None:
    docs, data, server = project
    base = ["--docs", str(docs), "--data", str(data)]
    assert main([*base, "check", *FAST]) == 0
    status = load_status(data)
    today = dt.date.today().isoformat()
    assert {url.removeprefix(server.base): record.status for url, record in status.items()} == {
        "/ok": "ok", "/gone404": "dead", "/chain/start": "redirected"}
    assert status[server.url("/chain/start")].moved_to == server.url("/chain/mid")
    assert {record.checked for record in status.values()} == {today}
    assert "checking 3 URL(s)" in capsys.readouterr().err

    assert main([*base, "report"]) == 0
    out = capsys.readouterr().out
    assert f"docs/page.md:2: dead (HTTP 404) {server.url('/gone404')}" in out
    assert f"docs/page.md:3: moved {server.url('/chain/start')} → {server.url('/chain/mid')}" in out

    assert main([*base, "rewrite-moved"]) == 0
    text = (docs / "page.md").read_text(encoding="utf-8")
    assert f"[搬家]({server.url('/chain/mid')})" in text
    assert f"```\n{server.url('/chain/start')}\n```" in text  # code untouched
    assert "1 link(s) updated in 1 page(s)" in capsys.readouterr().out


def test_check_of_a_url_list_merges_with_older_records(project, tmp_path: Path) -> None:
    docs, data, server = project
    elsewhere = "https://elsewhere.test/page"
    write_status({elsewhere: LinkRecord("dead", "2025-12-01", since="2025-11-01", code=410)}, data)
    urls = tmp_path / "urls.txt"
    urls.write_text(server.url("/gone410") + "\n", encoding="utf-8")
    assert main(["--docs", str(docs), "--data", str(data), "check", "--urls", str(urls), *FAST]) == 0
    status = load_status(data)
    assert status[server.url("/gone410")].status == "dead"
    assert status[elsewhere].since == "2025-11-01"  # not checked this run: kept


def test_network_down_exits_0_and_keeps_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(f"- [a](http://127.0.0.1:{port}/a)\n", encoding="utf-8")
    data = tmp_path / "link_status.yml"
    old = {f"http://127.0.0.1:{port}/a": LinkRecord("ok", "2025-12-01", since="2025-12-01", code=200)}
    write_status(old, data)
    assert main(["--docs", str(docs), "--data", str(data), "check", *FAST]) == 0
    assert load_status(data) == old
    assert "could not be checked from here" in capsys.readouterr().err


def test_refuses_non_loopback_urls_when_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("- [a](https://example.com/)\n", encoding="utf-8")
    data = tmp_path / "link_status.yml"
    assert main(["--docs", str(docs), "--data", str(data), "check", *FAST]) == 2
    assert "refuses 1 URL(s)" in capsys.readouterr().err
    assert not data.exists()


def test_broken_data_file_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "link_status.yml"
    data.write_text("[broken\n", encoding="utf-8")
    assert main(["--docs", str(tmp_path), "--data", str(data), "report"]) == 1
    assert "link_status.yml:1: not valid YAML" in capsys.readouterr().err
