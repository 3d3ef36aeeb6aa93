"""The command end to end, against the fault server: check, report, rewrite-moved."""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import replace
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
    out = capsys.readouterr().out
    assert f"docs/page.md:3: {server.url('/chain/start')} → {server.url('/chain/mid')}\n" in out
    assert "1 link(s) updated in 1 page(s)" in out


MOVED = {  # a permanent move found by a check, from https://site.test/...: safe, or held and why
    "https://site.test/a#用法": ("https://docs.site.test/a", None),
    "https://site.test/b": ("https://other.test/b", "leaves site.test for other.test"),
    "https://site.test/c": ("http://site.test/c", "drops https for plain http"),
    "https://site.test/d": ("https://u:secret@site.test/d", "credentials"),
}


@pytest.fixture
def moved_project(tmp_path: Path) -> tuple[list[str], Path]:
    docs = docs_linking(tmp_path, list(MOVED))
    data = tmp_path / "link_status.yml"
    write_status({url: LinkRecord("redirected", "2026-01-05", code=200, moved_to=target)
                  for url, (target, _) in MOVED.items()}, data)
    return ["--docs", str(docs), "--data", str(data)], docs / "p.md"


def test_linkfix_prints_each_rewrite_and_lists_the_moves_to_review(moved_project, capsys) -> None:
    base, page = moved_project
    assert main([*base, "rewrite-moved"]) == 0
    out = capsys.readouterr().out
    assert "docs/p.md:1: https://site.test/a#用法 → https://docs.site.test/a#用法\n" in out
    for line, (url, (target, concern)) in enumerate(MOVED.items(), start=1):
        if concern:
            assert f"docs/p.md:{line}: review, not rewritten: {url} → {target} — " in out
            assert concern in out
            assert f"({url})" in page.read_text(encoding="utf-8")
    assert "1 link(s) updated in 1 page(s)" in out
    assert page.read_text(encoding="utf-8").splitlines()[0] == "- [链接 0](https://docs.site.test/a#用法) 说明"


def test_linkfix_dry_run_writes_nothing(moved_project, capsys) -> None:
    base, page = moved_project
    before = page.read_bytes()
    assert main([*base, "rewrite-moved", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "docs/p.md:1: https://site.test/a#用法 → https://docs.site.test/a#用法" in out
    assert "dry run: 1 link(s) would be updated in 1 page(s); nothing written" in out
    assert page.read_bytes() == before


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


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_urls(count: int) -> list[str]:
    """URLs on hosts that never answer: names under .invalid, and a refused port on 127.0.0.2."""
    port = _closed_port()
    return [f"http://host{n}.invalid/p" for n in range(count)] + [f"http://127.0.0.2:{port}/p"]


def docs_linking(tmp_path: Path, urls: list[str]) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "p.md").write_text("".join(f"- [链接 {n}]({url}) 说明\n" for n, url in enumerate(urls)), encoding="utf-8")
    return docs


GOOD = LinkRecord("ok", "2025-12-01", since="2025-06-01", code=200)


def test_no_network_stops_early_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    urls = unreachable_urls(6)
    docs, data = docs_linking(tmp_path, urls), tmp_path / "link_status.yml"
    write_status({url: GOOD for url in urls}, data)
    before = data.read_bytes()
    assert main(["--docs", str(docs), "--data", str(data), "check", *FAST]) == 0
    err = capsys.readouterr().err
    assert "no network: no HTTP answer from any of" in err and "--force" in err
    assert data.read_bytes() == before
    assert err.count("no answer ") == 3  # the probe's three hosts, not all seven


def test_a_partial_network_changes_no_record_of_unreachable_hosts(
        tmp_path: Path, fault_server: FaultServer, capsys: pytest.CaptureFixture[str]) -> None:
    """One reachable host among unreachable ones: their records stay exactly as they were."""
    unreachable = unreachable_urls(4)
    reachable = [fault_server.url(f"/ok?{n}") for n in range(4)]  # the most linked host: probed
    docs, data = docs_linking(tmp_path, unreachable + reachable), tmp_path / "link_status.yml"
    write_status({url: GOOD for url in unreachable}, data)
    assert main(["--docs", str(docs), "--data", str(data), "check", *FAST]) == 0
    status = load_status(data)
    assert {url: status[url] for url in unreachable} == {url: GOOD for url in unreachable}
    assert {status[url].status for url in reachable} == {"ok"}
    err = capsys.readouterr().err
    assert "5 URL(s) on 5 host(s)" in err and "their previous records are kept" in err
    assert "dead" not in err


def test_a_failure_on_a_host_that_answers_is_dead_only_when_a_later_run_confirms(
        tmp_path: Path, fault_server: FaultServer) -> None:
    docs = docs_linking(tmp_path, [fault_server.url("/ok"), fault_server.url("/reset")])
    data = tmp_path / "link_status.yml"
    args = ["--docs", str(docs), "--data", str(data), "check", *FAST]
    assert main(args) == 0
    first = load_status(data)[fault_server.url("/reset")]
    assert first.status == "error" and first.code is None
    write_status({**load_status(data), fault_server.url("/reset"): replace(first, checked="2025-12-01")}, data)
    assert main(args) == 0
    assert load_status(data)[fault_server.url("/reset")].status == "dead"


def test_a_page_that_is_not_utf8_keeps_its_history(tmp_path: Path, fault_server: FaultServer,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    docs = docs_linking(tmp_path, [fault_server.url("/ok")])
    (docs / "bad.md").write_bytes(b"# \xe6\xa0\x87\n\n- [a](https://kept.test/a) \xff\n")
    data = tmp_path / "link_status.yml"
    write_status({"https://kept.test/a": GOOD}, data)
    assert main(["--docs", str(docs), "--data", str(data), "check", *FAST]) == 0
    assert load_status(data)["https://kept.test/a"] == GOOD
    assert "docs/bad.md:3: not valid UTF-8" in capsys.readouterr().err


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


def test_a_missing_pages_folder_drops_no_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "link_status.yml"
    write_status({"https://kept.test/a": GOOD}, data)
    assert main(["--docs", str(tmp_path / "nowhere"), "--data", str(data), "check", *FAST]) == 1
    assert f"error: {tmp_path / 'nowhere'}: no such pages folder" in capsys.readouterr().err
    assert load_status(data) == {"https://kept.test/a": GOOD}


def test_files_that_cannot_be_read_or_written_get_a_message(tmp_path: Path, fault_server: FaultServer,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    docs = docs_linking(tmp_path, [fault_server.url("/ok")])
    missing = tmp_path / "missing.txt"
    assert main(["--docs", str(docs), "--data", str(tmp_path / "s.yml"), "check", "--urls", str(missing), *FAST]) == 1
    assert f"error: {missing}: No such file or directory" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where the data file's folder should be
    assert main(["--docs", str(docs), "--data", str(blocker / "s.yml"), "check", *FAST]) == 1
    assert "error: " in capsys.readouterr().err
