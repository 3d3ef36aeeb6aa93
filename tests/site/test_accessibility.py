"""Accessibility: axe-core finds no serious or critical violation on the main kinds of page.

The home page, a section page and a topic page are checked in both scripts (and in the dark
colour scheme too), served from localhost (``site_url``) and opened in Debian's Chromium.
axe-core comes from the npm registry, pinned in tests/browser/package-lock.json and installed
there with ``npm ci`` the first time it is needed. Lighthouse scores of the same pages are measured by
``make bench`` (tests/benchmarks.md), not here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "browser"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {"home": "", "section": "training/peft/", "topic": "topics/lora/"}
SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
BLOCKING = ("serious", "critical")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, installed from tests/browser/package-lock.json if missing."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: install Node.js and npm (Debian: apt-get install -y nodejs npm)")
        proc = subprocess.run([npm, "ci", "--omit=dev", "--no-audit", "--no-fund"], cwd=TOOLS,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not AXE.is_file():
            pytest.fail(f"npm ci in {TOOLS} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return AXE.read_text(encoding="utf-8")


def describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
    more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
    return f"{violation['impact']} {violation['id']}: {violation['help']} — {nodes}{more}"


# Colours do not depend on the script: the dark scheme is checked on the zh-Hans pages only.
CASES = [(kind, script, scheme) for kind in PAGES for script in SCRIPTS for scheme in ("light", "dark")
         if scheme == "light" or script == "zh-Hans"]


@pytest.mark.parametrize(("kind", "script", "scheme"), CASES)
def test_no_serious_violations(kind: str, script: str, scheme: str, chromium, site_url: str,
                               axe_source: str) -> None:
    url = site_url + SCRIPTS[script] + PAGES[kind]
    # axe is injected as an inline script, which the site's Content-Security-Policy forbids
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                   color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        page.add_script_tag(content=axe_source)
        found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    finally:
        context.close()
    problems = [describe(v) for v in found if v["impact"] in BLOCKING]
    assert not problems, f"{url} ({scheme} scheme): axe-core violations:\n" + "\n".join(problems)
