"""Performance and quality budgets of the site, measured on this machine (``make bench``).

Usage (from the repository root)::

    .venv/bin/python tests/tools/benchmark.py            # everything, prints the table
    .venv/bin/python tests/tools/benchmark.py --quick    # fewer runs (a rough look)
    .venv/bin/python tests/tools/benchmark.py --only build,scaling --json out.json

Sections (``tests/benchmarks.md`` holds the figures of the last full run, written by it):

1. ``build``   full build of both scripts, median wall time of ``--runs`` runs, against the same
               build with the project's hooks switched off (a copy of mkdocs.yml without
               ``hooks:``; its zh-Hant edition is unconverted and has no topic pages), the two
               alternating so that a busy machine slows both alike, and one build with every
               event handler timed (which steps take longest). Each build is measured whole:
               the CPU of every process it runs (``os.wait4``: the build and each process it
               waited for) and its peak memory, every process summed (the larger of the build's
               own peak and the sum of the process tree's resident memory, sampled every
               ``MEMORY_SAMPLE_S``). Budgets: CPU per HTML page written ≤ 1.1× plain Material's
               per page; peak memory ≤ 300 MB.
               ``--before REF`` (default: the merge-base of HEAD and ``main``; ``none`` skips it):
               the same full build of that commit (``git archive`` into the bench's temp folder),
               its runs interleaved with the current tree's. Budget: current / before wall time
               ≤ 1.1× (within 10 %).
2. ``scaling`` synthetic content at 1×, 4× and 16× the real entry count: every content page
               copied k−1 times with fresh page titles, entry titles and URLs (same vocabulary,
               so topic matching, conversion and search do real work), built with the hooks.
               Budget: 16× content costs ≤ 17× the time of 1×.
3. ``serve``   ``mkdocs serve --dirty`` (what ``make serve`` runs) on a free localhost port: time
               from editing one page to the end of the rebuild it triggers (the "Documentation
               built" line), median of 3 edits. Budget: ≤ 0.3× the full build of the same run.
4. ``sizes``   search index per script (bytes, gzip); weight of the home page, a section page
               and a topic page: HTML + CSS + JS + fonts it loads, raw and gzip.
5. ``search``  keystroke-to-results time in Chromium over the query table of the search tests
               (tests/data/search_cases.yml), median. Budget: 50 ms. Relevance over
               tests/data/search_relevance.yml (tests/search_relevance.py): success@1 and MRR.
   ``search_scale`` the 1×, 4× and 16× content of ``scaling`` built and served to Chromium:
               search index per script (bytes, gzip), the index bytes a page downloads on load
               and to the first query's results (as sent: gzip), keystroke-to-results median
               and p95. Budgets: median ≤ 50 ms at 1×, ≤ 100 ms (p95 ≤ 300 ms) at 16×; 0 index
               bytes on page load; ≤ 150 KB to the first query at 16×; index ≤ 2 MB gzip at 16×.
6. ``quality`` Lighthouse (performance, accessibility, best practices, SEO; default mobile
               settings, median of ``--lighthouse-runs`` by performance) and axe-core (serious
               + critical violations, both scripts, light and dark) on the same three pages.
               Budgets: accessibility 100, best practices ≥ 95, SEO ≥ 95, performance ≥ 90;
               axe 0.
7. ``checks``  the content check (``python -m hooks.check``) of generated pages of every hostile
               shape found (``HOSTILE_SHAPES``: unclosed ``<``, ``[`` and ``](``, nested brackets,
               quotes and ``<div markdown>``, backtick runs, footnotes, abbreviations, duplicate
               headings, …), each at 1 MB and cut to just under the page-size and line-count
               limits of hooks/check/shape.py, with lines under its line-length limit; each row
               says whether the shape guard refused the page. Figure: CPU seconds of the check of the page minus
               those of a small page (the data files and the set-up both share; CPU time, as
               the machine may be shared), wall seconds beside it. Budget: ≤ 1 s per page.
8. ``suite``   ``make test``'s own work in a fresh clone of HEAD (lint and the tests; the venv is
               this one's) against one full build of the same clone: wall seconds, and CPU
               seconds of every process (``os.wait4``), which a loaded machine does not stretch.
               Budget: ≤ 40× the build.

The browser sections serve the built site from localhost as a static host does (gzip, a
10-minute cache lifetime, 404 outside the site). Lighthouse and axe-core come from
tests/browser/ (``npm ci`` there; ``make bench`` does it). Timings belong here, never in a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from project_copy import copy_project  # noqa: E402

BROWSER_TOOLS = ROOT / "tests" / "browser"
LIGHTHOUSE = BROWSER_TOOLS / "node_modules" / ".bin" / "lighthouse"
AXE = BROWSER_TOOLS / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PAGES = {"home": "", "section": "training/peft/", "topic": "topics/lora/"}
FIGURES = ROOT / "tests" / "benchmarks.md"
SECTIONS = ("build", "scaling", "serve", "sizes", "search", "search_scale", "quality", "checks", "suite")
BUDGETS = {
    "check_1mb_s": 1.0,
    "cpu_per_page": 1.1,  # the whole build's CPU per HTML page, at most 1.1× plain Material's
    "peak_mb": 300,  # peak memory of the whole build, every process summed
    "before_ratio": 1.1,  # the full build's wall time within 10 % of the commit it started from
    "serve_ratio": 0.3,  # make serve: edit → rebuilt in at most 0.3× the full build
    "suite_ratio": 40.0,  # make test's own work in a fresh clone (lint and tests, not the venv): ≤ 40 builds
    "scaling_16x": 17.0,  # 16× content costs at most 17× the time
    "search_ms": 50.0,
    "search_ms_16x": 100.0,
    "search_index_gzip_16x": 2_000_000,
    "search_p95_ms_16x": 300.0,
    "search_first_query_bytes_16x": 150_000,  # bytes fetched for the first query's results, per script
    "search_bytes_on_load": 0,  # search index bytes a page downloads before anyone searches
    "performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95,
    "axe": 0,
}
MEMORY_SAMPLE_S = 0.05
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float, peak_mb: float = float("nan")) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.peak_mb.append(peak_mb)

    @property
    def median_wall(self) -> float:
        return median(self.wall)

    @property
    def median_cpu(self) -> float:
        return median(self.cpu)

    @property
    def max_peak_mb(self) -> float:
        return max(self.peak_mb, default=float("nan"))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, summed (Linux ``/proc``; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_BYTES
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):  # ended meanwhile
            continue
    return total


class TreeMemory:
    """The largest summed resident memory of a process tree, sampled until ``stop``."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(MEMORY_SAMPLE_S):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> tuple[float, float, float]:
    """One ``mkdocs build`` of a project folder, measured whole: (wall seconds, CPU seconds of the
    build and every process it waited for, peak MB of every process summed)."""
    with tempfile.TemporaryFile() as output:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config,
                                 "--site-dir", str(site_dir)], cwd=project, env=ENV, stdout=output,
                                stderr=subprocess.STDOUT)
        memory = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of the build and of what it waited for
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampled = memory.stop()
        if proc.returncode != 0:
            output.seek(0)
            raise SystemExit(f"build of {project} ({config}) failed:\n"
                             f"{output.read()[-6000:].decode('utf-8', 'replace')}")
    peak = max(sampled, usage.ru_maxrss * 1024)  # ru_maxrss: KiB on Linux, one process's peak
    return wall, usage.ru_utime + usage.ru_stime, peak / 2**20


