"""``python -m hooks.sources NAME PATH [--dry-run]``: import a source list into ``docs/``.

NAME is a source of ``hooks/data/source_lists.yml``; PATH a clone of its repository (history
gives each URL the day the list first held it), a folder holding its list files, or one
Markdown file. Prints what changes; ``--dry-run`` writes nothing. Exit code 1 when entries
have no section to go to (map their heading in ``source_lists.yml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks import paths
from hooks.parse.data_files import DataFileError
from hooks.parse.entries import Entry
from hooks.sources.config import load_lists
from hooks.sources.history import GitFailed
from hooks.sources.importer import Project, apply, page_changes, prepare
from hooks.sources.plan import ImportPlan, NewEntry


def report(plan: ImportPlan, repairs: list[str], changed_pages: list[str], dry_run: bool) -> list[str]:
    """The lines the command prints."""
    source, record = plan.source, plan.record
    version = f"commit {record.commit[:12]} of {record.date}" if record.commit else "a snapshot without history"
    lines = [f"{source.name}: {record.entries} entries in {version}; {len(record.listed)} URLs dated by history"]
    lines += [f"  read leniently: {line}" for line in repairs]
    verb = "would add" if dry_run else "added"
    for new, placement in plan.placed:
        entry = new.entry
        lines.append(f"  {verb} {placement.page} § {placement.heading}: {entry.title}"
                     + (f" <{entry.url}>" if entry.url else " (no link)"))
    for new, site in plan.replacing:
        lines.append(f"  {'would write' if dry_run else 'wrote'} docs/{site.page}:{site.line}: {new.entry.title} "
                     f"<{new.entry.url}> (in place of {_replaced(new, site)})")
    for entry, site in plan.same_title:
        lines.append(f"  same title already on the site, not added: {entry.title} <{entry.url}> "
                     f"(docs/{site.page}:{site.line} <{site.url}>)")
    for heading in plan.unplaced_headings:
        count = sum(1 for n in plan.new if n.placement is None and n.entry.heading == heading)
        lines.append(f"  {paths.SOURCE_LISTS.name}: heading '{heading}' of {source.name} has no section "
                     f"({count} new entries) — map it under sections: of {source.name}")
    for entry in plan.dropped:
        lines.append(f"  no longer listed by {source.name} (kept): docs/{entry.page}:{entry.line}: {entry.title}")
    for entry in plan.never_listed:
        lines.append(f"  docs/{entry.page}:{entry.line}: {entry.title}: credited to {source.name} alone, whose "
                     f"history never held it — credit the source it comes from on its section's 收录自 line")
    if plan.changes_record:
        lines.append(f"  {'would record' if dry_run else 'recorded'} {source.name} in {paths.SOURCE_IMPORTS.name}")
    if changed_pages:
        lines.append(f"  pages {'to change' if dry_run else 'changed'}: " + ", ".join(changed_pages))
    if plan.nothing_to_do:
        lines.append("  nothing to do: the site holds every entry of this version")
    return lines


def _replaced(new: NewEntry, site: Entry) -> str:
    if new.supporting:
        return "the article's old supporting link"
    return f"the old address <{site.url}>" if site.url else "the name without link"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.sources", description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the source's name in hooks/data/source_lists.yml, e.g. llm-action")
    parser.add_argument("path", type=Path, help="a clone of the source's repository, or a Markdown file")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    parser.add_argument("--docs", type=Path, default=paths.ROOT / "docs", help=argparse.SUPPRESS)
    parser.add_argument("--lists", type=Path, default=paths.SOURCE_LISTS, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, default=paths.SOURCE_IMPORTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    project = Project(args.docs, args.lists, args.records)
    if not args.path.exists():
        print(f"{args.path}: no such file or folder — give a clone of the source (git clone URL PATH)", file=sys.stderr)
        return 2
    try:
        plan, repairs = prepare(project, args.name, args.path)
    except (DataFileError, GitFailed) as error:
        print(error, file=sys.stderr)
        return 2
    except KeyError as error:
        print(f"{paths.SOURCE_LISTS.name}: {error.args[0]}", file=sys.stderr)
        return 2
    changed = sorted(page_changes(project, plan, load_lists(project.lists_file, project.docs_dir)))
    if not args.dry_run:
        apply(project, plan)
    print("\n".join(report(plan, repairs, changed, args.dry_run)))
    return 1 if plan.unplaced_headings else 0


if __name__ == "__main__":
    sys.exit(main())
