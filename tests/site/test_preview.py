"""``make serve``: an edit shows with the whole search index kept, and live reload reloads the
page under the site's own policy; the build runs in the server's own process, and Ctrl-C ends it
without a traceback."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import new_context
from conftest import site_base_path
from project_copy import copy_project

INDEX_LINE = re.compile(r"search index zh-Hans: (\d+) sections")
HANT_INDEX_LINE = re.compile(r"search index zh-Hant: (\d+) sections")
# Every finished build, one that renders nothing (and writes no index) too: the first is followed by
# "Serving on", each rebuild by "Reloading browsers". Not "Documentation built in …": MkDocs drops a
# message equal to an earlier one, so two builds of the same length would count as one.
BUILT_LINE = re.compile(r"\[(\d\d):\d\d:\d\d\] (?:Serving on|Reloading browsers)")  # (the hour: a number)
SERVING_LINE = re.compile(r"Serving on http://127\.0\.0\.1:(\d+)/")  # once, after the first build (its port)
WAIT_SECONDS = 600  # a guard against a server that never builds, not a timing: a loaded machine takes minutes
PROBE_SECONDS = 20  # how long a probe write may go unseen before it is written again
PROBE = ".watch-probe"  # in docs/: hidden, so never published and no page of the layout (hooks/preview.py)


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

    def watching(self, probe: Path) -> int:
        """Wait until the server sees file changes; the number of builds then. MkDocs polls the
        watched folders and takes its first look after the first build, so a change made before
        that look is never seen: a hidden file (never published) is written, again if no rebuild
        follows within ``PROBE_SECONDS``, until one is detected, and its rebuild is waited for."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not any("Serving on" in line for line in list(self.lines)):
            assert self.process.poll() is None and time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.2)
        while not self.detected():
            probe.write_text(str(time.monotonic_ns()), encoding="utf-8")
            again = time.monotonic() + PROBE_SECONDS
            while not self.detected() and time.monotonic() < again:
                assert self.process.poll() is None and time.monotonic() < deadline, "".join(self.lines)
                time.sleep(0.2)
        return len(self.wait_for_builds(self.detected() + 1, BUILT_LINE))

    def detected(self) -> int:
        return sum("Detected file changes" in line for line in list(self.lines))

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
        server.watching(project / "docs" / PROBE)
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
        served.pages["before"] = server.get("evaluation/").decode("utf-8")
        main = project / "overrides" / "main.html"
        text = main.read_text(encoding="utf-8")
        assert text.count("  {{ super() }}\n") >= 1
        marker = '  <meta name="kb-preview-marker" content="1">\n'
        main.write_text(text.replace("  {{ super() }}\n", "  {{ super() }}\n" + marker, 1), encoding="utf-8")
        server.wait_for_builds(4)
        served.pages["theme"] = server.get("evaluation/").decode("utf-8")
        types = project / "hooks" / "data" / "entry_types.yml"
        types.write_text(types.read_text(encoding="utf-8").replace("name: 代码", "name: 代码甲"), encoding="utf-8")
        server.wait_for_builds(5)
        for page_path in ("evaluation/", "topics/lora/"):  # a section page, a generated page
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
        server.watching(project / "docs" / PROBE)  # an edit before MkDocs' first look would go unseen
        indexes = len(server.index_counts(HANT_INDEX_LINE))
        page = project / "docs" / "training" / "peft.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n预览里新加的一句：显存与软件。\n", encoding="utf-8")
        assert server.wait_for_builds(indexes + 1, HANT_INDEX_LINE)[indexes] == first
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
    assert 'kb-type--code">代码<' in before and "kb-preview-marker" not in before
    assert '<meta name="kb-preview-marker" content="1">' in served.pages["theme"]
    for page in ("evaluation/", "topics/lora/"):
        html = served.pages[page]
        assert 'kb-type--code">代码甲<' in html and ">代码<" not in html, page


def served_folder(temp: Path) -> Path:
    """The folder a server whose ``TMPDIR`` is ``temp`` builds into (``mkdocs serve``'s ``mkdocs_*``)."""
    folders = [path for path in temp.iterdir() if path.name.startswith("mkdocs_") and path.is_dir()]
    assert len(folders) == 1, folders
    return folders[0]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built folder by its path; a gzip file by what it holds (its header records
    when it was written)."""
    return {path.relative_to(folder).as_posix(): gzip.decompress(path.read_bytes()) if path.suffix == ".gz"
            else path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def at_address(files: dict[str, bytes], server: Server, address: bytes) -> dict[str, bytes]:
    """The files with the server's address (``site_url`` under ``mkdocs serve`` names the port,
    in canonical links, the feed and the sitemap) written as ``address``: two servers cannot
    share a port."""
    own = b"127.0.0.1:%d" % server.port
    return {path: body.replace(own, address) for path, body in files.items()}


def fresh_build(project: Path, temp: Path, address: bytes) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """What a fresh ``make serve`` of ``project`` builds: its folder, and the bytes it serves of
    the single page and the search index (its address written as ``address``)."""
    temp.mkdir()
    server = Server(project, {"TMPDIR": str(temp)})
    try:
        server.wait_for_builds(1)
        served = {path: strip_live_reload(server.get(path)) for path in SERVED}
        return at_address(tree(served_folder(temp)), server, address), at_address(served, server, address)
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)


SERVED = ("single-page/", "search/search_index.json", "training/")
LIVE_RELOAD_RE = re.compile(rb'<script src="/livereload\.js\?epoch=\d+&amp;request=\d+"></script>')


def strip_live_reload(body: bytes) -> bytes:
    """A served page without its live-reload tag, whose two numbers name the server's build and
    the request (hooks/live_reload.py): the one part of a served page that is not the build's."""
    return LIVE_RELOAD_RE.sub(b"", body)