# ---------------------------------------------------------------- 1. build vs. no hooks


def baseline_config(text: str) -> str:
    """mkdocs.yml without the project's hooks: plain Material + i18n.

    awesome-pages must be lenient (``strict: false``, as mkdocs.yml has it) because the nav
    names the topic pages, which only the hooks generate.
    """
    without_hooks, count = re.subn(r"(?m)^hooks:\n(?:(?:[ \t]+.*)?\n)*?(?=^\S|\Z)", "", text)
    if count != 1:
        raise SystemExit("mkdocs.yml: no top-level 'hooks:' list found")
    if not re.search(r"(?m)^\s*- awesome-pages:\s*\n\s+strict: false", without_hooks):
        raise SystemExit("mkdocs.yml: awesome-pages is expected with 'strict: false'")
    return without_hooks


def default_before() -> str | None:
    """The commit this branch started from: its merge-base with ``main`` (None without one)."""
    for branch in ("main", "origin/main"):
        proc = subprocess.run(["git", "merge-base", "HEAD", branch], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode == 0 and proc.stdout.strip():
            return proc.stdout.strip()
    return None


def export_commit(ref: str, target: Path) -> str:
    """The tracked files of a commit in ``target`` (``git archive``); returns its short hash."""
    commit = subprocess.run(["git", "rev-parse", "--short", f"{ref}^{{commit}}"], cwd=ROOT, capture_output=True,
                            text=True)
    if commit.returncode != 0:
        raise SystemExit(f"--before {ref}: not a commit of this repository")
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", commit.stdout.strip()], cwd=ROOT,
                             capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return commit.stdout.strip()


def bench_build(project: Path, work: Path, runs: int, results: dict, before: str | None = None) -> Path:
    (project / "mkdocs.baseline.yml").write_text(baseline_config((project / "mkdocs.yml").read_text(encoding="utf-8")),
                                                 encoding="utf-8")
    site = work / "site"
    log("build: warm-up build (its output serves the browser sections)")
    build(project, site)
    earlier = None
    if before:
        earlier = work / "before"
        before = export_commit(before, earlier)
        log(f"build: warm-up build of {before} (before)")
        build(earlier, work / "site-before")
    hooks, plain, then = Timing(), Timing(), Timing()
    for i in range(runs):
        log(f"build: run {i + 1}/{runs}")
        hooks.add(*build(project, work / "site-run"))
        plain.add(*build(project, work / "site-plain", "mkdocs.baseline.yml"))
        if earlier:
            then.add(*build(earlier, work / "site-before"))
    pages = {"hooks": count_html(work / "site-run"), "plain": count_html(work / "site-plain")}
    results["build"] = {
        "runs": runs,
        "hooks_wall_s": hooks.wall, "plain_wall_s": plain.wall,
        "hooks_cpu_s": hooks.cpu, "plain_cpu_s": plain.cpu,
        "hooks_peak_mb": hooks.peak_mb, "plain_peak_mb": plain.peak_mb,
        "hooks_median_s": hooks.median_wall, "plain_median_s": plain.median_wall,
        "overhead": hooks.median_wall / plain.median_wall - 1,
        "overhead_cpu": hooks.median_cpu / plain.median_cpu - 1,
        "html_pages": pages,
        "cpu_per_page_s": {"hooks": hooks.median_cpu / pages["hooks"], "plain": plain.median_cpu / pages["plain"]},
        "peak_mb": {"hooks": hooks.max_peak_mb, "plain": plain.max_peak_mb},
    }
    if earlier:
        results["build"]["before"] = {
            "commit": before, "wall_s": then.wall, "cpu_s": then.cpu, "median_s": then.median_wall,
            "peak_mb": then.max_peak_mb, "all_peak_mb": then.peak_mb,
            "ratio": hooks.median_wall / then.median_wall, "ratio_cpu": hooks.median_cpu / then.median_cpu,
        }
    log("build: one more build with each hook timed")
    times = hook_times(project, work / "site-timed")
    results["build"]["event_times_s"] = times
    results["build"]["hooks_own_s"] = sum(v for k, v in times.items() if k.startswith("hooks/"))
    results["build"]["step_times_s"] = times.pop("steps", {})
    results["build"]["timed_total_s"] = times["total"]
    return site


EVENT_TIMER = r"""
import json, sys, time
from mkdocs import plugins
from mkdocs.__main__ import cli

own, stack = {}, []
def run_event(self, name, item=None, **kwargs):  # PluginCollection.run_event, timing each handler
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        stack.append(0.0)
        t0 = time.perf_counter()
        result = method(item, **kwargs) if item is not None else method(**kwargs)
        spent = time.perf_counter() - t0
        nested = stack.pop()  # mkdocs-static-i18n runs the next language's build inside its handler
        if stack:
            stack[-1] += spent
        origin = self._current_plugin or "<unknown>"  # a plugin's name, or hooks/pipeline.py
        own[origin] = own.get(origin, 0.0) + spent - nested
        if result is not None:
            item = result
    self._current_plugin = None
    return item
plugins.PluginCollection.run_event = run_event

sys.path.insert(0, ".")  # the project's own package, which hooks/pipeline.py then uses
from hooks.stages import Stages
current, step_times = Stages.current, {}
def timed_handler(self, step):  # each pipeline step timed on its own
    method = current(self, step)
    step = step.__qualname__
    def run(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            step_times[step] = step_times.get(step, 0.0) + time.perf_counter() - t0
    return run
Stages.current = timed_handler
sys.path.pop(0)
t0 = time.perf_counter()
try:
    cli(["build", "--quiet", "--site-dir", sys.argv[1]])
except SystemExit as exit:
    if exit.code:
        raise
own["total"] = time.perf_counter() - t0
own["steps"] = step_times
print("EVENT-TIMES " + json.dumps(own))
"""


def hook_times(project: Path, site_dir: Path) -> dict[str, float]:
    """One build with every event handler timed (exclusive of nested builds): seconds per
    hook file and per plugin, and the whole build."""
    proc = subprocess.run([sys.executable, "-c", EVENT_TIMER, str(site_dir)], cwd=project, env=ENV,
                          capture_output=True, text=True)
    line = next((out for out in proc.stdout.splitlines() if out.startswith("EVENT-TIMES ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"timed build failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return json.loads(line.removeprefix("EVENT-TIMES "))


def count_html(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


# ---------------------------------------------------------------- 2. scaling


LINK_RE = re.compile(r"\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^)\s]+)\)")
TITLE_RE = re.compile(r"(?m)^(title:[ \t]*)(.+)$")
H1_RE = re.compile(r"(?m)^(# .+?)[ \t]*$")
NOT_COPIED_PAGES = {"index.md"}
NOT_COPIED_FOLDERS = ("about/",)


def fresh_copy(markdown: str, n: int) -> str:
    """A page's copy number n: new page title, new entry titles and URLs (same host)."""
    def link(m: re.Match[str]) -> str:
        url = urlsplit(m["url"])
        path = url.path.rstrip("/") + f"/copy-{n}"
        return f"[{m['label']}（{n}）]({urlunsplit((url.scheme, url.netloc, path, url.query, url.fragment))})"

    out = LINK_RE.sub(link, markdown)
    out = TITLE_RE.sub(lambda m: f"{m[1]}{m[2]}（{n}）", out, count=1)
    return H1_RE.sub(lambda m: f"{m[1]}（{n}）", out, count=1)


def content_pages(docs: Path) -> list[Path]:
    pages = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        if rel in NOT_COPIED_PAGES or rel.startswith(NOT_COPIED_FOLDERS) or rel.endswith(".zh-Hant.md"):
            continue
        pages.append(page)
    return pages


def replicate(project: Path, factor: int) -> None:
    """Copy every content page ``factor - 1`` times next to itself (kept out of the nav)."""
    docs = project / "docs"
    for page in content_pages(docs):
        text = page.read_text(encoding="utf-8")
        for n in range(2, factor + 1):
            page.with_name(f"{page.stem}--copy-{n}.md").write_text(fresh_copy(text, n), encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nnot_in_nav: |\n  *--copy-*.md\n")


def scaled_copy(target: Path, factor: int) -> Path:
    """A fresh copy of the project at ``target`` with its content ``factor`` times over."""
    if target.exists():
        shutil.rmtree(target)
    copy_project(target)
    if factor > 1:
        replicate(target, factor)
    return target


def entry_count(project: Path) -> int:
    from hooks.parse.catalog import read_catalog

    docs = project / "docs"
    pages = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md")) if not p.name.endswith(".zh-Hant.md")]
    return len(read_catalog(docs, pages).entries)


def bench_scaling(project: Path, work: Path, factors: Sequence[int], runs: int, results: dict) -> None:
    rows: list[dict[str, Any]] = []
    base_time = results.get("build", {}).get("hooks_median_s")
    for factor in factors:
        copy = scaled_copy(work / f"scale-{factor}", factor)
        entries = entry_count(copy)
        timing = Timing()
        if factor == 1 and base_time is not None:
            timing.wall = list(results["build"]["hooks_wall_s"])
            timing.cpu = list(results["build"]["hooks_cpu_s"])
        else:
            for i in range(runs):
                log(f"scaling: {factor}× run {i + 1}/{runs} ({entries} entries)")
                timing.add(*build(copy, work / f"site-scale-{factor}"))
        rows.append({"factor": factor, "entries": entries, "pages": len(content_pages(copy / "docs")),
                     "median_s": timing.median_wall, "median_cpu_s": timing.median_cpu, "wall_s": timing.wall})
        shutil.rmtree(work / f"site-scale-{factor}", ignore_errors=True)
    one = rows[0]["median_s"]
    for row in rows:
        row["time_ratio"] = row["median_s"] / one
        row["content_ratio"] = row["entries"] / rows[0]["entries"]
    results["scaling"] = rows


# ---------------------------------------------------------------- 3. serve rebuild


SERVE_EDIT_PAGE = "training/peft.md"
BUILT_RE = re.compile(r"Documentation built in (?P<s>[0-9.]+) seconds")
RELOADED_RE = re.compile(r"Reloading browsers")
"""A rebuild is done when the browsers reload: MkDocs' log drops a message it has logged before,
so a rebuild that takes as long as an earlier one prints no "Documentation built in" line."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_serve(project: Path, edits: int, results: dict, timeout: float = 180) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],  # as make serve
        cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )
    lines: list[tuple[float, str]] = []
    lock = threading.Condition()

    def reader() -> None:
        assert proc.stdout is not None  # opened with stdout=PIPE
        for line in proc.stdout:
            with lock:
                lines.append((time.perf_counter(), line.rstrip()))
                lock.notify_all()

    threading.Thread(target=reader, daemon=True).start()

    def wait_built(after: int, done: re.Pattern[str] = BUILT_RE) -> tuple[float, float | None]:
        deadline = time.perf_counter() + timeout
        with lock:
            while True:
                for i, (at, line) in enumerate(lines[after:], after):
                    if done.search(line):
                        built = [BUILT_RE.search(text) for _, text in lines[after:i + 1]]
                        return at, next((float(m["s"]) for m in reversed(built) if m), None)
                if proc.poll() is not None or time.perf_counter() > deadline:
                    tail = "\n".join(line for _, line in lines[-30:])
                    raise SystemExit(f"mkdocs serve: no rebuild seen\n{tail}")
                lock.wait(0.5)

    page = project / "docs" / SERVE_EDIT_PAGE
    try:
        log("serve: first build")
        first_at, first_s = wait_built(0)
        time.sleep(1.0)  # let the watcher settle
        rebuilds, reported = [], []
        for i in range(edits):
            with lock:
                seen = len(lines)
            t0 = time.perf_counter()
            with page.open("a", encoding="utf-8") as f:
                f.write(f"\n编辑 {i + 1}：本段只为计时而加。\n")
            at, seconds = wait_built(seen, RELOADED_RE)
            rebuilds.append(at - t0)
            reported.append(seconds)
            log(f"serve: edit {i + 1}/{edits}: {at - t0:.2f} s")
            time.sleep(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    results["serve"] = {"first_build_s": first_s, "rebuild_s": rebuilds, "reported_s": reported,
                        "median_rebuild_s": median(rebuilds), "page": SERVE_EDIT_PAGE}


# ---------------------------------------------------------------- 4. sizes


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])


FONT_URL_RE = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+\.(?:woff2?|ttf|otf|eot))(?:[?#][^'\")]*)?['\"]?\s*\)")


def page_weight(site: Path, rel: str) -> dict[str, int]:
    """HTML + CSS + JS + fonts one page loads (files of the site), raw and gzip."""
    html_path = site / rel / "index.html"
    html = html_path.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    files: dict[str, set[Path]] = {"html": {html_path}, "css": set(), "js": set(), "fonts": set()}
    for kind, refs in (("css", parser.css), ("js", parser.js)):
        for ref in refs:
            if urlsplit(ref).scheme:
                continue
            path = (html_path.parent / urlsplit(ref).path).resolve()
            if path.is_file():
                files[kind].add(path)
    for css in list(files["css"]):
        for m in FONT_URL_RE.finditer(css.read_text(encoding="utf-8", errors="replace")):
            font = (css.parent / m["url"]).resolve()
            if font.is_file():
                files["fonts"].add(font)
    out: dict[str, int] = {}
    for kind, paths in files.items():
        out[kind] = sum(p.stat().st_size for p in paths)
        out[f"{kind}_gzip"] = sum(gzip_size(p.read_bytes()) for p in paths)
    out["total"] = sum(out[k] for k in files)
    out["total_gzip"] = sum(out[f"{k}_gzip"] for k in files)
    return out


def bench_sizes(site: Path, results: dict) -> None:
    results["sizes"] = {"search_index": index_figures(site),
                        "pages": {name: page_weight(site, rel) for name, rel in PAGES.items()}}


# ---------------------------------------------------------------- static host for the browser


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """The site under its base path, as a static host serves it: gzip, max-age=600, 404s."""

    base_path = "/"
    compressible = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
    _gzip_cache: dict[Path, bytes] = {}

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.base_path):])

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        if (path.suffix in self.compressible and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = self._gzip_cache.get(path)
            if body is None:
                body = self._gzip_cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


class StaticHost:
    def __init__(self, root: Path, base_path: str) -> None:
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        handler = type("Handler", (_StaticHost,), {"base_path": base, "_gzip_cache": {}})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{base}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- 5. search latency


def search_queries() -> dict[str, list[str]]:
    """Queries per script from the search tests' table (tests/data/search_cases.yml)."""
    import yaml

    path = ROOT / "tests" / "data" / "search_cases.yml"
    cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    queries: dict[str, list[str]] = {}
    for case in cases:
        queries.setdefault(case["site"], []).append(str(case["query"]))
    return queries


KEY_PROBE = """
(() => {
  // When the reader pressed a key, and when the result list changed (results shown).
  const keys = window.__keyProbe = { down: [], shown: [] };
  document.addEventListener("keydown", ev => keys.down.push(performance.now()), true);
  const watch = () => {
    const list = document.querySelector(".md-search-result");
    if (!list) return setTimeout(watch, 50);
    new MutationObserver(() => keys.shown.push(performance.now()))
      .observe(list, { childList: true, subtree: true, characterData: true });
  };
  document.addEventListener("DOMContentLoaded", watch);
})();
"""


def keystroke_latency(page, query: str) -> float:
    """Milliseconds from the key press that made the search run to the results shown.

    The worker is asked in answer to a key (the last character, or the key that commits
    Chinese input); the time runs from that key's keydown (or from the input of the last
    character, when the query went out on it before the committing key) to the first change of
    the result list after the worker's answer, one animation frame later (painted).
    """
    probe = page.evaluate("[window.__searchProbe, window.__keyProbe]")
    search, keys = probe
    sent = [s["at"] for s in search["sent"] if s["query"] == query][-1]
    answered = [r["at"] for r in search["results"] if r["query"] == query][-1]
    pressed = max((t for t in keys["down"] if t <= sent), default=None)
    if pressed is None:  # sent on the input of the last character (typed text fires no keydown), before End
        pressed = max(i["at"] for i in search["inputs"] if i["value"] == query and i["at"] <= sent)
    shown = min((t for t in keys["shown"] if t >= answered), default=answered)
    return shown - pressed


def index_bytes(requests: list) -> int:
    """Bytes of the search index received so far, as sent (gzip from the host): every finished
    request under a ``search/`` folder (the manifest and parts, ``hooks/search/parts.py``),
    the page's and its search worker's (which the page's resource timing does not list)."""
    return sum(r.sizes()["responseBodySize"] for r in requests if "/search/" in urlsplit(r.url).path)


def bench_search(url: str, rounds: int, results: dict) -> None:
    from browser_support import SEARCH_PROBE, VIEWPORT, SearchBox, launch_chromium
    from playwright.sync_api import sync_playwright

    per_site, first, pooled, on_load, to_first = {}, {}, [], {}, {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for site, queries in search_queries().items():
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            context.add_init_script(SEARCH_PROBE)
            context.add_init_script(KEY_PROBE)
            finished: list = []
            context.on("requestfinished", lambda request, finished=finished: finished.append(request))
            page = context.new_page()
            page.goto(url if site == "zh-Hans" else urljoin(url, f"{site}/"))
            page.wait_for_load_state("networkidle")
            on_load[site] = index_bytes(finished)
            box = SearchBox(page)
            box.query(queries[0])  # the first query, typed key by key, loads the parts it needs
            first[site] = keystroke_latency(page, queries[0])
            to_first[site] = index_bytes(finished)
            times, worker = [], []
            for _ in range(rounds):
                for query in queries:
                    worker.append(box.query(query).latency_ms)
                    times.append(keystroke_latency(page, query))
            pooled += times
            per_site[site] = {"queries": len(queries), "median_ms": median(times),
                              "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))], "max_ms": max(times),
                              "input_to_answer_median_ms": median(worker)}
            context.close()
        browser.close()
    results["search"] = {"per_site": per_site, "first_query_ms": first, "rounds": rounds,
                         "index_bytes_on_load": on_load, "index_bytes_to_first_query": to_first,
                         "median_ms": median(pooled), "p95_ms": sorted(pooled)[int(0.95 * (len(pooled) - 1))],
                         "relevance": search_relevance(url)}


def search_relevance(url: str) -> dict:
    """success@1 and MRR over tests/data/search_relevance.yml, typed in Chromium."""
    from browser_support import SearchBox, launch_chromium, new_context
    from playwright.sync_api import sync_playwright
    from search_relevance import EDITIONS, measure

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = new_context(browser)
        boxes: dict = {}

        def box_for(edition: str):
            if edition not in boxes:
                page = context.new_page()
                page.goto(urljoin(url, EDITIONS[edition]))
                boxes[edition] = SearchBox(page)
            return boxes[edition]

        summary = measure(box_for, url)
        context.close()
        browser.close()
    return {**summary.figures(), "misses": summary.misses()}


def index_figures(site: Path) -> dict[str, dict[str, int]]:
    """Per script: the whole index (``search_index.json``: bytes, gzip bytes, documents) and
    its parts as the browser may load them (``parts_gzip_bytes``: every part file's gzip bytes
    summed; ``manifest_gzip_bytes``: the part every query loads)."""
    from hooks.search.index import index_path, index_sizes
    from hooks.search.parts import MANIFEST, parts_folder

    figures = {}
    for language, prefix in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/")):
        path = index_path(site, prefix)
        size, gzipped = index_sizes(path)
        docs = len(json.loads(path.read_text(encoding="utf-8"))["docs"])
        parts = sorted(parts_folder(site, prefix).glob("*.js"))
        figures[language] = {"bytes": size, "gzip_bytes": gzipped, "documents": docs,
                             "parts": len(parts), "parts_gzip_bytes": sum(gzip_size(p.read_bytes()) for p in parts),
                             "manifest_gzip_bytes": gzip_size((parts_folder(site, prefix) / MANIFEST).read_bytes())}
    return figures


def bench_search_scale(work: Path, factors: Sequence[int], rounds: int, results: dict) -> None:
    """Build each content factor (as ``scaling`` makes it), serve it, measure index and latency."""
    from conftest import site_base_path

    rows = []
    for factor in factors:
        copy = scaled_copy(work / f"search-scale-{factor}", factor)
        site = work / f"site-search-scale-{factor}"
        log(f"search_scale: building {factor}× content")
        build(copy, site)
        host = StaticHost(site, site_base_path())
        try:
            log(f"search_scale: typing the query table at {factor}×")
            timing: dict = {}
            bench_search(host.url, rounds, timing)
        finally:
            host.stop()
        rows.append({"factor": factor, "index": index_figures(site), "median_ms": timing["search"]["median_ms"],
                     "p95_ms": timing["search"]["p95_ms"], "first_query_ms": timing["search"]["first_query_ms"],
                     "index_bytes_on_load": timing["search"]["index_bytes_on_load"],
                     "index_bytes_to_first_query": timing["search"]["index_bytes_to_first_query"],
                     "relevance": {k: v for k, v in timing["search"]["relevance"].items() if k != "misses"}})
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)
    results["search_scale"] = rows


# ---------------------------------------------------------------- 6. Lighthouse and axe


def lighthouse(url: str, out: Path) -> dict[str, float]:
    env = {**ENV, "CHROME_PATH": str(CHROMIUM)}
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility,best-practices,seo",
         f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0 or not out.is_file():
        raise SystemExit(f"lighthouse {url} failed:\n{proc.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    metrics = {key: report["audits"][key].get("displayValue", "") for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index")}
    console = [f"{item.get('description', '')} ({(item.get('sourceLocation') or {}).get('url', '')})" for item in
               (report["audits"]["errors-in-console"].get("details") or {}).get("items", [])]
    failing = sorted(a["id"] for a in report["audits"].values()
                     if a.get("score") is not None and a["score"] < 1
                     and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return {**scores, "failing": failing, "metrics": metrics, "console_errors": console}


def axe_violations(page, url: str) -> list[dict]:
    """Serious and critical axe-core violations of one page (default rule set)."""
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
            for v in found if v["impact"] in ("serious", "critical")]


def bench_quality(url: str, work: Path, runs: int, results: dict) -> None:
    from browser_support import VIEWPORT, launch_chromium
    from playwright.sync_api import sync_playwright

    rows = {}
    for name, rel in PAGES.items():
        found = []
        for i in range(runs):
            log(f"quality: lighthouse {name} {i + 1}/{runs}")
            found.append(lighthouse(url + rel, work / f"lighthouse-{name}-{i}.json"))
        found.sort(key=lambda scores: scores["performance"])
        rows[name] = {"path": rel or "/", "lighthouse": found[len(found) // 2],
                      "performance_runs": [scores["performance"] for scores in found]}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, rel in PAGES.items():
            violations = []
            for scheme in ("light", "dark"):
                for prefix in ("", "zh-Hant/"):
                    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", color_scheme=scheme,
                                                  bypass_csp=True)  # axe is injected as an inline script
                    violations += [{**v, "scheme": scheme, "script": prefix or "zh-Hans"}
                                   for v in axe_violations(context.new_page(), url + prefix + rel)]
                    context.close()
            rows[name]["axe"] = violations
        browser.close()
    results["quality"] = rows


# ---------------------------------------------------------------- machine and report


def machine() -> dict[str, str]:
    def first_line(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
            return out.splitlines()[0] if out else "?"
        except (OSError, subprocess.TimeoutExpired):
            return "not found"

    cpu = "?"
    meminfo = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        meminfo = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        pass
    mem_gib = f"{int(meminfo.split()[1]) / 1024 / 1024:.1f} GiB" if meminfo else "?"
    from importlib.metadata import version

    return {
        "nproc": str(os.cpu_count()),
        "memory": mem_gib,
        "cpu": cpu,
        "python": platform.python_version(),
        "chromium": first_line([str(CHROMIUM), "--version"]),
        "node": first_line(["node", "--version"]),
        "lighthouse": first_line([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "not installed",
        "axe-core": (json.loads((AXE.parent / "package.json").read_text())["version"] if AXE.exists()
                     else "not installed"),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(results: dict) -> str:
    rows: list[tuple[str, str, str, str]] = []
    if "build" in results:
        b = results["build"]
        rows.append((f"full build, both scripts (median of {b['runs']:d})", f"{b['hooks_median_s']:.2f} s",
                     "", ""))
        rows.append(("same build, hooks off (plain Material + i18n)", f"{b['plain_median_s']:.2f} s", "", ""))
        if "before" in b:
            w = b["before"]
            rows.append((f"same build of {w['commit']} (before, runs interleaved)", f"{w['median_s']:.2f} s", "", ""))
            rows.append(("  now / before (wall; CPU, every process)", f"{w['ratio']:.2f}×; {w['ratio_cpu']:.2f}×",
                         f"≤ {BUDGETS['before_ratio']:.2f}× (wall)", verdict(w["ratio"] <= BUDGETS["before_ratio"])))
        rows.append(("hooks add (wall / CPU; the plain build has no zh-Hant conversion or topic pages)",
                     f"{b['overhead']:+.0%} / {b['overhead_cpu']:+.0%}", "", ""))
        rows.append(("HTML pages written (hooks / hooks off)",
                     f"{b['html_pages']['hooks']} / {b['html_pages']['plain']}", "", ""))
        per_page = b["cpu_per_page_s"]
        ratio = per_page["hooks"] / per_page["plain"]
        rows.append(("whole build's CPU (every process) per HTML page: hooks / plain Material",
                     f"{per_page['hooks'] * 1000:.1f} ms / {per_page['plain'] * 1000:.1f} ms = {ratio:.2f}×",
                     f"≤ {BUDGETS['cpu_per_page']}×", verdict(ratio <= BUDGETS["cpu_per_page"])))
        peak = b["peak_mb"]
        rows.append(("peak memory of the whole build, every process summed (most of any run)",
                     f"{peak['hooks']:.0f} MB (plain Material {peak['plain']:.0f} MB"
                     + (f", before {b['before']['peak_mb']:.0f} MB)" if "before" in b else ")"),
                     f"≤ {BUDGETS['peak_mb']} MB", verdict(peak["hooks"] <= BUDGETS["peak_mb"])))
        if "hooks_own_s" in b:
            share = b["hooks_own_s"] / b["timed_total_s"]
            rows.append(("time inside the hooks' own code (one timed build)",
                         f"{b['hooks_own_s']:.2f} s of {b['timed_total_s']:.2f} s ({share:.0%})", "", ""))
            top = sorted(b.get("step_times_s", {}).items(), key=lambda kv: -kv[1])[:4]
            rows.append(("  largest (pipeline steps)", ", ".join(f"{k} {v:.2f} s" for k, v in top), "", ""))
    if "scaling" in results:
        for row in results["scaling"]:
            ok = row["factor"] != 16 or row["time_ratio"] <= BUDGETS["scaling_16x"]
            rows.append((f"{row['factor']}× content ({row['entries']} entries, {row['pages']} content pages)",
                         f"{row['median_s']:.2f} s = {row['time_ratio']:.2f}×",
                         f"≤ {BUDGETS['scaling_16x']:.0f}×" if row["factor"] == 16 else "",
                         verdict(ok) if row["factor"] == 16 else ""))
    if "serve" in results:
        s = results["serve"]
        rows.append(("mkdocs serve: first build", f"{s['first_build_s']:.2f} s", "", ""))
        rows.append((f"make serve: edit {s['page']} → rebuilt (median of {len(s['rebuild_s'])})",
                     f"{s['median_rebuild_s']:.2f} s", "", ""))
        if "build" in results:
            ratio = s["median_rebuild_s"] / results["build"]["hooks_median_s"]
            rows.append(("  edit → rebuilt, relative to the full build (same run)", f"{ratio:.2f}×",
                         f"≤ {BUDGETS['serve_ratio']}×", verdict(ratio <= BUDGETS["serve_ratio"])))
    if "suite" in results:
        t = results["suite"]
        parts = ", ".join(f"{k} {v:.0f} s" for k, v in t["parts_s"].items())
        rows.append(("make test in a fresh clone, its own work (not the venv)", f"{t['total_s']:.0f} s ({parts})",
                     "", ""))
        rows.append(("  relative to one full build of that clone", f"{t['ratio']:.1f}× ({t['build_s']:.2f} s)",
                     f"≤ {BUDGETS['suite_ratio']:.0f}×", verdict(t["ratio"] <= BUDGETS["suite_ratio"])))
        if "ratio_cpu" in t:  # CPU seconds, every process: what a loaded machine does not stretch
            parts_cpu = ", ".join(f"{k} {v:.0f} s" for k, v in t["parts_cpu_s"].items())
            rows.append(("  CPU, every process", f"{t['total_cpu_s']:.0f} s ({parts_cpu}); "
                         f"{t['ratio_cpu']:.1f}× one build's {t['build_cpu_s']:.2f} s", "", ""))
        if t.get("failed"):
            rows.append(("  failed in that run", ", ".join(t["failed"]), "none", verdict(False)))
    if "sizes" in results:
        for language, f in results["sizes"]["search_index"].items():
            rows.append((f"search index {language} ({f['documents']} documents)",
                         f"{f['bytes']:,} B ({f['gzip_bytes']:,} B gzip)", "", ""))
        for name, w in results["sizes"]["pages"].items():
            rows.append((f"page weight {name} /{PAGES[name]} (HTML+CSS+JS+fonts)",
                         f"{w['total']:,} B ({w['total_gzip']:,} B gzip)", "", ""))
            rows.append(("  of which HTML / CSS / JS / fonts, gzip",
                         f"{w['html_gzip']:,} / {w['css_gzip']:,} / {w['js_gzip']:,} / {w['fonts_gzip']:,} B", "", ""))
    if "search" in results:
        s = results["search"]
        queries = sum(f["queries"] for f in s["per_site"].values())
        rows.append((f"search: keystroke → results shown ({queries} queries × {s['rounds']})",
                     f"median {s['median_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms", f"≤ {BUDGETS['search_ms']:.0f} ms",
                     verdict(s["median_ms"] <= BUDGETS["search_ms"])))
        for site, f in s["per_site"].items():
            rows.append((f"  {site}", f"median {f['median_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms", "", ""))
        rows.append(("search: first query of a page (loads the index)",
                     ", ".join(f"{k} {v:.0f} ms" for k, v in s["first_query_ms"].items()), "", ""))
        r = s["relevance"]
        rows.append((f"search relevance ({r['queries']} queries): success@1 / MRR",
                     f"{r['success_at_1']:.1%} / {r['mrr']:.3f}", "", ""))
        rows.append(("  generated page above the expected page", str(r["generated_above_expected"]), "0",
                     verdict(r["generated_above_expected"] == 0)))
        for miss in r["misses"]:
            rows.append(("  miss", miss[:140], "", ""))
    if "search_scale" in results:
        for row in results["search_scale"]:
            budget = {1: BUDGETS["search_ms"], 16: BUDGETS["search_ms_16x"]}.get(row["factor"])
            at16 = row["factor"] == 16
            p95_ok = not at16 or row["p95_ms"] <= BUDGETS["search_p95_ms_16x"]
            ok = budget is not None and row["median_ms"] <= budget and p95_ok
            limit = f"median ≤ {budget:.0f} ms" if budget else ""
            if at16:
                limit += f", p95 ≤ {BUDGETS['search_p95_ms_16x']:.0f} ms"
            rows.append((f"search at {row['factor']}×: keystroke → results shown",
                         f"median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms",
                         limit, verdict(ok) if budget else ""))
            for language, loaded in row.get("index_bytes_on_load", {}).items():
                rows.append((f"  search index bytes on page load, {language} at {row['factor']}×", f"{loaded:,} B",
                             "0", verdict(loaded <= BUDGETS["search_bytes_on_load"])))
            for language, fetched in row.get("index_bytes_to_first_query", {}).items():
                most = BUDGETS["search_first_query_bytes_16x"]
                rows.append((f"  search index bytes to the first query's results, {language} at {row['factor']}×",
                             f"{fetched:,} B (gzip)", f"≤ {most / 1000:.0f} KB" if at16 else "",
                             verdict(fetched <= most) if at16 else ""))
            for language, f in row["index"].items():
                ok = row["factor"] != 16 or f["gzip_bytes"] <= BUDGETS["search_index_gzip_16x"]
                rows.append((f"  index {language} at {row['factor']}× ({f['documents']} documents)",
                             f"{f['bytes']:,} B ({f['gzip_bytes']:,} B gzip)",
                             "≤ 2 MB gzip" if row["factor"] == 16 else "", verdict(ok) if row["factor"] == 16 else ""))
                if "parts" in f:
                    rows.append((f"  its parts at {row['factor']}×: {f['parts']} files",
                                 f"{f['parts_gzip_bytes']:,} B gzip in all, manifest {f['manifest_gzip_bytes']:,} B",
                                 "", ""))
    if "quality" in results:
        for name, q in results["quality"].items():
            lh = q["lighthouse"]
            for key, label in (("performance", "performance"), ("accessibility", "accessibility"),
                               ("best-practices", "best practices"), ("seo", "SEO")):
                budget = BUDGETS[key]
                figure = str(lh[key])
                if key == "performance" and len(q.get("performance_runs", [])) > 1:
                    figure += f" (median of {', '.join(map(str, q['performance_runs']))})"
                rows.append((f"Lighthouse {label}, {name} /{PAGES[name]}", figure,
                             f"{'=' if budget == 100 else '≥'} {budget}", verdict(lh[key] >= budget)))
            axe = q["axe"]
            rows.append((f"axe serious+critical, {name} (both scripts, light+dark)", str(len(axe)),
                         "0", verdict(len(axe) == 0)))
        errors = sorted({e for q in results["quality"].values() for e in q["lighthouse"]["console_errors"]})
        for error in errors:
            rows.append(("  console error seen by Lighthouse", error[:140], "", ""))
    if "checks" in results:
        c = results["checks"]
        for shape, f in c["shapes"].items():
            cpu = f.get("cpu_seconds", f["seconds"])
            rows.append((f"check of a page: {shape} ({'refused' if f.get('refused') else 'accepted'}; "
                         f"beyond a small page's {c.get('baseline_cpu_s', c['baseline_s']):.2f} s CPU)",
                         f"{cpu:.2f} s CPU, {f['seconds']:.2f} s wall" if cpu != float("inf")
                         else f"> {CHECK_TIMEOUT_S} s", f"≤ {BUDGETS['check_1mb_s']:.0f} s",
                         verdict(cpu <= BUDGETS["check_1mb_s"])))
    width = [max(len(r[i]) for r in rows) for i in range(4)] if rows else [0] * 4
    header = ("measure", "figure", "budget", "")
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, width, strict=True)).rstrip(),
             "-+-".join("-" * w for w in width)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, width, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- checks


HOSTILE_SIZE = 1_000_000
LIMIT_SIZE = 95_000  # just under the page-size limit of hooks/check/shape.py
LIMIT_LINES = 2_950  # just under its limit of lines
WRAP = 1_000  # the at-the-limit pages are broken into lines of this length (under the line limit)


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _backtick_runs(size: int) -> str:
    text = _fill("文字 ", size // 4)
    return "\n\n".join("`" * (i % 60 + 1) + " 代码 " + text[: size // 900 // 4] for i in range(900))


HOSTILE_SHAPES: dict[str, Callable[[int], str]] = {
    # the shapes that make Python-Markdown, an extension of mkdocs.yml or a check super-linear
    "900 backtick runs": _backtick_runs,
    "one long line of prose": lambda n: _fill("一行 [文字](a.md) **粗** ", n),
    "'<' starting tags never closed": lambda n: _fill("a < b <c ", n),
    "'<' alone": lambda n: _fill("<", n),
    "nested '[' … ']'": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "'[' never closed": lambda n: _fill("[", n),
    "link destinations '](' never closed": lambda n: _fill("[a](", n),
    "'![' runs": lambda n: _fill("![", n),
    "unclosed link titles": lambda n: _fill('[a](b "x) ', n),
    "long link title": lambda n: '[a](b "' + "t" * n + '")',
    "'*' and '_' runs": lambda n: _fill("*a _b **c ", n),
    "'&' entities": lambda n: _fill("&amp; &#12; &", n),
    "backslashes": lambda n: _fill("\\", n),
    "HTML comments": lambda n: _fill("<!-- a --> ", n),
    "HTML comments never closed": lambda n: _fill("<!-- ", n),
    "autolinks never closed": lambda n: _fill("<http://a ", n),
    "'<div' never closed": lambda n: _fill("<div ", n),
    "nested <div markdown>": lambda n: "<div markdown>\n" * (n // 30) + "x\n" + "</div>\n" * (n // 30),
    "deep quote '> > >'": lambda n: _fill("> ", n) + "x",
    "quotes one level deeper per line": lambda n: "\n".join("> " * i + "x" for i in range(1, int((2 * n) ** 0.5))),
    "deep list": lambda n: "\n".join("  " * i + "- x" for i in range(int(n ** 0.5))),
    "long table": lambda n: "| a | b |\n| --- | --- |\n" + _fill("| x | y |\n", n),
    "wide table": lambda n: "| " + "a | " * (n // 8) + "\n|" + "---|" * (n // 8) + "\n",
    "footnote references": lambda n: _fill("a[^1]\n\n", n) + "[^1]: 注\n",
    "footnotes": lambda n: "".join(f"a[^{i}]\n\n[^{i}]: 注\n\n" for i in range(n // 20)),
    "abbreviations": lambda n: "".join(f"*[A{i}]: x\n" for i in range(n // 24)) + "\n" + _fill("A1 b ", n // 2),
    "definition lists without blank lines": lambda n: _fill("t\n: d\n", n),
    "duplicate headings": lambda n: _fill("# h\n\n", n),
    "setext headings": lambda n: _fill("a\n=\n", n),
    "inline code with highlighting": lambda n: _fill("`#!python x` ", n),
    "code fences": lambda n: _fill("```\n", n),
    "details and admonitions": lambda n: _fill("??? note\n    x\n\n!!! note\n    x\n\n", n),
    "task lists": lambda n: _fill("- [ ] x\n", n),
    "mark, tilde and keys": lambda n: _fill("==a ~~b ++ctrl+", n),
}


def _wrapped(text: str) -> str:
    """Long lines broken after a space (a page under the line limit; the shape otherwise kept)."""
    lines = []
    for line in text.split("\n"):
        while len(line) > WRAP:
            cut = line.rfind(" ", WRAP // 2, WRAP) + 1 or WRAP
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def hostile_pages() -> dict[str, str]:
    """Markdown bodies: each shape at 1 MB, and at just under the page-size limit with its lines
    under the line limit (what the guard does not refuse for size is rendered: its real cost)."""
    pages = {}
    for name, make in HOSTILE_SHAPES.items():
        pages[f"{name}, 1 MB"] = make(HOSTILE_SIZE)
        lines = _wrapped(make(LIMIT_SIZE)).split("\n")[:LIMIT_LINES]
        pages[f"{name}, {LIMIT_SIZE // 1000} KB or {LIMIT_LINES} lines"] = "\n".join(lines)[:LIMIT_SIZE - 1000]
    return pages


CHECK_TIMEOUT_S = 120  # a shape still running then is reported as taking longer
REFUSED_MARK = "rendering such a page takes too long"  # the guard's findings (hooks/check/shape.py)


def timed_check(project: Path, rel: str) -> tuple[float, float, bool]:
    """(wall seconds, CPU seconds, refused by the shape guard) of `python -m hooks.check docs/<rel>`
    in the project (inf past the timeout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "hooks.check", f"docs/{rel}"], cwd=project,
                              capture_output=True, text=True, timeout=CHECK_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf"), False
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - start, cpu, REFUSED_MARK in proc.stdout


def bench_checks(project: Path, results: dict) -> None:
    folder = project / "docs" / "bench-checks"
    folder.mkdir()
    head = "---\ntitle: 测试\ndescription: 测试页。\n---\n\n# 测试\n\n"
    (folder / "small.md").write_text(head + "正文。\n", encoding="utf-8")
    small = [timed_check(project, "bench-checks/small.md") for _ in range(3)]
    base, base_cpu = median([t[0] for t in small]), median([t[1] for t in small])
    figures = {}
    for number, (shape, body) in enumerate(hostile_pages().items()):
        rel = f"bench-checks/page-{number}.md"
        (project / "docs" / rel).write_text(head + body + "\n", encoding="utf-8")
        log(f"checks: {shape}")
        wall, cpu, refused = timed_check(project, rel)
        figures[shape] = {"bytes": len((head + body).encode("utf-8")), "seconds": wall - base,
                          "cpu_seconds": cpu - base_cpu, "refused": refused}
        (project / "docs" / rel).unlink()
    results["checks"] = {"baseline_s": base, "baseline_cpu_s": base_cpu, "shapes": figures}


# ---------------------------------------------------------------- main


SUITE_COMMANDS = (  # what `make test` runs once its venv and browser are there (the Makefile's test target)
    ("lint", [".venv/bin/ruff", "check", "hooks", "tests"]),
    ("lint", [".venv/bin/mypy"]),
    ("tests", [".venv/bin/python", "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", "-n", "auto",
               "--dist", "loadfile"]),
)


def bench_suite(work: Path, results: dict) -> None:
    """``make test`` in a fresh clone of HEAD, its own work only (the venv is this one's), against
    one full build of the same clone: wall seconds of each, and CPU seconds (every process each
    waited for, ``os.wait4``: a loaded machine stretches wall time, not CPU time)."""
    clone = work / "suite-clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    log("suite: one full build of the fresh clone")
    one_build, one_build_cpu, _ = build(clone, work / "suite-site")
    spent: dict[str, float] = {}
    spent_cpu: dict[str, float] = {}
    failed: list[str] = []
    for part, command in SUITE_COMMANDS:
        log(f"suite: {' '.join(command[:3])} …")
        t0 = time.perf_counter()
        with tempfile.TemporaryFile() as output:
            proc = subprocess.Popen(command, cwd=clone, env=ENV, stdout=output, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            spent[part] = spent.get(part, 0.0) + time.perf_counter() - t0
            spent_cpu[part] = spent_cpu.get(part, 0.0) + usage.ru_utime + usage.ru_stime
            if os.waitstatus_to_exitcode(status) != 0:  # the other sections' figures are kept; the report says so
                output.seek(0)
                log(f"suite: {' '.join(command)} failed:\n{output.read()[-4000:].decode('utf-8', 'replace')}")
                failed.append(" ".join(command[:3]))
    results["suite"] = {"build_s": one_build, "parts_s": spent, "total_s": sum(spent.values()),
                        "ratio": sum(spent.values()) / one_build, "build_cpu_s": one_build_cpu,
                        "parts_cpu_s": spent_cpu, "total_cpu_s": sum(spent_cpu.values()),
                        "ratio_cpu": sum(spent_cpu.values()) / one_build_cpu, "failed": failed}


def ensure_browser_tools(quality: bool = True) -> None:
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium")
    if quality and not (LIGHTHOUSE.exists() and AXE.exists()):
        log("installing Lighthouse and axe-core (npm ci in tests/browser)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BROWSER_TOOLS, check=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="full builds per configuration (default 5)")
    parser.add_argument("--scaling-runs", type=int, default=2, help="builds per scaling factor (default 2)")
    parser.add_argument("--factors", default="1,4,16", help="content factors (default 1,4,16)")
    parser.add_argument("--search-rounds", type=int, default=1, help="rounds over the query table (default 1)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page, the median by performance kept (default 3)")
    parser.add_argument("--quick", action="store_true", help="3 build runs, 1 scaling run, 1 Lighthouse run")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections, of {','.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this JSON file")
    parser.add_argument("--before", metavar="REF", default="",
                        help="build section: also time this commit's full build, runs interleaved "
                             "(default: the merge-base of HEAD and main; 'none': skip)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.scaling_runs, args.search_rounds, args.lighthouse_runs = 3, 1, 1, 1
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if {"search", "search_scale", "quality"} & set(sections):
        ensure_browser_tools(quality="quality" in sections)

    from conftest import site_base_path

    started = time.perf_counter()
    results: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="llm-kb-bench-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        site = None
        if "build" in sections:
            before = None if args.before == "none" else args.before or default_before()
            if before is None:
                log("build: no merge-base with main; the before/after comparison is skipped (--before REF)")
            site = bench_build(project, work, args.runs, results, before)
        if "scaling" in sections:
            bench_scaling(project, work, [int(f) for f in args.factors.split(",")], args.scaling_runs, results)
        if site is None and {"sizes", "search", "quality"} & set(sections):
            site = work / "site"
            log("building the site for the remaining sections")
            build(project, site)
        if "sizes" in sections:
            assert site is not None  # built above for these sections
            bench_sizes(site, results)
        if {"search", "quality"} & set(sections):
            assert site is not None
            host = StaticHost(site, site_base_path())
            try:
                if "search" in sections:
                    log("search: typing the query table in Chromium")
                    bench_search(host.url, args.search_rounds, results)
                if "quality" in sections:
                    bench_quality(host.url, work, args.lighthouse_runs, results)
            finally:
                host.stop()
        if "search_scale" in sections:
            bench_search_scale(work, [int(f) for f in args.factors.split(",")], args.search_rounds, results)
        if "checks" in sections:
            bench_checks(copy_project(work / "checks-project"), results)
        if "serve" in sections:
            serve_copy = copy_project(work / "serve-project")
            bench_serve(serve_copy, 3, results)
        if "suite" in sections:
            bench_suite(work, results)
    results["elapsed_s"] = time.perf_counter() - started
    m = results["machine"]
    print(f"machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']}, Python {m['python']}, {m['chromium']}, "
          f"node {m['node']}, Lighthouse {m['lighthouse']}, axe-core {m['axe-core']}, "
          f"mkdocs {m['mkdocs']}, Material {m['mkdocs-material']}; load average at start {m['load_average']}")
    print(report(results))
    print(f"benchmark took {results['elapsed_s']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    if set(sections) == set(SECTIONS) and not args.quick:  # a full run: the figures of record
        FIGURES.write_text(figures_page(results), encoding="utf-8")
        print(f"figures written to {FIGURES.relative_to(ROOT)}")
    return 0


def figures_page(results: dict) -> str:
    """The Markdown file of the last full run's figures (``make bench`` writes it)."""
    m = results["machine"]
    return "\n".join([
        "# Benchmark figures",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d')}; what each row measures is in the",
        "docstring of `tests/tools/benchmark.py`. Machine: "
        f"{m['nproc']} CPUs ({m['cpu']}), {m['memory']}, Python {m['python']}, {m['chromium']}, "
        f"mkdocs {m['mkdocs']}, Material {m['mkdocs-material']}; load average at start {m['load_average']}.",
        "",
        "```text",
        report(results),
        "```",
        "",
    ])


if __name__ == "__main__":
    sys.exit(main())
