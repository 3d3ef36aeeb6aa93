"""``python -m hooks.links.cli check|rewrite-moved|report`` (``make linkcheck``, ``make linkfix``).

- ``check``: check the external URLs of docs/ (or of ``--urls FILE``) and merge the result
  into ``hooks/data/link_status.yml``. Network problems are reported, never a failure: exit 0.
- ``rewrite-moved``: replace permanently redirected URLs in docs/**/*.md in place; review
  the change with ``git diff``.
- ``report``: dead and moved links by page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from hooks.links.checker import CheckerConfig, LinkChecker, OutsideLoopbackError, host_key
from hooks.links.progress import Progress
from hooks.links.report import problems_by_page, report_lines
from hooks.links.rewrite import moves_from_status, rewrite_pages
from hooks.links.sources import collect_urls, read_url_list, unique_urls
from hooks.links.status_file import STATUS_FILE, StatusFileError, load_status, merge_status, write_status

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hooks.links.cli", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="pages folder (default: docs/)")
    parser.add_argument("--data", type=Path, default=STATUS_FILE,
                        help="data file (default: hooks/data/link_status.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    defaults = CheckerConfig()
    check = commands.add_parser("check", help="check the URLs and update the data file")
    check.add_argument("--concurrency", type=int, default=defaults.concurrency, help="requests at once, overall")
    check.add_argument("--per-host", type=int, default=defaults.per_host, help="requests at once, per host")
    check.add_argument("--pace", type=float, default=defaults.pace, help="seconds between requests to one host")
    check.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per request")
    check.add_argument("--retries", type=int, default=defaults.retries, help="retries of a temporary failure")
    check.add_argument("--backoff", type=float, default=defaults.backoff, help="first retry pause, doubled each time")
    check.add_argument("--only-host", action="append", default=[], metavar="H",
                       help="check only URLs on host H (repeatable)")
    check.add_argument("--urls", type=Path, metavar="FILE", help="check the URLs of FILE (one a line) instead of docs/")
    check.add_argument("--loopback-only", action="store_true", help="refuse any address but 127.0.0.1 / ::1")
    commands.add_parser("rewrite-moved", help="rewrite permanently moved URLs in docs/ (review with git diff)")
    commands.add_parser("report", help="print dead and moved links by page")
    return parser


def run_check(args: argparse.Namespace) -> int:
    """The ``check`` command."""
    in_docs = unique_urls(collect_urls(args.docs))
    urls = read_url_list(args.urls) if args.urls else in_docs
    hosts = {host.lower() for host in args.only_host}
    if hosts:
        urls = [url for url in urls if host_key(url) in hosts]
    config = CheckerConfig(concurrency=args.concurrency, per_host=args.per_host, pace=args.pace,
                           timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                           loopback_only=args.loopback_only)
    old = load_status(args.data)
    print(f"checking {len(urls)} URL(s): at most {config.concurrency} at once, {config.per_host} per host, "
          f"{config.pace:g} s apart per host", file=sys.stderr)
    progress = Progress(len(urls))
    try:
        results = LinkChecker(config, on_result=progress).check_sync(urls)
    except OutsideLoopbackError as exc:
        progress.close()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    progress.close()
    today = dt.date.today().isoformat()
    fresh = {url: record for url, result in results.items() if (record := result.record(today))}
    full_run = not args.urls and not hosts
    merged = merge_status(old, fresh, keep=in_docs if full_run else None)
    write_status(merged, args.data)
    counts = Counter(result.status.value for result in results.values())
    print("result: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) if counts
          else "result: nothing to check", file=sys.stderr)
    if counts.get("unchecked"):
        some = next(r for r in results.values() if r.status.value == "unchecked")
        print(f"{counts['unchecked']} URL(s) could not be checked from here ({some.error}); "
              "their previous records are kept", file=sys.stderr)
    print(f"wrote {args.data}", file=sys.stderr)
    return 0


def run_rewrite(args: argparse.Namespace) -> int:
    """The ``rewrite-moved`` command."""
    moves, doubtful = moves_from_status(load_status(args.data))
    changed = rewrite_pages(args.docs, moves)
    for page, count in changed.items():
        print(f"docs/{page}: {count} link(s) updated")
    for url, target in sorted(doubtful.items()):
        print(f"not rewritten (redirects to a home page; check by hand): {url} → {target}")
    print(f"{sum(changed.values())} link(s) updated in {len(changed)} page(s); review with git diff"
          if changed else "no moved links to update")
    return 0


def run_report(args: argparse.Namespace) -> int:
    """The ``report`` command."""
    problems = problems_by_page(collect_urls(args.docs), load_status(args.data))
    lines = report_lines(problems)
    print("\n".join(lines) if lines else "no dead or moved links known")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 unless the command was misused or a file is broken)."""
    args = _parser().parse_args(argv)
    try:
        return {"check": run_check, "rewrite-moved": run_rewrite, "report": run_report}[args.command](args)
    except StatusFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
