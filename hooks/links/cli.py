"""``python -m hooks.links.cli check|rewrite-moved|report`` (``make linkcheck``, ``make linkfix``).

- ``check``: check the external URLs of docs/ (or of ``--urls FILE``) and merge the results
  into ``hooks/data/link_status.yml`` as they come. Network problems are reported, never a
  failure: exit 0 (a run that finds no network at all stops in its first seconds). Ctrl-C keeps
  what was checked (exit 130); a second run on the same data file is refused (exit 1).
- ``rewrite-moved``: replace permanently redirected URLs in docs/**/*.md in place, printing each
  (file:line: old → new) first; moves that need a person's judgement are listed, not applied;
  ``--dry-run`` writes nothing. Review the change with ``git diff``.
- ``report``: dead and moved links by page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import sys
from collections import Counter
from pathlib import Path

from hooks.links.checker import CheckerConfig, CheckResult, LinkChecker, NoNetworkError, OutsideLoopbackError, host_key
from hooks.links.journal import CheckJournal, DataFileBusy, data_lock
from hooks.links.policy import Status
from hooks.links.progress import Progress
from hooks.links.report import problems_by_page, report_lines
from hooks.links.rewrite import apply_plan, moves_from_status, plan_pages
from hooks.links.sources import collect_urls, read_url_list, unique_urls, unreadable_pages
from hooks.links.status_file import STATUS_FILE, StatusFileError, load_status

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
    check.add_argument("--timeout", type=float, default=defaults.timeout,
                       help="seconds to wait for each connect or read")
    check.add_argument("--deadline", type=float, default=defaults.deadline,
                       help="seconds for a whole request: connect, headers and body")
    check.add_argument("--retries", type=int, default=defaults.retries, help="retries of a temporary failure")
    check.add_argument("--backoff", type=float, default=defaults.backoff, help="first retry pause, doubled each time")
    check.add_argument("--only-host", action="append", default=[], metavar="H",
                       help="check only URLs on host H (repeatable)")
    check.add_argument("--urls", type=Path, metavar="FILE", help="check the URLs of FILE (one a line) instead of docs/")
    check.add_argument("--loopback-only", action="store_true", help="refuse any address but 127.0.0.1 / ::1")
    check.add_argument("--force", action="store_true",
                       help="go on even when the first hosts tried give no HTTP answer (no network)")
    rewrite = commands.add_parser("rewrite-moved",
                                  help="rewrite permanently moved URLs in docs/ (review with git diff)")
    rewrite.add_argument("--dry-run", action="store_true", help="print the rewrites, write nothing")
    commands.add_parser("report", help="print dead and moved links by page")
    return parser


def say(text: str) -> None:
    """One line for the maintainer, on stderr."""
    print(text, file=sys.stderr, flush=True)


def summary_lines(settled: dict[str, CheckResult]) -> list[str]:
    """The counts by status, and why URLs were left unchecked."""
    counts = Counter(result.status.value for result in settled.values())
    if not counts:
        return ["result: nothing to check"]
    lines = ["result: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))]
    unchecked = [r for r in settled.values() if r.status is Status.UNCHECKED]
    if unchecked:
        hosts = sorted({host_key(r.failed_url) for r in unchecked})
        shown = ", ".join(hosts[:5]) + (f" and {len(hosts) - 5} more" if len(hosts) > 5 else "")
        lines.append(f"{len(unchecked)} URL(s) on {len(hosts)} host(s) ({shown}) could not be checked from here "
                     f"(e.g. {unchecked[0].error}); their previous records are kept")
    return lines


def run_check(args: argparse.Namespace) -> int:
    """The ``check`` command."""
    if not args.docs.is_dir():  # no pages would mean no links: every record would be dropped
        raise FileNotFoundError(errno.ENOENT, "no such pages folder", str(args.docs))
    in_docs = unique_urls(collect_urls(args.docs))
    unreadable = unreadable_pages(args.docs)
    for page, (line, reason) in unreadable.items():
        say(f"docs/{page}:{line}: {reason} — its links are not checked and keep their records; "
            "save the page as UTF-8")
    urls = read_url_list(args.urls) if args.urls else in_docs
    hosts = {host.lower() for host in args.only_host}
    if hosts:
        urls = [url for url in urls if host_key(url) in hosts]
    config = CheckerConfig(concurrency=args.concurrency, per_host=args.per_host, pace=args.pace,
                           timeout=args.timeout, deadline=args.deadline, retries=args.retries,
                           backoff=args.backoff, force=args.force, loopback_only=args.loopback_only)
    with data_lock(args.data):
        journal = CheckJournal(args.data, load_status(args.data), dt.date.today().isoformat())
        say(f"checking {len(urls)} URL(s): at most {config.concurrency} at once, {config.per_host} per host, "
            f"{config.pace:g} s apart per host, {config.deadline:g} s per request")
        progress = Progress(len(urls))

        def on_result(result: CheckResult) -> None:
            progress(result)
            journal.add(result)

        try:
            LinkChecker(config, on_result=on_result).check_sync(urls)
        except OutsideLoopbackError as exc:
            progress.close()
            say(f"error: {exc}")
            return 2
        except NoNetworkError as exc:
            progress.close()
            say(f"no network: {exc} — nothing was recorded and {args.data} is unchanged; check the "
                "connection or proxy, or run with --force if these hosts are down but the network is not")
            return 0
        except KeyboardInterrupt:
            progress.close()
            journal.save()
            say(f"interrupted: {len(journal.results)} of {len(urls)} URL(s) checked and saved in {args.data}; "
                "the others keep their previous records")
            return 130
        progress.close()
        full_run = not args.urls and not hosts and not unreadable
        settled = journal.save(keep=in_docs if full_run else None)
    for summary in summary_lines(settled):
        say(summary)
    say(f"wrote {args.data}")
    return 0


def run_rewrite(args: argparse.Namespace) -> int:
    """The ``rewrite-moved`` command: safe moves printed then applied, the others listed."""
    plan = plan_pages(args.docs, moves_from_status(load_status(args.data)))
    for page, reason in plan.unreadable.items():
        print(f"docs/{page}: not rewritten, cannot be read ({reason}) — save the page as UTF-8")
    for rewrite in plan.held:
        print(f"docs/{rewrite.page}:{rewrite.line}: review, not rewritten: {rewrite.old} → {rewrite.new} "
              f"— {rewrite.concern}")
    for rewrite in plan.safe:
        print(f"docs/{rewrite.page}:{rewrite.line}: {rewrite.old} → {rewrite.new}")
    safe = plan.safe
    pages = len({rewrite.page for rewrite in safe})
    if not safe:
        print("no moved links to update" + (f"; {len(plan.held)} move(s) to review above" if plan.held else ""))
    elif args.dry_run:
        print(f"dry run: {len(safe)} link(s) would be updated in {pages} page(s); nothing written")
    else:
        changed = apply_plan(args.docs, plan)
        print(f"{sum(changed.values())} link(s) updated in {len(changed)} page(s); review with git diff")
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
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except (StatusFileError, DataFileBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written; what was saved stays saved
        print(f"error: {exc.filename or ''}: {exc.strerror or exc} — check the path and its permissions",
              file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
