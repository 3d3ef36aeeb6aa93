"""Figures of the site search, per edition: index size and keystroke-to-results time.

Usage (from the repository root)::

    .venv/bin/python tests/tools/search_figures.py                 # build into a temp folder
    .venv/bin/python tests/tools/search_figures.py --site-dir DIR  # an existing build
    .venv/bin/python tests/tools/search_figures.py --sizes-only --site-dir DIR

Prints JSON. ``index`` is each edition's ``search_index.json``: bytes, gzip bytes (level 9)
and documents. ``timing`` comes from Chromium (as in the browser tests): a query is typed
key by key into the search box, End is pressed, and the time runs from the input event that
completed the query to the worker's answer. ``index_ready_ms`` is from the reader's first click
into the search box (the index is fetched then, not on page load) to the worker reporting the
index fetched and built; ``first_ms`` is the first
query after that, the others are medians and 95th percentiles over ``--runs`` rounds of the
queries after that.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import SearchBox, launch_chromium, new_context, serve_site  # noqa: E402
from conftest import site_base_path  # noqa: E402

from hooks.search.index import index_path, index_sizes  # noqa: E402

EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
QUERIES = {
    "zh-Hans": ["参数高效微调", "训练", "顯存", "LoRA", "KV Cache", "DeepSpeed之ZeRO系列：将显存优化进行到底"],
    "zh-Hant": ["參數高效微調", "訓練", "显存", "LoRA", "KV Cache", "DeepSpeed之ZeRO系列：將顯存優化進行到底"],
}


def sizes(site_dir: Path) -> dict[str, dict[str, int]]:
    figures = {}
    for edition, prefix in EDITIONS.items():
        path = index_path(site_dir, prefix)
        size, gzipped = index_sizes(path)
        docs = len(json.loads(path.read_text(encoding="utf-8"))["docs"])
        figures[edition] = {"bytes": size, "gzip_bytes": gzipped, "documents": docs}
    return figures


def timings(site_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    server = serve_site(site_dir, site_base_path())
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for edition, prefix in EDITIONS.items():
                context = new_context(browser)
                page = context.new_page()
                page.goto(urljoin(server.url, prefix))
                opened = page.evaluate("() => performance.now()")
                page.locator(SearchBox.INPUT).click()  # the index is fetched on the first use of search
                page.wait_for_function("() => window.__searchProbe.readyAt !== null")
                ready = page.evaluate("() => window.__searchProbe.readyAt") - opened
                search = SearchBox(page)
                first = search.query(QUERIES[edition][0]).latency_ms
                later = [search.query(q).latency_ms for _ in range(runs) for q in QUERIES[edition]]
                later.sort()
                figures[edition] = {
                    "index_ready_ms": round(ready, 1),
                    "first_ms": round(first, 1),
                    "median_ms": round(statistics.median(later), 1),
                    "p95_ms": round(later[int(0.95 * (len(later) - 1))], 1),
                    "queries": len(later),
                }
                context.close()
            browser.close()
    finally:
        server.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=5, help="rounds of timed queries (default 5)")
    parser.add_argument("--sizes-only", action="store_true", help="index sizes, no browser")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-figures-") as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
                           cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        report: dict[str, Any] = {"index": sizes(site_dir)}
        if not args.sizes_only:
            report["timing"] = timings(site_dir, args.runs)
        print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
