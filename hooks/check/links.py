"""Links between pages of the site: the target page exists and so does the #anchor."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from hooks.parse.markdown import Source

from .findings import Finding

Anchors = Callable[[str], "frozenset[str] | None"]


MAX_SUGGESTED = 20  # broken links of a page given a "did you mean" (each costs a fuzzy search)


def _suggest(wanted: str, choices: list[str], found: int = 0) -> str:
    if found >= MAX_SUGGESTED:
        return ""
    close = difflib.get_close_matches(wanted, choices, n=3, cutoff=0.75)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def check_internal_links(source: Source, targets: Mapping[str, bool], anchors_of: Anchors,
                         unlisted: Iterable[str] = ()) -> list[Finding]:
    """Relative links and images of one page.

    targets: docs-relative path of every file the site will have → True if it is a Markdown page.
    anchors_of(path): the ids of a page, or None when they are not known (a generated page).
    unlisted: folders whose pages cannot be listed now; links into them are not judged.
    """
    unlisted = tuple(folder.rstrip("/") + "/" for folder in unlisted)
    problems = []
    folders = {posixpath.dirname(path) for path in targets}
    for link in source.links:
        dest = link.dest
        if not dest or "{{" in dest:
            continue
        parts = urlsplit(dest)
        if parts.scheme or parts.netloc:
            continue  # external (or a scheme reported by the URL check)
        line = source.line(link.offset)

        def problem(reason: str, fix: str, code: str = "broken-link", line: int = line) -> None:
            problems.append(Finding(source.path, line, reason, fix, code))

        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            problem(f"absolute link '{dest}' breaks when the site is served under a sub-path or read offline",
                    "link to the .md file by its path relative to this page, e.g. ../training/peft.md")
            continue
        if not path:
            target = source.page
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source.page), path))
            if target.startswith("../") or target == "..":
                problem(f"link '{dest}' points outside docs/",
                        "link to a page of the site, or to the full https:// URL")
                continue
            if path.endswith("/") or target in folders or target == ".":
                index = posixpath.join(target, "index.md") if target != "." else "index.md"
                relative = posixpath.relpath(index, posixpath.dirname(source.page) or ".")
                problem(f"link '{dest}' points at a folder, not a page",
                        f"link to the page file itself, e.g. {relative}")
                continue
            if target.startswith(unlisted):
                continue
            if target not in targets:
                pages = [p for p in targets if targets[p]]
                suggestion = _suggest(target, pages, len(problems))
                problem(f"link '{dest}' points at {target}, which does not exist{suggestion}",
                        "fix the path (relative to this page, ending in .md) or create the page")
                continue
        if fragment and targets.get(target, False):
            ids = anchors_of(target)
            if ids is not None and fragment not in ids:
                where = "this page" if target == source.page else target
                problem(f"link '{dest}': {where} has no heading or anchor '#{fragment}'"
                        f"{_suggest(fragment, sorted(ids), len(problems))}",
                        "use the heading's id as the build makes it (lower case, spaces → '-'), "
                        "or give the heading an explicit id: ## 标题 { #my-id }", "broken-anchor")
    return problems
