"""The publishing workflow's own steps, replayed on a copy of the project: the offline edition is
built and zipped, described for the pages, the site is built with its download link, and the
archive a reader downloads from the home page (both scripts) is the offline edition.

The steps are read from ``.github/workflows/publish.yml`` (everything after the test step), so a
change to the workflow is what this test runs. Only the runner's set-up steps (checkout, Python,
Chromium, checks, tests) are left out: this suite is the test step. The replay is the session
fixture ``published`` (tests/conftest.py): its offline edition is the one tests/site/test_offline.py
reads.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser_support import new_context, serve_site
from bs4 import BeautifulSoup
from conftest import Published
from project_copy import publishing_steps
from site_model import attribute

ARCHIVE = "llm-kb-offline.zip"


@pytest.fixture(scope="module")
def published_site(published: Published) -> Path:
    """The published site, once every step has run."""
    failed = [step for step in published.steps if step.returncode != 0]
    assert not failed, f"step {failed[0].name!r} failed:\n{failed[0].output[-3000:]}"
    assert len(published.steps) == len(publishing_steps())
    return published.site


def test_the_workflow_builds_the_download_then_the_site() -> None:
    commands = " ; ".join(step["run"] for step in publishing_steps())
    for needed in ("make offline", "hooks.editions.offline describe", "mkdocs build --strict", ARCHIVE):
        assert needed in commands, f"publish.yml no longer runs {needed!r}"
    assert commands.index("make offline") < commands.index("describe") < commands.index("mkdocs build")


def test_the_site_carries_the_archive(published_site: Path) -> None:
    archive = published_site / ARCHIVE
    assert archive.is_file(), f"the published site has no {ARCHIVE}"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert any(name.endswith("/index.html") for name in names)
    assert any("/zh-Hant/" in name for name in names), "the download holds only one script"


@pytest.mark.parametrize("page, label", [
    ("index.html", "下载离线版"), ("about/index.html", "下载离线版"),
    ("zh-Hant/index.html", "下載離線版"), ("zh-Hant/about/index.html", "下載離線版"),
])
def test_pages_link_to_the_archive_with_its_size(published_site: Path, page: str, label: str) -> None:
    html = (published_site / page).read_text(encoding="utf-8")
    links = [a for a in BeautifulSoup(html, "html.parser").select("article a[href]") if a.get_text(strip=True) == label]
    assert len(links) == 1, f"{page}: expected one {label!r} link, found {len(links)}"
    href = attribute(links[0], "href")
    target = (published_site / page).parent / href
    assert target.resolve() == (published_site / ARCHIVE).resolve(), f"{page}: {href} is not the archive"
    size_mb = f"{(published_site / ARCHIVE).stat().st_size / 1_000_000:.1f} MB"
    paragraph = links[0].parent
    assert paragraph is not None, f"{page}: the {label!r} link stands alone"
    assert size_mb in paragraph.get_text(), f"{page}: the paragraph does not give the size {size_mb}"


def test_the_offline_edition_itself_offers_no_download(published_site: Path) -> None:
    with zipfile.ZipFile(published_site / ARCHIVE) as zf:
        home = next(name for name in zf.namelist() if name.endswith("/index.html") and name.count("/") == 1)
        html = zf.read(home).decode("utf-8")
    assert ARCHIVE not in html, "the offline edition links to a download it does not hold"


@pytest.mark.browser
@pytest.mark.parametrize("start", ["", "zh-Hant/"])
def test_a_reader_downloads_the_archive_from_the_home_page(chromium, published_site: Path, start: str) -> None:
    server = serve_site(published_site, "/llm-kb/")
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
        assert saved.read_bytes() == (published_site / ARCHIVE).read_bytes()
    finally:
        context.close()
        server.stop()
