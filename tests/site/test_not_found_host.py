"""A missing page on a static host that serves the root 404.html for every missing path, as
GitHub Pages does: under zh-Hant/ the reader is answered by the zh-Hant 404 page."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under base_path; any missing path gets the root 404.html, status 404."""

    base_path = "/"

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        rel = path[len(self.base_path):] if path.startswith(self.base_path) else None
        target = Path(self.directory) / rel if rel is not None else None
        if target is not None and target.is_dir():
            target = target / "index.html"
        if target is None or not target.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.base_path):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.base_path):])

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def pages_host(site):
    handler = type("Handler", (_PagesLikeHandler,), {"base_path": site.base_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{site.base_path}"
    server.shutdown()
    server.server_close()


def test_host_serves_the_root_page_for_every_missing_path(pages_host) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(pages_host + "zh-Hant/no/such/page/")
    assert raised.value.code == 404
    assert 'lang="zh"' in raised.value.read().decode("utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["zh-Hant/no/such/page/", "zh-Hant/training/no-such.html"])
def test_missing_zh_hant_path_shows_the_zh_hant_404(browser_page, pages_host, path) -> None:
    page = browser_page
    page.goto(pages_host + path)
    page.wait_for_url("**/zh-Hant/404.html")
    page.wait_for_load_state()
    assert page.eval_on_selector("html", "e => e.lang") == "zh-Hant"
    assert page.inner_text("article h1") == "頁面不存在（404）"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["no/such/page/", "zh-Hantx/page/"])
def test_missing_simplified_path_stays_on_the_simplified_404(browser_page, pages_host, path) -> None:
    page = browser_page
    page.goto(pages_host + path)
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    assert page.url == pages_host + path
    assert page.eval_on_selector("html", "e => e.lang") == "zh"
    assert page.inner_text("article h1") == "页面不存在（404）"
