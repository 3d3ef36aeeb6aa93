"""Check the content without building the site: `python -m hooks.check` (`make check`).

Prints one line per problem, `file:line: reason — fix`, and exits 1 if there is any (0 if none,
2 on a usage error). The same checks run inside every `mkdocs build` / `mkdocs serve`
(hooks/check/stage.py). Options:

    PAGE ...            check only these pages (paths under docs/ or relative to it)
    --shapes            print the pages' largest figures of each shape limit (hooks/check/shape.py)
    --simplify FILE ... rewrite pages written in traditional script into simplified Chinese
                        (OpenCC t2s on the prose; code, URLs and links stay) — review the result
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks import languages, paths
from hooks.check import check_project
from hooks.check.runner import INCLUDED_PAGES, Project


def _pages(project: Project, given: list[str]) -> list[str]:
    pages = []
    for name in given:
        path = Path(name).resolve()
        try:
            pages.append(path.relative_to(project.docs_dir).as_posix())
        except ValueError:
            pages.append(Path(name).as_posix())
    missing = [p for p in pages if not (project.docs_dir / p).is_file()]
    if missing:
        raise SystemExit(f"hooks.check: no such page under {project.display(project.docs_dir)}/: {', '.join(missing)}")
    return pages


def simplify(files: list[str]) -> int:
    from hooks.check.script import load_exceptions
    from hooks.check.script import simplify as simplify_text
    from hooks.convert.chinese import convert_markdown

    exceptions = load_exceptions(paths.SIMPLIFIED_EXCEPTIONS)
    convert = languages.to_simplified()
    for name in files:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = simplify_text(before, convert, exceptions, convert_markdown)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"{name}: converted to simplified Chinese — review the changes before committing")
        else:
            print(f"{name}: already simplified")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to check (default: every page)")
    parser.add_argument("--simplify", nargs="+", metavar="FILE", help="convert pages to simplified Chinese")
    parser.add_argument("--shapes", action="store_true", help="print the pages' figures beside the shape limits")
    parser.add_argument("--root", default=str(paths.ROOT), help="project root (holds mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.simplify:
        return simplify(args.simplify)
    project = Project.at(args.root)
    if args.shapes:
        from hooks.check.shape import print_figures

        if args.pages:
            pages = [project.docs_dir / p for p in _pages(project, args.pages)]
        else:
            pages = [project.docs_dir / p for p in project.docs_files() if p.endswith(".md")]
            pages += [project.root / included for included in INCLUDED_PAGES.values()]
        return print_figures(pages, project.root)
    report = check_project(project, _pages(project, args.pages) if args.pages else None)
    for finding in report.findings:
        print(finding)
    summary = (f"{report.pages} pages and {report.data_files} data files checked in "
               f"{report.seconds:.2f} s: ")
    if report.ok:
        print(summary + "no problems", file=sys.stderr)
        return 0
    files = len({f.path for f in report.findings})
    print(summary + f"{len(report.findings)} problem(s) in {files} file(s)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
