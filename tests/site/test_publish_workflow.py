"""The publishing workflow's own steps, replayed on a copy of the project: the offline edition is
built and zipped, described for the pages, the site is built with its download link, and the
archive a reader downloads from the home page (both scripts) is the offline edition.

The steps are read from ``.github/workflows/publish.yml`` (everything after the test step), so a
change to the workflow is what this test runs. Only the runner's set-up steps (checkout, Python,
Chromium, checks, tests) are left out: this suite is the test step.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from browser_support import new_context, serve_site
from project_copy import ROOT, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
ARCHIVE = "llm-kb-offline.zip"
LAST_SET_UP_STEP = "Tests"  # the steps up to here set up the runner and test; this suite is that step


@dataclass
class Published:
    project: Path
    site: Path
    steps: list[str]


def publishing_steps() -> list[dict]:
    """The build job's steps after the test step, as the workflow lists them."""
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]
    names = [step.get("name") for step in job["steps"]]
    assert LAST_SET_UP_STEP in names, f"{WORKFLOW.name}: no step named {LAST_SET_UP_STEP!r}"
    return [step for step in job["steps"][names.index(LAST_SET_UP_STEP) + 1:] if "run" in step]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    project = copy_project(tmp_path_factory.mktemp("publish") / "project")
    venv = Path(sys.prefix)
    (project / ".venv").symlink_to(venv, target_is_directory=True)
    stamp = venv / ".installed"
    assert stamp.is_file(), f"{stamp} is missing: the suite runs from the project's virtualenv (make test)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    ran = []
    for step in publishing_steps():
        # -o: the copy shares this virtualenv, which is set up already; make must not set it up again
        command = step["run"].replace("make ", f"make -o {stamp} -o .venv/.installed ")
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, env=env,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"step {step.get('name')!r} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
        ran.append(step.get("name") or command)
    return Published(project, project / "site", ran)


def test_the_workflow_builds_the_download_then_the_site() -> None:
    commands = " ; ".join(step["run"] for step in publishing_steps())
    for needed in ("make offline", "hooks.editions.offline describe", "mkdocs build --strict", ARCHIVE):
        assert needed in commands, f"publish.yml no longer runs {needed!r}"
    assert commands.index("make offline") < commands.index("describe") < commands.index("mkdocs build")


def test_the_site_carries_the_archive(published: Published) -> None:
    archive = published.site / ARCHIVE
    assert archive.is_file(), f"the published site has no {ARCHIVE}; steps run: {published.steps}"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert any(name.endswith("/index.html") for name in names)
    assert any("/zh-Hant/" in name for name in names), "the download holds only one script"


@pytest.mark.parametrize("page, label", [("index.html", "下载离线版"), ("about/index.html", "下载离线版"),
                                         ("zh-Hant/index.html", "下載離線版"), ("zh-Hant/about/index.html", "下載離線版")])
def test_pages_link_to_the_archive_with_its_size(published: Published, page: str, label: str) -> None:
    html = (published.site / page).read_text(encoding="utf-8")
    links = [a for a in BeautifulSoup(html, "html.parser").select("article a[href]") if a.get_text(strip=True) == label]
    assert len(links) == 1, f"{page}: expected one {label!r} link, found {len(links)}"
    target = (published.site / page).parent / links[0]["href"]
    assert target.resolve() == (published.site / ARCHIVE).resolve(), f"{page}: {links[0]['href']} is not the archive"
    size_mb = f"{(published.site / ARCHIVE).stat().st_size / 1_000_000:.1f} MB"
    assert size_mb in links[0].parent.get_text(), f"{page}: the paragraph does not give the size {size_mb}"


def test_the_offline_edition_itself_offers_no_download(published: Published) -> None:
    with zipfile.ZipFile(published.site / ARCHIVE) as zf:
        home = next(name for name in zf.namelist() if name.endswith("/index.html") and name.count("/") == 1)
        html = zf.read(home).decode("utf-8")
    assert ARCHIVE not in html, "the offline edition links to a download it does not hold"


@pytest.mark.browser
@pytest.mark.parametrize("start", ["", "zh-Hant/"])
def test_a_reader_downloads_the_archive_from_the_home_page(chromium, published: Published, start: str) -> None:
    server = serve_site(published.site, "/llm-kb/")
    context = new_context(chromium)
    try:
        page = context.new_page()
        page.goto(urljoin(server.url, start))
        link = page.locator("article .kb-offline-download a")
        assert link.count() == 1, f"{start or 'home'}: no download link"
        with page.expect_download() as info:
            link.click()
        download = info.value
        saved = Path(download.path())
        assert download.suggested_filename == ARCHIVE
        assert saved.read_bytes() == (published.site / ARCHIVE).read_bytes()
    finally:
        context.close()
        server.stop()
