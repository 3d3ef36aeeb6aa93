"""Browser fixtures and helpers: the built site on a local HTTP server, Debian's Chromium.

tests/conftest.py imports the fixtures, so any test can ask for them:

* ``site_url`` (session) — the site of the session build (``site`` fixture), served by a
  ``http.server`` thread under its real base path: ``http://127.0.0.1:PORT/llm-kb/``.
* ``chromium`` (module) — Playwright (sync API) driving ``/usr/bin/chromium`` headless.
* ``browser_page`` (per test) — a fresh browser context and page (:func:`new_context`: the
  search probe installed, nothing fetched from outside localhost), closed after the test.

Mark browser tests with ``@pytest.mark.browser``. Chromium comes from Debian
(``apt-get install -y --no-install-recommends chromium``; ``make test`` does it when missing),
never from ``playwright install``.

:class:`SearchBox` types a query into Material's search box as a person does and returns the
results the reader sees, with the time from the keystroke to the results.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = "apt-get install -y --no-install-recommends chromium (or run `make test`, which does it as root)"
VIEWPORT = {"width": 1280, "height": 900}
REMOTE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost)[:/])")


# ---------------------------------------------------------------- HTTP server


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder under ``base_path`` (``/llm-kb/…``); anything else is a 404."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / ".outside-the-site")  # no such file: a 404
        return super().translate_path("/" + path[len(self.base_path):])

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class SiteServer:
    """A running local server; ``url`` is the site root."""

    url: str
    server: http.server.ThreadingHTTPServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_site(root: Path, base_path: str = "/") -> SiteServer:
    """Serve a built site on a free localhost port, in a daemon thread."""
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = type("Handler", (_SiteHandler,), {"base_path": base_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return SiteServer(f"http://127.0.0.1:{server.server_address[1]}{base_path}", server, thread)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """The session build, served over HTTP at its base path."""
    server = serve_site(site.root, site.base_path)
    yield server.url
    server.stop()


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the project's flags."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per test session. Playwright's sync API keeps an asyncio loop running
    while it is open: code that runs a loop of its own (the link checker, ``check_sync``) does so
    in a thread of its own then."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def new_context(browser):
    """A browser context as the tests use it: desktop viewport, zh-CN, the search probe, and
    nothing loaded from outside localhost (requests elsewhere fail at once; their ``request``
    events still fire, so a test can check that none is made)."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.add_init_script(SEARCH_PROBE)
    context.route(REMOTE, lambda route: route.abort())
    return context


@pytest.fixture
def browser_page(chromium):
    """A fresh context and page (see :func:`new_context`), closed after the test."""
    context = new_context(chromium)
    page = context.new_page()
    yield page
    context.close()


# ---------------------------------------------------------------- search


SEARCH_PROBE = """
(() => {
  // Records what Material's search worker is asked and answers, and when the reader typed,
  // so a test can wait for the results of exactly its query and time them. Times are
  // performance.now(): milliseconds since the page's navigation started.
  const probe = window.__searchProbe = { sent: [], results: [], inputs: [], readyAt: null };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (!this.__probed) {
      this.__probed = true;
      const pending = probe.pending = [];
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 1) probe.readyAt = performance.now();  // READY
        if (!ev.data || ev.data.type !== 3) return;            // RESULT
        const query = pending.shift();
        probe.results.push({
          query, at: performance.now(),
          items: ev.data.data.items.map(group => group.map(doc => doc.location)),
        });
      });
    }
    if (message && message.type === 2) {                       // QUERY
      probe.pending.push(message.data);
      probe.sent.push({ query: message.data, at: performance.now() });
    }
    return post.call(this, message, ...rest);
  };
  document.addEventListener("input", ev => {
    if (ev.target && ev.target.matches && ev.target.matches("input.md-search__input"))
      probe.inputs.push({ value: ev.target.value, at: performance.now() });
  }, true);
})();
"""


@dataclass(frozen=True)
class ResultGroup:
    """One result item: a page and the links the reader sees under it (page, then sections)."""

    links: tuple[str, ...]

    @property
    def page(self) -> str:
        """The page's absolute URL, without query or fragment."""
        return self.links[0].split("?")[0].split("#")[0]


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    groups: tuple[ResultGroup, ...]  # as rendered (Material renders the first ten)
    locations: tuple[str, ...]  # every result document, absolute, as the worker returned them
    meta: str  # the count line, e.g. "找到 12 個符合條件的結果"
    latency_ms: float  # from the input event that made the query to its results arriving

    def rank(self, page_url: str) -> int | None:
        """1-based position of the group for that page, or None."""
        for i, group in enumerate(self.groups, start=1):
            if group.page == page_url:
                return i
        return None


class SearchBox:
    """Material's search box on one page."""

    INPUT = "input.md-search__input"

    def __init__(self, page) -> None:
        self.page = page

    @property
    def base(self) -> str:
        """The absolute base URL result locations are relative to (``__config.base``)."""
        return self.page.evaluate(
            "() => new URL(JSON.parse(document.getElementById('__config').textContent).base, location.href).href"
        )

    def query(self, text: str, timeout_ms: float = 15_000, key_by_key: bool = True) -> SearchOutcome:
        """Clear the box, type ``text`` key by key (``key_by_key=False``: put it in whole, as a
        paste or an IME does), press End, wait for its results."""
        page = self.page
        page.bring_to_front()  # a page in the background gets no animation frames
        box = page.locator(self.INPUT)
        box.click()
        if box.input_value():
            box.press("Control+a")
            box.press("Backspace")
        done = page.evaluate("() => window.__searchProbe.results.length")
        if key_by_key:
            box.press_sequentially(text)
        else:
            box.fill(text)
        box.press("End")  # an IME commits with a key; Chinese typed here fires no keyup
        page.wait_for_function(
            """([text, done]) => window.__searchProbe.results.slice(done).some(r => r.query === text)""",
            arg=[text, done], timeout=timeout_ms, polling=20,
        )
        page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        probe = page.evaluate("() => window.__searchProbe")
        result = [r for r in probe["results"][done:] if r["query"] == text][-1]
        typed = [i["at"] for i in probe["inputs"] if i["value"] == text]
        started = typed[-1] if typed else [s["at"] for s in probe["sent"] if s["query"] == text][-1]
        base = self.base
        groups = page.eval_on_selector_all(
            ".md-search-result__list > li.md-search-result__item",
            "items => items.map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))",
        )
        return SearchOutcome(
            query=text,
            groups=tuple(ResultGroup(tuple(links)) for links in groups if links),
            locations=tuple(urljoin(base, loc) for group in result["items"] for loc in group),
            meta=page.inner_text(".md-search-result__meta"),
            latency_ms=result["at"] - started,
        )

    def close(self) -> None:
        self.page.keyboard.press("Escape")
