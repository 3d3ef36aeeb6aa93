"""``make serve``: an edit shows with the whole search index kept, and live reload reloads the
page under the site's own policy; the build runs in the server's own process, and Ctrl-C ends it
without a traceback."""

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
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import new_context
from conftest import site_base_path
from project_copy import copy_project

INDEX_LINE = re.compile(r"search index zh-Hans: (\d+) sections")
HANT_INDEX_LINE = re.compile(r"search index zh-Hant: (\d+) sections")
SERVING_LINE = re.compile(r"Serving on http://127\.0\.0\.1:(\d+)/")  # once, after the first build (its port)
WAIT_SECONDS = 600  # a guard against a server that never builds, not a timing: a loaded machine takes minutes


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


EDIT = "预览自动刷新后的一句话"
INJECTED_HANDLER = """() => {
  const holder = document.createElement("div");
  holder.innerHTML = '<img src="data:," onerror="window.inlineHandlerRan = true">';
  document.body.append(holder);
}"""


@dataclass
class Served:
    """What one ``make serve`` session of a copy showed: the first index's size, the server's
    child processes, the about page in Chromium (its policy, the live reload after an edit, an
    inline handler injected afterwards), the search index after an edit to the home page, and a
    page not edited after edits to the theme overrides and to a data file."""

    server: Server
    first: int = 0
    children: list[str] = field(default_factory=list)
    policy: str = ""
    reload_scripts: int = 0
    inline_scripts: int = 0
    violations_after_reload: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    handler_ran: object = None
    index: dict = field(default_factory=dict)
    counts: list[int] = field(default_factory=list)  # sections of the index after each of the first three builds
    pages: dict[str, str] = field(default_factory=dict)  # pages not edited, before and after the theme and data edits


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium) -> Served:
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    served = Served(Server(project))
    server = served.server
    context = new_context(chromium)
    page = context.new_page()
    page.on("console", lambda message: served.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        served.first = server.wait_for_builds(1)[0]
        served.children = server.children()
        page.goto(f"http://127.0.0.1:{server.port}{site_base_path()}about/")
        served.policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
        served.reload_scripts = page.locator("body > script[src^='/livereload.js?epoch=']").count()
        served.inline_scripts = page.locator("script:not([src]):not([type='application/json'])").count()
        page.wait_for_load_state("load")
        time.sleep(1)  # the live-reload script is polling
        about = project / "docs" / "about" / "index.md"
        about.write_text(about.read_text(encoding="utf-8") + f"\n{EDIT}。\n", encoding="utf-8")
        page.wait_for_function(f"() => document.body.innerText.includes('{EDIT}')", timeout=120_000)
        served.violations_after_reload = list(served.violations)
        page.evaluate(INJECTED_HANDLER)
        page.wait_for_timeout(500)
        served.handler_ran = page.evaluate("() => window.inlineHandlerRan")
        server.wait_for_builds(2)
        home = project / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n预览编辑后的一句新话。\n", encoding="utf-8")
        served.counts = server.wait_for_builds(3)
        served.index = json.loads(server.get("search/search_index.json"))
        served.pages["before"] = server.get("training/peft/").decode("utf-8")
        main = project / "overrides" / "main.html"
        text = main.read_text(encoding="utf-8")
        assert text.count("  {{ super() }}\n") >= 1
        marker = '  <meta name="kb-preview-marker" content="1">\n'
        main.write_text(text.replace("  {{ super() }}\n", "  {{ super() }}\n" + marker, 1), encoding="utf-8")
        server.wait_for_builds(4)
        served.pages["theme"] = server.get("training/peft/").decode("utf-8")
        types = project / "hooks" / "data" / "entry_types.yml"
        types.write_text(types.read_text(encoding="utf-8").replace("name: 文章", "name: 文章甲"), encoding="utf-8")
        server.wait_for_builds(5)
        for page_path in ("training/peft/", "topics/lora/"):
            served.pages[page_path] = server.get(page_path).decode("utf-8")
    finally:
        context.close()
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    return served


def test_editing_the_home_page_keeps_every_other_section_in_the_index(served: Served):
    index = served.index
    assert served.first > 500
    assert served.counts == [served.first] * 3 and served.first == len(index["docs"])
    home = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == "")
    assert "预览编辑后的一句新话" in home.replace("\u200b", "")  # the edit is in the index
    assert any(doc["location"].startswith("training/peft/") for doc in index["docs"])


def test_the_build_starts_no_process_and_ctrl_c_ends_it_without_a_traceback(served: Served):
    log = "".join(served.server.lines)
    assert served.children == [], "the build runs in the server's own process"
    assert "Traceback" not in log and "Fatal Python error" not in log
    assert served.server.process.returncode is not None


def test_the_preview_keeps_the_site_policy_and_live_reload_reloads(served: Served) -> None:
    """``make serve`` serves pages with the site's own Content-Security-Policy, and live reload
    still reloads the page after an edit: its script comes from a file, not inline."""
    assert "'unsafe-inline'" not in served.policy and "script-src 'self'" in served.policy
    assert served.reload_scripts == 1 and served.inline_scripts == 0
    assert served.violations_after_reload == []
    assert served.handler_ran is None  # refused, as on the built site
    assert any("inline event handler" in text or "script-src" in text for text in served.violations)


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


def test_edits_to_the_theme_overrides_and_to_data_files_show_on_pages_not_edited(served: Served):
    """``make serve`` renders only edited pages again; an edit to what every page is rendered
    with (``overrides/``, ``hooks/data/``) shows on every page, without a restart."""
    before = served.pages["before"]
    assert 'kb-type--article">文章<' in before and "kb-preview-marker" not in before
    assert '<meta name="kb-preview-marker" content="1">' in served.pages["theme"]
    for page in ("training/peft/", "topics/lora/"):
        html = served.pages[page]
        assert 'kb-type--article">文章甲<' in html and 'kb-type--article">文章<' not in html, page