INDEX = "search/search_index.json"


def index_in_any_order(body: bytes) -> bytes:
    """A search index with its documents sorted. After an edit that adds or removes no page,
    the preview renders the edited page alone and its documents follow the other pages' in the
    index (``search.stage.dirty_documents``), where a fresh build has them in page order: the
    same documents, which the browser indexes whatever their order."""
    index = json.loads(body)
    index["docs"] = sorted(index["docs"], key=lambda doc: json.dumps(doc, ensure_ascii=False, sort_keys=True))
    return json.dumps(index, ensure_ascii=False, sort_keys=True).encode()


def first_difference(a: bytes, b: bytes) -> str:
    """Where two files part: a few bytes of each from just before the first byte that differs."""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 60):at + 60]!r} / {b[max(0, at - 60):at + 60]!r}"


def differences(preview: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return ([f"only in the preview: {path}" for path in sorted(set(preview) - set(fresh))]
            + [f"only in the fresh build: {path}" for path in sorted(set(fresh) - set(preview))]
            + [f"differs: {path} {first_difference(preview[path], fresh[path])}"
               for path in sorted(set(preview) & set(fresh)) if preview[path] != fresh[path]])


def test_after_a_page_is_added_edited_renamed_and_removed_the_preview_equals_a_fresh_build(tmp_path):
    """``make serve`` (``mkdocs serve --dirty``) through adding, editing, renaming and removing a
    page: after each, the served folder holds the same files with the same bytes as a fresh
    ``make serve`` of the same project, and serves the same single page and search index;
    removed and renamed pages answer 404. A page missing from its folder's ``.pages`` is said.
    Each change is one file system event (a file put in place whole, renamed or removed), so
    that each makes one rebuild; the first is made once the server is seen to watch."""
    project = copy_project(tmp_path / "project")
    temp, staging = tmp_path / "temp", tmp_path / "staging"
    temp.mkdir()
    staging.mkdir()
    server = Server(project, {"TMPDIR": str(temp)})
    training = project / "docs" / "training"
    nav = training / ".pages"
    listed = nav.read_text(encoding="utf-8")
    assert "  - peft.md\n" in listed
    builds = 1

    def put(path: Path, text: str) -> None:
        staged = staging / path.name
        staged.write_text(text, encoding="utf-8")
        staged.replace(path)

    def step(change) -> None:
        nonlocal builds
        change()
        builds += 1
        server.wait_for_builds(builds, BUILT_LINE)

    def compare(name: str, index_order: bool = True) -> None:
        site = served_folder(temp)
        served = {path: strip_live_reload(server.get(path)) for path in SERVED}
        fresh_tree, fresh_served = fresh_build(project, tmp_path / f"fresh-{name}", b"127.0.0.1:%d" % server.port)
        preview_tree = tree(site)
        if not index_order:
            preview_tree, served, fresh_tree, fresh_served = (
                {path: index_in_any_order(body) if path.endswith(INDEX) else body for path, body in files.items()}
                for files in (preview_tree, served, fresh_tree, fresh_served))
        found = differences(preview_tree, fresh_tree) + differences(served, fresh_served)
        told = [line for line in server.lines if not line.startswith("DEBUG")]
        assert found == [], f"{name}: {len(found)} differences\n" + "\n".join(found[:40] + told[-60:])

    def gone(path: str) -> None:
        with pytest.raises(urllib.error.HTTPError) as answer:
            server.get(path)
        assert answer.value.code == 404, path

    try:
        server.wait_for_builds(builds, BUILT_LINE)
        builds = server.watching(project / "docs" / PROBE)
        page = training / "preview-added.md"
        step(lambda: put(page, "# 预览新页\n\n预览里新加的一页。\n"))
        log = "".join(server.lines)
        assert ("docs/training/.pages:2: page 'preview-added.md' of training/ is built but shown in no navigation"
                in log)
        step(lambda: put(nav, listed.replace("  - peft.md\n", "  - peft.md\n  - preview-added.md\n")))
        assert "预览里新加的一页" in server.get("training/preview-added/").decode("utf-8")
        compare("added")

        step(lambda: put(page, "# 预览新页\n\n预览里改过的一页。\n"))
        assert "预览里改过的一页" in server.get("training/preview-added/").decode("utf-8")
        assert "预览里改过的一页" in server.get("single-page/").decode("utf-8")
        compare("edited", index_order=False)  # the edited page's sections come last: see index_in_any_order

        renamed = training / "preview-renamed.md"
        step(lambda: page.rename(renamed))
        step(lambda: put(nav, listed.replace("  - peft.md\n", "  - peft.md\n  - preview-renamed.md\n")))
        gone("training/preview-added/")
        compare("renamed")

        step(renamed.unlink)
        step(lambda: put(nav, listed))
        gone("training/preview-renamed/")
        compare("removed")
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    log = "".join(server.lines)
    assert "Traceback" not in log
    assert log.count("Detected file changes") == builds - 1, "one rebuild per change, none from the fresh builds"
