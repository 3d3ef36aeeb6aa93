"""Check the content without building the site: `.venv/bin/python hooks/check_content.py`.

Prints one line per problem, `file:line: reason — fix`, and exits 1 if there is any (0 if none,
2 on a usage error). The same checks run inside every `mkdocs build` / `mkdocs serve`
(hooks/content_guard.py). Options:

    PAGE ...            check only these pages (paths under docs/ or relative to it)
    --simplify FILE ... rewrite pages written in traditional script into simplified Chinese
                        (OpenCC t2s on the prose; code, URLs and links stay) — review the result
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
sys.path.insert(0, str(HOOKS))

from content_checks import check_project  # noqa: E402
from content_checks.runner import Project  # noqa: E402


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
        raise SystemExit(f"check_content: no such page under {project.display(project.docs_dir)}/: {', '.join(missing)}")
    return pages


def simplify(files: list[str]) -> int:
    import opencc
    import zh_convert
    from content_checks.script import load_exceptions, simplify as simplify_text

    exceptions = load_exceptions(HOOKS / "data" / "simplified_exceptions.txt")
    convert = opencc.OpenCC("t2s").convert
    for name in files:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = simplify_text(before, convert, exceptions, zh_convert.convert_markdown)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"{name}: converted to simplified Chinese — review the changes before committing")
        else:
            print(f"{name}: already simplified")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_content.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to check (default: every page)")
    parser.add_argument("--simplify", nargs="+", metavar="FILE", help="convert pages to simplified Chinese")
    parser.add_argument("--root", default=str(HOOKS.parent), help="project root (holds mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.simplify:
        return simplify(args.simplify)
    project = Project.at(args.root)
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
