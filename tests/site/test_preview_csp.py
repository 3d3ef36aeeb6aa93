"""``make serve`` serves pages with the site's own Content-Security-Policy, and live reload
still reloads: its script comes from a file, not inline."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from browser_support import new_context
from conftest import site_base_path
from playwright.sync_api import Browser
from project_copy import copy_project
from test_preview import Server

EDIT = "预览自动刷新后的一句话"
INJECTED_HANDLER = """() => {
  const holder = document.createElement("div");
  holder.innerHTML = '<img src="data:," onerror="window.inlineHandlerRan = true">';
  document.body.append(holder);
}"""


def test_the_preview_keeps_the_site_policy_and_live_reload_reloads(tmp_path: Path, chromium: Browser) -> None:
    project = copy_project(tmp_path / "project")
    server = Server(project)
    context = new_context(chromium)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        server.wait_for_builds(1)
        page.goto(f"http://127.0.0.1:{server.port}{site_base_path()}about/")
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy
        assert page.locator("body > script[src^='/livereload.js?epoch=']").count() == 1
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
        page.wait_for_load_state("load")
        time.sleep(1)  # the live-reload script is polling
        about = project / "docs" / "about" / "index.md"
        about.write_text(about.read_text(encoding="utf-8") + f"\n{EDIT}。\n", encoding="utf-8")
        page.wait_for_function(f"() => document.body.innerText.includes('{EDIT}')", timeout=120_000)
        assert violations == []
        page.evaluate(INJECTED_HANDLER)
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.inlineHandlerRan") is None  # refused, as on the built site
        assert any("inline event handler" in text or "script-src" in text for text in violations)
    finally:
        context.close()
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    assert "Traceback" not in "".join(server.lines)
