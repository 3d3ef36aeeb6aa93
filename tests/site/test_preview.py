"""``make serve``: an edit shows with the whole search index kept; the build runs in the server's
own process, and Ctrl-C ends it without a traceback."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import site_base_path
from project_copy import copy_project

INDEX_LINE = re.compile(r"search index zh-Hans: (\d+) sections")
HANT_INDEX_LINE = re.compile(r"search index zh-Hant: (\d+) sections")
WAIT_SECONDS = 120


class Server:
    """``mkdocs serve --dirty`` of a project copy, its log read as it is written."""

    def __init__(self, project: Path, environ: dict[str, str] | None = None) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**env, "NO_MKDOCS_2_WARNING": "1", **(environ or {})})
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None  # opened with stdout=PIPE
        for line in self.process.stdout:
            self.lines.append(line)

    def index_counts(self, pattern: re.Pattern[str] = INDEX_LINE) -> list[int]:
        return [int(m.group(1)) for line in list(self.lines) if (m := pattern.search(line))]

    def wait_for_builds(self, count: int, pattern: re.Pattern[str] = INDEX_LINE) -> list[int]:
        deadline = time.monotonic() + WAIT_SECONDS
        while len(self.index_counts(pattern)) < count:
            assert self.process.poll() is None, "".join(self.lines)
            assert time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.2)
        return self.index_counts(pattern)

    def get(self, path: str) -> bytes:
        url = f"http://127.0.0.1:{self.port}{site_base_path()}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()

    def children(self) -> list[str]:
        """The command lines of the server's child processes but ``git`` (which the build runs to
        read page dates, and which ends at once)."""
        ps = subprocess.run(["ps", "-o", "args=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [line for line in ps.stdout.splitlines() if line.split()[:1] != ["git"]]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    server = Server(project)
    try:
        first = server.wait_for_builds(1)[0]
        children = server.children()
        home = project / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n预览编辑后的一句新话。\n", encoding="utf-8")
        server.wait_for_builds(2)
        index = json.loads(server.get("search/search_index.json"))
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    return server, first, children, index


def test_editing_the_home_page_keeps_every_other_section_in_the_index(served):
    server, first, _, index = served
    assert first > 500
    assert server.index_counts()[1] == first == len(index["docs"])
    home = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == "")
    assert "预览编辑后的一句新话" in home.replace("\u200b", "")  # the edit is in the index
    assert any(doc["location"].startswith("training/peft/") for doc in index["docs"])


def test_the_build_starts_no_process_and_ctrl_c_ends_it_without_a_traceback(served):
    server, _, children, _ = served
    log = "".join(server.lines)
    assert children == [], "the build runs in the server's own process"
    assert "Traceback" not in log and "Fatal Python error" not in log
    assert server.process.returncode is not None


def test_both_scripts_preview_converts_an_edit_and_keeps_each_index_to_its_script(tmp_path):
    project = copy_project(tmp_path / "project")
    server = Server(project, {"SERVE_SCRIPTS": "all"})
    try:
        first = server.wait_for_builds(1, HANT_INDEX_LINE)[0]
        page = project / "docs" / "training" / "peft.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n预览里新加的一句：显存与软件。\n", encoding="utf-8")
        assert server.wait_for_builds(2, HANT_INDEX_LINE)[1] == first
        html = server.get("zh-Hant/training/peft/").decode("utf-8")
        index = json.loads(server.get("zh-Hant/search/search_index.json"))
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    assert "預覽裡新加的一句：顯示記憶體與軟體。" in html
    assert first > 500 and len(index["docs"]) == first
    assert not [doc for doc in index["docs"] if doc["location"].startswith("zh-Hant/")]  # local to its script
    assert "Traceback" not in "".join(server.lines)


def test_edits_to_the_theme_overrides_and_to_data_files_show_on_pages_not_edited(tmp_path):
    """``make serve`` renders only edited pages again; an edit to what every page is rendered
    with (``overrides/``, ``hooks/data/``) shows on every page, without a restart."""
    project = copy_project(tmp_path / "project")
    server = Server(project)
    try:
        server.wait_for_builds(1)
        before = server.get("evaluation/").decode("utf-8")
        assert 'kb-type--code">代码<' in before and "kb-preview-marker" not in before
        main = project / "overrides" / "main.html"
        text = main.read_text(encoding="utf-8")
        assert text.count("  {{ super() }}\n") >= 1
        marker = '  <meta name="kb-preview-marker" content="1">\n'
        main.write_text(text.replace("  {{ super() }}\n", "  {{ super() }}\n" + marker, 1), encoding="utf-8")
        server.wait_for_builds(2)
        assert '<meta name="kb-preview-marker" content="1">' in server.get("evaluation/").decode("utf-8")
        types = project / "hooks" / "data" / "entry_types.yml"
        types.write_text(types.read_text(encoding="utf-8").replace("name: 代码", "name: 代码甲"), encoding="utf-8")
        server.wait_for_builds(3)
        for page in ("evaluation/", "topics/lora/"):  # a section page, a generated page
            html = server.get(page).decode("utf-8")
            assert 'kb-type--code">代码甲<' in html and ">代码<" not in html, page
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    assert "Traceback" not in "".join(server.lines)
